import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FfmpegMissingError } from '../errors.js';
import type { FfmpegBinaries } from '../types.js';

const run = promisify(execFile);
const MIN_MAJOR = 5;
const INSTALL_HINT = 'install it with `apt-get install -y ffmpeg` (Debian/Ubuntu) or `brew install ffmpeg` (macOS), or set FFMPEG_PATH/FFPROBE_PATH';

async function versionOf(bin: string, name: string): Promise<string> {
  let out: string;
  try {
    out = (await run(bin, ['-hide_banner', '-version'], { timeout: 10_000 })).stdout;
  } catch {
    throw new FfmpegMissingError(`${name} not found at "${bin}": ${INSTALL_HINT}`);
  }
  const m = /version\s+n?(\d+)\.(\d+)(?:\.(\d+))?/.exec(out);
  // Git builds report "version N-12345-gabc" or "version 2024-..."; treat them as recent.
  if (!m) return out.split('\n')[0]?.split(/\s+/)[2] ?? 'unknown';
  if (Number(m[1]) < MIN_MAJOR) {
    throw new FfmpegMissingError(`${name} ${m[0].split(/\s+/)[1]} is older than ${MIN_MAJOR}.0: ${INSTALL_HINT}`);
  }
  return [m[1], m[2], m[3]].filter((x) => x !== undefined).join('.');
}

/**
 * Finds ffmpeg and ffprobe (given paths, else on PATH) and checks they are version 5 or later.
 * The library never reads the environment: callers pass FFMPEG_PATH/FFPROBE_PATH in.
 */
export async function locateFfmpeg(opts: { ffmpegPath?: string; ffprobePath?: string } = {}): Promise<FfmpegBinaries> {
  const ffmpegPath = opts.ffmpegPath || 'ffmpeg';
  const ffprobePath = opts.ffprobePath || 'ffprobe';
  const [version] = await Promise.all([versionOf(ffmpegPath, 'ffmpeg'), versionOf(ffprobePath, 'ffprobe')]);
  return { ffmpegPath, ffprobePath, version };
}
