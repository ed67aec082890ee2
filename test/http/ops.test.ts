// The operator's side of a real server: /metrics (Prometheus text, latency by route pattern),
// /readyz (database and Redis probes), request ids; and a database that goes away under a running
// server (PostgreSQL behind a TCP proxy the test takes down): requests answer 503
// `database_unavailable` meanwhile, /readyz names the database, and all recovers on its own.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { PG_URL, postgresTestSchema } from '../helpers/databases.js';
import { dropRedisPrefix, REDIS_URL, redisTestPrefix } from '../helpers/redis.js';
import { tcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

describe('operations: /metrics, /readyz, request ids, a database restart', function () {
  this.timeout(120_000);
  let app: TestApp;
  let proxy: TcpProxy;
  let pg: Awaited<ReturnType<typeof postgresTestSchema>>;
  const prefix = redisTestPrefix('podium-ops');

  before(async () => {
    pg = await postgresTestSchema('podium_ops');
    const target = new URL(PG_URL);
    proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
    const url = new URL(pg.url);
    url.host = `127.0.0.1:${proxy.port}`;
    app = await startTestApp({ settings: { databaseUrl: url.toString(), redisUrl: REDIS_URL, redisPrefix: prefix, workers: 0 } });
  });
  after(async () => {
    await app?.close();
    await proxy?.close();
    await pg?.drop();
    await dropRedisPrefix(prefix);
  });

  it('honours an incoming X-Request-Id, makes one otherwise, and sends it back', async () => {
    const given = await app.api('/api/programmes', { headers: { 'x-request-id': 'lb-1234' } });
    expect(given.headers.get('x-request-id')).to.equal('lb-1234');
    const made = await app.api('/api/programmes', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics: HTTP latency by route pattern, jobs by state and type', async () => {
    await app.api('/api/programmes/00000000-0000-4000-8000-000000000000');
    const res = await app.api('/metrics');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const series = text.split('\n').filter((l) => l.startsWith('podium_http_request_duration_seconds_count{'));
    expect(series.some((l) => l.includes('route="/api/programmes/:id"') && l.includes('status="404"') && l.includes('role="server"'))).to.equal(true);
    expect(text, 'no raw URL as a label').not.to.include('00000000-0000-4000-8000-000000000000');
    for (const name of ['podium_jobs', 'podium_job_queue_wait_seconds', 'podium_encode_speed_ratio', 'podium_object_storage_errors_total']) expect(text).to.include(`# TYPE ${name}`);
  });

  it('is ready when the database and Redis answer', async () => {
    const res = await app.api('/readyz');
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ status: 'ready', down: [], checks: { database: 'ok', redis: 'ok' } });
  });

  it('answers 503 database_unavailable while the database is away, never crashes, and recovers on its own', async () => {
    await proxy.down();
    try {
      // (the viewer's list comes from the in-memory catalog; a job's state from the database)
      const res = await app.api('/api/jobs/00000000-0000-4000-8000-000000000000', { auth: true });
      expect(res.status).to.equal(503);
      expect(res.headers.get('retry-after')).to.equal('5');
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('database_unavailable');
      const ready = await app.api('/readyz');
      expect(ready.status).to.equal(503);
      expect(((await ready.json()) as { down: string[] }).down).to.deep.equal(['database']);
    } finally {
      await proxy.up();
    }
    let status = 0;
    for (let i = 0; i < 100 && status !== 404; i++) {
      status = (await app.api('/api/jobs/00000000-0000-4000-8000-000000000000', { auth: true })).status;
      if (status !== 404) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status, 'the job is unknown: 404 once the database answers').to.equal(404);
    expect((await app.api('/readyz')).status).to.equal(200);
  });
});
