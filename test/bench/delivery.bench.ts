// npm run bench:delivery — signed media delivery against nginx serving the same files with
// sendfile, side by side in one run (issue 14): a hot segment, cold segments, an on-demand media
// playlist and a live channel's playlist, each at 32 and 256 connections (wrk): req/s, p99 and
// the ratio to nginx. Target: ≥ 0.9× nginx on the hot segment. Each playlist also gzip (as browsers
// and hls.js ask for it: server/http/playlist-gzip.ts), nginx serving Podium's gzip bytes with gzip_static.
//
// The child process (this file with --serve) runs the real app (startPodium: every middleware,
// the token check, the rights check of playlists, the media cache at PODIUM_MEDIA_CACHE_MB) on a
// temp PODIUM_DATA_DIR, and nginx (one worker: one process, as Podium is; `BENCH_NGINX_WORKERS`)
// with `root` on the same data dir; wrk runs in this process. The files:
// - hot segment: one BENCH_SEGMENT_BYTES (1.97 MB, a 2 s 1080p50 segment) file, asked again and again;
// - cold segments: hard links to it under twice as many names as the cache holds, asked in turn
//   (a wrk Lua script; each wrk thread its own share of them), so every Podium request misses its
//   cache and reads the store (the OS page cache is warm for both servers: this measures Podium's
//   miss path, not the disk); with PODIUM_MEDIA_CACHE_MB=0, the streamed path;
// - VOD media playlist: a one-hour programme's (1800 segments), whose request re-checks the
//   rights in the database;
// - live: a channel's media playlist (a loop of one really transcoded programme, scheduled
//   3 h ago, full DVR window) and its delta update (_HLS_skip=v2, what hls.js refreshes with: old segments and DATERANGEs skipped);
//   nginx serves the same bytes, captured, as static files.
//
// Beside them, for the hot segment only, a bare Node http server res.end()s the same bytes from
// memory: Node's own ceiling on this machine, to tell Podium's cost from Node's.
//
// Env: BENCH_DURATION (10), BENCH_WARMUP (2), BENCH_ROUNDS (1; means over rounds, the order alternating), BENCH_CONNECTIONS ("32,256"), BENCH_THREADS (2),
// BENCH_TIMEOUT (30 s), BENCH_SEGMENT_BYTES (2066000), BENCH_LIVE (1; 0 skips the channel and its
// transcodes), BENCH_TARGETS (all; e.g. "hot segment,cold segments"), BENCH_NGINX_WORKERS (1), BENCH_WRK (wrk), BENCH_SERVER_NODE_ARGS (node options of the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_LOG_LEVEL (silent); PODIUM_* settings apply.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ChannelItem } from '../../server/contracts/index.js';
import { rawRequest, startBenchApp, waitForJob } from '../helpers/app.js';
import { createChannel, putSchedule, waitForSlate } from '../helpers/channel.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { startNginx } from '../helpers/nginx.js';
import { writeRendition } from '../helpers/rendition.js';
import { parseWrk, runWrk, wrkVersion, type WrkFigures } from '../helpers/wrk.js';
import { createProgramme } from '../http/viewer-helpers.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '32,256').split(',').map(Number);
const THREADS = Number(process.env.BENCH_THREADS ?? Math.min(2, os.cpus().length));
const TIMEOUT = Number(process.env.BENCH_TIMEOUT ?? 30);
const SEGMENT_BYTES = Number(process.env.BENCH_SEGMENT_BYTES ?? 2_066_000);
const LIVE = process.env.BENCH_LIVE !== '0';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const VOD_SEGMENTS = 1800;
const SEG_MS = 2000;

type Target = 'hot segment' | 'cold segments' | 'VOD media playlist' | 'VOD playlist gzip' | 'live playlist' | 'live playlist gzip' | 'live delta update' | 'live delta gzip';
type Server = 'podium' | 'nginx' | 'node';
/** A target's URL on each server, or a Lua script that cycles through paths; `node` (the hot segment only): a bare Node server's res.end() of the same bytes from memory. */
type Ends = Record<'podium' | 'nginx', { url: string; script?: string; headers?: Record<string, string> }> & { node?: { url: string } };
/** What the gzip rows ask with (as browsers and hls.js do). */
const GZIP = { 'Accept-Encoding': 'gzip' };

