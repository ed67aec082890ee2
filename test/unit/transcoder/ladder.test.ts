import { expect } from 'chai';
import { h264Level, outputDuration, planLadder, referenceBitrate } from '../../../transcoder/ladder.js';
import type { SourceInfo, VideoStreamInfo } from '../../../transcoder/types.js';

function source(video: Partial<VideoStreamInfo> & { width: number; height: number }, extra: Partial<SourceInfo> = {}): SourceInfo {
  const rotation = video.rotation ?? 0;
  const quarter = rotation === 90 || rotation === 270;
  return {
    file: '/in.mp4',
    formatName: 'mov,mp4',
    durationSec: 30,
    sizeBytes: 1,
    audio: { index: 1, codec: 'aac', channels: 2, channelLayout: 'stereo', sampleRate: 48000, language: null },
    ...extra,
    video: {
      index: 0,
      codec: 'h264',
      fps: 25,
      interlaced: false,
      fieldOrder: 'progressive',
      pixFmt: 'yuv420p',
      rotation,
      displayWidth: quarter ? video.height : video.width,
      displayHeight: quarter ? video.width : video.height,
      ...video,
    },
  };
}

const sizes = (l: ReturnType<typeof planLadder>): string[] => l.rungs.map((r) => `${r.width}x${r.height}@${r.fps}`);

describe('transcoder/ladder planLadder', () => {
  it('plans the full 1080p ladder, starting on the ~2 Mb/s rung', () => {
    const l = planLadder(source({ width: 1920, height: 1080 }));
    expect(sizes(l)).to.deep.equal(['960x540@25', '1920x1080@25', '1280x720@25', '640x360@25', '416x234@25']);
    expect(l.rungs[0]!.videoBitrate).to.equal(2_000_000);
    expect(l.rungs.map((r) => r.videoBitrate)).to.deep.equal([2_000_000, 6_000_000, 4_500_000, 1_000_000, 400_000]);
    expect(l.segmentSec).to.equal(2);
    expect(l.audio).to.include({ codec: 'aac', channels: 2 });
  });

  it('never upscales: a 4K source tops out at 1080p, a 360p source at 360p', () => {
    expect(planLadder(source({ width: 3840, height: 2160 })).rungs.map((r) => r.height)).to.include(1080).and.not.include(2160);
    const low = planLadder(source({ width: 640, height: 360 }));
    expect(sizes(low)).to.deep.equal(['640x360@25', '416x234@25']);
  });

  it('keeps a tiny source as a single rung at its own size', () => {
    expect(sizes(planLadder(source({ width: 320, height: 180 })))).to.deep.equal(['320x180@25']);
  });

  it('keeps 60 fps on rungs of 720p and up, 30 fps below', () => {
    const l = planLadder(source({ width: 1920, height: 1080, fps: 59.94 }));
    for (const r of l.rungs) expect(r.fps).to.equal(Math.min(r.width, r.height) >= 720 ? 59.94 : 29.97);
    const top = l.rungs.find((r) => r.height === 1080)!;
    expect(top.videoBitrate).to.equal(7_800_000);
    expect(top.level).to.equal('4.2');
  });

  it('halves 50 fps to 25 below 720p and reduces >60 fps sources to ≤ 60', () => {
    const l = planLadder(source({ width: 1280, height: 720, fps: 50 }));
    expect(sizes(l)).to.deep.equal(['960x540@25', '1280x720@50', '640x360@25', '416x234@25']);
    expect(planLadder(source({ width: 1280, height: 720, fps: 120 })).rungs.every((r) => r.fps <= 60)).to.equal(true);
  });

  it('keeps portrait sources portrait', () => {
    const l = planLadder(source({ width: 1080, height: 1920 }));
    for (const r of l.rungs) expect(r.height).to.be.greaterThan(r.width);
    expect(sizes(l)).to.include('1080x1920@25').and.include('540x960@25');
  });

  it('honours rotation metadata: a 90° 1920x1080 phone clip is planned as 1080x1920', () => {
    const l = planLadder(source({ width: 1920, height: 1080, rotation: 90 }));
    expect(l.rungs.map((r) => `${r.width}x${r.height}`)).to.include('1080x1920');
    for (const r of l.rungs) expect(r.height).to.be.greaterThan(r.width);
    const flipped = planLadder(source({ width: 1920, height: 1080, rotation: 180 }));
    expect(flipped.rungs.every((r) => r.width > r.height)).to.equal(true);
  });

  it('keeps 4:3 at 4:3 with a bitrate for its pixel count', () => {
    const l = planLadder(source({ width: 1440, height: 1080 }));
    expect(sizes(l)).to.include('1440x1080@25').and.include('960x720@25').and.include('480x360@25');
    const top = l.rungs.find((r) => r.height === 1080)!;
    expect(top.videoBitrate).to.be.lessThan(6_000_000).and.greaterThan(4_500_000);
  });

  it('turns odd sizes into even dimensions within the source and close to its aspect ratio', () => {
    const l = planLadder(source({ width: 853, height: 479 }));
    for (const r of l.rungs) {
      expect(r.width % 2, `${r.width}`).to.equal(0);
      expect(r.height % 2, `${r.height}`).to.equal(0);
      expect(r.width).to.be.at.most(853);
      expect(r.height).to.be.at.most(479);
      expect(Math.abs(r.width / r.height - 853 / 479)).to.be.lessThan(0.02);
    }
    expect(sizes(l)[0]).to.satisfy((s: string) => s.startsWith('852x478') || s.startsWith('640x360'));
  });

  it('deinterlaces interlaced sources at field rate (25i → 50p on top rungs)', () => {
    const l = planLadder(source({ width: 1920, height: 1080, fps: 25, interlaced: true, fieldOrder: 'tt' }));
    expect(l.preFilter).to.match(/^bwdif=mode=send_field/);
    expect(l.sourceFps).to.equal(50);
    expect(l.rungs.find((r) => r.height === 1080)!.fps).to.equal(50);
    expect(l.rungs.find((r) => r.height === 540)!.fps).to.equal(25);
    expect(planLadder(source({ width: 1920, height: 1080 })).preFilter).to.equal(null);
  });

  it('plans video-only output for a source without audio', () => {
    expect(planLadder(source({ width: 640, height: 360 }, { audio: null })).audio).to.equal(null);
  });

  it('gives every rung a unique name', () => {
    const names = planLadder(source({ width: 1920, height: 1080, fps: 60 })).rungs.map((r) => r.name);
    expect(new Set(names).size).to.equal(names.length);
  });
});

describe('transcoder/ladder helpers', () => {
  it('drops a tail shorter than half a second instead of making a sliver segment', () => {
    expect(outputDuration(10.02)).to.equal(10);
    expect(outputDuration(10.6)).to.equal(10.6);
    expect(outputDuration(10)).to.equal(10);
    expect(outputDuration(0.3)).to.equal(0.3);
  });

  it('interpolates bitrates by pixel count and picks H.264 levels', () => {
    expect(referenceBitrate(1920 * 1080)).to.equal(6_000_000);
    expect(referenceBitrate(640 * 360)).to.equal(1_000_000);
    expect(referenceBitrate(320 * 180)).to.be.lessThan(400_000);
    expect(h264Level(1920, 1080, 30)).to.equal('4.0');
    expect(h264Level(1280, 720, 60)).to.equal('3.2');
    expect(h264Level(640, 360, 30)).to.equal('3.0');
  });
});
