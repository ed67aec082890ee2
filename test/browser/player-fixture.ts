// One transcoded programme shared by the player's browser tests (and the player benchmark):
// a real upload through the real pipeline, then, written in-test beside the rendition, the
// extras other issues will package for real — a second audio language (the same audio
// rendition listed again with LANGUAGE="fr"), a segmented WebVTT subtitle rendition and a
// storyboard — so the player's menus and previews can be exercised before that lands.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { makeStoryboard } from '../../transcoder/trickplay/index.js';
import { expectJson, waitForJob, type TestApp } from '../helpers/app.js';
import { makeClip, testBinaries } from '../helpers/media.js';

export const TITLES = {
  en: 'Women’s 400 m hurdles final',
  fr: 'Finale du 400 m haies femmes',
  ar: 'نهائي سباق 400 م حواجز للسيدات',
  'zh-Hant': '女子 400 公尺跨欄決賽',
  'zh-Hant-HK': '女子 400 米跨欄決賽',
  'zh-Hans': '女子 400 米栏决赛',
} as const;

export const SUBTITLE_TEXT = 'Départ de la finale';

/** The event in the localizations that have it (the others show the typed English one to English readers only). */
export const EVENTS: Readonly<Record<string, string>> = { 'zh-Hant-HK': '女子400米欄' };

export interface PlayerFixture {
  id: string;
  renditionDir: string;
  master: string;
  levels: number;
}

function vttTimestamp(sec: number): string {
  const ms = Math.round(sec * 1000);
  const h = Math.floor(ms / 3600_000);
  const m = Math.floor((ms % 3600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Adds a French audio entry, a French subtitle rendition and a storyboard to the master. */
export async function addExtras(renditionDir: string, durationSec: number, clip: string): Promise<string> {
  const masterPath = path.join(renditionDir, 'master.m3u8');
  let master = await readFile(masterPath, 'utf8');
  // audio: the same rendition again under French (a second commentary language)
  const audio = master.split('\n').find((l) => l.startsWith('#EXT-X-MEDIA:TYPE=AUDIO'));
  const lines = master.split('\n');
  const extra: string[] = [];
  if (audio) {
    extra.push(audio.replace(/LANGUAGE="[^"]*"/, 'LANGUAGE="fr"').replace(/NAME="[^"]*"/, 'NAME="Commentaire FR"').replace('DEFAULT=YES', 'DEFAULT=NO'));
  }
  // subtitles: one segmented WebVTT rendition in French, one segment covering the programme
  const subsDir = path.join(renditionDir, 'subs_fr');
  await mkdir(subsDir, { recursive: true });
  const end = Math.max(1, durationSec);
  await writeFile(
    path.join(subsDir, 'seg_00000.vtt'),
    `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n1\n${vttTimestamp(0)} --> ${vttTimestamp(end)}\n${SUBTITLE_TEXT}\n`,
  );
  await writeFile(
    path.join(subsDir, 'index.m3u8'),
    `#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:${Math.ceil(end)}\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:${end.toFixed(3)},\nseg_00000.vtt\n#EXT-X-ENDLIST\n`,
  );
  extra.push('#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="fr",NAME="Français (sous-titres)",DEFAULT=NO,AUTOSELECT=YES,URI="subs_fr/index.m3u8"');
  const at = lines.findIndex((l) => l.startsWith('#EXT-X-STREAM-INF'));
  lines.splice(at, 0, ...extra);
  master = lines.map((l) => (l.startsWith('#EXT-X-STREAM-INF') ? `${l},SUBTITLES="subs"` : l)).join('\n');
  await writeFile(masterPath, master);
  // storyboard: sprite sheet + WebVTT index from the source clip
  const bins = await testBinaries();
  await makeStoryboard(bins, { input: clip, outDir: path.join(renditionDir, 'storyboard'), durationSec, intervalSec: 1, width: 160 });
  return master;
}

export async function createPlayerFixture(app: TestApp, opts: { width?: number; height?: number; durationSec?: number } = {}): Promise<PlayerFixture> {
  const created = await expectJson<{ id: string }>(
    await app.api('/api/programmes', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        localizations: Object.fromEntries(Object.entries(TITLES).map(([lng, title]) => [lng, { title, synopsis: `${title}.`, ...(EVENTS[lng] ? { event: EVENTS[lng] } : {}) }])),
        // a coded sport (named in every language), an uncoded discipline and the event (English free text)
        sport: 'Athletics',
        discipline: 'Hurdles',
        event: 'Women’s 400 m hurdles',
      }),
    }),
    201,
  );
  // viewers see published programmes only
  await expectJson(await app.api(`/api/programmes/${created.id}/publish`, { method: 'POST', auth: true }), 200);
  const durationSec = opts.durationSec ?? 8;
  const clip = await makeClip({ width: opts.width ?? 960, height: opts.height ?? 540, durationSec });
  const upload = await expectJson<{ jobId: string }>(
    await app.api(`/api/programmes/${created.id}/source`, {
      method: 'PUT',
      auth: true,
      headers: { 'content-type': 'application/octet-stream' },
      body: await readFile(clip),
    }),
    202,
  );
  const job = await waitForJob(app, upload.jobId, 150_000);
  expect(job.state, `transcode job: ${JSON.stringify(job.error)}`).to.equal('succeeded');
  const item = await expectJson<{ hls: string }>(await app.api(`/api/programmes/${created.id}`), 200);
  const mediaRoot = path.join(app.dataDir, 'media', created.id);
  const [rendition] = (await readdir(mediaRoot, { withFileTypes: true })).filter((d) => d.isDirectory() && item.hls.includes(`/${d.name}/`));
  if (!rendition) throw new Error(`no rendition folder for ${item.hls} under ${mediaRoot}`);
  const renditionDir = path.join(mediaRoot, rendition.name);
  const master = await addExtras(renditionDir, durationSec, clip);
  return { id: created.id, renditionDir, master, levels: master.split('\n').filter((l) => l.startsWith('#EXT-X-STREAM-INF')).length };
}
