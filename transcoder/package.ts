/**
 * One ffmpeg process packages the whole ladder: decode once, split, scale and encode every rung,
 * plus one AAC-LC stereo audio rendition, into fMP4 HLS (one folder per rendition).
 */
import { runFfmpeg, type FfmpegSpec, type RunOptions } from './ffmpeg/command.js';
import type { FfmpegBinaries, Ladder, Rung, SourceInfo } from './types.js';

export const AUDIO_GROUP = 'aud';
export const AUDIO_NAME = 'audio';
export const MEDIA_PLAYLIST = 'index.m3u8';
export const INIT_SEGMENT = 'init.mp4';

export interface PackageOptions {
  /** x264 preset, default veryfast */
  preset?: string;
  /** pass 2 of loudness normalization (loudness/index.ts loudnormFilter), applied after the downmix */
  loudnorm?: string;
}

/** Folder (relative to the output dir) of a rendition's playlist, init segment and segments. */
export function renditionDir(name: string): string {
  return name;
}

/** Encoder options for one rung (output stream index i); shared with the per-rung benchmark. */
export function videoEncoderArgs(rung: Rung, i: number, ladder: Ladder, preset: string): string[] {
  const s = `:v:${i}`;
  const gop = Math.max(1, Math.round(rung.fps * ladder.segmentSec));
  return [
    `-c${s}`, 'libx264',
    `-preset${s}`, preset,
    `-profile${s}`, rung.profile,
    `-level${s}`, rung.level,
    `-b${s}`, String(rung.videoBitrate),
    `-maxrate${s}`, String(rung.maxrate),
    `-bufsize${s}`, String(rung.bufsize),
    // identical GOP on every rung: an IDR at every segment start (by time, so rungs at 60 and
    // 30 fps cut at the same instants), no scene-cut keyframes, closed GOPs
    `-g${s}`, String(gop),
    `-keyint_min${s}`, String(gop),
    `-sc_threshold${s}`, '0',
    `-flags${s}`, '+cgop',
    `-force_key_frames${s}`, `expr:gte(t,n_forced*${ladder.segmentSec})`,
  ];
}

/** Filter chain for one rung after the split. */
export function rungFilter(rung: Rung, ladder: Ladder): string {
  const parts: string[] = [];
  if (Math.abs(rung.fps - ladder.sourceFps) > 0.001) parts.push(`fps=${rung.fps}`);
  parts.push(`scale=${rung.width}:${rung.height}:flags=bicubic`, 'setsar=1', 'format=yuv420p');
  return parts.join(',');
}

/** AAC encoders start with one frame of priming samples (pts -1024/48000). */
const AAC_PRIMING_SAMPLES = 1024;

/**
 * Audio: downmix to stereo (swresample's matrix: centre and surrounds at -3 dB), resample to
 * 48 kHz, pad with silence (a short audio track must not end early and lose segments), then cut
 * to the video's duration minus the encoder's priming frame. hlsenc measures an audio-only
 * rendition's segments from its first packet (at -1024 samples), so without that frame less the
 * last packet crosses one more boundary and becomes a one-frame sliver segment.
 */
export function audioFilter(ladder: Ladder, loudnorm?: string): string {
  const endSample = Math.round(ladder.durationSec * 48000) - AAC_PRIMING_SAMPLES;
  const downmix = 'aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo';
  // loudnorm works at 192 kHz and forgets the channel layout: restore both after it
  const gain = loudnorm && loudnorm !== 'anull' ? `${loudnorm},${downmix},` : '';
  return `${downmix},${gain}apad,atrim=end_sample=${endSample}`;
}

export function audioEncoderArgs(ladder: Ladder, index = 0): string[] {
  if (!ladder.audio) return [];
  return [`-c:a:${index}`, 'aac', `-profile:a:${index}`, 'aac_low', `-b:a:${index}`, String(ladder.audio.bitrate), `-ac:a:${index}`, '2'];
}

