import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  packageSubtitleRendition,
  parseWebVtt,
  renderSubtitleMedia,
  segmentWebVtt,
  SubtitleError,
  uniformSegmentDurations,
} from '../../../../transcoder/subtitles/index.js';

const VTT = `WEBVTT

00:00:00.500 --> 00:00:01.500
one

00:00:01.800 --> 00:00:02.400
spans the 2 s boundary

00:00:05.000 --> 00:00:05.500
three

00:00:09.000 --> 00:00:09.500
after the video ends
`;

describe('subtitles: segmentation for HLS', () => {
  it('derives the video segment durations without a sliver', () => {
    expect(uniformSegmentDurations(6.0000001, 2)).to.deep.equal([2, 2, 2]);
    expect(uniformSegmentDurations(7, 2)).to.deep.equal([2, 2, 2, 1]);
  });

  it('cuts cues on the video boundaries, repeating spanning cues, with X-TIMESTAMP-MAP', () => {
    const segs = segmentWebVtt(parseWebVtt(VTT), { segmentDurations: [2, 2, 2, 1], prefix: 'subs_fr_' });
    expect(segs.map((s) => s.name)).to.deep.equal(['subs_fr_00000.vtt', 'subs_fr_00001.vtt', 'subs_fr_00002.vtt', 'subs_fr_00003.vtt']);
    for (const s of segs) expect(s.content.split('\n').slice(0, 2)).to.deep.equal(['WEBVTT', 'X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000']);
    const cuesOf = (i: number) => parseWebVtt(segs[i]!.content).cues.map((c) => c.text);
    expect(cuesOf(0)).to.deep.equal(['one', 'spans the 2 s boundary']);
    expect(cuesOf(1)).to.deep.equal(['spans the 2 s boundary']);
    expect(cuesOf(2)).to.deep.equal(['three']);
    expect(segs[3]!.content).to.not.include('-->'); // empty segment still exists
    expect(segs[3]!.content).to.not.include('after the video ends');
  });

  it('writes the rendition: playlist with the same segment count as the video, and the EXT-X-MEDIA line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'podium-subs-'));
    try {
      const r = await packageSubtitleRendition({ input: Buffer.from(VTT), language: 'zh-hant', segmentDurations: [2, 2, 2, 1], outDir: dir, mpegts: 900000 });
      expect(r).to.include({ language: 'zh-Hant', playlist: 'subs_zh-Hant/index.m3u8', segments: 4, cues: 4 });
      expect(r.media).to.equal(
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="zh-Hant",NAME="繁體中文",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="subs_zh-Hant/index.m3u8"',
      );
      const pl = await readFile(path.join(dir, r.playlist), 'utf8');
      expect(pl.match(/^#EXTINF:/gm)).to.have.length(4);
      expect(pl).to.include('#EXT-X-TARGETDURATION:2\n');
      expect(pl).to.include('#EXTINF:1.000000,\nseg_00003.vtt\n#EXT-X-ENDLIST');
      expect(await readFile(path.join(dir, 'subs_zh-Hant', 'seg_00000.vtt'), 'utf8')).to.include('X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000');
      expect((await readdir(dir, { recursive: true })).filter((f) => f.includes('.')).sort()).to.deep.equal([...r.files].sort());
      let again: unknown;
      await packageSubtitleRendition({ input: Buffer.from(VTT), language: 'zh-Hant', segmentDurations: [2], outDir: dir }).catch((e) => (again = e));
      expect(String(again)).to.match(/already exists/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing when the file is refused', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'podium-subs-'));
    try {
      let err: unknown;
      await packageSubtitleRendition({ input: Buffer.from('WEBVTT\n\n00:02.000 --> 00:01.000\nx\n'), language: 'fr', segmentDurations: [2], outDir: dir }).catch((e) => (err = e));
      expect(err).to.be.instanceOf(SubtitleError);
      expect(await readdir(dir)).to.deep.equal([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('renders names in the language itself and honours flags', () => {
    expect(renderSubtitleMedia({ language: 'fr', uri: 'subs_fr.m3u8' })).to.include('NAME="Français"');
    expect(renderSubtitleMedia({ language: 'zh-Hans', uri: 'a.m3u8', forced: true, default: true })).to.include('NAME="简体中文",DEFAULT=YES,AUTOSELECT=YES,FORCED=YES');
    expect(() => renderSubtitleMedia({ language: 'fr', uri: 'a"b' })).to.throw(RangeError);
  });
});
