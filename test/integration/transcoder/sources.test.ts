import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { probe, transcode } from '../../../transcoder/index.js';
import { parseMasterPlaylist } from '../../../transcoder/playlist.js';
import { verify } from '../../../transcoder/verify.js';
import { makeClip, tempDir, testBinaries, type ClipOptions } from '../../helpers/media.js';

const run = promisify(execFile);

async function ffprobeStreams(file: string): Promise<Record<string, string | number>[]> {
  const bins = await testBinaries();
  const { stdout } = await run(bins.ffprobePath, ['-v', 'error', '-show_streams', '-of', 'json', file]);
  return (JSON.parse(stdout) as { streams: Record<string, string | number>[] }).streams;
}

async function packageClip(clip: ClipOptions): Promise<{ dir: string; master: ReturnType<typeof parseMasterPlaylist> }> {
  const bins = await testBinaries();
  const input = await makeClip(clip);
  const dir = join(await tempDir('podium-src-'), 'out');
  await transcode({ bins, input, outDir: dir, preset: 'ultrafast' });
  const report = await verify(dir);
  expect(report.problems).to.deep.equal([]);
  return { dir, master: parseMasterPlaylist(await readFile(join(dir, 'master.m3u8'), 'utf8')) };
}

describe('transcoder/transcode: sources', function () {
  this.timeout(120_000);

  it('downmixes a 5.1 source to a stereo AAC-LC rendition', async () => {
    const { dir, master } = await packageClip({ width: 320, height: 180, durationSec: 2, audio: '5.1', label: '51' });
    expect(master.media[0]).to.include({ TYPE: 'AUDIO', CHANNELS: '2' });
    const [audio] = await ffprobeStreams(join(dir, master.media[0]!.URI!));
    expect(audio).to.include({ codec_name: 'aac', profile: 'LC', channels: 2, sample_rate: '48000' });
  });

  it('turns a rotated (90°) landscape-coded phone clip into portrait renditions and poster', async () => {
    const bins = await testBinaries();
    const input = await makeClip({ width: 640, height: 360, durationSec: 2, rotate: 90, label: 'phone' });
    const info = await probe(bins, input);
    expect([info.video.displayWidth, info.video.displayHeight]).to.deep.equal([360, 640]);
    const { dir, master } = await packageClip({ width: 640, height: 360, durationSec: 2, rotate: 90, label: 'phone' });
    expect(master.variants.map((v) => v.attrs.RESOLUTION)).to.deep.equal(['360x640', '234x416']);
    const [video] = await ffprobeStreams(join(dir, master.variants[0]!.uri));
    expect(video).to.include({ width: 360, height: 640 });
    const [poster] = await ffprobeStreams(join(dir, 'poster.jpg'));
    expect(poster).to.include({ width: 360, height: 640 });
  });

  it('deinterlaces an interlaced MPEG-TS (H.264 + MP2) source', async () => {
    const { dir, master } = await packageClip({ width: 320, height: 180, durationSec: 2, interlaced: true, container: 'ts', label: 'tv' });
    expect(master.variants[0]!.attrs['FRAME-RATE']).to.equal('25.000');
    const [video] = await ffprobeStreams(join(dir, master.variants[0]!.uri));
    expect(video!.field_order ?? 'progressive').to.equal('progressive');
  });

  it('accepts VP9 + Opus in WebM', async () => {
    const { master } = await packageClip({ width: 320, height: 180, durationSec: 2, container: 'webm', label: 'webm' });
    expect(master.variants[0]!.attrs.CODECS).to.match(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
  });

  it('packages a source without audio as video-only variants (HEVC in MKV)', async () => {
    const { master } = await packageClip({ width: 320, height: 180, durationSec: 2, container: 'mkv', videoCodec: 'hevc', audio: 'none', label: 'mute' });
    expect(master.media).to.deep.equal([]);
    expect(master.variants[0]!.attrs.AUDIO).to.equal(undefined);
    expect(master.variants[0]!.attrs.CODECS).to.match(/^avc1\.[0-9a-f]{6}$/);
  });

  it('accepts a MOV with AAC at 30 fps and an odd size', async () => {
    const { master } = await packageClip({ width: 426, height: 241, fps: 30, durationSec: 2, container: 'mov', label: 'odd' });
    for (const v of master.variants) {
      const [w, h] = v.attrs.RESOLUTION!.split('x').map(Number);
      expect(w! % 2).to.equal(0);
      expect(h! % 2).to.equal(0);
    }
  });
});