/** HLS muxer options shared by the packager and the per-rung benchmark. */
export function hlsMuxerArgs(ladder: Ladder, varStreamMap: string | null, segmentPattern: string): string[] {
  return [
    '-f', 'hls',
    '-hls_time', String(ladder.segmentSec),
    '-hls_playlist_type', 'vod',
    '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', INIT_SEGMENT,
    '-hls_flags', 'independent_segments',
    // signed composition offsets: every rung's first frame is presented at 0 whatever its frame
    // rate and B-frame delay, so presentation times match across rungs
    '-hls_segment_options', 'movflags=+cmaf+negative_cts_offsets',
    '-hls_segment_filename', segmentPattern,
    ...(varStreamMap ? ['-var_stream_map', varStreamMap] : []),
  ];
}

/** Common leading options: input, progress, duration. */
export function inputSpec(source: SourceInfo): FfmpegSpec['inputs'] {
  return [{ path: source.file, options: ['-nostdin'] }];
}

/** The complete ffmpeg invocation that packages `ladder` into `dir`. */
export function buildPackageSpec(source: SourceInfo, ladder: Ladder, dir: string, opts: PackageOptions = {}): FfmpegSpec {
  const preset = opts.preset ?? 'veryfast';
  const n = ladder.rungs.length;
  const pre = ladder.preFilter ? `${ladder.preFilter},` : '';
  const graph = [`[0:${source.video.index}]${pre}split=${n}${ladder.rungs.map((_, i) => `[s${i}]`).join('')}`];
  ladder.rungs.forEach((r, i) => graph.push(`[s${i}]${rungFilter(r, ladder)}[v${i}]`));
  if (ladder.audio) graph.push(`[0:${ladder.audio.streamIndex}]${audioFilter(ladder, opts.loudnorm)}[a0]`);

  const out: string[] = [];
  ladder.rungs.forEach((_, i) => out.push('-map', `[v${i}]`));
  if (ladder.audio) out.push('-map', '[a0]');
  ladder.rungs.forEach((r, i) => out.push(...videoEncoderArgs(r, i, ladder, preset)));
  out.push(...audioEncoderArgs(ladder));
  out.push('-t', ladder.durationSec.toFixed(6), '-map_metadata', '-1', '-map_chapters', '-1');

  const group = ladder.audio ? `,agroup:${AUDIO_GROUP}` : '';
  const map = ladder.rungs.map((r, i) => `v:${i}${group},name:${renditionDir(r.name)}`);
  if (ladder.audio) map.push(`a:0${group},name:${AUDIO_NAME}`);
  out.push(...hlsMuxerArgs(ladder, map.join(' '), `${dir}/%v/seg_%05d.m4s`));

  return {
    inputs: inputSpec(source),
    globalOptions: ['-nostats', '-loglevel', 'error', '-progress', 'pipe:2', '-filter_complex', graph.join(';')],
    output: { path: `${dir}/%v/${MEDIA_PLAYLIST}`, options: out },
  };
}

/** Runs the packaging ffmpeg process. */
export function runPackage(bins: FfmpegBinaries, spec: FfmpegSpec, run: RunOptions): Promise<void> {
  return runFfmpeg(bins, spec, run);
}

/**
 * Poster: one frame a tenth of the way in (at most 10 s), at the top rung's size. The seek is on
 * the output side (decode and drop): input seeking lands on nothing in some MPEG-TS files.
 */
export function buildPosterSpec(source: SourceInfo, ladder: Ladder, outFile: string): FfmpegSpec {
  const top = ladder.rungs.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  const at = Math.min(10, ladder.durationSec * 0.1);
  const pre = ladder.preFilter ? `${ladder.preFilter},` : '';
  return {
    inputs: [{ path: source.file, options: ['-nostdin'] }],
    globalOptions: ['-nostats', '-loglevel', 'error'],
    output: {
      path: outFile,
      options: ['-ss', at.toFixed(3), '-map', `0:${source.video.index}`, '-frames:v', '1', '-vf', `${pre}scale=${top.width}:${top.height},setsar=1`, '-q:v', '3', '-f', 'image2', '-update', '1'],
    },
  };
}
