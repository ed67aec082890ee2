// Issue 5 in Chromium: a programme with two commentary languages (fr, de) and subtitles, added
// through the HTTP API, played by hls.js from the signed master URL: hls.js lists both audio
// tracks, switches between them (the new track's segments are fetched), and shows subtitles (a
// text track with an active cue while playing).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { runFfmpeg } from '../../transcoder/ffmpeg/command.js';
import { startTestApp, waitForJob, type TestApp } from '../helpers/app.js';
import { launchChromium, recordPageProblems, requireChromium } from '../helpers/browser.js';
import { makeClip, tempDir, testBinaries } from '../helpers/media.js';

const HLS_JS = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js');

const PAGE = `<!doctype html><meta charset="utf-8"><title>tracks</title>
<video id="v" muted playsinline width="640" height="360"></video>
<script src="/__tracks-test/hls.min.js"></script>`;

describe('browser: audio languages and subtitles in hls.js (issue 5)', function () {
  this.timeout(300_000);
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[];
  let hlsUrl: string;

  before(async function () {
    const executablePath = requireChromium(this);
    app = await startTestApp();
    const work = await tempDir('podium-tracks-browser-');
    const bins = await testBinaries();
    const create = await app.api('/api/programmes', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ localizations: { en: { title: 'Relay final' } } }),
    });
    const { id } = (await create.json()) as { id: string };
    expect((await app.api(`/api/programmes/${id}/publish`, { method: 'POST', auth: true })).status).to.equal(200);
    const clip = await makeClip({ width: 640, height: 360, durationSec: 6, label: 'browser-tracks' });
    const put = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: await readFile(clip) });
    expect((await waitForJob(app, ((await put.json()) as { jobId: string }).jobId, 150_000)).state).to.equal('succeeded');
    for (const [lang, f] of [['fr', 550], ['de', 770]] as const) {
      const wav = path.join(work, `${lang}.wav`);
      await runFfmpeg(bins, {
        inputs: [{ path: `sine=f=${f}:sample_rate=48000:d=6`, options: ['-f', 'lavfi'] }],
        globalOptions: ['-nostats', '-loglevel', 'error', '-y'],
        output: { path: wav, options: ['-ac', '2'] },
      });
      const res = await app.api(`/api/programmes/${id}/audio/${lang}?role=commentary`, { method: 'PUT', auth: true, body: await readFile(wav) });
      expect(res.status).to.equal(202);
      expect((await waitForJob(app, ((await res.json()) as { jobId: string }).jobId, 120_000)).state).to.equal('succeeded');
    }
    const subs = await app.api(`/api/programmes/${id}/subtitles/en`, {
      method: 'PUT',
      auth: true,
      body: 'WEBVTT\n\n00:00:00.000 --> 00:00:05.900\nGo for gold\n',
    });
    expect(subs.status, await subs.clone().text()).to.equal(201);
    hlsUrl = ((await (await app.api(`/api/programmes/${id}`)).json()) as { hls: string }).hls;

    browser = await launchChromium(executablePath);
    page = await browser.newPage();
    problems = recordPageProblems(page);
    // a bare test page on the app's origin (the signed media URLs are same-origin): hls.js alone
    await page.route(`${app.baseUrl}/__tracks-test/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.endsWith('/hls.min.js')) await route.fulfill({ contentType: 'text/javascript', body: await readFile(HLS_JS, 'utf8') });
      else await route.fulfill({ contentType: 'text/html', body: PAGE });
    });
    await page.goto(`${app.baseUrl}/__tracks-test/index.html`);
    await page.evaluate(async (src) => {
      const w = window as unknown as { Hls: any; hls: any; requested: string[] };
      const hls = new w.Hls({ enableWebVTT: true, renderTextTracksNatively: true });
      w.hls = hls;
      w.requested = [];
      hls.on(w.Hls.Events.FRAG_LOADING, (_e: unknown, d: { frag: { url: string } }) => w.requested.push(d.frag.url));
      const parsed = new Promise((resolve, reject) => {
        hls.on(w.Hls.Events.MANIFEST_PARSED, resolve);
        hls.on(w.Hls.Events.ERROR, (_e: unknown, d: { fatal: boolean; details: string }) => d.fatal && reject(new Error(d.details)));
      });
      hls.loadSource(src);
      hls.attachMedia(document.getElementById('v'));
      await parsed;
    }, hlsUrl);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists the audio tracks (original, fr and de commentary) with their languages and names', async () => {
    const tracks = await page.evaluate(() => (window as any).hls.audioTracks.map((t: any) => ({ lang: t.lang, name: t.name, default: t.default })));
    expect(tracks.map((t: { lang: string }) => t.lang), JSON.stringify(problems)).to.deep.equal(['und', 'fr', 'de']);
    expect(tracks.map((t: { name: string }) => t.name)).to.deep.equal(['Original', 'Français', 'Deutsch']);
    expect(tracks[0].default).to.equal(true);
  });

  it('switches between the commentary tracks and loads their segments', async () => {
    for (const [index, folder] of [[1, 'audio_fr_commentary'], [2, 'audio_de_commentary']] as const) {
      const switched = await page.evaluate(async (i) => {
        const w = window as any;
        const done = new Promise<number>((resolve) => w.hls.once(w.Hls.Events.AUDIO_TRACK_SWITCHED, (_e: unknown, d: { id: number }) => resolve(d.id)));
        w.hls.audioTrack = i;
        const video = document.getElementById('v') as HTMLVideoElement;
        if (video.paused) await video.play();
        return done;
      }, index);
      expect(switched).to.equal(index);
      await page.waitForFunction((f) => (window as any).requested.some((u: string) => u.includes(`/${f}/seg_`)), folder, { timeout: 30_000 });
      expect(await page.evaluate(() => (window as any).hls.audioTrack)).to.equal(index);
    }
  });

  it('shows the subtitles: a text track with an active cue while playing', async () => {
    const subs = await page.evaluate(() => (window as any).hls.subtitleTracks.map((t: any) => ({ lang: t.lang, name: t.name })));
    expect(subs).to.deep.equal([{ lang: 'en', name: 'English' }]);
    await page.evaluate(async () => {
      const w = window as any;
      w.hls.subtitleTrack = 0;
      w.hls.subtitleDisplay = true;
      const video = document.getElementById('v') as HTMLVideoElement;
      video.currentTime = 1;
      if (video.paused) await video.play();
    });
    const cue = await page.waitForFunction(
      () => {
        const video = document.getElementById('v') as HTMLVideoElement;
        for (const t of Array.from(video.textTracks)) {
          if (t.mode === 'showing' && t.activeCues && t.activeCues.length > 0) return (t.activeCues[0] as VTTCue).text;
        }
        return null;
      },
      undefined,
      { timeout: 30_000 },
    );
    expect(await cue.jsonValue(), problems.join('\n')).to.equal('Go for gold');
  });
});
