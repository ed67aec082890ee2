import { expect } from 'chai';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ffmpegArgv } from '../../../transcoder/ffmpeg/command.js';
import { FfmpegMissingError, locateFfmpeg } from '../../../transcoder/index.js';
import { tempDir } from '../../helpers/media.js';

describe('transcoder/ffmpeg locateFfmpeg', () => {
  async function fakeBinary(versionLine: string): Promise<string> {
    const file = join(await tempDir('podium-fake-ffmpeg-'), 'ffmpeg');
    await writeFile(file, `#!/bin/sh\necho "${versionLine}"\n`);
    await chmod(file, 0o755);
    return file;
  }

  it('fails with one line naming the install command when ffmpeg is missing', async () => {
    const err = await locateFfmpeg({ ffmpegPath: '/nonexistent/ffmpeg' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(FfmpegMissingError);
    const msg = (err as Error).message;
    expect(msg.split('\n')).to.have.length(1);
    expect(msg).to.contain('apt-get install -y ffmpeg').and.contain('brew install ffmpeg');
  });

  it('refuses ffmpeg older than 5', async () => {
    const old = await fakeBinary('ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright (c) 2000-2021');
    const err = await locateFfmpeg({ ffmpegPath: old, ffprobePath: old }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(FfmpegMissingError);
    expect((err as Error).message).to.match(/4\.4\.2 is older than 5/).and.contain('apt-get install -y ffmpeg');
  });

  it('accepts version 5+ and git builds', async () => {
    const v7 = await fakeBinary('ffmpeg version 7.1 Copyright (c) 2000-2024');
    expect((await locateFfmpeg({ ffmpegPath: v7, ffprobePath: v7 })).version).to.equal('7.1');
    const git = await fakeBinary('ffmpeg version N-113456-gabcdef Copyright (c) 2000-2024');
    expect((await locateFfmpeg({ ffmpegPath: git, ffprobePath: git })).ffmpegPath).to.equal(git);
  });
});

describe('transcoder/ffmpeg command', () => {
  it('passes every option as its own argument, even ones holding a single space', () => {
    const bins = { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', version: '5.1' };
    const argv = ffmpegArgv(bins, {
      inputs: [{ path: 'in.mp4', options: ['-nostdin'] }],
      globalOptions: ['-filter_complex', '[0:0]split=2[a][b]; [a]null[v0]'],
      output: { path: 'out/%v/index.m3u8', options: ['-var_stream_map', 'v:0,name:a v:1,name:b', '-f', 'hls'] },
    });
    expect(argv).to.include('v:0,name:a v:1,name:b');
    expect(argv).to.include('[0:0]split=2[a][b]; [a]null[v0]');
    expect(argv.slice(0, 3)).to.deep.equal(['-nostdin', '-i', 'in.mp4']);
    expect(argv.at(-1)).to.equal('out/%v/index.m3u8');
  });
});
