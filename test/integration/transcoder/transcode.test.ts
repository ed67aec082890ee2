import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { transcode } from '../../../transcoder/index.js';
import { measureRendition } from '../../../transcoder/measure.js';
import { parseMasterPlaylist } from '../../../transcoder/playlist.js';
import type { TranscodeProgress, TranscodeResult } from '../../../transcoder/types.js';
import { verify } from '../../../transcoder/verify.js';
import { makeClip, tempDir, testBinaries } from '../../helpers/media.js';

const run = promisify(execFile);

/** Key frame flags and pts of every video frame of a rendition, read by ffprobe (independent of our box reader). */
async function keyframeTimes(ffprobe: string, dir: string, rendition: string): Promise<number[]> {
  const { stdout } = await run(ffprobe, [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0',
    join(dir, rendition, 'index.m3u8'),
  ]);
  return stdout.trim().split('\n').filter((l) => l.includes('K')).map((l) => Number(l.split(',')[0]));
}

describe('transcoder/transcode: a generated 720p50 clip → the HLS ladder', function () {
  this.timeout(180_000);
  let dir: string;
  let result: TranscodeResult;
  const progress: TranscodeProgress[] = [];

  before(async () => {
    const bins = await testBinaries();
    // 5 s: not a multiple of the 2 s segment, so the last segment is a short (1 s) one
    const input = await makeClip({ width: 1280, height: 720, fps: 50, durationSec: 5, label: 'ladder' });
    dir = join(await tempDir(), 'out');
    // superfast keeps B-frames (unlike ultrafast), so reordering/composition offsets are exercised
    result = await transcode({ bins, input, outDir: dir, preset: 'superfast', onProgress: (p) => progress.push(p), audioLanguage: 'fr' });
  });

  it('returns the ladder it wrote, starting on the ~2 Mb/s 540p rung', () => {
    expect(result.master).to.equal('master.m3u8');
    expect(result.variants.map((v) => `${v.width}x${v.height}@${v.fps}`)).to.deep.equal(['960x540@25', '1280x720@50', '640x360@25', '416x234@25']);
    expect(result.durationSec).to.be.closeTo(5, 0.05);
  });

  it('writes a master playlist with measured BANDWIDTH, AVERAGE-BANDWIDTH, CODECS, RESOLUTION, FRAME-RATE and the audio group (track names in their own language)', async () => {
    const master = parseMasterPlaylist(await readFile(join(dir, 'master.m3u8'), 'utf8'));
    expect(master.independentSegments).to.equal(true);
    expect(master.media).to.have.length(1);
    expect(master.media[0]).to.include({ TYPE: 'AUDIO', LANGUAGE: 'fr', NAME: 'Français', CHANNELS: '2', DEFAULT: 'YES', AUTOSELECT: 'YES' });
    const audio = await measureRendition(dir, master.media[0]!.URI!);
    for (const { attrs, uri } of master.variants) {
      const video = await measureRendition(dir, uri);
      const peak = video.peakBitrate + audio.peakBitrate;
      const bandwidth = Number(attrs.BANDWIDTH);
      expect(bandwidth, uri).to.be.at.least(peak);
      expect(bandwidth, `${uri} within 10 % of the measured peak`).to.be.at.most(peak * 1.1);
      expect(Number(attrs['AVERAGE-BANDWIDTH'])).to.be.closeTo(video.averageBitrate + audio.averageBitrate, 2);
      expect(attrs.CODECS).to.match(/^avc1\.64[0-9a-f]{4},mp4a\.40\.2$/);
      expect(attrs.RESOLUTION).to.equal(`${video.init.width}x${video.init.height}`);
      expect(attrs.AUDIO).to.equal(master.media[0]!['GROUP-ID']);
    }
    expect(master.variants[0]!.attrs.CODECS).to.equal('avc1.64001f,mp4a.40.2'); // High, level 3.1 for 540p25
    expect(master.variants[1]!.attrs).to.include({ CODECS: 'avc1.640020,mp4a.40.2', 'FRAME-RATE': '50.000' }); // 720p50: level 3.2
  });

  it('cuts every rendition into the same number of segments, aligned, with no sliver at the end', async () => {
    const report = await verify(dir);
    expect(report.problems).to.deep.equal([]);
    expect(report.segments).to.equal(3);
    for (const r of report.renditions) expect(r.segments, r.playlist).to.equal(3);
    const master = parseMasterPlaylist(await readFile(join(dir, 'master.m3u8'), 'utf8'));
    const ref = await measureRendition(dir, master.variants[0]!.uri);
    expect(ref.segments.map((s) => s.startSec)).to.deep.equal([0, 2, 4]);
    for (const { uri } of master.variants) {
      const v = await measureRendition(dir, uri);
      expect(v.segments.map((s) => s.startSec), uri).to.deep.equal([0, 2, 4]);
      expect(v.segments.map((s) => s.durationSec), uri).to.deep.equal([2, 2, 1]);
    }
    const audio = await measureRendition(dir, master.media[0]!.URI!);
    audio.segments.forEach((s, i) => expect(s.startSec).to.be.closeTo(ref.segments[i]!.startSec, 1024 / 48000 + 1e-6));
    expect(audio.totalDurationSec).to.be.closeTo(5, 0.03);
  });

  it('starts every video segment with a keyframe, and has no others (ffprobe)', async () => {
    const bins = await testBinaries();
    for (const v of result.variants) {
      // ffmpeg's mov demuxer shifts negative composition offsets into pts, so compare spacing
      const keys = await keyframeTimes(bins.ffprobePath, dir, v.name);
      expect(keys.map((t) => Math.round((t - keys[0]!) * 1000) / 1000), v.name).to.deep.equal([0, 2, 4]);
    }
  });

  it('writes a poster and reports progress with an ETA, ending at 1', async () => {
    const files = await readdir(dir);
    expect(files).to.include('poster.jpg');
    const jpeg = await readFile(join(dir, 'poster.jpg'));
    expect(jpeg.subarray(0, 2).toString('hex')).to.equal('ffd8');
    expect(progress.length).to.be.greaterThan(1);
    expect(progress.at(-1)).to.deep.equal({ fraction: 1, etaSec: 0 });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.fraction).to.be.at.least(progress[i - 1]!.fraction);
    expect(progress.some((p) => p.etaSec !== null && p.fraction < 1)).to.equal(true);
  });

  it('leaves no temp folder beside the output', async () => {
    const parent = join(dir, '..');
    expect(await readdir(parent)).to.deep.equal(['out']);
  });
});
