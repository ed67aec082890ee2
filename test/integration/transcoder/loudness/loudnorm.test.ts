import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { locateFfmpeg } from '../../../../transcoder/ffmpeg/locate.js';
import { EBU_R128, loudnormFilter, measureLoudness, meetsTarget, parseLoudnormJson, WEB_FIRST } from '../../../../transcoder/loudness/index.js';
import type { FfmpegBinaries } from '../../../../transcoder/types.js';
import { FFMPEG, FFPROBE, ffmpeg } from '../audio/ladder-fixture.js';

describe('loudness: EBU R128 two-pass loudnorm (real ffmpeg)', function () {
  this.timeout(120_000);
  let dir: string;
  let bins: FfmpegBinaries;

  before(async () => {
    bins = await locateFfmpeg({ ffmpegPath: FFMPEG, ffprobePath: FFPROBE });
    dir = await mkdtemp(path.join(tmpdir(), 'podium-loud-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // a tone far below the target, and a tone (with a louder burst) far above it
  const sources = [
    { name: 'quiet', filter: 'volume=-36dB' },
    // sine's amplitude is 1/8: ×4 is +12 dB (−6 dBFS), the burst ×7 is +17 dB (−1.2 dBFS)
    { name: 'loud', filter: "volume='if(between(t,2,3),7,4)':eval=frame:precision=float" },
  ];
  for (const target of [EBU_R128, WEB_FIRST]) {
    for (const src of sources) {
      it(`brings a ${src.name} tone to ${target.integratedLufs} LUFS ±1 LU, true peak ≤ ${target.truePeakDbtp} dBTP`, async () => {
        const input = path.join(dir, `${src.name}.wav`);
        await ffmpeg(['-f', 'lavfi', '-i', 'sine=f=997:sample_rate=48000:d=5', '-af', `${src.filter},pan=stereo|c0=c0|c1=c0`, input]);
        const before = await measureLoudness(bins, input, { target });
        expect(Math.abs(before.integratedLufs - target.integratedLufs), 'source is far from the target').to.be.above(8);
        const out = path.join(dir, `${src.name}-${-target.integratedLufs}.wav`);
        await ffmpeg(['-i', input, '-af', `${loudnormFilter(before, target)},aresample=48000,aformat=channel_layouts=stereo`, out]);
        const result = await measureLoudness(bins, out, { target });
        expect(result.integratedLufs).to.be.closeTo(target.integratedLufs, 1);
        expect(result.truePeakDbtp).to.be.at.most(target.truePeakDbtp);
        expect(meetsTarget(result, target)).to.equal(true);
      });
    }
  }

  it('parses the loudnorm JSON block, including -inf for silence', () => {
    const m = parseLoudnormJson('[Parsed_loudnorm_0 @ 0x1]\n{\n"input_i" : "-inf",\n"input_tp" : "-inf",\n"input_lra" : "0.00",\n"input_thresh" : "-inf",\n"output_i" : "-inf",\n"target_offset" : "inf"\n}');
    expect(m).to.include({ integratedLufs: -99, targetOffsetLu: 99 });
    expect(loudnormFilter(m)).to.equal('anull');
    expect(() => parseLoudnormJson('no json here')).to.throw(/no measurement/);
  });

  it('writes the pass-2 filter in linear mode with the measured values', () => {
    const f = loudnormFilter({ integratedLufs: -30.5, truePeakDbtp: -12.1, lraLu: 14.2, thresholdLufs: -41, targetOffsetLu: 0.2 });
    expect(f).to.equal('loudnorm=I=-23:TP=-1:LRA=14.2:measured_I=-30.5:measured_TP=-12.1:measured_LRA=14.2:measured_thresh=-41:offset=0.2:linear=true:print_format=summary');
  });
});
