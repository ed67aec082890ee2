// npm run bench:channel — a live channel's media playlist with a full 2-hour DVR window
// (PODIUM_CHANNEL_DVR_SEC=7200: 3600 segments) at 100 connections, against the same bytes served
// as a static file by express in the same process, and the size and throughput of its delta
// updates (_HLS_skip=YES, and v2, which skips older DATERANGEs too) — issue 12's "Tests and benchmark".
//
// The servers run in a child process (this file with --serve), wrk in this one, so the load
// generator does not share an event loop with what it measures. The child starts the real app
// (startPodium: migrations, accounts, viewing, channels, createApp with every middleware, the slate
// packaged at start) on a temp PODIUM_DATA_DIR with its SQLite file, builds the test library of
// four really transcoded short programmes (test/helpers/channel.ts; rights open since yesterday),
// a loop channel whose schedule began BENCH_SCHEDULE_AGO_SEC (3 h) ago, so the whole window airs
// programme segments rather than the slate, and reads the channel's signed master as a viewer does
// (GET /api/channels/:id?region=FR). Beside the app, on another port of the same process, a bare
// express.static serves a file holding the playlist text captured from the app (the baseline of
// issue 12's target), and a bare handler res.send()s the same bytes from memory (the ceiling: what
// express itself costs per request of that size). Each target gets a
// warm-up, then BENCH_DURATION seconds; the order alternates over BENCH_ROUNDS.
//
// The live playlist is rendered once per 2-second slot and then served from memory
// (server/channel/live-playlists.ts), so a run measures mostly the serving path plus one render
// every 2 s; "cold" below is the first request of a fresh slot (a render), timed on its own. A
// render is incremental (the new slot's lines joined to the kept ones): in the server process, a
// new slot's playlist is also timed against a full render of the same slot by a second
// LivePlaylists with empty caches (createLivePlaylists, as the app builds its own).
// Read p99 with care: a body written whole (res.send, live or memory) reaches 100 connections
// unfairly — a bare res.send of 1 MB shows p50 ~90 ms and p99 2–4 s here — where express.static's
// 64 kB chunks interleave them; server CPU per request is the steadier figure on a shared machine.
//
// Env: BENCH_DURATION (10), BENCH_WARMUP (3), BENCH_CONNECTIONS (100), BENCH_THREADS (2, wrk's),
// BENCH_ROUNDS (3), BENCH_TIMEOUT (30, wrk's, s), BENCH_SCHEDULE_AGO_SEC (10800), BENCH_LOG_LEVEL (silent),
// BENCH_COLD_SLOTS (5), BENCH_WRK (wrk), BENCH_NODE_OPTIONS (flags for the server's node, e.g. --cpu-prof);
// PODIUM_* settings from the environment apply (PODIUM_CHANNEL_DVR_SEC: the window, default 7200).
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createLivePlaylists } from '../../server/channel-runtime.js';
import type { ChannelItem } from '../../server/contracts/index.js';
import { startBenchApp } from '../helpers/app.js';
import { buildChannelLibrary, createChannel, parseLivePlaylist, programmeOf, putSchedule, waitForSlate } from '../helpers/channel.js';
import { tempDir } from '../helpers/media.js';
import { parseWrk, runWrk, wrkVersion, type WrkFigures } from '../helpers/wrk.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const THREADS = Number(process.env.BENCH_THREADS ?? Math.min(2, os.cpus().length));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SCHEDULE_AGO_MS = Number(process.env.BENCH_SCHEDULE_AGO_SEC ?? 3 * 3600) * 1000;
const WRK = process.env.BENCH_WRK ?? 'wrk';
/** wrk leaves requests slower than its timeout (2 s by default) out of its percentiles: long enough that none is. */
const TIMEOUT = Number(process.env.BENCH_TIMEOUT ?? 30);
const SEG = 2000;
/** Slots whose first request (a render) is timed before the load runs. */
const COLD_SLOTS = Number(process.env.BENCH_COLD_SLOTS ?? 5);

