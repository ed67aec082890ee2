/**
 * Seek-preview storyboard: sprite sheets of small thumbnails (one every `intervalSec`) from one
 * ffmpeg pass (fps → scale → tile), and a WebVTT index whose cues point into the sheets with
 * media fragments (`storyboard_000.jpg#xywh=x,y,w,h`), the format video.js/hls.js thumbnail
 * plugins and most players read. Decoding is the cost: pass the lowest video rung's playlist
 * as input rather than the 1080p source.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ffprobeJson, runFfmpeg } from '../ffmpeg/command.js';
import { formatTimestamp } from '../subtitles/webvtt.js';
import type { FfmpegBinaries, Logger } from '../types.js';

export interface StoryboardOptions {
  /** video file or HLS playlist */
  input: string;
  outDir: string;
  /** programme duration: the index covers [0, durationSec) */
  durationSec: number;
  /** default 2 s */
  intervalSec?: number;
  /** thumbnail width in pixels, default 160 (height follows the aspect ratio, even) */
  width?: number;
  /** tiles per sheet, default 10 x 10 */
  columns?: number;
  rows?: number;
  /** file name prefix, default "storyboard" → storyboard.vtt, storyboard_000.jpg … */
  name?: string;
  signal?: AbortSignal;
  logger?: Logger;
}

export interface Storyboard {
  /** WebVTT index, relative to outDir */
  vtt: string;
  sprites: string[];
  thumbnails: number;
  thumbWidth: number;
  thumbHeight: number;
  columns: number;
  rows: number;
  intervalSec: number;
}

export async function makeStoryboard(bins: FfmpegBinaries, opts: StoryboardOptions): Promise<Storyboard> {
  const interval = opts.intervalSec ?? 2;
  const width = opts.width ?? 160;
  const columns = opts.columns ?? 10;
  const name = opts.name ?? 'storyboard';
  const count = Math.max(1, Math.ceil(opts.durationSec / interval - 1e-6));
  // short programmes get shorter sheets instead of mostly black 10x10 ones
  const rows = Math.min(opts.rows ?? 10, Math.ceil(count / columns));
  await mkdir(opts.outDir, { recursive: true });
  await runFfmpeg(
    bins,
    {
      inputs: [{ path: opts.input, options: ['-nostdin'] }],
      globalOptions: ['-nostats', '-loglevel', 'error'],
      output: {
        path: path.join(opts.outDir, `${name}_%03d.jpg`),
        options: [
          '-map', '0:v:0', '-an', '-sn', '-dn',
          '-t', opts.durationSec.toFixed(3),
          '-vf', `fps=1/${interval},scale=${width}:-2,tile=${columns}x${rows}`,
          '-q:v', '5',
          '-start_number', '0',
          '-f', 'image2',
        ],
      },
    },
    { signal: opts.signal, logger: opts.logger },
  );
  const sprites = (await readdir(opts.outDir)).filter((f) => new RegExp(`^${name}_\\d{3}\\.jpg$`).test(f)).sort();
  if (sprites.length === 0) throw new Error(`${opts.input}: ffmpeg wrote no storyboard sheet`);
  const probe = (await ffprobeJson(bins, ['-show_streams', path.join(opts.outDir, sprites[0]!)])) as { streams: { width: number; height: number }[] };
  const sheet = probe.streams[0]!;
  const thumbWidth = Math.round(sheet.width / columns);
  const thumbHeight = Math.round(sheet.height / rows);
  const perSheet = columns * rows;
  const available = Math.min(count, sprites.length * perSheet);

  const cues: string[] = [];
  for (let i = 0; i < available; i++) {
    const start = i * interval;
    const end = Math.min((i + 1) * interval, opts.durationSec);
    const k = i % perSheet;
    const x = (k % columns) * thumbWidth;
    const y = Math.floor(k / columns) * thumbHeight;
    cues.push(`${formatTimestamp(start)} --> ${formatTimestamp(end)}\n${sprites[Math.floor(i / perSheet)]}#xywh=${x},${y},${thumbWidth},${thumbHeight}`);
  }
  const vtt = `${name}.vtt`;
  await writeFile(path.join(opts.outDir, vtt), ['WEBVTT', ...cues].join('\n\n') + '\n');
  return { vtt, sprites, thumbnails: available, thumbWidth, thumbHeight, columns, rows, intervalSec: interval };
}
