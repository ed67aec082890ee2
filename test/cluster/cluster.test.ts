// Issue 13, the cluster killed on purpose: two server processes (no in-process workers) and two
// `npm run worker` processes, each with a data folder of its own (as on separate machines), on
// PostgreSQL (behind a TCP proxy the test takes down: a database restart as the app sees it,
// without disturbing other users of the server), Redis (BullMQ, a key prefix of this run's) and
// the Swift S3 endpoint (a bucket of this run's). Real processes, real ffmpeg, real Chromium.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { Sequelize } from 'sequelize';
import type { Browser } from 'playwright-core';
import { spawnServer, waitForJob, type ChildServer } from '../helpers/app.js';
import { launchChromium, recordPageProblems, requireChromium } from '../helpers/browser.js';
import { serverApi, startWorkerChild, until, type WorkerChild } from '../helpers/cluster.js';
import { postgresTestSchema } from '../helpers/databases.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { dropRedisPrefix, REDIS_URL, redisTestPrefix } from '../helpers/redis.js';
import { listKeys, requireS3, s3TestBucket } from '../helpers/s3.js';
import { tcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const TUS = { 'tus-resumable': '1.0.0' };
const LEASE_SEC = 4;
const b64 = (s: string) => Buffer.from(s).toString('base64');

type Api = ReturnType<typeof serverApi>;

describe('cluster: two servers and two workers on PostgreSQL, Redis and S3, killed on purpose', function () {
  this.timeout(900_000);
  let pg: Awaited<ReturnType<typeof postgresTestSchema>>;
  let proxy: TcpProxy;
  let bucket: Awaited<ReturnType<typeof s3TestBucket>>;
  const prefix = redisTestPrefix('podium-cluster');
  const adminToken = `cluster-${randomBytes(16).toString('hex')}`;
  const servers: ChildServer[] = [];
  const workers: WorkerChild[] = [];
  let a: Api;
  let b: Api;
  let env: Record<string, string>;
  let browser: Browser | undefined;
  let shortClip: Buffer;
  let db: Sequelize;
  let longClip: Buffer;

  async function startWorker(): Promise<WorkerChild> {
    const w = await startWorkerChild({ ...env, PODIUM_DATA_DIR: await tempDir('podium-cluster-worker-'), PODIUM_WORKER_PORT: '0', PODIUM_WORKERS: '1' });
    workers.push(w);
    return w;
  }

  before(async function () {
    const s3 = await requireS3(this);
    const executablePath = requireChromium(this);
    pg = await postgresTestSchema('podium_cluster');
    const target = new URL(pg.url);
    proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
    const url = new URL(pg.url);
    url.host = `127.0.0.1:${proxy.port}`;
    bucket = await s3TestBucket(s3);
    db = new Sequelize(pg.url, { dialect: 'postgres', logging: false });
    env = {
      DATABASE_URL: url.href,
      REDIS_URL,
      PODIUM_REDIS_PREFIX: prefix,
      PODIUM_S3_ENDPOINT: bucket.settings.endpoint,
      PODIUM_S3_BUCKET: bucket.settings.bucket,
      PODIUM_S3_REGION: bucket.settings.region,
      PODIUM_S3_ACCESS_KEY_ID: bucket.settings.accessKeyId,
      PODIUM_S3_SECRET_ACCESS_KEY: bucket.settings.secretAccessKey,
      PODIUM_PLAYBACK_SECRET: randomBytes(32).toString('hex'),
      PODIUM_ADMIN_TOKEN: adminToken,
      PODIUM_DEMO: 'false',
      PODIUM_JOB_LEASE_SEC: String(LEASE_SEC),
      PODIUM_JOB_RECONCILE_SEC: '2',
      PODIUM_CATALOG_CACHE_SEC: '1',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    // The servers start together: their migrations run once (the advisory lock), neither transcodes.
    servers.push(...(await Promise.all([0, 1].map(async () => spawnServer({ ...env, PODIUM_WORKERS: '0', PODIUM_DATA_DIR: await tempDir('podium-cluster-server-') }, 120_000)))));
    a = serverApi(servers[0]!.baseUrl, adminToken);
    b = serverApi(servers[1]!.baseUrl, adminToken);
    await startWorker();
    await startWorker();
    shortClip = fs.readFileSync(await makeClip({ width: 320, height: 180, fps: 25, durationSec: 2, label: 'cl' }));
    longClip = fs.readFileSync(await makeClip({ width: 640, height: 360, fps: 25, durationSec: 30, label: 'long' }));
    browser = await launchChromium(executablePath);
  });

  after(async () => {
    await browser?.close();
    for (const w of workers) await w.stop('SIGKILL').catch(() => undefined);
    for (const s of servers) await s.kill('SIGKILL').catch(() => undefined);
    await proxy?.close();
    await db?.close();
    await pg?.drop().catch(() => undefined);
    await bucket?.drop().catch(() => undefined);
    await dropRedisPrefix(prefix).catch(() => undefined);
  });

  async function createProgramme(api: Api, title: string): Promise<string> {
    const res = await api.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title } } }) });
    expect(res.status, await res.clone().text()).to.equal(201);
    const { id } = (await res.json()) as { id: string };
    // published by the editor now: viewers see it once a rendition is ready
    expect((await api.api(`/api/programmes/${id}/publish`, { method: 'POST', auth: true })).status).to.equal(200);
    return id;
  }

  /** A resumable (tus) upload through `api`; returns the job's id. */
  async function upload(api: Api, id: string, clip: Buffer): Promise<string> {
    const created = await api.api('/api/uploads', { method: 'POST', auth: true, headers: { ...TUS, 'upload-length': String(clip.length), 'upload-metadata': `programmeId ${b64(id)}` } });
    expect(created.status, await created.clone().text()).to.equal(201);
    const patched = await api.api(created.headers.get('location')!, { method: 'PATCH', auth: true, headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(clip) });
    expect(patched.status, await patched.clone().text()).to.equal(204);
    return patched.headers.get('podium-job-id')!;
  }

  interface JobRow {
    state: string;
    attempts: number;
    progress: number;
    leaseOwner: string | null;
  }
  /** The job's record, read from the database directly (the API shows editors less: no attempts, no lease). */
  const job = async (id: string): Promise<JobRow> => {
    const [rows] = await db.query('SELECT state, attempts, progress, lease_owner AS "leaseOwner" FROM jobs WHERE id = :id', { replacements: { id } });
    return (rows as JobRow[])[0]!;
  };
  /** The worker process holding the job's lease (the lease owner names its pid). */
  const holder = async (jobId: string) => {
    const owner = (await job(jobId)).leaseOwner ?? '';
    return workers.find((w) => owner.includes(`:${w.pid}:`));
  };
  const renditionsOf = async (programmeId: string) => new Set((await listKeys(bucket.client, bucket.settings.bucket, `media/${programmeId}/`)).map((k) => k.split('/')[2]).filter((r) => r !== 'posters'));

  it('an editor uploads (tus) through server A; the programme plays through server B in Chromium', async () => {
    const id = await createProgramme(a, 'Uploaded on A');
    const done = await waitForJob(b, await upload(a, id, shortClip), 300_000);
    expect(done.state, done.error ?? '').to.equal('succeeded');
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      const problems = recordPageProblems(page);
      await page.goto(`${b.baseUrl}/watch/${id}`);
      await page.waitForFunction(() => {
        const p = window.__podium?.player;
        return !!p && !p.paused() && (p.currentTime() ?? 0) > 0.2;
      }, null, { timeout: 60_000 });
      expect(problems).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('a worker SIGKILLed mid-transcode: the other completes the job, exactly one rendition is published, no orphan objects', async () => {
    const id = await createProgramme(a, 'Survives a dead worker');
    const jobId = await upload(a, id, longClip);
    await until(async () => (await job(jobId)).progress > 0, 300_000, 'the transcode to make progress');
    // the worker running it: the lease owner names its pid
    const victim = await holder(jobId);
    expect(victim, `the worker running ${jobId}`).to.not.equal(undefined);
    await victim!.stop('SIGKILL');
    workers.splice(workers.indexOf(victim!), 1);
    await startWorker(); // back to two
    const done = await waitForJob(b, jobId, 600_000);
    expect(done.state, done.error ?? '').to.equal('succeeded');
    expect((await job(jobId)).attempts).to.be.at.least(2);
    // one rendition in the bucket, and it is the one the programme names: the dead worker uploaded nothing
    const renditions = await renditionsOf(id);
    expect(renditions.size).to.equal(1);
    let hls: string | null = null;
    let last = '';
    await until(async () => {
      const res = await b.api(`/api/programmes/${id}`);
      last = `${res.status} ${await res.clone().text()}`;
      hls = res.ok ? ((await res.json()) as { hls: string | null }).hls : null;
      return hls !== null;
    }, 60_000, 'server B to list the published programme').catch((err: Error) => Promise.reject(new Error(`${err.message}: ${last.slice(0, 500)}`)));
    expect(hls).to.include(`/${[...renditions][0]}/`);
  });

  it('Redis loses its data mid-queue: no job is lost (the database puts them back)', async () => {
    const ids = await Promise.all(['R1', 'R2', 'R3'].map((t) => createProgramme(a, t)));
    const jobs = await Promise.all(ids.map((id, i) => upload(i % 2 ? b : a, id, shortClip)));
    expect(await dropRedisPrefix(prefix)).to.be.greaterThan(0);
    for (const jobId of jobs) {
      const done = await waitForJob(b, jobId, 600_000);
      expect(done.state, done.error ?? '').to.equal('succeeded');
    }
  });

  it('PostgreSQL goes away: both servers answer 503 database_unavailable meanwhile and recover on their own', async () => {
    await proxy.down();
    try {
      for (const s of [a, b]) {
        const res = await s.api('/api/jobs/00000000-0000-4000-8000-000000000000', { auth: true });
        expect(res.status).to.equal(503);
        expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('database_unavailable');
        const ready = await s.api('/readyz');
        expect(ready.status).to.equal(503);
        expect(((await ready.json()) as { down: string[] }).down).to.include('database');
      }
    } finally {
      await proxy.up();
    }
    for (const s of [a, b]) {
      await until(async () => (await s.api('/api/jobs/00000000-0000-4000-8000-000000000000', { auth: true })).status === 404, 60_000, 'the server to recover');
      expect((await s.api('/readyz')).status).to.equal(200);
    }
    for (const s of servers) expect(s.child.exitCode).to.equal(null);
    // and the workers still work
    const id = await createProgramme(b, 'After the database came back');
    const done = await waitForJob(a, await upload(b, id, shortClip), 300_000);
    expect(done.state, done.error ?? '').to.equal('succeeded');
  });

  it('SIGTERM to a busy worker hands its job back and exits within a bounded time; the other worker finishes it', async () => {
    const id = await createProgramme(a, 'Handed back');
    const jobId = await upload(a, id, longClip);
    await until(async () => (await job(jobId)).progress > 0, 300_000, 'the transcode to make progress');
    const busy = await holder(jobId);
    expect(busy).to.not.equal(undefined);
    const attemptsBefore = (await job(jobId)).attempts;
    const stopped = Date.now();
    process.kill(busy!.pid, 'SIGTERM'); // the process only (a supervisor's stop), not its group
    await busy!.exited;
    // a bound on the hand-back (not a speed measure): far above the few hundred ms it takes
    expect(Date.now() - stopped, 'exits within a minute').to.be.below(60_000);
    workers.splice(workers.indexOf(busy!), 1);
    const done = await waitForJob(b, jobId, 600_000);
    expect(done.state, done.error ?? '').to.equal('succeeded');
    // handed back, not failed: the attempt it gave up does not count against the job
    expect((await job(jobId)).attempts).to.equal(attemptsBefore);
    expect((await renditionsOf(id)).size).to.equal(1);
  });
});
