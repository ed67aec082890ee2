/**
 * Test helpers: synthetic clips in one temp dir per process, made once per distinct option set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFfmpeg } from '../../transcoder/ffmpeg/command.js';
import { locateFfmpeg } from '../../transcoder/ffmpeg/locate.js';
import { synthesizeClip, type SynthOptions } from '../../transcoder/synth.js';
import type { FfmpegBinaries } from '../../transcoder/types.js';

let binsPromise: Promise<FfmpegBinaries> | undefined;
let cacheDir: string | undefined;
const clips = new Map<string, Promise<string>>();

/** ffmpeg/ffprobe for tests; honours FFMPEG_PATH/FFPROBE_PATH. */
export function testBinaries(): Promise<FfmpegBinaries> {
  binsPromise ??= locateFfmpeg({ ffmpegPath: process.env.FFMPEG_PATH, ffprobePath: process.env.FFPROBE_PATH });
  return binsPromise;
}

const toRemove = new Set<string>();
let exitHook = false;

/** Removes `dir` when the process exits (one exit listener for all of them). */
function removeAtExit(dir: string): void {
  toRemove.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const d of toRemove) rmSync(d, { recursive: true, force: true });
  });
}

function mediaCacheDir(): string {
  if (!cacheDir) {
    cacheDir = mkdtempSync(join(tmpdir(), 'podium-media-'));
    removeAtExit(cacheDir);
  }
  return cacheDir;
}

export type ClipOptions = Omit<SynthOptions, 'out' | 'signal'> & { ext?: string };

/** Path of a synthetic clip with these options, generated on first use and cached per process. */
export function makeClip(opts: ClipOptions): Promise<string> {
  const { ext, ...synth } = opts;
  const extension = ext ?? synth.container ?? 'mp4';
  const key = JSON.stringify([extension, Object.entries(synth).sort()]);
  let clip = clips.get(key);
  if (!clip) {
    const out = join(mediaCacheDir(), `clip-${clips.size}.${extension}`);
    clip = testBinaries().then(async (bins) => {
      await synthesizeClip(bins, { ...synth, out });
      return out;
    });
    clip.catch(() => clips.delete(key));
    clips.set(key, clip);
  }
  return clip;
}

/** A fresh empty temp dir (removed at process exit). */
export async function tempDir(prefix = 'podium-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  removeAtExit(dir);
  return dir;
}

/** An audio-only file (AAC in MP4), cached like makeClip. */
export function makeAudioOnly(durationSec = 2): Promise<string> {
  const key = `audio-only:${durationSec}`;
  let clip = clips.get(key);
  if (!clip) {
    const out = join(mediaCacheDir(), `audio-only-${durationSec}.m4a`);
    clip = testBinaries().then(async (bins) => {
      await runFfmpeg(bins, {
        inputs: [{ path: `sine=frequency=440:sample_rate=48000:duration=${durationSec}`, options: ['-f', 'lavfi'] }],
        globalOptions: ['-nostats', '-loglevel', 'error'],
        output: { path: out, options: ['-c:a', 'aac', '-b:a', '96k', '-f', 'mp4'] },
      });
      return out;
    });
    clips.set(key, clip);
  }
  return clip;
}
