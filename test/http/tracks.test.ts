// Issue 5 through the HTTP API: a generated clip gets two commentary languages (fr, de: different
// sine tones), an audio-description track taken from a video file's audio, and subtitles in three
// languages (en WebVTT UTF-8, zh-Hans SRT in GB18030, zh-Hant SRT in Big5). Checks the master
// playlist, the video bytes (never re-encoded), loudness within ±1 LU of the target, the item's
// languages and storyboard, and that bad subtitle files are refused with nothing published.
import { createHash, randomUUID } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import iconv from 'iconv-lite';
import { runFfmpeg } from '../../transcoder/ffmpeg/command.js';
import { measureLoudness, readManifest, verify } from '../../transcoder/index.js';
import { parseMasterPlaylist } from '../../transcoder/playlist.js';
import pino from 'pino';
import { TrackService, type AudioJobPayload } from '../../server/catalog/tracks.js';
import { LeaseLostError } from '../../server/jobs/queue.js';
import { DiskMediaStore } from '../../server/media/store.js';
import { startTestApp, waitForJob, type TestApp } from '../helpers/app.js';
import { makeClip, tempDir, testBinaries } from '../helpers/media.js';
import { createProgramme } from './viewer-helpers.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/subtitles');
const ZH_HANS = ['欢迎收看奥运会', '中国队获得金牌。'];
const ZH_HANT = ['歡迎收看奧運會', '中國隊獲得金牌。'];
const srt = (lines: string[]) => lines.map((t, i) => `${i + 1}\n00:00:0${i * 2},000 --> 00:00:0${i * 2 + 1},500\n${t}\n`).join('\n');

interface Programme {
  audio: { locale: string; role: string; name: string }[];
  subtitles: { locale: string; name: string }[];
  thumbnails: string | null;
  hls: string | null;
}

