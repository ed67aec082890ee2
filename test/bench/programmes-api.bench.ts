// npm run bench:api — throughput and latency of the viewer's programme list, GET /api/programmes,
// at 100 connections, against a bare express handler answering a body of the same size measured
// in the same run (issue 3's "Done when").
//
// The servers run in a child process (this file with --serve), autocannon in this one, so the
// load generator does not share an event loop with what it measures. The child starts the real
// app (startPodium: migrations, accounts, viewing, createApp with every middleware) on a temp
// PODIUM_DATA_DIR with its SQLite file, seeds a catalog through the catalog modules (programmes
// with localizations in several locales, availability windows of several kinds, a published
// rendition so items carry signed URLs; no transcoding), and beside it a bare express app whose
// one handler answers res.json() of the very body Podium returns for the benchmarked request.
// Each target gets a warm-up, then BENCH_DURATION seconds; the order alternates over BENCH_ROUNDS.
//
// Env: BENCH_PROGRAMMES (400), BENCH_DURATION (10), BENCH_WARMUP (3), BENCH_CONNECTIONS (100),
// BENCH_ROUNDS (3), BENCH_QUERY (?region=FR) — the viewer request, BENCH_LOG_LEVEL (silent),
// BENCH_PG=1 (PostgreSQL at PODIUM_TEST_POSTGRES_URL or 127.0.0.1:5432/test, throw-away schema);
// PODIUM_* settings from the environment apply (PODIUM_CATALOG_CACHE_SEC=0: a query per request).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express from 'express';
import { Sequelize } from 'sequelize';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { startPodium, type Podium } from '../../server/podium.js';
import type { AvailabilityWindow } from '../../server/rights/index.js';
import { PG_URL } from '../helpers/databases.js';
import { tempDir, testBinaries } from '../helpers/media.js';