interface Ready {
  targets: Partial<Record<Target, Ends>>;
  /** nginx's master process (its workers are its children). */
  nginxPid: number;
  cacheMb: number;
  coldFiles: number;
  vodBytes: number;
  liveBytes: number;
  deltaBytes: number;
  /** The same three as Podium sends them gzip. */
  gzipBytes: { vod: number; live: number; delta: number };
  setupSec: number;
}

/** CPU time (user + system, ms) of processes so far, from /proc (Linux): what a run costs the server, steadier than req/s on a shared machine. */
function cpuMs(pids: number[]): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    } catch {
      // gone
    }
  }
  return total;
}

/** A process and its children (nginx's workers). */
function withChildren(pid: number): number[] {
  try {
    return [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

/** The mean of several runs' figures (null for none). */
function mean<F extends WrkFigures & { cpuUsPerReq: number }>(fs: F[]): F | null {
  if (!fs.length) return null;
  const avg = (k: keyof WrkFigures | 'cpuUsPerReq') => fs.reduce((a, f) => a + f[k], 0) / fs.length;
  return { rps: avg('rps'), p50: avg('p50'), p99: avg('p99'), requests: avg('requests'), bytesPerSec: avg('bytesPerSec'), cpuUsPerReq: avg('cpuUsPerReq'), failures: fs.reduce((a, f) => a + f.failures, 0) } as F;
}

/** A wrk script asking for `paths` in turn, each thread its own share (so no thread finds what another just loaded). */
function cyclingScript(paths: string[]): string {
  return `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local threads = 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args) mine = {}; for i = 1, #paths do if (i - 1) % ${THREADS} == id then mine[#mine + 1] = paths[i] end end; n = 0 end
function request() n = n % #mine + 1; return wrk.format("GET", mine[n]) end
`;
}

/** Child: Podium and nginx on the same files; prints one JSON line (Ready). */
async function serve(): Promise<void> {
  const t0 = Date.now();
  const app = await startBenchApp({ dataDirPrefix: 'podium-delivery-bench-', ensureSlate: LIVE });
  const { podium, config, dataDir } = app;

  // The on-demand programme: one real segment file, a one-hour playlist, and the cold names.
  const r = await writeRendition(app, { title: 'Delivery bench', variants: 1, segments: 1, segmentBytes: SEGMENT_BYTES });
  const hot = r.segments[0]![0]!;
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-MAP:URI="v0/init.mp4"'];
  for (let i = 1; i <= VOD_SEGMENTS; i++) lines.push('#EXTINF:2.000000,', `v0/seg_${String(i).padStart(5, '0')}.m4s`);
  lines.push('#EXT-X-ENDLIST', '');
  const vodText = lines.join('\n');
  await writeFile(path.join(r.dir, r.playlists[0]!), vodText);
  const cacheBytes = config.mediaCacheMb * 1024 * 1024;
  const coldFiles = Math.max(16, Math.ceil((2 * cacheBytes) / SEGMENT_BYTES));
  await mkdir(path.join(r.dir, 'cold'));
  const cold: string[] = [];
  for (let i = 1; i <= coldFiles; i++) {
    const name = `cold/c_${String(i).padStart(5, '0')}.m4s`;
    await link(path.join(r.dir, hot), path.join(r.dir, name));
    cold.push(name);
  }
  const item = (await (await app.api(`/api/programmes/${r.programmeId}?region=FR`)).json()) as { hls: string };
  const signed = item.hls.slice(0, item.hls.lastIndexOf('/') + 1); // /media/t/<token>/<pid>/<rid>/
  const plain = `/media/${r.programmeId}/${r.renditionId}/`;
  for (const f of [hot, r.playlists[0]!, cold[0]!]) {
    const res = await app.api(signed + f);
    if (res.status !== 200) throw new Error(`GET ${signed + f}: ${res.status} ${await res.text()}`);
  }
  // nginx serves Podium's own gzip of each playlist (gzip_static), so both send the same bytes.
  const gzipOf = async (p: string) => {
    const res = await rawRequest(podium.url, { path: p, headers: GZIP });
    if (res.status !== 200 || res.headers['content-encoding'] !== 'gzip') throw new Error(`GET ${p} (gzip): ${res.status} ${String(res.headers['content-encoding'])}`);
    return Buffer.from(res.body, 'latin1');
  };
  const vodGzip = await gzipOf(signed + r.playlists[0]!);
  await writeFile(path.join(r.dir, `${r.playlists[0]!}.gz`), vodGzip);

  const liveDir = await tempDir('podium-delivery-bench-live-');
  const nginx = await startNginx({
    workers: Number(process.env.BENCH_NGINX_WORKERS ?? 1),
    http: (port) => `
  server {
    listen 127.0.0.1:${port};
    location /media/ { root ${dataDir}; gzip_static on; }
    location /live/ { root ${liveDir}; gzip_static on; }
  }`,
  });
  // Node's own ceiling on this machine: the segment's bytes from memory, no framework, no checks.
  const hotBytes = await readFile(path.join(r.dir, hot));
  const bare = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'video/iso.segment');
    res.setHeader('Content-Length', hotBytes.length);
    res.end(hotBytes);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const scripts = { podium: path.join(liveDir, 'cold-podium.lua'), nginx: path.join(liveDir, 'cold-nginx.lua') };
  await writeFile(scripts.podium, cyclingScript(cold.map((c) => signed + c)));
  await writeFile(scripts.nginx, cyclingScript(cold.map((c) => plain + c)));
  const targets: Ready['targets'] = {
    'hot segment': { podium: { url: podium.url + signed + hot }, nginx: { url: nginx.url + plain + hot }, node: { url: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/` } },
    'cold segments': { podium: { url: podium.url + signed + cold[0], script: scripts.podium }, nginx: { url: nginx.url + plain + cold[0], script: scripts.nginx } },
    'VOD media playlist': { podium: { url: podium.url + signed + r.playlists[0] }, nginx: { url: nginx.url + plain + r.playlists[0] } },
    'VOD playlist gzip': { podium: { url: podium.url + signed + r.playlists[0], headers: GZIP }, nginx: { url: nginx.url + plain + r.playlists[0], headers: GZIP } },
  };

  let liveBytes = 0;
  let deltaBytes = 0;
  const gzipBytes = { vod: vodGzip.length, live: 0, delta: 0 };
  if (LIVE) {
    const open = [{ regions: ['WW'], start: new Date(Date.now() - 86_400_000).toISOString() }];
    const id = await createProgramme(app, { en: { title: 'Bench final' } }, { windows: open });
    const source = await readFile(await makeClip({ width: 640, height: 360, fps: 25, durationSec: 6, label: 'bench-live' }));
    const up = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: new Uint8Array(source) });
    const job = await waitForJob(app, ((await up.json()) as { jobId: string }).jobId, 240_000);
    if (job.state !== 'succeeded') throw new Error(`the live programme did not package: ${JSON.stringify(job)}`);
    await waitForSlate(app);
    const channelId = await createChannel(app, { slug: 'bench-delivery', names: { en: 'Bench' }, languages: ['en'], subtitleLanguages: [], timezone: 'Europe/Paris', loop: true });
    await putSchedule(app, channelId, [{ programmeId: id, start: new Date(Math.floor((Date.now() - 3 * 3600_000) / SEG_MS) * SEG_MS).toISOString() }]);
    const channel = (await (await app.api(`/api/channels/${channelId}?region=FR`)).json()) as ChannelItem;
    const master = await (await app.api(channel.hls)).text();
    const variant = master.split('\n').find((l) => /^v[a-z0-9-]*\.m3u8$/.test(l));
    if (!variant) throw new Error(`no video variant in the live master:\n${master}`);
    const live = channel.hls.slice(0, channel.hls.lastIndexOf('/') + 1) + variant;
    const full = await (await app.api(live)).text();
    const delta = await (await app.api(`${live}?_HLS_skip=v2`)).text();
    liveBytes = Buffer.byteLength(full);
    deltaBytes = Buffer.byteLength(delta);
    await mkdir(path.join(liveDir, 'live'));
    await writeFile(path.join(liveDir, 'live', 'full.m3u8'), full);
    await writeFile(path.join(liveDir, 'live', 'delta.m3u8'), delta);
    const [fullGzip, deltaGzip] = [await gzipOf(live), await gzipOf(`${live}?_HLS_skip=v2`)];
    await writeFile(path.join(liveDir, 'live', 'full.m3u8.gz'), fullGzip);
    await writeFile(path.join(liveDir, 'live', 'delta.m3u8.gz'), deltaGzip);
    Object.assign(gzipBytes, { live: fullGzip.length, delta: deltaGzip.length });
    targets['live playlist'] = { podium: { url: podium.url + live }, nginx: { url: `${nginx.url}/live/full.m3u8` } };
    targets['live playlist gzip'] = { podium: { url: podium.url + live, headers: GZIP }, nginx: { url: `${nginx.url}/live/full.m3u8`, headers: GZIP } };
    targets['live delta update'] = { podium: { url: `${podium.url}${live}?_HLS_skip=v2` }, nginx: { url: `${nginx.url}/live/delta.m3u8` } };
    targets['live delta gzip'] = { podium: { url: `${podium.url}${live}?_HLS_skip=v2`, headers: GZIP }, nginx: { url: `${nginx.url}/live/delta.m3u8`, headers: GZIP } };
  }

  const ready: Ready = { targets, nginxPid: nginx.process.pid!, cacheMb: config.mediaCacheMb, coldFiles, vodBytes: Buffer.byteLength(vodText), liveBytes, deltaBytes, gzipBytes, setupSec: (Date.now() - t0) / 1000 };
  process.stdout.write(JSON.stringify(ready) + '\n');
  const stop = async () => {
    bare.close();
    await nginx.close();
    await podium.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  readline.createInterface({ input: process.stdin }).on('close', () => void stop()); // the parent went away
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const command = `${process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : `tsx ${path.relative(process.cwd(), self)}`}`;
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', self, '--serve'], { cwd: path.resolve(path.dirname(self), '../..'), stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
  const out = readline.createInterface({ input: child.stdout! });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
    out.once('line', (line) => resolve(JSON.parse(line) as Ready));
  });
  try {
    console.log(`${command}: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${await wrkVersion()}, nginx ${process.env.BENCH_NGINX_WORKERS ?? 1} worker(s) with sendfile`);
    console.log(
      `segment ${SEGMENT_BYTES} bytes; PODIUM_MEDIA_CACHE_MB=${ready.cacheMb}, cold: ${ready.coldFiles} names asked in turn; VOD media playlist ${ready.vodBytes} bytes (${VOD_SEGMENTS} segments)` +
        (LIVE ? `; live playlist ${ready.liveBytes} bytes, delta update ${ready.deltaBytes} bytes` : '; live skipped (BENCH_LIVE=0)') +
        `; gzip (Podium's, served by both): VOD playlist ${ready.gzipBytes.vod} bytes (${(ready.gzipBytes.vod / ready.vodBytes).toFixed(3)}×)` +
        (LIVE ? `, live playlist ${ready.gzipBytes.live} (${(ready.gzipBytes.live / ready.liveBytes).toFixed(3)}×), delta ${ready.gzipBytes.delta} (${(ready.gzipBytes.delta / ready.deltaBytes).toFixed(3)}×)` : '') +
        `; set up in ${ready.setupSec.toFixed(0)} s`,
    );
    console.log(`wrk: ${THREADS} threads, ${WARMUP} s warm-up + ${DURATION} s per run, timeout ${TIMEOUT} s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    type Measured = WrkFigures & { cpuUsPerReq: number };
    type Row = { target: Target; connections: number } & Record<Server, Measured | null>;
    const pidsOf = (server: Server) => (server === 'nginx' ? withChildren(ready.nginxPid) : [child.pid!]);
    const rows: Row[] = [];
    let flip = false;
    const only = process.env.BENCH_TARGETS?.split(',').map((t) => t.trim());
    for (const [target, ends] of (Object.entries(ready.targets) as [Target, Ends][]).filter(([t]) => !only || only.includes(t))) {
      for (const connections of CONNECTIONS) {
        const runs: Record<Server, Measured[]> = { podium: [], nginx: [], node: [] };
        for (let round = 0; round < ROUNDS; round++) {
          // Alternate which server goes first, so neither always runs on the warmer machine.
          const servers: Server[] = (flip = !flip) ? ['nginx', 'podium', 'node'] : ['podium', 'nginx', 'node'];
          for (const server of servers) {
            const end = ends[server];
            if (!end) continue;
            const run = (durationSec: number) =>
              runWrk({ url: end.url, script: 'script' in end ? end.script : undefined, headers: 'headers' in end ? end.headers : undefined, durationSec, connections, threads: THREADS, timeoutSec: TIMEOUT });
            await run(WARMUP);
            const before = cpuMs(pidsOf(server));
            const f = parseWrk(await run(DURATION));
            runs[server].push({ ...f, cpuUsPerReq: ((cpuMs(pidsOf(server)) - before) * 1000) / Math.max(1, f.requests) });
          }
        }
        const r: Row = { target, connections, podium: mean(runs.podium), nginx: mean(runs.nginx), node: mean(runs.node) };
        rows.push(r);
        console.log(
          `  ${target} @${connections}: ` +
            (['podium', 'nginx', 'node'] as const)
              .filter((k) => r[k])
              .map((k) => `${k === 'node' ? 'bare Node' : k} ${r[k]!.rps.toFixed(0)} req/s p99 ${r[k]!.p99.toFixed(1)} ms CPU ${r[k]!.cpuUsPerReq.toFixed(0)} µs/req`)
              .join(' | ') +
            `; ${ROUNDS} round(s); load average ${os.loadavg()[0]!.toFixed(2)}`,
        );
      }
    }
    console.log('target               | conns | podium req/s | podium p99 ms | nginx req/s | nginx p99 ms | podium/nginx req/s | CPU µs/req podium/nginx | podium MB/s | failures (podium/nginx)');
    for (const r of rows) {
      const [p, n] = [r.podium!, r.nginx!];
      console.log(
        `${r.target.padEnd(20)} | ${String(r.connections).padStart(5)} | ${p.rps.toFixed(0).padStart(12)} | ${p.p99.toFixed(1).padStart(13)} | ${n.rps.toFixed(0).padStart(11)} | ${n.p99.toFixed(1).padStart(12)} | ` +
          `${(p.rps / n.rps).toFixed(2).padStart(17)}× | ${`${p.cpuUsPerReq.toFixed(0)}/${n.cpuUsPerReq.toFixed(0)}`.padStart(23)} | ${(p.bytesPerSec / 1024 ** 2).toFixed(0).padStart(11)} | ${p.failures}/${n.failures}`,
      );
    }
    for (const r of rows.filter((x) => x.target === 'hot segment')) {
      const ratio = r.podium!.rps / r.nginx!.rps;
      console.log(
        `hot segment @${r.connections}: ${ratio.toFixed(2)}× nginx (target ≥ 0.9×: ${ratio >= 0.9 ? 'met' : 'NOT met'})` +
          (r.node ? `; bare Node from memory ${(r.node.rps / r.nginx!.rps).toFixed(2)}× nginx, Podium ${(r.podium!.rps / r.node.rps).toFixed(2)}× bare Node` : ''),
      );
    }
    console.log(`load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
