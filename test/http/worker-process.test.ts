// `npm run worker`'s process, started in this one: it runs jobs (here a real transcode of a job
// a server enqueued in the same data folder and database) and answers only /healthz, /readyz
// and /metrics; it refuses PODIUM_WORKERS=0.
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { startWorkerProcess } from '../../server/worker-process.js';
import { startTestApp, waitForJob } from '../helpers/app.js';
import { makeClip, testBinaries } from '../helpers/media.js';
import { readFile } from 'node:fs/promises';

describe('npm run worker: a worker-only process', function () {
  this.timeout(180_000);

  it('runs the jobs a server enqueues and answers only /healthz, /readyz and /metrics', async () => {
    const app = await startTestApp({ settings: { workers: 0 } });
    const logger = pino({ level: 'silent' });
    const config = loadConfig({}, { dataDir: app.dataDir, workerPort: 0, host: '127.0.0.1', demo: 'false', jobLeaseSec: 5 });
    const worker = await startWorkerProcess({ config, logger, bins: await testBinaries(), preset: 'ultrafast' });
    try {
      const created = await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: 'From the worker' } } }) });
      const { id } = (await created.json()) as { id: string };
      const clip = await readFile(await makeClip({ durationSec: 2, width: 320, height: 180, fps: 25 }));
      const put = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: new Uint8Array(clip) });
      const { jobId } = (await put.json()) as { jobId: string };
      const job = await waitForJob(app, jobId);
      expect(job, job.error ?? '').to.include({ state: 'succeeded' });
      expect((await fetch(`${worker.url}/healthz`)).status).to.equal(200);
      expect(await (await fetch(`${worker.url}/readyz`)).json()).to.deep.include({ status: 'ready', checks: { database: 'ok' } });
      const metrics = await (await fetch(`${worker.url}/metrics`)).text();
      expect(metrics).to.match(/podium_encode_speed_ratio_count\{role="worker"\} 1/);
      expect(metrics).to.match(/podium_jobs\{[^}]*state="succeeded"[^}]*\} 1/);
      expect((await fetch(`${worker.url}/api/programmes`)).status).to.equal(404);
    } finally {
      await worker.close();
      await app.close();
    }
  });

  it('refuses to start with PODIUM_WORKERS=0', async () => {
    const config = loadConfig({}, { workers: 0 });
    let error: unknown;
    await startWorkerProcess({ config, logger: pino({ level: 'silent' }), bins: await testBinaries() }).catch((e: unknown) => (error = e));
    expect(String(error)).to.include('PODIUM_WORKERS');
  });
});