interface Ready {
  live: string;
  static: string;
  memory: string;
  delta: string;
  deltaV2: string;
  rendition: string;
  dvrSec: number;
  fullBytes: number;
  deltaBytes: number;
  deltaV2Bytes: number;
  deltaV2DateRanges: number;
  deltaV2Removed: number;
  segments: number;
  deltaSegments: number;
  skipped: number;
  slateSegments: number;
  dateRanges: number;
  /** Bytes of the DATERANGE lines (never skipped by a delta update: no CAN-SKIP-DATERANGES). */
  dateRangeBytes: number;
  coldMs: number;
  coldDeltaMs: number;
  coldDeltaV2Ms: number;
  /** In the server process: a new slot's full playlist rendered from the last slot's lines, and the same slot rendered whole (medians, ms). */
  incrementalMs: number;
  fullRenderMs: number;
  setupSec: number;
}

/** Child: the app with its channel, and the static twin; prints one JSON line (Ready) once both listen. */
async function serve(): Promise<void> {
  const t0 = Date.now();
  const app = await startBenchApp({ dataDirPrefix: 'podium-channel-bench-', ensureSlate: true });
  const { podium, config } = app;
  const lib = await buildChannelLibrary(app);
  const slate = await waitForSlate(app);
  const channelId = await createChannel(app, { slug: 'bench-live', names: { en: 'Bench Live', fr: 'Banc en direct' }, languages: ['en', 'fr'], subtitleLanguages: ['en'], timezone: 'Europe/Paris', loop: true });
  // A loop of the four programmes (26 s) since BENCH_SCHEDULE_AGO_SEC: the window is programmes throughout.
  const start = new Date(Math.floor((Date.now() - SCHEDULE_AGO_MS) / SEG) * SEG).toISOString();
  await putSchedule(app, channelId, [{ programmeId: lib.a, start }, { programmeId: lib.b }, { programmeId: lib.c }, { programmeId: lib.d }]);

  const item = (await (await app.api(`/api/channels/${channelId}?region=FR`)).json()) as ChannelItem;
  const masterRes = await app.api(item.hls);
  if (masterRes.status !== 200) throw new Error(`GET ${item.hls}: ${masterRes.status} ${await masterRes.text()}`);
  const master = await masterRes.text();
  // The first video variant the master lists (v<tier>.m3u8).
  const rendition = master.split('\n').find((l) => /^v[a-z0-9-]*\.m3u8$/.test(l));
  if (!rendition) throw new Error(`no video variant in the master:\n${master}`);
  const live = podium.url + item.hls.slice(0, item.hls.lastIndexOf('/') + 1) + rendition;

  // The first request of a fresh slot renders the playlist: wait for a slot boundary, then time one of each kind.
  const timed = async (url: string) => {
    const t = performance.now();
    const res = await fetch(url);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text}`);
    return { text, ms: performance.now() - t };
  };
  // Median of COLD_SLOTS slots: one timing on a shared machine says little.
  const coldMs: number[] = [];
  const coldDeltaMs: number[] = [];
  const coldDeltaV2Ms: number[] = [];
  let full = { text: '', ms: 0 };
  let delta = { text: '', ms: 0 };
  let deltaV2 = { text: '', ms: 0 };
  const nextSlot = () => new Promise((r) => setTimeout(r, SEG - (Date.now() % SEG) + 50));
  for (let i = 0; i < COLD_SLOTS; i++) {
    await nextSlot();
    full = await timed(live);
    delta = await timed(`${live}?_HLS_skip=YES`);
    deltaV2 = await timed(`${live}?_HLS_skip=v2`);
    if (parseLivePlaylist(deltaV2.text).mediaSequence !== parseLivePlaylist(full.text).mediaSequence) i--; // the slot ended between the reads
    else {
      coldMs.push(full.ms);
      coldDeltaMs.push(delta.ms);
      coldDeltaV2Ms.push(deltaV2.ms);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const fullList = parseLivePlaylist(full.text);
  const deltaList = parseLivePlaylist(delta.text);
  const deltaV2List = parseLivePlaylist(deltaV2.text);
  // A new slot's playlist, in this process: the app's LivePlaylists (it rendered the previous slot) against a
  // second one with empty caches, which renders the same slot's whole window. The same bytes, checked.
  const name = rendition.slice(0, -'.m3u8'.length);
  const incrementalMs: number[] = [];
  const fullRenderMs: number[] = [];
  for (let i = 0; i < COLD_SLOTS; i++) {
    await nextSlot();
    const slot = Math.floor(Date.now() / SEG);
    const fresh = createLivePlaylists(config, podium.channels.states, podium.viewing.tokens, () => new Date());
    let t = performance.now();
    const incremental = await podium.channels.playlists.mediaPlaylist(channelId, 'FR', name, undefined);
    const inc = performance.now() - t;
    t = performance.now();
    const whole = await fresh.mediaPlaylist(channelId, 'FR', name, undefined);
    const fullMs = performance.now() - t;
    if (Math.floor(Date.now() / SEG) !== slot) {
      i--; // the slot ended between the two renders
      continue;
    }
    if (!incremental || !whole || !incremental.body.equals(whole.body)) throw new Error('the incremental playlist differs from the full render');
    incrementalMs.push(inc);
    fullRenderMs.push(fullMs);
  }

  const staticDir = await tempDir('podium-channel-bench-static-');
  await writeFile(path.join(staticDir, rendition), full.text);
  const bare = express();
  bare.use(express.static(staticDir));
  const body = Buffer.from(full.text);
  bare.get(`/memory/${rendition}`, (_req, res) => {
    res.set('Content-Type', 'application/vnd.apple.mpegurl').send(body);
  });
  const server = await new Promise<Server>((resolve) => {
    const s = bare.listen(0, '127.0.0.1', () => resolve(s));
  });
  const ready: Ready = {
    live,
    static: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${rendition}`,
    memory: `http://127.0.0.1:${(server.address() as AddressInfo).port}/memory/${rendition}`,
    delta: `${live}?_HLS_skip=YES`,
    deltaV2: `${live}?_HLS_skip=v2`,
    rendition,
    dvrSec: config.channelDvrSec,
    fullBytes: Buffer.byteLength(full.text),
    deltaBytes: Buffer.byteLength(delta.text),
    deltaV2Bytes: Buffer.byteLength(deltaV2.text),
    deltaV2DateRanges: deltaV2List.dateRanges.length,
    deltaV2Removed: deltaV2List.recentlyRemoved?.length ?? 0,
    segments: fullList.segments.length,
    deltaSegments: deltaList.segments.length,
    skipped: deltaList.skipped,
    slateSegments: fullList.segments.filter((s) => programmeOf(s.uri) === slate.programmeId).length,
    dateRanges: fullList.dateRanges.length,
    dateRangeBytes: full.text.split('\n').filter((l) => l.startsWith('#EXT-X-DATERANGE:')).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0),
    coldMs: median(coldMs),
    coldDeltaMs: median(coldDeltaMs),
    coldDeltaV2Ms: median(coldDeltaV2Ms),
    incrementalMs: median(incrementalMs),
    fullRenderMs: median(fullRenderMs),
    setupSec: (Date.now() - t0) / 1000,
  };
  process.stdout.write(JSON.stringify(ready) + '\n');
  const stop = async () => {
    server.close();
    await podium.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  // "cpu" on stdin → this process's CPU time so far (µs), which the parent turns into CPU per
  // request, and how late the event loop ran since the last "cpu" (a render blocks every request).
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'cpu') {
      const c = process.cpuUsage();
      process.stdout.write(JSON.stringify({ cpuUs: c.user + c.system, loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6 }) + '\n');
      loop.reset();
    }
  });
  lines.on('close', () => void stop()); // the parent went away
}

