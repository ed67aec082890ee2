/**
 * Synthetic sources made with ffmpeg's lavfi (no downloads, no fonts): used by the demo catalog,
 * the channel slate, the tests and the benchmark.
 */
import { rm } from 'node:fs/promises';
import { runFfmpeg, type FfmpegSpec } from './ffmpeg/command.js';
import type { FfmpegBinaries } from './types.js';

export type SynthContainer = 'mp4' | 'mov' | 'mkv' | 'webm' | 'ts';
export type SynthVideoCodec = 'h264' | 'hevc' | 'vp9';
export type SynthAudioCodec = 'aac' | 'opus' | 'mp2';

export interface SynthOptions {
  out: string;
  width: number;
  height: number;
  /** default 25 */
  fps?: number;
  durationSec: number;
  /** varies the picture (hue) so demo programmes look different */
  label?: string;
  /** a still card of this colour (ffmpeg colour syntax, e.g. '0x10161f') instead of the moving test pattern */
  card?: string;
  /** default 'stereo' */
  audio?: 'stereo' | '5.1' | 'none';
  /** silence in that layout instead of tones */
  silent?: boolean;
  /** default from the file extension, else mp4 */
  container?: SynthContainer;
  /** clockwise display rotation written as metadata (mp4/mov only): 90, 180, 270 */
  rotate?: number;
  /** encode as interlaced (top field first) H.264 */
  interlaced?: boolean;
  /** default h264 (vp9 for webm) */
  videoCodec?: SynthVideoCodec;
  /** default aac (opus for webm, mp2 for ts) */
  audioCodec?: SynthAudioCodec;
  /** add film grain-like noise so the clip compresses like real sport footage (bench) */
  noise?: boolean;
  signal?: AbortSignal;
}

const FORMAT: Record<SynthContainer, string> = { mp4: 'mp4', mov: 'mov', mkv: 'matroska', webm: 'webm', ts: 'mpegts' };

function hueOf(label: string | undefined): number {
  let h = 0;
  for (const ch of label ?? '') h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

function containerOf(opts: SynthOptions): SynthContainer {
  if (opts.container) return opts.container;
  const ext = opts.out.split('.').pop()?.toLowerCase();
  return ext === 'mov' || ext === 'mkv' || ext === 'webm' || ext === 'ts' ? ext : 'mp4';
}

function audioSource(layout: 'stereo' | '5.1', durationSec: number, silent: boolean): string {
  if (silent) return `anullsrc=r=48000:cl=${layout}:d=${durationSec}`;
  // a distinct tone per channel, so a downmix can be told from a channel pick
  const freqs = layout === 'stereo' ? [440, 660] : [440, 550, 660, 110, 330, 880];
  const exprs = freqs.map((f) => `0.3*sin(${f}*2*PI*t)`).join('|');
  return `aevalsrc=${exprs}:s=48000:c=${layout}:d=${durationSec}`;
}

/** Writes a synthetic clip with moving content (testsrc2) and tones. */
export async function synthesizeClip(bins: FfmpegBinaries, opts: SynthOptions): Promise<void> {
  const fps = opts.fps ?? 25;
  const container = containerOf(opts);
  const vcodec = opts.videoCodec ?? (container === 'webm' ? 'vp9' : 'h264');
  const audio = opts.audio ?? 'stereo';
  // mp2 carries stereo only, so a 5.1 MPEG-TS source gets AAC
  const acodec = opts.audioCodec ?? (container === 'webm' ? 'opus' : container === 'ts' && audio !== '5.1' ? 'mp2' : 'aac');

  const picture = opts.card ? `color=c=${opts.card}:` : 'testsrc2=';
  const vf = opts.card ? [] : [`hue=h=${hueOf(opts.label)}`];
  if (opts.noise) vf.push('noise=alls=12:allf=t');
  vf.push('format=yuv420p');
  if (opts.interlaced) vf.push('setfield=tff');

  const spec: FfmpegSpec = {
    inputs: [
      { path: `${picture}size=${opts.width}x${opts.height}:rate=${fps}:duration=${opts.durationSec}`, options: ['-f', 'lavfi'] },
    ],
    globalOptions: ['-nostats', '-loglevel', 'error'],
    output: { path: opts.out, options: [] },
  };
  if (audio !== 'none') spec.inputs.push({ path: audioSource(audio, opts.durationSec, opts.silent ?? false), options: ['-f', 'lavfi'] });

  const o = spec.output.options;
  o.push('-map', '0:v:0');
  if (audio !== 'none') o.push('-map', '1:a:0');
  o.push('-vf', vf.join(','), '-r', String(fps));
  if (vcodec === 'h264') {
    o.push('-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23');
    if (opts.interlaced) o.push('-flags', '+ilme+ildct', '-x264-params', 'interlaced=1:tff=1', '-field_order', 'tt');
  } else if (vcodec === 'hevc') {
    o.push('-c:v', 'libx265', '-preset', 'ultrafast', '-crf', '28', '-x265-params', 'log-level=error');
    if (container === 'mp4' || container === 'mov') o.push('-tag:v', 'hvc1');
  } else {
    o.push('-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1M', '-row-mt', '1');
  }
  if (audio !== 'none') {
    if (acodec === 'aac') o.push('-c:a', 'aac', '-b:a', audio === '5.1' ? '384k' : '128k');
    else if (acodec === 'opus') o.push('-c:a', 'libopus', '-b:a', '128k', ...(audio === '5.1' ? ['-mapping_family', '1'] : []));
    else o.push('-c:a', 'mp2', '-b:a', '192k');
  }
  if (container === 'mp4' || container === 'mov') o.push('-movflags', '+faststart');
  o.push('-t', String(opts.durationSec), '-f', FORMAT[container]);

  if (!opts.rotate) {
    await runFfmpeg(bins, spec, { signal: opts.signal });
    return;
  }
  // ffmpeg 5.1 writes the display matrix from the "rotate" tag only when stream-copying,
  // so encode first, then remux with the tag (as a phone's file would carry it).
  const encoded = `${opts.out}.unrotated.${container}`;
  spec.output.path = encoded;
  try {
    await runFfmpeg(bins, spec, { signal: opts.signal });
    await runFfmpeg(
      bins,
      {
        inputs: [{ path: encoded, options: [] }],
        globalOptions: ['-nostats', '-loglevel', 'error'],
        output: { path: opts.out, options: ['-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${opts.rotate}`, '-f', FORMAT[container]] },
      },
      { signal: opts.signal },
    );
  } finally {
    await rm(encoded, { force: true });
  }
}
