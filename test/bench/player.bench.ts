// npm run bench:player [-- --runs 15]
// Time to first frame from navigation, in headless Chromium on loopback: Podium's watch page
// (/watch/:id as the server renders it: the start of the ladder in the page, played by the 2.6 kB
// first-frame.js before the app — video.js + hls.js — has loaded; hls.js then continues the same
// MediaSource) against a baseline measured in the same run — a plain page with default hls.js
// playing the same (signed) master. Each run is a fresh browser context (cold HTTP cache), the
// two pages alternate, and the first frame is the first requestVideoFrameCallback after
// navigation start (performance.now(), whose origin is the navigation). A third page, one line of
// text, gives the floor of this setup: its first contentful paint is what any page costs here
// (a fresh context's renderer, the navigation, the first paint) before it can show anything.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { buildPlayer } from '../../player/build.js';
import { startTestApp } from '../helpers/app.js';
import { findChromium, launchChromium, MISSING_CHROMIUM_MESSAGE } from '../helpers/browser.js';
import { tempDir } from '../helpers/media.js';
import { createPlayerFixture } from '../browser/player-fixture.js';

const TARGET_MS = 250;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Installed before any page script: the time of the first presented video frame. */
const FIRST_FRAME_PROBE = `
  window.__ttff = null;
  document.addEventListener('loadeddata', (e) => {
    const v = e.target;
    if (window.__ttff !== null || !(v instanceof HTMLVideoElement)) return;
    const done = () => { if (window.__ttff === null) window.__ttff = performance.now(); };
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(done); else done();
  }, true);
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

async function firstFrame(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.addInitScript(FIRST_FRAME_PROBE);
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (window as unknown as { __ttff: number | null }).__ttff, null, { timeout: 30_000, polling: 20 });
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

/** First contentful paint of a page (the floor: no script, no media). */
async function firstPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null, null, { timeout: 30_000, polling: 20 });
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
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
  const app = await startTestApp({ playerDir });
  let browser: Browser | undefined;
  try {
    console.log('transcoding the benchmark programme (960×540, 8 s)…');
    const fx = await createPlayerFixture(app);
    const item = (await (await app.api(`/api/programmes/${fx.id}`)).json()) as { hls: string };
    const master = new URL(item.hls, app.baseUrl).href;
    const podiumUrl = `${app.baseUrl}/watch/${fx.id}`;
    const baselineUrl = `${app.baseUrl}/baseline.html?src=${encodeURIComponent(master)}`;
    browser = await launchChromium(executablePath);
    // warm-up (server, disk cache, Chromium's code cache is per context so stays cold)
    await firstFrame(browser, podiumUrl);
    await firstFrame(browser, baselineUrl);
    const podium: number[] = [];
    const baseline: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      podium.push(await firstFrame(browser, podiumUrl));
      baseline.push(await firstFrame(browser, baselineUrl));
      floor.push(await firstPaint(browser, `${app.baseUrl}/floor.html`));
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
    console.log(`\nTime to first frame from navigation, headless Chromium, loopback, ${runs} runs each (fresh context per run, alternating)`);
    console.log(`  Podium /watch/:id         median ${median(podium).toFixed(0)} ms   p90 ${p90(podium).toFixed(0)} ms   [${fmt(podium)}]`);
    console.log(`  baseline default hls.js   median ${median(baseline).toFixed(0)} ms   p90 ${p90(baseline).toFixed(0)} ms   [${fmt(baseline)}]`);
    console.log(`  floor: text page, FCP     median ${median(floor).toFixed(0)} ms   p90 ${p90(floor).toFixed(0)} ms   [${fmt(floor)}]`);
    console.log(`  ratio Podium / baseline   ${(median(podium) / median(baseline)).toFixed(2)}`);
    console.log(`  above the floor           Podium ${(median(podium) - median(floor)).toFixed(0)} ms, baseline ${(median(baseline) - median(floor)).toFixed(0)} ms`);
    console.log(`  target: median ≤ ${TARGET_MS} ms → ${median(podium) <= TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    await browser?.close();
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