describe('HTTP: audio languages, subtitles, loudness and trick play (issue 5)', function () {
  this.timeout(300_000);
  let app: TestApp;
  let id: string;
  let work: string;
  const TARGET = -23;

  const row = async () => (await app.podium.models.Programme.findByPk(id))!;
  const folder = async () => path.join(app.dataDir, 'media', ...(await row()).renditionPath!.split('/'));
  const item = async () => (await (await app.api(`/api/programmes/${id}`)).json()) as Programme;
  const videoDigests = async () => {
    const dir = await folder();
    const out: Record<string, string> = {};
    for (const v of (await readManifest(dir)).variants) {
      const rung = path.dirname(v.uri);
      for (const f of (await readdir(path.join(dir, rung))).filter((n) => n.endsWith('.m4s') || n === 'init.mp4').sort()) {
        out[`${rung}/${f}`] = createHash('sha256').update(await readFile(path.join(dir, rung, f))).digest('hex');
      }
    }
    return out;
  };
  const putAudio = async (locale: string, role: string, file: string) => {
    const res = await app.api(`/api/programmes/${id}/audio/${locale}?role=${role}`, { method: 'PUT', auth: true, body: await readFile(file) });
    expect(res.status, await res.clone().text()).to.equal(202);
    const job = await waitForJob(app, ((await res.json()) as { jobId: string }).jobId, 120_000);
    expect(job.state, JSON.stringify(job)).to.equal('succeeded');
  };
  const putSubs = (locale: string, body: Buffer | string) =>
    app.api(`/api/programmes/${id}/subtitles/${locale}`, { method: 'PUT', auth: true, body: typeof body === 'string' ? body : new Uint8Array(body) });

  let original: Record<string, string>;

  before(async () => {
    app = await startTestApp({ settings: { loudnessTarget: TARGET } });
    work = await tempDir('podium-tracks-');
    const bins = await testBinaries();
    for (const [lang, f, db] of [['fr', 550, -12], ['de', 770, -35]] as const) {
      await runFfmpeg(bins, {
        inputs: [{ path: `sine=f=${f}:sample_rate=44100:d=6`, options: ['-f', 'lavfi'] }],
        globalOptions: ['-nostats', '-loglevel', 'error', '-y'],
        output: { path: path.join(work, `${lang}.wav`), options: ['-af', `volume=${db}dB`, '-ac', '2'] },
      });
    }
    id = await createProgramme(app, { en: { title: 'Tracks' } });
    const source = await makeClip({ width: 640, height: 360, durationSec: 4, label: 'tracks' });
    const put = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: await readFile(source) });
    expect(put.status).to.equal(202);
    expect((await waitForJob(app, ((await put.json()) as { jobId: string }).jobId, 150_000)).state).to.equal('succeeded');
    original = await videoDigests();
  });
  after(() => app?.close());

  it('a transcode publishes I-frame playlists, the storyboard and the loudness-normalized main audio', async () => {
    const master = await readFile(path.join(await folder(), 'master.m3u8'), 'utf8');
    const iframes = master.split('\n').filter((l) => l.startsWith('#EXT-X-I-FRAME-STREAM-INF:'));
    expect(iframes).to.have.length(parseMasterPlaylist(master).variants.length);
    for (const l of iframes) expect(l).to.match(/BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,CODECS="avc1\.[0-9a-f]{6}",RESOLUTION=\d+x\d+,URI="[^"]+\/iframes\.m3u8"/);
    const p = await item();
    expect(p.audio).to.deep.equal([{ locale: 'und', role: 'main', name: 'Original' }]);
    expect(p.thumbnails).to.match(/^\/media\/t\/.+\/storyboard\/storyboard\.vtt$/);
  });

  it('adds fr and de commentary (audio files) and English audio description (a video file\'s audio) through jobs', async () => {
    await putAudio('fr', 'commentary', path.join(work, 'fr.wav'));
    await putAudio('de', 'commentary', path.join(work, 'de.wav'));
    await putAudio('en', 'description', await makeClip({ width: 640, height: 360, durationSec: 4, label: 'tracks' }));
    const p = await item();
    expect(p.audio.map((a) => `${a.locale}/${a.role}/${a.name}`)).to.deep.equal(['und/main/Original', 'fr/commentary/Français', 'de/commentary/Deutsch', 'en/description/English (AD)']);
  });

  it('an audio job taken over by another worker publishes nothing: the switch and the job\'s success are one transaction under its lease', async () => {
    const done = (await app.podium.models.Job.findAll({ where: { programmeId: id, type: 'audio' }, raw: true })).find((j) => JSON.parse(j.payload).locale === 'fr')!;
    const payload = JSON.parse(done.payload) as AudioJobPayload;
    // Another worker holds this job now (its lease taken over); this one still runs it to the end.
    const jobId = randomUUID();
    await app.podium.models.Job.create({ id: jobId, programmeId: id, type: 'audio', payload: done.payload, state: 'running', leaseOwner: 'the-other-worker', leaseExpiresAt: new Date(Date.now() + 600_000), attempts: 2 });
    const tracks = new TrackService({ models: app.podium.models, sequelize: app.podium.sequelize, media: new DiskMediaStore(app.dataDir), queue: app.podium.queue, bins: await testBinaries(), loudnessTarget: { integratedLufs: TARGET, truePeakDbtp: -1, lraLu: 11 }, logger: pino({ level: 'silent' }) });
    const before = { rendition: (await row()).renditionId, folders: (await readdir(path.join(app.dataDir, 'media', id))).sort() };
    let refused: unknown;
    await tracks.addAudio(id, payload, { lease: { jobId, owner: 'this-worker' } }).catch((err: unknown) => (refused = err));
    expect(refused).to.be.instanceOf(LeaseLostError);
    expect((await row()).renditionId, 'still the published rendition').to.equal(before.rendition);
    expect((await readdir(path.join(app.dataDir, 'media', id))).filter((f) => !f.startsWith('.')).sort(), 'no folder left behind').to.deep.equal(before.folders.filter((f) => !f.startsWith('.')));
    expect((await app.podium.models.Job.findByPk(jobId))!.state, "the job stays the other worker's").to.equal('running');
    await app.podium.models.Job.destroy({ where: { id: jobId } });
  });

  it('adds subtitles in en (WebVTT, UTF-8), zh-Hans (SRT, GB18030) and zh-Hant (SRT, Big5): 201 once published', async () => {
    const en = await putSubs('en', 'WEBVTT\n\n00:00:00.500 --> 00:00:02.500\nWelcome to the final\n\n00:00:02.500 --> 00:00:03.800\nThey are off!\n');
    expect(en.status, await en.clone().text()).to.equal(201);
    const hans = await putSubs('zh-Hans', iconv.encode(srt(ZH_HANS), 'gb18030'));
    expect(hans.status, await hans.clone().text()).to.equal(201);
    const hant = await putSubs('zh-hant', iconv.encode(srt(ZH_HANT), 'big5'));
    expect(hant.status, await hant.clone().text()).to.equal(201);
    expect(await hant.json()).to.deep.equal({ locale: 'zh-Hant', name: '繁體中文', cues: 2 });
    expect((await item()).subtitles.map((s) => s.locale)).to.deep.equal(['en', 'zh-Hans', 'zh-Hant']);
  });

  it('the master lists every audio and subtitle rendition, SUBTITLES on every variant, I-frame lines after the variants', async () => {
    const dir = await folder();
    const text = await readFile(path.join(dir, 'master.m3u8'), 'utf8');
    const master = parseMasterPlaylist(text);
    const audio = master.media.filter((m) => m.TYPE === 'AUDIO');
    expect(audio.map((a) => a.LANGUAGE)).to.deep.equal(['und', 'fr', 'de', 'en']);
    for (const a of audio) {
      expect(a).to.include({ 'GROUP-ID': 'aud', CHANNELS: '2', AUTOSELECT: 'YES' });
      expect(a.NAME).to.be.a('string').that.is.not.empty;
    }
    expect(audio.map((a) => a.DEFAULT)).to.deep.equal(['YES', 'NO', 'NO', 'NO']);
    expect(audio[3]).to.include({ CHARACTERISTICS: 'public.accessibility.describes-video', NAME: 'English (AD)' });
    expect(audio.slice(0, 3).every((a) => a.CHARACTERISTICS === undefined)).to.equal(true);
    const subs = master.media.filter((m) => m.TYPE === 'SUBTITLES');
    expect(subs.map((s) => `${s.LANGUAGE}:${s.NAME}`)).to.deep.equal(['en:English', 'zh-Hans:简体中文', 'zh-Hant:繁體中文']);
    for (const v of master.variants) expect(v.attrs).to.include({ AUDIO: 'aud', SUBTITLES: 'subs' });
    const lastVariant = text.lastIndexOf('#EXT-X-STREAM-INF');
    expect(text.indexOf('#EXT-X-I-FRAME-STREAM-INF')).to.be.greaterThan(lastVariant);
    // BANDWIDTH ≥ video peak + the largest audio peak, segment counts and boundaries aligned
    expect((await verify(dir)).problems).to.deep.equal([]);
    // subtitle segments: X-TIMESTAMP-MAP, UTF-8 text
    const hans = subs.find((s) => s.LANGUAGE === 'zh-Hans')!;
    const seg0 = await readFile(path.join(dir, path.dirname(hans.URI!), 'seg_00000.vtt'), 'utf8');
    expect(seg0).to.match(/^WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00\.000/);
    expect(seg0).to.include(ZH_HANS[0]);
  });

  it('never re-encodes the video: the video segments are byte-identical (hard links) after adding languages', async () => {
    expect(await videoDigests()).to.deep.equal(original);
  });

  it('every audio rendition measures within ±1 LU of the target, true peak ≤ −1 dBTP', async () => {
    const bins = await testBinaries();
    const dir = await folder();
    const manifest = await readManifest(dir);
    for (const a of manifest.audio) {
      const m = await measureLoudness(bins, path.join(dir, a.uri));
      console.log(`      ${a.language}/${a.role}: source ${a.loudness!.source.integratedLufs} LUFS / ${a.loudness!.source.truePeakDbtp} dBTP → output ${m.integratedLufs} LUFS / ${m.truePeakDbtp} dBTP (stored ${a.loudness!.result.integratedLufs})`);
      expect(m.integratedLufs, a.uri).to.be.closeTo(TARGET, 1);
      expect(m.truePeakDbtp, a.uri).to.be.at.most(-0.95);
    }
    // shown to editors
    const studio = (await (await app.api(`/api/studio/programmes/${id}`, { auth: true })).json()) as { audio: { locale: string; loudness: { source: { integratedLufs: number }; result: { integratedLufs: number } } }[] };
    expect(studio.audio).to.have.length(4);
    const fr = studio.audio.find((a) => a.locale === 'fr')!;
    expect(fr.loudness.source.integratedLufs).to.be.below(TARGET - 5); // the quiet fr desk was raised
    expect(fr.loudness.result.integratedLufs).to.be.closeTo(TARGET, 1);
  });

  it('serves the storyboard (text/vtt) and its sprites (image/jpeg, immutable) through the signed URLs', async () => {
    const url = (await item()).thumbnails!;
    const vtt = await app.api(url);
    expect(vtt.status).to.equal(200);
    expect(vtt.headers.get('content-type')).to.match(/^text\/vtt/);
    const text = await vtt.text();
    const sprite = /\n(storyboard_\d{3}\.jpg)#xywh=\d+,\d+,\d+,\d+/.exec(text)?.[1];
    expect(sprite, text).to.be.a('string');
    const jpg = await app.api(new URL(sprite!, app.baseUrl + url).pathname);
    expect(jpg.status).to.equal(200);
    expect(jpg.headers.get('content-type')).to.equal('image/jpeg');
    expect(jpg.headers.get('cache-control')).to.include('immutable');
  });

  describe('bad subtitle files are refused with the reason, nothing published', () => {
    const cases: [string, () => Promise<Buffer>, string, number | undefined][] = [
      ['wrong encoding (Latin-1)', async () => Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nCafé crème à la française, déjà vu\n', 'latin1'), 'bad_encoding', undefined],
      ['broken timing', () => readFile(path.join(FIXTURES, 'bad-timing.vtt')), 'bad_timing', 6],
      ['empty', async () => Buffer.alloc(0), 'empty_file', undefined],
      ['only blank lines', async () => Buffer.from('\n\n  \n'), 'empty_file', undefined],
    ];
    for (const [name, body, reason, line] of cases) {
      it(name, async () => {
        const rendition = (await row()).renditionId;
        const res = await putSubs('fr', await body());
        expect(res.status).to.equal(400);
        const { error } = (await res.json()) as { error: { code: string; reason: string; message: string; line?: number } };
        expect(error.code).to.equal('invalid_subtitles');
        expect(error.reason).to.equal(reason);
        expect(error.message).to.be.a('string').that.is.not.empty;
        if (line !== undefined) expect(error.line).to.equal(line);
        expect((await row()).renditionId).to.equal(rendition);
        expect((await item()).subtitles.map((s) => s.locale)).to.not.include('fr');
      });
    }
  });

  it('refuses bad requests: unknown role, no such programme, editor only', async () => {
    expect((await app.api(`/api/programmes/${id}/audio/fr?role=director`, { method: 'PUT', auth: true, body: 'x' })).status).to.equal(400);
    expect((await app.api(`/api/programmes/00000000-0000-4000-8000-000000000000/subtitles/fr`, { method: 'PUT', auth: true, body: 'WEBVTT\n' })).status).to.equal(404);
    expect((await putSubs('fr', 'WEBVTT\n')).status).to.equal(400);
    expect((await app.api(`/api/programmes/${id}/subtitles/fr`, { method: 'PUT', body: 'WEBVTT\n' })).status).to.equal(401);
  });

  it('DELETE removes a subtitle and an audio language (new folder, video untouched); the last audio track stays', async () => {
    const old = await folder();
    expect((await app.api(`/api/programmes/${id}/subtitles/zh-Hant`, { method: 'DELETE', auth: true })).status).to.equal(204);
    expect((await app.api(`/api/programmes/${id}/audio/de`, { method: 'DELETE', auth: true })).status).to.equal(204);
    expect((await app.api(`/api/programmes/${id}/audio/de`, { method: 'DELETE', auth: true })).status).to.equal(404);
    const p = await item();
    expect(p.audio.map((a) => a.locale)).to.deep.equal(['und', 'fr', 'en']);
    expect(p.subtitles.map((s) => s.locale)).to.deep.equal(['en', 'zh-Hans']);
    const dir = await folder();
    expect(dir).to.not.equal(old);
    const master = await readFile(path.join(dir, 'master.m3u8'), 'utf8');
    expect(master).to.not.include('zh-Hant').and.not.include('LANGUAGE="de"');
    expect(await videoDigests()).to.deep.equal(original);
    // the previous folder is untouched (published folders are immutable)
    expect(await readFile(path.join(old, 'master.m3u8'), 'utf8')).to.include('LANGUAGE="de"');
    const rung = Object.keys(original)[0]!;
    expect((await stat(path.join(dir, rung))).ino).to.equal((await stat(path.join(old, rung))).ino);
    for (const l of ['und', 'fr']) expect((await app.api(`/api/programmes/${id}/audio/${l}`, { method: 'DELETE', auth: true })).status).to.equal(204);
    const last = await app.api(`/api/programmes/${id}/audio/en`, { method: 'DELETE', auth: true });
    expect(last.status).to.equal(409);
  });

  it('a new source upload keeps the added languages: audio packaged again from its kept upload, subtitles cut again', async () => {
    const source = await makeClip({ width: 640, height: 360, durationSec: 4, label: 'tracks' });
    const put = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: await readFile(source) });
    expect((await waitForJob(app, ((await put.json()) as { jobId: string }).jobId, 150_000)).state).to.equal('succeeded');
    const p = await item();
    expect(p.audio.map((a) => `${a.locale}/${a.role}`)).to.deep.equal(['und/main', 'en/description']);
    expect(p.subtitles.map((s) => s.locale)).to.deep.equal(['en', 'zh-Hans']);
    const dir = await folder();
    expect((await verify(dir)).problems).to.deep.equal([]);
    const manifest = await readManifest(dir);
    expect(manifest.audio[1]!.loudness!.result.integratedLufs).to.be.closeTo(TARGET, 1);
    expect(await readFile(path.join(dir, manifest.subtitles[1]!.uri.replace('index.m3u8', 'seg_00000.vtt')), 'utf8')).to.include(ZH_HANS[0]);
  });
});
