// npm run bench:player [-- --runs 15] [--live]
// With --live, the same against a live channel (issue 12): Podium's /channel/:id page (as the
// server renders it: the live edge's segments in the page, played by first-frame.js before the app
// loads, hls.js then continuing on a timeline made the page's: server/channel/live-start.ts)
// against default hls.js playing the same signed live master (it starts 3 segments behind the edge
// as well), on a channel looping the benchmark programme.
// Time to first frame from navigation, in headless Chromium on loopback: Podium's watch page
// (/watch/:id as the server renders it: the start of the ladder in the page, played by the
// first-frame.js inlined in it before the app — video.js + hls.js — has loaded; hls.js then
// continues the same MediaSource) against a baseline measured in the same run — a plain page with
// default hls.js playing the same (signed) master. The first frame is the first frame presented:
// a requestVideoFrameCallback asked for as soon as a <video> starts loading ('loadstart' or
// 'loadedmetadata'), timed with performance.now() in the callback (its origin is the navigation).
// Until 2026-11-25 (third session) the callback was asked for on 'loadeddata'; that event is
// dispatched after the first frame has been presented, so it timed a later frame, 30–100 ms
// later on this machine (by then playback has started; a paused first frame gets no second
// presentation). Both are printed. A third page, one line of text, gives the floor of the setup:
// its first contentful paint is what any page costs here before it can show anything.
//
// Two conditions, each page alternating within each:
// - fresh context: a new browser context per run — a new renderer process, cold HTTP cache;
// - same tab: one tab navigating from page to page, its HTTP cache cleared before each navigation
//   (the renderer process is reused). The figures for plain hls.js (515 ms and 1136 ms on
//   this kind of machine) match these two conditions' baselines.
// The page reports its time on the console: the harness runs no script in the page while it loads
// (playwright's waitForFunction would compile its injected script on the page's main thread, tens
// of ms in the middle of the measurement on two cores).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { buildPlayer } from '../../player/build.js';
import { startTestApp, waitForSlate, type TestApp } from '../helpers/app.js';
import { createChannel, putSchedule } from '../helpers/channel.js';
import { findChromium, launchChromium, MISSING_CHROMIUM_MESSAGE } from '../helpers/browser.js';
import { tempDir } from '../helpers/media.js';
import { createPlayerFixture } from '../browser/player-fixture.js';

const TARGET_MS = 250;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Installed before any page script: reports the first presented video frame, and first contentful paint. */
const PROBE = `
  let framed = false;
  const firstFrame = () => {
    if (framed) return;
    framed = true;
    console.debug('bench:frame ' + performance.now());
  };
  const asked = new WeakSet();
  const ask = (e) => {
    const v = e.target;
    if (!(v instanceof HTMLVideoElement) || asked.has(v) || !v.requestVideoFrameCallback) return;
    asked.add(v);
    v.requestVideoFrameCallback(firstFrame);
  };
  document.addEventListener('loadstart', ask, true);
  document.addEventListener('loadedmetadata', ask, true);
  // The earlier probe: the first frame presented after 'loadeddata' (also the fallback for a
  // <video> that was not in the document when it started loading).
  let afterData = false;
  document.addEventListener('loadeddata', (e) => {
    const v = e.target;
    if (afterData || !(v instanceof HTMLVideoElement)) return;
    afterData = true;
    const done = () => {
      firstFrame();
      console.debug('bench:afterdata ' + performance.now());
    };
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(done); else done();
  }, true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') console.debug('bench:fcp ' + e.startTime);
  }).observe({ type: 'paint', buffered: true });
`;

const BASELINE_ENTRY = `
import Hls from 'hls.js';
const video = document.querySelector('video');
const src = new URLSearchParams(location.search).get('src');
const hls = new Hls();
hls.loadSource(src);
hls.attachMedia(video);
video.muted = true;
video.play().catch(() => {});
`;

const BASELINE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title>
<script type="module" src="/baseline.js"></script></head>
<body><video playsinline muted autoplay style="width:960px;height:540px"></video></body></html>`;

const FLOOR_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body><p>Podium</p></body></html>`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function p90(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)]!;
}

type Metric = 'frame' | 'afterdata' | 'fcp';
type Measures = Partial<Record<Metric, number>>;
const VIDEO: Metric[] = ['frame', 'afterdata'];
const PAINT: Metric[] = ['fcp'];

/** The `bench:<metric> <ms>` lines the page logs, once it has logged each of `metrics`. */
function reported(page: Page, metrics: Metric[]): Promise<Measures> {
  return new Promise((resolve, reject) => {
    const seen: Measures = {};
    const timer = setTimeout(() => (page.off('console', onConsole), reject(new Error(`no ${metrics.join('/')} within 30 s`))), 30_000);
    const onConsole = (msg: ConsoleMessage) => {
      const m = /^bench:(\w+) (\S+)$/.exec(msg.text());
      if (!m || !metrics.includes(m[1] as Metric) || seen[m[1] as Metric] !== undefined) return;
      seen[m[1] as Metric] = Number(m[2]);
      if (metrics.every((k) => seen[k] !== undefined)) {
        clearTimeout(timer);
        page.off('console', onConsole);
        resolve(seen);
      }
    };
    page.on('console', onConsole);
  });
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  return { context, page };
}

/** A fresh context (new renderer, cold cache) per measurement. */
async function inFreshContext(browser: Browser, url: string, metrics: Metric[]): Promise<Measures> {
  const { context, page } = await newPage(browser);
  try {
    const value = reported(page, metrics);
    await page.goto(url, { waitUntil: 'commit' });
    return await value.catch((err: Error) => Promise.reject(new Error(`${url}: ${err.message}`)));
  } finally {
    await context.close();
  }
}

