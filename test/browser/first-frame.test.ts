// The first frame before the app (server/http/routes/watch-page.ts + player/src/first-frame.ts): the
// page itself plays the start of the ladder, then hls.js continues on the same <video> and
// MediaSource — no reload, no seek back, no second element — and plays past what the page
// buffered. Also what the page carries, and when it carries nothing.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { buildPlayer } from '../../player/build.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchChromium, recordPageProblems, requireChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/media.js';
import { createPlayerFixture, type PlayerFixture } from './player-fixture.js';

interface StartJson {
  programmeId: string;
  master: string;
  tracks: { type: string; codec: string; urls: string[] }[];
}

function startJsonOf(html: string): StartJson | null {
  const m = /<script type="application\/json" id="podium-first-frame">(.*?)<\/script>/.exec(html);
  return m ? (JSON.parse(m[1]!) as StartJson) : null;
}

/** Installed before any page script: watches the stage's <video> from the moment it is parsed. */
const STAGE_PROBE = `
  window.__stage = { video: null, events: [], playingBeforeApp: null };
  new MutationObserver((_, obs) => {
    const v = document.querySelector('#podium-stage video');
    if (!v) return;
    obs.disconnect();
    window.__stage.video = v;
    for (const t of ['emptied', 'seeking', 'abort']) v.addEventListener(t, () => window.__stage.events.push(t + '@' + v.currentTime.toFixed(2)));
    v.addEventListener('playing', () => { if (window.__stage.playingBeforeApp === null) window.__stage.playingBeforeApp = !document.querySelector('.video-js.vjs-podium'); }, { once: true });
  }).observe(document, { childList: true, subtree: true });
`;

