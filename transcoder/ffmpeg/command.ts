/**
 * The only module that touches fluent-ffmpeg or spawns ffmpeg/ffprobe.
 *
 * fluent-ffmpeg is unmaintained upstream; we use the smallest part of it (argument assembly and
 * process handling) and keep it here so it can be replaced by a plain spawn without touching
 * callers. Important quirk: `outputOptions(['-var_stream_map', 'v:0,agroup:a v:1,agroup:a'])`
 * (one array argument) splits every string holding exactly one space into two arguments
 * (lib/options/custom.js, `doSplit`), which corrupts -var_stream_map and filter graphs. Passing
 * the options as separate arguments (`outputOptions(...opts)`, more than one) disables the split,
 * so every call below spreads the list and never passes a single option alone.
 */
import { execFile } from 'node:child_process';
import ffmpeg from 'fluent-ffmpeg';
import type { FfmpegBinaries, Logger } from '../types.js';

export interface FfmpegInput {
  path: string;
  /** options placed before `-i path` */
  options: string[];
}

export interface FfmpegSpec {
  inputs: FfmpegInput[];
  /** placed after the inputs: -filter_complex, -progress, -nostats ... */
  globalOptions: string[];
  output: { path: string; options: string[] };
}

export interface RunOptions {
  signal?: AbortSignal;
  logger?: Logger;
  /** every stderr line (ffmpeg's `-progress pipe:2` key=value lines arrive here) */
  onStderrLine?: (line: string) => void;
  cwd?: string;
}

export class FfmpegRunError extends Error {
  override readonly name = 'FfmpegRunError';
  constructor(message: string, readonly stderrTail: string, readonly aborted: boolean) {
    super(message);
  }
}

/** Adds options one per argument so fluent-ffmpeg never re-splits them (see module comment). */
function addEach(opts: string[], add: (...o: string[]) => unknown): void {
  if (opts.length === 0) return;
  if (opts.length === 1 && opts[0]!.split(' ').length === 2) {
    throw new Error(`single option "${opts[0]}" would be split by fluent-ffmpeg; pass it with its flag`);
  }
  add(...opts);
}

function build(bins: FfmpegBinaries, spec: FfmpegSpec, cwd?: string): ffmpeg.FfmpegCommand {
  const cmd = ffmpeg({ cwd, stdoutLines: 0 });
  cmd.setFfmpegPath(bins.ffmpegPath);
  for (const input of spec.inputs) {
    cmd.input(input.path);
    addEach(input.options, (...o) => cmd.inputOptions(...o));
  }
  addEach(['-hide_banner', ...spec.globalOptions], (...o) => cmd.outputOptions(...o));
  cmd.output(spec.output.path);
  addEach(spec.output.options, (...o) => cmd.outputOptions(...o));
  return cmd;
}

/** The exact argv (without the binary) that `runFfmpeg` executes for `spec`. */
export function ffmpegArgv(bins: FfmpegBinaries, spec: FfmpegSpec): string[] {
  const cmd = build(bins, spec) as unknown as { _getArguments(): string[] };
  return cmd._getArguments();
}

/** Runs ffmpeg; resolves on exit 0, rejects with FfmpegRunError otherwise. Kills ffmpeg on abort. */
export function runFfmpeg(bins: FfmpegBinaries, spec: FfmpegSpec, opts: RunOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new FfmpegRunError('aborted before start', '', true));
      return;
    }
    const cmd = build(bins, spec, opts.cwd);
    const tail: string[] = [];
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      cmd.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (err?: Error): void => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (!err) resolve();
      else reject(new FfmpegRunError(err.message.split('\n')[0] ?? 'ffmpeg failed', tail.join('\n'), aborted));
    };
    cmd.on('start', (line: string) => opts.logger?.debug({ cmd: line }, 'ffmpeg start'));
    cmd.on('stderr', (line: string) => {
      if (!line.includes('=') || !/^[a-z_0-9]+=/.test(line)) {
        tail.push(line);
        if (tail.length > 30) tail.shift();
      }
      opts.onStderrLine?.(line);
    });
    cmd.on('error', (err: Error) => done(err));
    cmd.on('end', () => done());
    cmd.run();
  });
}

/** Runs ffprobe with JSON output. Rejects with the stderr text on failure. */
export function ffprobeJson(bins: FfmpegBinaries, args: string[], signal?: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      bins.ffprobePath,
      ['-v', 'error', '-print_format', 'json', ...args],
      { maxBuffer: 64 * 1024 * 1024, signal },
      (err, stdout, stderr) => {
        if (err) {
          reject(new FfmpegRunError(String(stderr || err.message).trim().split('\n')[0] ?? 'ffprobe failed', String(stderr), false));
          return;
        }
        try {
          resolve(JSON.parse(stdout));
        } catch (e) {
          reject(new FfmpegRunError(`ffprobe printed invalid JSON: ${(e as Error).message}`, String(stderr), false));
        }
      },
    );
  });
}
