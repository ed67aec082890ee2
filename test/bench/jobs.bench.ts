// Jobs on many worker processes (BullMQ on Redis, PostgreSQL), measured with real processes:
// 1. jobs per minute with 1 worker process vs 2, on the same short clips (and their ratio);
// 2. the time from a worker's death (SIGKILL to its process group, mid-transcode) to another
//    worker taking its job over (BullMQ's stalled check, PODIUM_JOB_LEASE_SEC=BENCH_LEASE_SEC).
// A server (in this process, PODIUM_WORKERS=0) takes the uploads; `npm run worker` children run them.
import { readFile } from 'node:fs/promises';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startWorkerChild as startWorker, until, type WorkerChild } from '../helpers/cluster.js';
import { postgresTestSchema } from '../helpers/databases.js';
import { makeClip } from '../helpers/media.js';
import { dropRedisPrefix, REDIS_URL, redisTestPrefix } from '../helpers/redis.js';

const CLIPS = Number(process.env.BENCH_CLIPS ?? 6);
const LEASE_SEC = Number(process.env.BENCH_LEASE_SEC ?? 4);

async function upload(app: TestApp, clip: Buffer, title: string): Promise<string> {
  const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title } } }) });
  const { id } = (await res.json()) as { id: string };
  const put = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: new Uint8Array(clip) });
  return ((await put.json()) as { jobId: string }).jobId;
}

async function main(): Promise<void> {
  const pg = await postgresTestSchema('podium_bench_jobs');
  const prefix = redisTestPrefix('podium-bench');
  const app = await startTestApp({ settings: { databaseUrl: pg.url, redisUrl: REDIS_URL, redisPrefix: prefix, workers: 0, jobLeaseSec: LEASE_SEC } });
  const env = { DATABASE_URL: pg.url, REDIS_URL, PODIUM_REDIS_PREFIX: prefix, PODIUM_DATA_DIR: app.dataDir, PODIUM_WORKER_PORT: '0', PODIUM_JOB_LEASE_SEC: String(LEASE_SEC), PODIUM_DEMO: 'false', PODIUM_WORKERS: '1', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  const workers: WorkerChild[] = [];
  try {
    const short = await readFile(await makeClip({ durationSec: 4, width: 640, height: 360, fps: 25 }));
    const rates: number[] = [];
    for (const n of [1, 2]) {
      for (let i = 0; i < n; i++) workers.push(await startWorker(env));
      const started = Date.now();
      const jobs = await Promise.all(Array.from({ length: CLIPS }, (_, i) => upload(app, short, `bench ${n}-${i}`)));
      await until(async () => (await Promise.all(jobs.map((id) => app.podium.queue.get(id)))).every((j) => j?.state === 'succeeded' || j?.state === 'failed'), 15 * 60_000);
      const failed = (await Promise.all(jobs.map((id) => app.podium.queue.get(id)))).filter((j) => j?.state !== 'succeeded').length;
      const perMin = (CLIPS / (Date.now() - started)) * 60_000;
      rates.push(perMin);
      console.log(`${n} worker process${n > 1 ? 'es' : ''}: ${CLIPS} clips of 4 s 640x360 in ${((Date.now() - started) / 1000).toFixed(1)} s → ${perMin.toFixed(1)} jobs/min${failed ? ` (${failed} failed)` : ''}`);
      while (workers.length) await workers.pop()!.stop('SIGTERM');
    }
    console.log(`ratio 2 workers / 1 worker: ${(rates[1]! / rates[0]!).toFixed(2)} (on ${(await import('node:os')).cpus().length} cores)`);

    // Takeover: a longer clip, its worker SIGKILLed (whole process group) once the job runs there.
    const long = await readFile(await makeClip({ durationSec: 40, width: 640, height: 360, fps: 25 }));
    const a = await startWorker(env);
    workers.push(a);
    const jobId = await upload(app, long, 'bench takeover');
    await until(async () => (await app.podium.queue.get(jobId))?.leaseOwner?.includes(`:${a.pid}:`) ?? false);
    await until(async () => ((await app.podium.queue.get(jobId))?.progress ?? 0) > 0);
    const b = await startWorker(env);
    workers.push(b);
    const killedAt = Date.now();
    await a.stop('SIGKILL');
    workers.splice(workers.indexOf(a), 1);
    await until(async () => (await app.podium.queue.get(jobId))?.leaseOwner?.includes(`:${b.pid}:`) ?? false);
    const takenAfter = (Date.now() - killedAt) / 1000;
    await until(async () => ['succeeded', 'failed'].includes((await app.podium.queue.get(jobId))?.state ?? ''));
    const job = await app.podium.queue.get(jobId);
    console.log(`worker SIGKILLed mid-transcode: another took its job over after ${takenAfter.toFixed(1)} s (lease ${LEASE_SEC} s; BullMQ stalled check every ${LEASE_SEC / 2} s); the job then ${job?.state} on attempt ${job?.attempts}`);
  } finally {
    for (const w of workers) await w.stop('SIGKILL').catch(() => undefined);
    await app.close();
    await pg.drop();
    await dropRedisPrefix(prefix);
  }
}

await main();
