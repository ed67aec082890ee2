import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageAudioRendition, readMediaPlaylist, renderAudioMedia, type AudioRendition } from '../../../../transcoder/audio/index.js';
import { locateFfmpeg } from '../../../../transcoder/ffmpeg/locate.js';
import { EBU_R128, WEB_FIRST } from '../../../../transcoder/loudness/index.js';
import type { FfmpegBinaries } from '../../../../transcoder/types.js';
import { FFMPEG, FFPROBE, ffmpeg, ffprobe, makeLadder, makeSource, SEGMENT_SEC } from './ladder-fixture.js';

const DURATION = 7; // 2 + 2 + 2 + 1: a short last segment, which must not become two

async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    out[path.relative(dir, p)] = createHash('sha256').update(await readFile(p)).digest('hex') + (await stat(p)).mtimeMs;
  }
  return out;
}

describe('audio: alternate language renditions (real ffmpeg)', function () {
  this.timeout(180_000);
  let dir: string;
  let bins: FfmpegBinaries;
  let videoPlaylist: string;
  let videoBefore: Record<string, string>;
  let fromVideo: AudioRendition;
  let fromFile: AudioRendition;

  before(async () => {
    bins = await locateFfmpeg({ ffmpegPath: FFMPEG, ffprobePath: FFPROBE });
    dir = await mkdtemp(path.join(tmpdir(), 'podium-audio-'));
    await makeSource(path.join(dir, 'source.mp4'), DURATION + 1, { audioDb: -6 });
    videoPlaylist = (await makeLadder(path.join(dir, 'source.mp4'), path.join(dir, 'out'), DURATION)).playlists[0]!;
    // a separate commentary file: quiet stereo, longer than the video (must be cut, no sliver)
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=f=660:sample_rate=44100:d=9.5', '-af', 'volume=-30dB', '-ac', '2', path.join(dir, 'commentary-fr.wav')]);
    videoBefore = await hashTree(path.join(dir, 'out'));
    fromVideo = await packageAudioRendition(bins, {
      input: path.join(dir, 'source.mp4'), streamIndex: 1, language: 'en', role: 'main',
      segmentDurationSec: SEGMENT_SEC, videoDurationSec: DURATION, outDir: path.join(dir, 'out'), name: 'audio_en_main', videoPlaylist,
    });
    fromFile = await packageAudioRendition(bins, {
      input: path.join(dir, 'commentary-fr.wav'), language: 'fr', role: 'commentary', loudnessTarget: WEB_FIRST,
      segmentDurationSec: SEGMENT_SEC, videoDurationSec: DURATION, outDir: path.join(dir, 'out'), name: 'audio_fr_commentary', videoPlaylist,
    });
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has exactly the video segment count and boundaries (no sliver), from a 5.1 stream and from a longer file', async () => {
    const video = (await readMediaPlaylist(videoPlaylist)).segments.map((s) => s.durationSec);
    expect(video).to.have.length(4);
    for (const r of [fromVideo, fromFile]) {
      const audio = (await readMediaPlaylist(path.join(dir, 'out', r.playlist))).segments.map((s) => s.durationSec);
      expect(audio, r.name).to.have.length(video.length);
      let a = 0;
      let v = 0;
      audio.forEach((d, i) => {
        a += d;
        v += video[i]!;
        expect(Math.abs(a - v), `${r.name} boundary ${i}`).to.be.at.most(1024 / 48000 + 0.002);
      });
    }
  });

  it('is AAC-LC stereo 48 kHz with no video stream, and reports codecs and bitrates', async () => {
    for (const r of [fromVideo, fromFile]) {
      const p = await ffprobe(['-show_streams', path.join(dir, 'out', r.playlist)]);
      expect(p.streams.map((s: any) => s.codec_type)).to.deep.equal(['audio']);
      expect(p.streams[0]).to.include({ codec_name: 'aac', profile: 'LC', channels: 2, sample_rate: '48000' });
      expect(r).to.include({ channels: 2, codecs: 'mp4a.40.2' });
      expect(r.avgBitrate).to.be.within(64_000, 200_000);
      expect(r.peakBitrate).to.be.at.least(r.avgBitrate);
    }
  });

  it('did not touch the video (no file changed, nothing re-encoded)', async () => {
    const now = await hashTree(path.join(dir, 'out'));
    for (const [f, h] of Object.entries(videoBefore)) expect(now[f], f).to.equal(h);
    const added = Object.keys(now).filter((f) => !(f in videoBefore));
    expect(added.every((f) => f.startsWith('audio_'))).to.equal(true);
    expect((await readdir(path.join(dir, 'out'))).filter((f) => f.startsWith('.'))).to.deep.equal([]); // no temp left
  });

  it('normalizes loudness to the target within ±1 LU, true peak ≤ −1 dBTP, and reports source + result', () => {
    expect(fromVideo.loudness.target).to.deep.equal({ ...EBU_R128 });
    expect(fromVideo.loudness.result.integratedLufs).to.be.closeTo(-23, 1);
    expect(fromVideo.loudness.result.truePeakDbtp).to.be.at.most(-1);
    expect(fromFile.loudness.source.integratedLufs).to.be.below(-40); // the quiet commentary file
    expect(fromFile.loudness.result.integratedLufs).to.be.closeTo(-16, 1);
    expect(fromFile.loudness.result.truePeakDbtp).to.be.at.most(-1);
  });

  it('refuses to overwrite an existing rendition folder', async () => {
    let err: any;
    await packageAudioRendition(bins, {
      input: path.join(dir, 'commentary-fr.wav'), language: 'fr', role: 'commentary',
      segmentDurationSec: SEGMENT_SEC, videoDurationSec: DURATION, outDir: path.join(dir, 'out'), name: 'audio_fr_commentary',
    }).catch((e) => (err = e));
    expect(err?.name).to.equal('TranscodeError');
  });

  it('refuses an input without audio with not_media, leaving nothing behind', async () => {
    const silent = path.join(dir, 'video-only.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', silent]);
    let err: any;
    await packageAudioRendition(bins, {
      input: silent, language: 'fr', role: 'commentary', segmentDurationSec: SEGMENT_SEC, videoDurationSec: DURATION, outDir: path.join(dir, 'out'), name: 'audio_none',
    }).catch((e) => (err = e));
    expect(err).to.include({ name: 'TranscodeError', code: 'not_media' });
    expect((await readdir(path.join(dir, 'out'))).filter((f) => f.includes('audio_none'))).to.deep.equal([]);
  });

  it('renders the EXT-X-MEDIA line for the rendition', () => {
    expect(renderAudioMedia({ language: fromFile.language, role: fromFile.role, uri: fromFile.playlist, channels: fromFile.channels })).to.equal(
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="fr",NAME="Français",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="audio_fr_commentary/index.m3u8"',
    );
  });
});