interface Figures extends Omit<WrkFigures, 'bytesPerSec'> {
  cpuUsPerReq: number;
  /** The server's event-loop delay during the run (ms). */
  loopP99: number;
  loopMax: number;
}

function wrk(url: string, duration: number): Promise<string> {
  return runWrk({ url, durationSec: duration, connections: CONNECTIONS, threads: THREADS, timeoutSec: TIMEOUT, bin: WRK });
}

interface ServerSample {
  cpuUs: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

async function measure(url: string, duration: number, sample: () => Promise<ServerSample>): Promise<Figures> {
  const before = await sample();
  const f = parseWrk(await wrk(url, duration));
  const after = await sample();
  return { ...f, cpuUsPerReq: (after.cpuUs - before.cpuUs) / Math.max(1, f.requests), loopP99: after.loopP99Ms, loopMax: after.loopMaxMs };
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', ...(process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean), self, '--serve'], {
    cwd: path.resolve(path.dirname(self), '../..'),
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const out = readline.createInterface({ input: child.stdout! });
  const nextLine = () => new Promise<string>((resolve) => out.once('line', resolve));
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
    void nextLine().then((line) => resolve(JSON.parse(line) as Ready));
  });
  const cpu = async () => {
    const line = nextLine();
    child.stdin!.write('cpu\n');
    return JSON.parse(await line) as ServerSample;
  };
  const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  try {
    console.log(`${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${await wrkVersion(WRK)}`);
    console.log(
      `live media playlist ${ready.rendition} of a loop of 4 programmes, FR, DVR window ${ready.dvrSec} s: ${ready.segments} segments (${ready.slateSegments} of the slate), ` +
        `${ready.fullBytes} bytes (${kB(ready.fullBytes)}), of which ${ready.dateRanges} DATERANGEs ${ready.dateRangeBytes} bytes; set up in ${ready.setupSec.toFixed(0)} s`,
    );
    console.log(
      `delta update (_HLS_skip=YES): ${ready.deltaBytes} bytes (${kB(ready.deltaBytes)}), ${ready.skipped} segments skipped, ${ready.deltaSegments} listed: ` +
        `${(ready.deltaBytes / ready.fullBytes).toFixed(3)}× the full playlist (${(ready.fullBytes / ready.deltaBytes).toFixed(1)}× smaller); without the DATERANGEs it repeats, ` +
        `${ready.deltaBytes - ready.dateRangeBytes} bytes (${((ready.deltaBytes - ready.dateRangeBytes) / (ready.fullBytes - ready.dateRangeBytes)).toFixed(3)}×)`,
    );
    console.log(
      `delta update (_HLS_skip=v2, CAN-SKIP-DATERANGES): ${ready.deltaV2Bytes} bytes (${kB(ready.deltaV2Bytes)}), ${ready.deltaV2DateRanges} DATERANGEs, ${ready.deltaV2Removed} recently removed: ` +
        `${(ready.deltaV2Bytes / ready.fullBytes).toFixed(4)}× the full playlist (${(ready.fullBytes / ready.deltaV2Bytes).toFixed(0)}× smaller), ${(ready.deltaV2Bytes / ready.deltaBytes).toFixed(3)}× the YES update`,
    );
    console.log(`first request of a fresh slot (renders the playlist), median of ${COLD_SLOTS} slots: full ${ready.coldMs.toFixed(1)} ms, delta YES ${ready.coldDeltaMs.toFixed(1)} ms, delta v2 ${ready.coldDeltaV2Ms.toFixed(1)} ms`);
    console.log(
      `a new slot's full playlist in the server process, median of ${COLD_SLOTS} slots: incremental ${ready.incrementalMs.toFixed(2)} ms, full render of the window ${ready.fullRenderMs.toFixed(2)} ms: ` +
        `${(ready.incrementalMs / ready.fullRenderMs).toFixed(3)}× (${(ready.fullRenderMs / ready.incrementalMs).toFixed(0)}× faster)`,
    );
    console.log(`wrk: ${CONNECTIONS} connections, ${THREADS} threads, ${WARMUP} s warm-up + ${DURATION} s each, ${ROUNDS} round(s); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    type Target = 'static' | 'memory' | 'live' | 'delta' | 'v2';
    const targets: Record<Target, string> = { static: ready.static, memory: ready.memory, live: ready.live, delta: ready.delta, v2: ready.deltaV2 };
    const results: Record<Target, Figures[]> = { static: [], memory: [], live: [], delta: [], v2: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order: Target[] = round % 2 === 0 ? ['static', 'memory', 'live', 'delta', 'v2'] : ['v2', 'delta', 'live', 'memory', 'static'];
      for (const which of order) {
        await measure(targets[which], WARMUP, cpu);
        const f = await measure(targets[which], DURATION, cpu);
        results[which].push(f);
        console.log(
          `  round ${round + 1} ${which.padEnd(6)}: ${f.rps.toFixed(0).padStart(6)} req/s, p50 ${f.p50.toFixed(2).padStart(7)} ms, p99 ${f.p99.toFixed(2).padStart(7)} ms, server CPU ${f.cpuUsPerReq.toFixed(0)} µs/req, event loop delay p99 ${f.loopP99.toFixed(0)} ms max ${f.loopMax.toFixed(0)} ms` +
            `${f.failures ? ` (${f.failures} failures)` : ''}; load average ${os.loadavg()[0]!.toFixed(2)}`,
        );
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const agg = (fs: Figures[]) => ({ rps: mean(fs.map((f) => f.rps)), p50: mean(fs.map((f) => f.p50)), p99: mean(fs.map((f) => f.p99)), cpu: mean(fs.map((f) => f.cpuUsPerReq)), failures: fs.reduce((a, f) => a + f.failures, 0) });
    const s = agg(results.static);
    const m = agg(results.memory);
    const l = agg(results.live);
    const d = agg(results.delta);
    const v = agg(results.v2);
    console.log(`mean of ${ROUNDS} round(s):`);
    console.log('target                       | bytes   | req/s  | p50 ms | p99 ms | server CPU µs/req | failures');
    for (const [name, f, bytes] of [['static file (express.static)', s, ready.fullBytes], ['memory (bare res.send)', m, ready.fullBytes], ['live, full 2 h window', l, ready.fullBytes], ['live, delta (_HLS_skip=YES)', d, ready.deltaBytes], ['live, delta (_HLS_skip=v2)', v, ready.deltaV2Bytes]] as const) {
      console.log(`${name.padEnd(28)} | ${String(bytes).padStart(7)} | ${f.rps.toFixed(0).padStart(6)} | ${f.p50.toFixed(2).padStart(6)} | ${f.p99.toFixed(2).padStart(6)} | ${f.cpu.toFixed(0).padStart(17)} | ${f.failures}`);
    }
    const ratio = l.rps / s.rps;
    console.log(
      `live / static file: req/s ${ratio.toFixed(2)}× (target ≥ 0.8×: ${ratio >= 0.8 ? 'met' : 'NOT met'}), p99 ${(l.p99 / s.p99).toFixed(2)}×, server CPU per request ${(l.cpu / s.cpu).toFixed(2)}× ` +
        `(latency and CPU ratios: higher is slower); delta / full: bytes ${(ready.deltaBytes / ready.fullBytes).toFixed(3)}× (v2 ${(ready.deltaV2Bytes / ready.fullBytes).toFixed(4)}×), req/s ${(d.rps / l.rps).toFixed(1)}× (v2 ${(v.rps / l.rps).toFixed(1)}×); load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    );
    console.log(`live / the same bytes from memory: req/s ${(l.rps / m.rps).toFixed(2)}×, p99 ${(l.p99 / m.p99).toFixed(2)}×, server CPU per request ${(l.cpu / m.cpu).toFixed(2)}×`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
