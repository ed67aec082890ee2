// The whole path in a real browser: the real app on a temporary SQLite file, a real upload
// transcoded by the real pipeline, then headless Chromium plays it through video.js + hls.js.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildPlayer } from '../../player/build.js';
import { startTestApp, type TestApp, expectJson, waitForJob } from '../helpers/app.js';
import { launchChromium, recordPageProblems, requireChromium } from '../helpers/browser.js';
import { makeClip, tempDir } from '../helpers/media.js';

const TITLES = { en: 'Men’s 100 m final', fr: 'Finale du 100 m hommes' };
export const SCREENSHOT = path.join(tmpdir(), 'podium-watch.png');

describe('browser: playback in Chromium (video.js + hls.js)', function () {
  this.timeout(180_000);
  let executablePath: string;
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[];
  let readyId: string;
  let pendingId: string;

  before(async function () {
    executablePath = requireChromium(this);
    const playerDir = await tempDir('podium-player-');
    await buildPlayer({ outDir: playerDir });
    app = await startTestApp({ playerDir });

    const created = await expectJson<{ id: string }>(
      await app.api('/api/programmes', {
        method: 'POST',
        auth: true,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          localizations: {
            en: { title: TITLES.en, synopsis: 'The fastest race of the Games.' },
            fr: { title: TITLES.fr, synopsis: 'La course la plus rapide des Jeux.' },
          },
        }),
      }),
      201,
    );
    readyId = created.id;
    // viewers see published programmes only
    await expectJson(await app.api(`/api/programmes/${readyId}/publish`, { method: 'POST', auth: true }), 200);
    // 8 s (four segments): a rung switch read near a segment boundary on a loaded machine may show
    // the old rung until the next segment (hls.js's immediate switch); a 4 s clip could end first.
    const clip = await makeClip({ width: 640, height: 360, durationSec: 8 });
    const upload = await expectJson<{ jobId: string }>(
      await app.api(`/api/programmes/${readyId}/source`, {
        method: 'PUT',
        auth: true,
        headers: { 'content-type': 'application/octet-stream' },
        body: await readFile(clip),
      }),
      202,
    );
    const job = await waitForJob(app, upload.jobId, 120_000);
  expect(job.state, `transcode job: ${JSON.stringify(job.error)}`).to.equal('succeeded');

    pendingId = (
      await expectJson<{ id: string }>(
        await app.api('/api/programmes', {
          method: 'POST',
          auth: true,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ localizations: { en: { title: 'Women’s marathon', synopsis: '' }, fr: { title: 'Marathon femmes', synopsis: '' } } }),
        }),
        201,
      )
    ).id;
    await expectJson(await app.api(`/api/programmes/${pendingId}/publish`, { method: 'POST', auth: true }), 200);

    browser = await launchChromium(executablePath);
  });

  beforeEach(async () => {
    page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    problems = recordPageProblems(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') console.error(`  browser console:\n    ${problems.join('\n    ') || '(nothing)'}`);
    await page.close();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('plays /watch/:id: currentTime advances, frames decoded, hls.js is the engine', async () => {
    await page.goto(`${app!.baseUrl}/watch/${readyId}`);
    await page.waitForFunction(
      () => {
        const v = document.querySelector('video');
        // The first frame plays before hls.js exists (first-frame.ts): wait until hls.js has taken over.
        const hls = window.__podium?.hls;
        return !!v && v.currentTime > 1 && v.videoWidth > 0 && !!hls && hls.media === v && hls.levels.length > 0;
      },
      null,
      { timeout: 30_000 },
    );
    const state = await page.evaluate(() => {
      const video = document.querySelector('video')!;
      const debug = window.__podium;
      const hls = debug?.hls;
      const tech = debug?.player?.tech(true) as unknown as Record<string, unknown> | undefined;
      return {
        currentTime: video.currentTime,
        videoWidth: video.videoWidth,
        paused: video.paused,
        muted: video.muted,
        mediaSrc: video.src,
        engine: debug?.engine,
        dataEngine: document.querySelector('.player-frame')?.getAttribute('data-engine'),
        hlsOwnsThisVideo: hls?.media === video,
        levels: hls?.levels.length ?? 0,
        autoLevelEnabled: hls?.autoLevelEnabled,
        startLevel: hls?.startLevel,
        firstLevel: hls?.firstLevel,
        techHasVhs: tech ? 'vhs' in tech && tech.vhs !== undefined : null,
        title: document.title,
        lang: document.documentElement.lang,
      };
    });
    expect(state.currentTime).to.be.greaterThan(1);
    expect(state.videoWidth).to.be.greaterThan(0);
    expect(state.paused, 'autoplay').to.equal(false);
    expect(state.muted, 'muted autoplay').to.equal(true);
    // hls.js, not VHS and not the browser's native HLS: MSE blob URL owned by our Hls instance.
    expect(state.engine).to.equal('hls.js');
    expect(state.dataEngine).to.equal('hls.js');
    expect(state.hlsOwnsThisVideo).to.equal(true);
    expect(state.mediaSrc).to.match(/^blob:/);
    expect(state.techHasVhs).to.equal(false);
    // ABR on, starting on the master's first-listed variant.
    expect(state.levels).to.be.greaterThan(0);
    expect(state.autoLevelEnabled).to.equal(true);
    expect(state.startLevel).to.equal(state.firstLevel);
    expect(state.title).to.contain(TITLES.en);
    expect(state.lang).to.equal('en');
    await page.screenshot({ path: SCREENSHOT });
  });

  it('switches rung mid-play and keeps playing (every rung decodes from a segment start)', async function () {
    await page.goto(`${app!.baseUrl}/watch/${readyId}`);
    await page.waitForFunction(() => (window.__podium?.hls?.levels.length ?? 0) > 0 && (document.querySelector('video')?.currentTime ?? 0) > 0.1, null, {
      timeout: 30_000,
    });
    const levels = await page.evaluate(() => window.__podium!.hls!.levels.map((l) => ({ width: l.width, height: l.height })));
    if (levels.length < 2) {
      console.warn(`    (ladder has ${levels.length} rung for this clip: nothing to switch)`);
      this.skip();
    }
    const target = await page.evaluate(() => {
      const hls = window.__podium!.hls!;
      const playing = hls.currentLevel >= 0 ? hls.currentLevel : hls.startLevel;
      const other = playing === 0 ? hls.levels.length - 1 : 0;
      const at = document.querySelector('video')!.currentTime;
      hls.currentLevel = other; // immediate switch, as a quality menu does: flush and reload at the new rung
      return { index: other, width: hls.levels[other]!.width, at };
    });
    await page.waitForFunction(
      (t) => {
        const v = document.querySelector('video')!;
        return window.__podium?.hls?.currentLevel === t.index && Math.abs(v.videoWidth - t.width) <= 2 && v.currentTime > t.at + 0.5;
      },
      target,
      { timeout: 30_000 },
    );
    expect(await page.evaluate(() => document.querySelector('video')!.error)).to.equal(null);
  });

  it('lists the programme in French on /?lang=fr, with a still-processing badge for the other', async () => {
    await page.goto(`${app!.baseUrl}/?lang=fr`);
    await page.waitForSelector('.card__title');
    expect(await page.getAttribute('html', 'lang')).to.equal('fr');
    expect(await page.textContent('h1')).to.equal('Tous les programmes');
    const cards = await page.$$eval('.card', (els) =>
      els.map((el) => ({
        title: el.querySelector('.card__title')?.textContent,
        href: el.querySelector('a')?.getAttribute('href'),
        badge: el.querySelector('.badge--processing')?.textContent ?? null,
        alt: el.querySelector('img')?.getAttribute('alt') ?? null,
      })),
    );
    const ready = cards.find((c) => c.title === TITLES.fr);
    expect(ready, JSON.stringify(cards)).to.not.equal(undefined);
    expect(ready!.href).to.equal(`/watch/${readyId}?lang=fr`);
    expect(ready!.badge).to.equal(null);
    expect(ready!.alt).to.contain(TITLES.fr);
    const pending = cards.find((c) => c.title === 'Marathon femmes');
    expect(pending?.badge).to.equal('En préparation');
  });

  it('says a programme is still processing, and that an unknown one does not exist, in French', async () => {
    await page.goto(`${app!.baseUrl}/watch/${pendingId}?lang=fr`);
    await page.waitForSelector('.status');
    expect(await page.textContent('.status__title')).to.equal('En préparation');

    await page.goto(`${app!.baseUrl}/watch/999999?lang=fr`);
    await page.waitForSelector('.status--error');
    expect(await page.textContent('.status__title')).to.equal('Ce programme n’existe pas ou n’est plus disponible.');
    expect(await page.getAttribute('.status--error button', 'type')).to.equal('button');
    expect(await page.textContent('.status--error button')).to.equal('Réessayer');
  });
});
