import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readMediaPlaylist } from '../../../../transcoder/audio/index.js';
import { locateFfmpeg } from '../../../../transcoder/ffmpeg/locate.js';
import { parseWebVtt } from '../../../../transcoder/subtitles/index.js';
import { makeStoryboard, packageTrickPlay, writeIFramePlaylist, type IFramePlaylist } from '../../../../transcoder/trickplay/index.js';
import type { FfmpegBinaries } from '../../../../transcoder/types.js';
import { FFMPEG, FFPROBE, ffprobe, makeLadder, makeSource } from '../audio/ladder-fixture.js';

const DURATION = 7;

describe('trick play (real ffmpeg)', function () {
  this.timeout(180_000);
  let dir: string;
  let bins: FfmpegBinaries;
  let playlists: string[];

  before(async () => {
    bins = await locateFfmpeg({ ffmpegPath: FFMPEG, ffprobePath: FFPROBE });
    dir = await mkdtemp(path.join(tmpdir(), 'podium-trick-'));
    await makeSource(path.join(dir, 'source.mp4'), DURATION);
    playlists = (await makeLadder(path.join(dir, 'source.mp4'), path.join(dir, 'out'), DURATION)).playlists;
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('I-frame playlists', () => {
    let results: IFramePlaylist[];
    before(async () => {
      results = await Promise.all(playlists.map((p) => writeIFramePlaylist({ variantPlaylist: p })));
    });

    it('returns the EXT-X-I-FRAME-STREAM-INF line with BANDWIDTH, CODECS, RESOLUTION, URI', () => {
      expect(results[0]!.line).to.match(/^#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,CODECS="avc1\.[0-9a-f]{6}",RESOLUTION=320x180,URI="r0\/iframes\.m3u8"$/);
      expect(results[1]!.line).to.include('RESOLUTION=256x144,URI="r1/iframes.m3u8"');
      for (const r of results) expect(r.bandwidth).to.be.at.least(r.averageBandwidth);
      // the video timeline starts at 0: the subtitles' X-TIMESTAMP-MAP MPEGTS is 0 for this output
      expect(results[0]!.ranges[0]!.decodeTimeSec).to.equal(0);
    });

    it('writes an I-frames-only playlist with EXT-X-MAP and one byte range per segment', async () => {
      const text = await readFile(path.join(dir, 'out', 'r0', 'iframes.m3u8'), 'utf8');
      expect(text).to.include('#EXT-X-I-FRAMES-ONLY\n#EXT-X-MAP:URI="init_0.mp4"\n'); // ffmpeg suffixes init names with %v
      const variant = await readFile(playlists[0]!, 'utf8');
      expect(text.match(/^#EXT-X-BYTERANGE:\d+@\d+$/gm)).to.have.length(variant.match(/^#EXTINF/gm)!.length);
      expect(text.trimEnd().endsWith('#EXT-X-ENDLIST')).to.equal(true);
    });

    it('every byte range, appended to the init segment, decodes as exactly one key frame', async () => {
      for (const [n, r] of results.entries()) {
        const rungDir = path.dirname(playlists[n]!);
        const init = await readFile(path.join(rungDir, (await readMediaPlaylist(playlists[n]!)).map!));
        for (const [i, range] of r.ranges.entries()) {
          const seg = await readFile(path.join(rungDir, range.uri));
          const probeFile = path.join(dir, `iframe_${n}_${i}.mp4`);
          await writeFile(probeFile, Buffer.concat([init, seg.subarray(range.offset, range.offset + range.length)]));
          const p = await ffprobe(['-show_frames', '-select_streams', 'v:0', '-show_entries', 'frame=key_frame,pict_type', probeFile]);
          expect(p.frames, `rung ${n} segment ${i}`).to.have.length(1);
          expect(p.frames[0]).to.include({ key_frame: 1, pict_type: 'I' });
          expect(range.length).to.be.below(seg.length); // only the I-frame, not the whole segment
          expect(range.decodeTimeSec).to.be.closeTo(i * 2, 0.001);
        }
      }
    });
  });

  describe('storyboard', () => {
    it('writes sprite sheets and a WebVTT index with #xywh fragments, one thumbnail every 2 s', async () => {
      const out = path.join(dir, 'out', 'storyboard');
      const sb = await makeStoryboard(bins, { input: playlists[1]!, outDir: out, durationSec: DURATION });
      expect(sb).to.include({ thumbnails: 4, thumbWidth: 160, thumbHeight: 90, columns: 10, rows: 1, intervalSec: 2 });
      expect(sb.sprites).to.deep.equal(['storyboard_000.jpg']);
      const sheet = await ffprobe(['-show_streams', path.join(out, sb.sprites[0]!)]);
      expect(sheet.streams[0]).to.include({ codec_name: 'mjpeg', width: 1600, height: 90 });
      const cues = parseWebVtt(await readFile(path.join(out, sb.vtt), 'utf8')).cues;
      expect(cues.map((c) => [c.start, c.end, c.text])).to.deep.equal([
        [0, 2, 'storyboard_000.jpg#xywh=0,0,160,90'],
        [2, 4, 'storyboard_000.jpg#xywh=160,0,160,90'],
        [4, 6, 'storyboard_000.jpg#xywh=320,0,160,90'],
        [6, 7, 'storyboard_000.jpg#xywh=480,0,160,90'],
      ]);
    });

    it('spreads many thumbnails over several 10x10 sheets', async () => {
      const out = path.join(dir, 'out', 'storyboard-dense');
      const sb = await makeStoryboard(bins, { input: playlists[1]!, outDir: out, durationSec: DURATION, intervalSec: 0.05, width: 32 });
      expect(sb.thumbnails).to.equal(140);
      expect(sb.sprites).to.have.length(2);
      const cues = parseWebVtt(await readFile(path.join(out, sb.vtt), 'utf8')).cues;
      expect(cues[100]!.text).to.equal(`storyboard_001.jpg#xywh=0,0,32,${sb.thumbHeight}`);
      expect(cues[99]!.text).to.equal(`storyboard_000.jpg#xywh=288,${9 * sb.thumbHeight},32,${sb.thumbHeight}`);
    });
  });

  it('packageTrickPlay: I-frame lines for every rung and a storyboard from the smallest', async () => {
    const out = path.join(dir, 'out');
    const t = await packageTrickPlay(bins, { outDir: out, variantPlaylists: ['r0/index.m3u8', 'r1/index.m3u8'], durationSec: DURATION, storyboardDir: 'sb' });
    expect(t.iframes.map((r) => r.uri)).to.deep.equal(['r0/iframes.m3u8', 'r1/iframes.m3u8']);
    expect(t.storyboardVtt).to.equal('sb/storyboard.vtt');
    expect(t.storyboard).to.include({ thumbnails: 4, thumbWidth: 160 });
  });
});
