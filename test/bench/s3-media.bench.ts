// npm run bench:s3 — issue 13: upload→playable time of the same clip with media on local disk vs
// in an S3-compatible bucket (the local Swift s3api from `npm run services:s3`, a bucket of its
// own). Each run: PUT /source → the worker transcodes (S3: source fetched, packaged locally, every
// file uploaded, master last) → published → the master playlist and first segment answer 200
// through /media/t/. The real app in this process, preset ultrafast (test apps' default), so the
// storage's share of the time shows. Env: BENCH_DURATION (s, default 10), BENCH_RUNS (default 3).
import { readFile } from 'node:fs/promises';
import { makeClip } from '../helpers/media.js';
import { startTestApp, waitForJob, type TestApp } from '../helpers/app.js';
import { createProgramme, getItem } from '../http/viewer-helpers.js';
import { s3TestBucket } from '../helpers/s3.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const env = process.env;
if (!env.PODIUM_S3_ENDPOINT) throw new Error('run `eval "$(npm run -s services:s3)"` first');
const shared = { endpoint: env.PODIUM_S3_ENDPOINT, bucket: env.PODIUM_S3_BUCKET!, region: env.PODIUM_S3_REGION!, accessKeyId: env.PODIUM_S3_ACCESS_KEY_ID!, secretAccessKey: env.PODIUM_S3_SECRET_ACCESS_KEY!, pathStyle: true };

const clip = await readFile(await makeClip({ width: 1280, height: 720, fps: 25, durationSec: DURATION, label: 'bench-s3' }));
console.log(`clip: ${DURATION} s 720p25, ${(clip.length / 1e6).toFixed(1)} MB; ${RUNS} runs per storage`);

async function uploadToPlayable(app: TestApp, n: number): Promise<number> {
  const id = await createProgramme(app, { en: { title: `bench ${n}` } });
  const t0 = performance.now();
  const put = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: new Uint8Array(clip) });
  if (put.status !== 202) throw new Error(`upload: ${put.status}`);
  const job = await waitForJob(app, ((await put.json()) as { jobId: string }).jobId, 600_000);
  if (job.state !== 'succeeded') throw new Error(`job: ${job.state} ${job.error}`);
  const master = await fetch(new URL((await getItem(app, id)).body.hls!, app.baseUrl));
  const text = await master.text();
  const variant = new URL(text.split('\n').find((l) => l && !l.startsWith('#'))!, master.url);
  const playlist = await (await fetch(variant)).text();
  const seg = await fetch(new URL(playlist.split('\n').find((l) => l.endsWith('.m4s'))!, variant));
  await seg.arrayBuffer();
  if (master.status !== 200 || seg.status !== 200) throw new Error('not playable');
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<string, number[]> = {};
const bucket = await s3TestBucket(shared);
try {
  for (const [name, settings] of [
    ['disk', {}],
    ['s3', { s3Endpoint: bucket.settings.endpoint, s3Bucket: bucket.settings.bucket, s3Region: bucket.settings.region, s3AccessKeyId: bucket.settings.accessKeyId, s3SecretAccessKey: bucket.settings.secretAccessKey }],
  ] as const) {
    const app = await startTestApp({ settings });
    try {
      await uploadToPlayable(app, 0); // warm-up (ffmpeg, SDK, connections), untimed
      results[name] = [];
      for (let i = 1; i <= RUNS; i++) results[name].push(await uploadToPlayable(app, i));
    } finally {
      await app.close();
    }
    console.log(`${name.padEnd(5)} upload→playable: median ${median(results[name]!).toFixed(2)} s (runs: ${results[name]!.map((t) => t.toFixed(2)).join(', ')})`);
  }
  const d = median(results.disk!);
  const s = median(results.s3!);
  console.log(`S3 / disk: ×${(s / d).toFixed(2)} (+${(s - d).toFixed(2)} s)`);
} finally {
  await bucket.drop();
}
