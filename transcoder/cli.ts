/**
 * `npm run transcode -- <input> <outDir>`: packages one source into an HLS ladder.
 * Reads FFMPEG_PATH / FFPROBE_PATH (the library itself never reads the environment).
 */
import { SingleBar, Presets } from 'cli-progress';
import { FfmpegMissingError, TranscodeError, locateFfmpeg, transcode } from './index.js';

const USAGE = 'usage: npm run transcode -- <input> <outDir>';

async function main(argv: string[]): Promise<number> {
  const [input, outDir, ...rest] = argv;
  if (!input || !outDir || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const bins = await locateFfmpeg({ ffmpegPath: process.env.FFMPEG_PATH, ffprobePath: process.env.FFPROBE_PATH });
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());

  const tty = Boolean(process.stderr.isTTY);
  const bar = tty
    ? new SingleBar({ format: 'transcoding [{bar}] {percentage}% | ETA {eta_text}', stream: process.stderr, hideCursor: true }, Presets.shades_classic)
    : null;
  bar?.start(100, 0, { eta_text: '…' });
  try {
    const result = await transcode({
      bins,
      input,
      outDir,
      signal: controller.signal,
      onProgress: ({ fraction, etaSec }) => bar?.update(Math.round(fraction * 100), { eta_text: etaSec === null ? '…' : `${etaSec}s` }),
    });
    bar?.stop();
    const rungs = result.variants.map((v) => `${v.width}x${v.height}@${v.fps}`).join(', ');
    process.stdout.write(`${outDir}/master.m3u8: ${result.durationSec.toFixed(1)} s, ${rungs}${result.audio ? ', stereo AAC' : ''}\n`);
    return 0;
  } finally {
    bar?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof TranscodeError || err instanceof FfmpegMissingError;
    const msg = known || err instanceof Error ? (err as Error).message : String(err);
    process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}transcode: ${msg.split('\n')[0]}\n`);
    process.exit(1);
  },
);