const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 400);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUERY = process.env.BENCH_QUERY ?? '?region=FR';
const HEADERS = { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' };

// Deterministic PRNG: every run seeds the same catalog.
let seed = 7;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

const SPORTS = [
  { en: 'Athletics', fr: 'Athlétisme', de: 'Leichtathletik', es: 'Atletismo', 'zh-Hans': '田径', 'zh-Hant': '田徑', ja: '陸上競技' },
  { en: 'Swimming', fr: 'Natation', de: 'Schwimmen', es: 'Natación', 'zh-Hans': '游泳', 'zh-Hant': '游泳', ja: '競泳' },
  { en: 'Judo', fr: 'Judo', de: 'Judo', es: 'Judo', 'zh-Hans': '柔道', 'zh-Hant': '柔道', ja: '柔道' },
  { en: 'Fencing', fr: 'Escrime', de: 'Fechten', es: 'Esgrima', 'zh-Hans': '击剑', 'zh-Hant': '擊劍', ja: 'フェンシング' },
  { en: 'Table tennis', fr: 'Tennis de table', de: 'Tischtennis', es: 'Tenis de mesa', 'zh-Hans': '乒乓球', 'zh-Hant': '乒乓球', ja: '卓球' },
  { en: 'Cycling', fr: 'Cyclisme', de: 'Radsport', es: 'Ciclismo', 'zh-Hans': '自行车', 'zh-Hant': '自由車', ja: '自転車' },
] as const;
const ROUNDS_TEXT = [
  { en: 'final', fr: 'finale', de: 'Finale', es: 'final', 'zh-Hans': '决赛', 'zh-Hant': '決賽', ja: '決勝' },
  { en: 'semi-final', fr: 'demi-finale', de: 'Halbfinale', es: 'semifinal', 'zh-Hans': '半决赛', 'zh-Hant': '準決賽', ja: '準決勝' },
  { en: 'heats', fr: 'séries', de: 'Vorläufe', es: 'series', 'zh-Hans': '预赛', 'zh-Hant': '預賽', ja: '予選' },
] as const;
type Loc = keyof (typeof SPORTS)[number];
const LOCALES: Loc[] = ['en', 'fr', 'de', 'es', 'zh-Hans', 'zh-Hant', 'ja'];
const EDITIONS = ['Paris 2024', 'Tokyo 2020', 'Rio 2016', 'London 2012'];
const DAY = 86_400_000;

/** A mix like a real rights catalog: mostly worldwide, some territory deals, some expired or not yet open. */
function windowsFor(i: number, now: number): AvailabilityWindow[] {
  const k = i % 20;
  if (k < 13) return [{ regions: ['WW'], exclude: [], start: new Date(now - 30 * DAY), end: null }];
  if (k < 15) return [{ regions: ['FR', 'CH', 'BE'], exclude: [], start: new Date(now - 10 * DAY), end: new Date(now + 60 * DAY) }];
  if (k < 17) return [{ regions: ['CN', 'MO'], exclude: [], start: new Date(now - 10 * DAY), end: null }, { regions: ['HK'], exclude: [], start: new Date(now - DAY), end: new Date(now + 7 * DAY) }];
  if (k === 17) return [{ regions: ['WW'], exclude: ['FR'], start: new Date(now - 5 * DAY), end: null }];
  if (k === 18) return [{ regions: ['WW'], exclude: [], start: new Date(now - 90 * DAY), end: new Date(now - DAY) }];
  return [{ regions: ['WW'], exclude: [], start: new Date(now + 3 * DAY), end: null }];
}

async function seedCatalog(podium: Podium): Promise<{ published: number; localizations: number }> {
  const now = Date.now();
  let localizations = 0;
  let published = 0;
  for (let i = 0; i < PROGRAMMES; i++) {
    const s = Math.floor(rnd() * SPORTS.length);
    const r = Math.floor(rnd() * ROUNDS_TEXT.length);
    const n = 1 + Math.floor(rnd() * 3) + Math.floor(rnd() * 4); // 1–6 locales, English always
    const locs = ['en', ...LOCALES.slice(1).sort(() => rnd() - 0.5).slice(0, n - 1)] as Loc[];
    const texts = Object.fromEntries(
      locs.map((l) => {
        const sep = l.startsWith('zh') || l === 'ja' ? '' : ' ';
        return [l, { title: `${SPORTS[s]![l]}${sep}${ROUNDS_TEXT[r]![l]} #${i + 1}`, shortTitle: `${SPORTS[s]![l]}${sep}${ROUNDS_TEXT[r]![l]}`, synopsis: `${pick(EDITIONS)} — ${SPORTS[s]![l]}${sep}${ROUNDS_TEXT[r]![l]}. `.repeat(3) }];
      }),
    );
    localizations += locs.length;
    const isPublished = i % 25 !== 24; // a few drafts
    if (isPublished) published++;
    const { id } = await podium.catalog.createProgramme({
      localizations: texts,
      windows: windowsFor(i, now),
      published: isPublished,
      sport: SPORTS[s]!.en,
      discipline: SPORTS[s]!.en,
      event: `${ROUNDS_TEXT[r]!.en}`,
      gamesEdition: pick(EDITIONS),
      recordedAt: new Date(now - Math.floor(rnd() * 1000) * DAY),
      tags: ['olympics', SPORTS[s]!.en.toLowerCase()],
    });
    // A packaged rendition as the transcoder leaves it (no files are read by the list).
    const renditionId = randomUUID();
    await podium.catalog.publishRendition(id, {
      renditionId,
      renditionKey: `${id}/${renditionId}`,
      durationSec: 60 + Math.floor(rnd() * 7200),
      poster: 'poster.jpg',
      mediaTracks: JSON.stringify({
        audio: [{ locale: 'en', role: 'main', name: 'English', loudness: null }, ...(rnd() < 0.3 ? [{ locale: 'fr', role: 'commentary', name: 'Français', loudness: null }] : [])],
        subtitles: rnd() < 0.5 ? [{ locale: 'fr', name: 'Français' }] : [],
        thumbnails: 'storyboard.vtt',
      }),
    });
  }
  return { published, localizations };
}

/** Child: both servers; prints one JSON line { podium, bare, ... } once they listen. */
async function serve(): Promise<void> {
  const dataDir = await tempDir('podium-api-bench-');
  // BENCH_PG=1: PostgreSQL in a throw-away schema (dropped at the end), as the tests do.
  let pgSchema: { url: string; drop(): Promise<void> } | undefined;
  if (process.env.BENCH_PG === '1') {
    const schema = `podium_api_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new Sequelize(PG_URL, { dialect: 'postgres', logging: false });
    await admin.query(`CREATE SCHEMA "${schema}"`);
    pgSchema = {
      url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      drop: async () => {
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
        await admin.close();
      },
    };
  }
  // Other settings from the environment (e.g. PODIUM_CATALOG_CACHE_SEC=0: a query per request).
  const config = loadConfig(
    { ...process.env, PODIUM_DATA_DIR: dataDir, ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}) },
    { port: 0, host: '127.0.0.1', demo: 'false', workers: 0, logLevel: process.env.BENCH_LOG_LEVEL ?? 'silent' },
  );
  const podium = await startPodium({ config, logger: pino({ level: config.logLevel }), bins: await testBinaries() });
  const seeded = await seedCatalog(podium);
  const res = await fetch(`${podium.url}/api/programmes${QUERY}`, { headers: HEADERS });
  if (res.status !== 200) throw new Error(`GET /api/programmes${QUERY}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  const body = JSON.parse(text) as { items: unknown[] };

  const bare = express();
  bare.get('/api/programmes', (_req, res) => {
    res.json(body);
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = bare.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as import('node:net').AddressInfo).port;
  process.stdout.write(
    JSON.stringify({ podium: podium.url, bare: `http://127.0.0.1:${port}`, items: body.items.length, bytes: Buffer.byteLength(text), ...seeded, dialect: podium.sequelize.getDialect() }) + '\n',
  );
  const stop = async () => {
    server.close();
    await podium.close();
    await pgSchema?.drop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  // "cpu" on stdin → this process's CPU time so far (µs): the parent turns it into CPU per request.
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'cpu') {
      const c = process.cpuUsage();
      process.stdout.write(JSON.stringify({ cpuUs: c.user + c.system }) + '\n');
    }
  });
  lines.on('close', () => void stop()); // the parent went away
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Server CPU time (user + system, all threads) per request: steadier than req/s on a shared machine. */
  cpuUsPerReq: number;
}

async function measure(url: string, duration: number, cpu: () => Promise<number>): Promise<Figures> {
  const before = await cpu();
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers: HEADERS });
  const used = (await cpu()) - before;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, cpuUsPerReq: used / Math.max(1, r.requests.total) };
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--serve'], { cwd: path.resolve(path.dirname(self), '../..'), stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
  const out = readline.createInterface({ input: child.stdout! });
  const nextLine = () => new Promise<string>((resolve) => out.once('line', resolve));
  const ready = await new Promise<{ podium: string; bare: string; items: number; bytes: number; published: number; localizations: number; dialect: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
    void nextLine().then((line) => resolve(JSON.parse(line)));
  });
  const cpu = async () => {
    const line = nextLine();
    child.stdin!.write('cpu\n');
    return (JSON.parse(await line) as { cpuUs: number }).cpuUs;
  };
  try {
    console.log(
      `GET /api/programmes${QUERY} (Accept-Language: ${HEADERS['accept-language']}) — ${PROGRAMMES} programmes (${ready.published} published, ${ready.localizations} localizations), ` +
        `${ready.dialect}; answer: ${ready.items} items, ${ready.bytes} bytes. ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s each, ${ROUNDS} round(s); ` +
        `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`,
    );
    const targets = { podium: `${ready.podium}/api/programmes${QUERY}`, bare: `${ready.bare}/api/programmes${QUERY}` };
    const results: Record<'podium' | 'bare', Figures[]> = { podium: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['bare', 'podium'] as const) : (['podium', 'bare'] as const);
      for (const which of order) {
        await measure(targets[which], WARMUP, cpu);
        const f = await measure(targets[which], DURATION, cpu);
        results[which].push(f);
        console.log(
          `  round ${round + 1} ${which.padEnd(6)}: ${f.rps.toFixed(0).padStart(6)} req/s, p50 ${String(f.p50).padStart(4)} ms, p99 ${String(f.p99).padStart(4)} ms, server CPU ${f.cpuUsPerReq.toFixed(0)} µs/req` +
            `${f.non2xx || f.errors ? ` (non-2xx ${f.non2xx}, errors ${f.errors})` : ''}; load average ${os.loadavg()[0]!.toFixed(2)}`,
        );
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const agg = (fs: Figures[]) => ({ rps: mean(fs.map((f) => f.rps)), p50: mean(fs.map((f) => f.p50)), p99: mean(fs.map((f) => f.p99)), cpu: mean(fs.map((f) => f.cpuUsPerReq)) });
    const p = agg(results.podium);
    const b = agg(results.bare);
    console.log(`mean of ${ROUNDS} round(s):`);
    console.log('target | req/s  | p50 ms | p99 ms | server CPU µs/req');
    for (const [name, f] of [['bare', b], ['podium', p]] as const) console.log(`${name.padEnd(6)} | ${f.rps.toFixed(0).padStart(6)} | ${f.p50.toFixed(1).padStart(6)} | ${f.p99.toFixed(1).padStart(6)} | ${f.cpu.toFixed(0).padStart(6)}`);
    console.log(
      `Podium / bare express: req/s ${(p.rps / b.rps).toFixed(2)}×, p50 ${(p.p50 / Math.max(b.p50, 1)).toFixed(2)}×, p99 ${(p.p99 / Math.max(b.p99, 1)).toFixed(2)}×, server CPU per request ${(p.cpu / b.cpu).toFixed(2)}× ` +
        `(latency and CPU ratios: higher is slower; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
