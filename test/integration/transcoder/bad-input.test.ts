import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { copyFile, readFile, readdir, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TranscodeError, transcode } from '../../../transcoder/index.js';
import { makeAudioOnly, makeClip, tempDir, testBinaries } from '../../helpers/media.js';

const run = promisify(execFile);

async function expectRefused(input: string, code: TranscodeError['code'] | TranscodeError['code'][]): Promise<TranscodeError> {
  const bins = await testBinaries();
  const parent = await tempDir('podium-bad-');
  const outDir = join(parent, 'out');
  let err: unknown;
  try {
    await transcode({ bins, input, outDir, preset: 'ultrafast' });
  } catch (e) {
    err = e;
  }
  expect(err, 'transcode should fail').to.be.instanceOf(TranscodeError);
  const te = err as TranscodeError;
  expect([code].flat(), te.message).to.include(te.code);
  expect(te.file).to.equal(input);
  expect(te.message).to.contain(input);
  // nothing left behind: no outDir, no temp folder, so no master.m3u8 anywhere
  expect(await readdir(parent)).to.deep.equal([]);
  return te;
}

describe('transcoder/transcode: bad input', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await tempDir('podium-inputs-');
  });

  it('refuses a zero-byte file', async () => {
    const f = join(dir, 'empty.mp4');
    await writeFile(f, '');
    const e = await expectRefused(f, 'empty_file');
    expect(e.message).to.match(/empty/);
  });

  it('refuses a text file', async () => {
    const f = join(dir, 'notes.mp4');
    await writeFile(f, 'this is not a video\n'.repeat(100));
    const e = await expectRefused(f, 'not_media');
    expect(e.message).to.match(/not a media file/);
  });

  it('refuses a truncated MP4 (moov at the end, cut off)', async () => {
    const src = await makeClip({ width: 320, height: 180, durationSec: 2, label: 'trunc' });
    const f = join(dir, 'truncated-tail.mov');
    // remux without faststart so the moov atom sits at the end, then cut the file
    const bins = await testBinaries();
    await run(bins.ffmpegPath, ['-v', 'error', '-i', src, '-c', 'copy', '-f', 'mov', f]);
    await truncate(f, Math.floor((await stat(f)).size / 2));
    const e = await expectRefused(f, 'truncated');
    expect(e.message).to.match(/truncated/);
  });

  it('refuses a truncated MP4 whose index survived (moov first, media data cut)', async () => {
    const src = await makeClip({ width: 320, height: 180, durationSec: 4, label: 'trunc2' });
    const f = join(dir, 'truncated-data.mp4');
    await copyFile(src, f);
    await truncate(f, Math.floor((await stat(f)).size * 0.4));
    await expectRefused(f, 'truncated');
  });

  it('refuses an audio-only file', async () => {
    const e = await expectRefused(await makeAudioOnly(), 'no_video_stream');
    expect(e.message).to.match(/no video stream/);
  });

  it('the CLI prints one line and exits non-zero, leaving no master playlist', async () => {
    const f = join(dir, 'cli.txt');
    await writeFile(f, 'hello');
    const parent = await tempDir('podium-cli-');
    const out = join(parent, 'out');
    const res = await run(process.execPath, ['--import', 'tsx', 'transcoder/cli.ts', f, out]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(res.code).to.equal(1);
    expect(res.stderr.trim().split('\n')).to.have.length(1);
    expect(res.stderr).to.contain(f).and.to.contain('not a media file');
    expect(await readdir(parent)).to.deep.equal([]);
  });

  it('refuses to write into an existing output folder', async () => {
    const bins = await testBinaries();
    const src = await makeClip({ width: 320, height: 180, durationSec: 2, label: 'exists' });
    const parent = await tempDir('podium-exists-');
    await writeFile(join(parent, 'keep.txt'), 'x');
    let err: unknown;
    await transcode({ bins, input: src, outDir: parent }).catch((e: unknown) => (err = e));
    expect(String(err)).to.match(/already exists/);
    expect(await readFile(join(parent, 'keep.txt'), 'utf8')).to.equal('x');
  });
});

describe('transcoder/transcode: abort', function () {
  this.timeout(60_000);

  it('kills ffmpeg on abort mid-way and leaves nothing behind', async () => {
    const bins = await testBinaries();
    const input = await makeClip({ width: 640, height: 360, durationSec: 12, label: 'abort' });
    const parent = await tempDir('podium-abort-');
    const controller = new AbortController();
    let maxFraction = 0;
    let err: unknown;
    await transcode({
      bins,
      input,
      outDir: join(parent, 'out'),
      signal: controller.signal,
      onProgress: ({ fraction }) => {
        maxFraction = Math.max(maxFraction, fraction);
        if (fraction > 0.05) controller.abort();
      },
    }).catch((e: unknown) => (err = e));
    expect(err).to.be.instanceOf(TranscodeError);
    expect((err as TranscodeError).code).to.equal('aborted');
    expect(maxFraction).to.be.lessThan(0.9);
    expect(await readdir(parent)).to.deep.equal([]);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const bins = await testBinaries();
    const input = await makeClip({ width: 320, height: 180, durationSec: 2, label: 'exists' });
    const parent = await tempDir('podium-abort2-');
    const err = await transcode({ bins, input, outDir: join(parent, 'out'), signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((err as TranscodeError).code).to.equal('aborted');
    expect(await readdir(parent)).to.deep.equal([]);
  });
});