/** One tab for every measurement, its HTTP cache cleared before each navigation. */
async function sameTab(browser: Browser): Promise<{ measure: (url: string, metrics: Metric[]) => Promise<Measures>; close: () => Promise<void> }> {
  const { context, page } = await newPage(browser);
  const cdp = await context.newCDPSession(page);
  return {
    async measure(url, metrics) {
      await cdp.send('Network.clearBrowserCache');
      const value = reported(page, metrics);
      await page.goto(url, { waitUntil: 'commit' });
      return value.catch((err: Error) => Promise.reject(new Error(`${url}: ${err.message}`)));
    },
    close: () => context.close(),
  };
}

function line(label: string, xs: number[]): string {
  return `    ${label.padEnd(26)}median ${median(xs).toFixed(0).padStart(4)} ms   p90 ${p90(xs).toFixed(0).padStart(4)} ms   [${xs.map((x) => x.toFixed(0)).join(' ')}]`;
}

/** The watch page and its programme's master. */
async function watchPage(app: TestApp, programmeId: string): Promise<{ master: string; podiumUrl: string }> {
  const item = (await (await app.api(`/api/programmes/${programmeId}`)).json()) as { hls: string };
  return { master: new URL(item.hls, app.baseUrl).href, podiumUrl: `${app.baseUrl}/watch/${programmeId}` };
}

/** A channel looping the programme since an hour ago: its live page and its signed live master. */
async function liveChannel(app: TestApp, programmeId: string): Promise<{ master: string; podiumUrl: string }> {
  await waitForSlate(app);
  const id = await createChannel(app, { slug: 'bench-live', names: { en: 'Bench live' }, languages: ['en'], timezone: 'UTC', loop: true });
  await putSchedule(app, id, [{ programmeId, start: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString() }]);
  const channel = (await (await app.api(`/api/channels/${id}`)).json()) as { hls: string };
  return { master: new URL(channel.hls, app.baseUrl).href, podiumUrl: `${app.baseUrl}/channel/${id}` };
}

async function main(): Promise<void> {
  const runs = arg('runs', 15);
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  const playerDir = await tempDir('podium-bench-player-');
  await buildPlayer({ outDir: playerDir });
  await build({ stdin: { contents: BASELINE_ENTRY, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'esm', outfile: path.join(playerDir, 'baseline.js'), logLevel: 'warning' });
  await writeFile(path.join(playerDir, 'baseline.html'), BASELINE_HTML);
  await writeFile(path.join(playerDir, 'floor.html'), FLOOR_HTML);
  const live = process.argv.includes('--live');
  const app = await startTestApp({ playerDir, ensureSlate: live });
  let browser: Browser | undefined;
  try {
    console.log('transcoding the benchmark programme (960×540, 8 s)…');
    const fx = await createPlayerFixture(app);
    const { master, podiumUrl } = live ? await liveChannel(app, fx.id) : await watchPage(app, fx.id);
    const baselineUrl = `${app.baseUrl}/baseline.html?src=${encodeURIComponent(master)}`;
    browser = await launchChromium(executablePath);
    const floorUrl = `${app.baseUrl}/floor.html`;
    const tab = await sameTab(browser);
    const conditions = [
      { name: 'fresh context (new renderer, cold cache)', measure: (url: string, metrics: Metric[]) => inFreshContext(browser!, url, metrics) },
      { name: 'same tab (cache cleared before each navigation)', measure: tab.measure },
    ];
    // warm-up: server, disk cache, the browser's own first-use costs
    for (const c of conditions) for (const url of [podiumUrl, baselineUrl]) await c.measure(url, VIDEO);
    console.log(`\nTime to first frame from navigation, headless Chromium, loopback, ${runs} runs per page and condition (pages alternating)`);
    const verdicts: string[] = [];
    for (const c of conditions) {
      const podiumRuns: Measures[] = [];
      const baselineRuns: Measures[] = [];
      const floor: number[] = [];
      for (let i = 0; i < runs; i++) {
        podiumRuns.push(await c.measure(podiumUrl, VIDEO));
        baselineRuns.push(await c.measure(baselineUrl, VIDEO));
        floor.push((await c.measure(floorUrl, PAINT)).fcp!);
      }
      const podium = podiumRuns.map((r) => r.frame!);
      const baseline = baselineRuns.map((r) => r.frame!);
      const met = median(podium) <= TARGET_MS;
      console.log(`\n  ${c.name}`);
      console.log(line(live ? 'Podium /channel/:id' : 'Podium /watch/:id', podium));
      console.log(line('baseline default hls.js', baseline));
      console.log(line('floor: text page, FCP', floor));
      console.log(`    ratio Podium / baseline   ${(median(podium) / median(baseline)).toFixed(2)}`);
      console.log(`    above the floor           Podium ${(median(podium) - median(floor)).toFixed(0)} ms, baseline ${(median(baseline) - median(floor)).toFixed(0)} ms`);
      const late = (xs: Measures[]) => median(xs.map((r) => r.afterdata!)).toFixed(0);
      console.log(`    first frame after 'loadeddata' (the earlier probe): Podium median ${late(podiumRuns)} ms, baseline ${late(baselineRuns)} ms`);
      verdicts.push(`${c.name}: median ${median(podium).toFixed(0)} ms → ${met ? 'met' : 'NOT met'}`);
    }
    await tab.close();
    console.log(`\ntarget: median ≤ ${TARGET_MS} ms\n  ${verdicts.join('\n  ')}`);
  } finally {
    await browser?.close();
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