describe('browser: the first frame before the app, then hls.js on the same MediaSource', function () {
  this.timeout(240_000);
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  let fx: PlayerFixture;

  before(async function () {
    const executablePath = requireChromium(this);
    const playerDir = await tempDir('podium-player-');
    await buildPlayer({ outDir: playerDir });
    app = await startTestApp({ playerDir });
    fx = await createPlayerFixture(app);
    browser = await launchChromium(executablePath);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the page carries the start of the ladder at signed URLs that answer; other pages carry none', async () => {
    const res = await app!.api(`/watch/${fx.id}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const start = startJsonOf(await res.text());
    expect(start, 'first-frame JSON').to.not.equal(null);
    expect(start!.programmeId).to.equal(fx.id);
    expect(start!.tracks.map((t) => t.type)).to.deep.equal(['video', 'audio']);
    for (const t of start!.tracks) {
      for (const url of t.urls) {
        const r = await app!.api(url);
        expect(r.status, url).to.equal(200);
        expect(r.headers.get('content-type'), url).to.match(/mp4|iso\.segment/);
      }
    }
    // Not found, not a programme id (and, through the same path, refused rights): the plain app page, which says why.
    for (const p of ['/watch/7b0f3f7e-2d0a-4d7a-9d55-8f0e3c2b1a00', '/watch/not-an-id']) {
      const r = await app!.api(p);
      expect(r.status, p).to.equal(200);
      const html = await r.text();
      expect(startJsonOf(html), p).to.equal(null);
      expect(html, p).to.include('id="root"');
    }
  });

  it('plays before the app has loaded, and hls.js carries on with the same element and MediaSource past the page’s segments', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = recordPageProblems(page);
    try {
      await page.addInitScript(STAGE_PROBE);
      await page.goto(`${app!.baseUrl}/watch/${fx.id}`);
      // Past the three segments (6 s) the page appended: only hls.js can have buffered that.
      await page.waitForFunction(() => {
        const v = document.querySelector('video');
        const hls = window.__podium?.hls;
        return !!v && !!hls && hls.media === v && v.currentTime > 6.3;
      }, null, { timeout: 60_000 });
      const state = await page.evaluate(() => {
        const s = (window as unknown as { __stage: { video: HTMLVideoElement | null; events: string[]; playingBeforeApp: boolean | null } }).__stage;
        const videos = document.querySelectorAll('video');
        return {
          stageSeen: s.video !== null,
          same: videos.length === 1 && videos[0] === s.video,
          inPlayer: !!s.video?.closest('.player-frame .video-js'),
          events: s.events,
          playingBeforeApp: s.playingBeforeApp,
          stageLeft: document.getElementById('podium-stage') !== null,
          mediaSrc: s.video?.src ?? '',
          paused: s.video?.paused,
          hasStarted: document.querySelector('.video-js')?.classList.contains('vjs-has-started'),
          playingClass: document.querySelector('.video-js')?.classList.contains('vjs-playing'),
          icons: [...document.querySelectorAll<HTMLLinkElement>('link[rel="icon"]')].map((l) => new URL(l.href).pathname),
        };
      });
      expect(state.stageSeen, 'the page had a stage').to.equal(true);
      expect(state.playingBeforeApp, 'first frame before video.js existed').to.equal(true);
      expect(state.same, 'one <video>: the stage’s, adopted by video.js').to.equal(true);
      expect(state.inPlayer).to.equal(true);
      expect(state.stageLeft).to.equal(false);
      expect(state.events, 'no reload, no seek back').to.deep.equal([]);
      expect(state.mediaSrc).to.match(/^blob:/);
      expect(state.paused).to.equal(false);
      // video.js knows playback is under way (no poster, no big play button over the video)
      expect(state.hasStarted).to.equal(true);
      expect(state.playingClass).to.equal(true);
      // the icon the page held back until the frame was up (data:, meanwhile) is restored
      expect(state.icons).to.deep.equal(['/favicon.svg']);
      expect(problems.filter((p) => !/ERR_ABORTED|net::ERR_FAILED.*\/api\/i18n\/events/.test(p)), problems.join('\n')).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('when the browser refuses autoplay, the first frame waits paused, the app takes it over, and the play button plays on', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = recordPageProblems(page);
    try {
      await page.addInitScript(STAGE_PROBE);
      // A browser (or site setting) that blocks even muted autoplay: play() is refused until the viewer acts.
      await page.addInitScript(`
        let acted = false;
        addEventListener('pointerdown', () => (acted = true), true);
        const play = HTMLMediaElement.prototype.play;
        HTMLMediaElement.prototype.play = function () {
          return acted ? play.call(this) : Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
        };
      `);
      await page.goto(`${app!.baseUrl}/watch/${fx.id}`);
      // The app adopted the stage's element and hls.js owns it, while it waits on its first frame.
      await page.waitForFunction(() => {
        const v = document.querySelector('video');
        const hls = window.__podium?.hls;
        return !!v && !!hls && hls.media === v && v.readyState >= 2;
      }, null, { timeout: 60_000 });
      const before = await page.evaluate(() => {
        const s = (window as unknown as { __stage: { video: HTMLVideoElement | null; events: string[] } }).__stage;
        const v = document.querySelector('video')!;
        return { same: v === s.video, paused: v.paused, time: v.currentTime, events: s.events, bigPlay: getComputedStyle(document.querySelector('.vjs-big-play-button')!).display };
      });
      expect(before.same, 'the stage’s element, adopted').to.equal(true);
      expect(before.paused).to.equal(true);
      expect(before.time).to.equal(0);
      expect(before.bigPlay, 'video.js offers its play button').to.not.equal('none');
      await page.click('.vjs-big-play-button');
      await page.waitForFunction(() => {
        const v = document.querySelector('video')!;
        return !v.paused && v.currentTime > 6.3; // past the page's segments: hls.js carried on
      }, null, { timeout: 60_000 });
      expect(await page.evaluate(() => (window as unknown as { __stage: { events: string[] } }).__stage.events), 'no reload, no seek back').to.deep.equal([]);
      expect(problems.filter((p) => !/ERR_ABORTED|net::ERR_FAILED.*\/api\/i18n\/events|NotAllowedError/.test(p)), problems.join('\n')).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('when the page’s own start fails (a segment request fails), the app plays the ordinary way on a fresh element', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.addInitScript(STAGE_PROBE);
      let refused = 0;
      // The first request for the video's second segment fails; hls.js's own request later succeeds.
      await page.route(/\/seg_00001\.m4s$/, (route) => (refused++ === 0 ? route.abort('failed') : route.continue()));
      await page.goto(`${app!.baseUrl}/watch/${fx.id}`);
      await page.waitForFunction(() => {
        const v = document.querySelector('video');
        const hls = window.__podium?.hls;
        return !!v && !!hls && hls.media === v && hls.levels.length > 0 && v.currentTime > 2.5;
      }, null, { timeout: 60_000 });
      const state = await page.evaluate(() => {
        const s = (window as unknown as { __stage: { video: HTMLVideoElement | null } }).__stage;
        const videos = document.querySelectorAll('video');
        return { stageSeen: s.video !== null, videos: videos.length, fresh: videos[0] !== s.video, stageLeft: document.getElementById('podium-stage') !== null };
      });
      expect(refused, 'the route refused a request').to.be.greaterThan(0);
      expect(state.stageSeen).to.equal(true);
      expect(state.videos).to.equal(1);
      expect(state.fresh, 'the failed stage was discarded').to.equal(true);
      expect(state.stageLeft).to.equal(false);
    } finally {
      await context.close();
    }
  });
});
