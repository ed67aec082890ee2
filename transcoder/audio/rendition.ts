/**
 * One alternate audio rendition (a commentary language, audio description …) packaged on its
 * own, beside an existing video ladder: the video is never decoded or re-encoded, so adding or
 * replacing a language costs an audio decode + AAC encode only.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../ffmpeg/command.js';
import { TranscodeError } from '../errors.js';
import { EBU_R128, loudnormFilter, measureLoudness, type LoudnessReport, type LoudnessTarget } from '../loudness/index.js';
import type { FfmpegBinaries, Logger } from '../types.js';
import { canonicalLanguage } from './language.js';
import { readMediaPlaylist } from './media-playlist.js';
import type { AudioRole } from './media.js';

/** Same names as the skeleton's packager (transcoder/package.ts), so the layouts match. */
export const AUDIO_PLAYLIST = 'index.m3u8';
export const AUDIO_INIT = 'init.mp4';
const SAMPLE_RATE = 48000;
/** ffmpeg's AAC encoder primes with one frame; its first packet has pts −1024 samples. */
const AAC_FRAME = 1024;

export interface AudioRenditionOptions {
  /** audio file, or a video file whose audio stream is taken */
  input: string;
  /** absolute stream index (ffprobe's); default the first audio stream */
  streamIndex?: number;
  /** BCP 47 */
  language: string;
  role: AudioRole;
  /** the video's segment length (all rungs share it) */
  segmentDurationSec: number;
  /** the packaged video's duration; audio is cut (or padded with silence) to exactly this */
  videoDurationSec: number;
  /** default EBU R128 (−23 LUFS, −1 dBTP) */
  loudnessTarget?: LoudnessTarget;
  /** rendition root (the folder of master.m3u8) */
  outDir: string;
  /** sub-folder for this rendition, e.g. "audio_fr_commentary"; must not exist yet */
  name: string;
  /** AAC bit rate, default 128 kb/s (as the ladder's main audio) */
  bitrate?: number;
  /** a video rung's media playlist: segment count and boundaries are checked against it */
  videoPlaylist?: string;
  signal?: AbortSignal;
  logger?: Logger;
}

export interface AudioRendition {
  name: string;
  language: string;
  role: AudioRole;
  /** media playlist, relative to outDir: `${name}/index.m3u8` */
  playlist: string;
  channels: 2;
  /** RFC 6381, for the variants' CODECS */
  codecs: 'mp4a.40.2';
  /** bits/s: highest segment bitrate (add to a variant's BANDWIDTH) and overall average */
  peakBitrate: number;
  avgBitrate: number;
  segmentDurations: number[];
  loudness: LoudnessReport;
}

/** Stereo 48 kHz float: swresample downmixes 5.1 (centre and surrounds at −3 dB, LFE dropped). */
const DOWNMIX = `aresample=${SAMPLE_RATE},aformat=sample_fmts=fltp:channel_layouts=stereo`;

/**
 * Measures, normalizes (two-pass loudnorm, linear), encodes AAC-LC stereo and segments into
 * fMP4 HLS cut where the video is cut: same hls_time, audio padded/trimmed to the video's
 * duration less the priming frame (hlsenc counts an audio-only rendition's time from its first
 * packet at −1024 samples; without this the last packet crosses one more boundary and makes a
 * one-frame sliver segment). Written to a temp folder, checked, then renamed into place.
 */
export async function packageAudioRendition(bins: FfmpegBinaries, opts: AudioRenditionOptions): Promise<AudioRendition> {
  const language = canonicalLanguage(opts.language);
  const target = opts.loudnessTarget ?? EBU_R128;
  const finalDir = path.join(opts.outDir, opts.name);
  if (await exists(finalDir)) throw new TranscodeError('ffmpeg_failed', finalDir, 'audio rendition folder already exists (renditions are immutable)');
  const tmp = path.join(opts.outDir, `.${opts.name}.tmp-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp, { recursive: true });
  try {
    const source = await measureLoudness(bins, opts.input, {
      streamIndex: opts.streamIndex,
      durationSec: opts.videoDurationSec,
      target,
      preFilter: DOWNMIX,
      signal: opts.signal,
      logger: opts.logger,
    }).catch((e: unknown) => {
      throw new TranscodeError('not_media', opts.input, `no usable audio stream (${(e as Error).message.split('\n')[0]})`, { cause: e });
    });

    const endSample = Math.round(opts.videoDurationSec * SAMPLE_RATE) - AAC_FRAME;
    // loudnorm resamples to 192 kHz and forgets the channel layout: restore both after it
    const filter = `${DOWNMIX},${loudnormFilter(source, target)},${DOWNMIX},apad,atrim=end_sample=${endSample}`;
    await runFfmpeg(
      bins,
      {
        inputs: [{ path: opts.input, options: ['-nostdin'] }],
        globalOptions: ['-nostats', '-loglevel', 'error'],
        output: {
          path: path.join(tmp, AUDIO_PLAYLIST),
          options: [
            '-map', opts.streamIndex === undefined ? '0:a:0' : `0:${opts.streamIndex}`,
            '-vn', '-sn', '-dn',
            '-af', filter,
            '-c:a', 'aac', '-profile:a', 'aac_low', '-b:a', String(opts.bitrate ?? 128_000), '-ac', '2', '-ar', String(SAMPLE_RATE),
            '-map_metadata', '-1', '-map_chapters', '-1',
            '-metadata:s:a:0', `language=${iso639_2(language)}`,
            '-f', 'hls',
            '-hls_time', String(opts.segmentDurationSec),
            '-hls_playlist_type', 'vod',
            '-hls_segment_type', 'fmp4',
            '-hls_fmp4_init_filename', AUDIO_INIT,
            '-hls_flags', 'independent_segments',
            '-hls_segment_options', 'movflags=+cmaf+negative_cts_offsets',
            '-hls_segment_filename', path.join(tmp, 'seg_%05d.m4s'),
          ],
        },
      },
      { signal: opts.signal, logger: opts.logger },
    ).catch((e: unknown) => {
      throw new TranscodeError(opts.signal?.aborted ? 'aborted' : 'ffmpeg_failed', opts.input, (e as Error).message, { cause: e });
    });

    const pl = await readMediaPlaylist(path.join(tmp, AUDIO_PLAYLIST));
    const segmentDurations = pl.segments.map((s) => s.durationSec);
    const expected = opts.videoPlaylist
      ? (await readMediaPlaylist(opts.videoPlaylist)).segments.map((s) => s.durationSec)
      : expectedDurations(opts.videoDurationSec, opts.segmentDurationSec);
    checkAlignment(segmentDurations, expected, finalDir);

    const sizes = await Promise.all(pl.segments.map(async (s) => (await stat(path.join(tmp, s.uri))).size));
    const rates = sizes.map((b, i) => (b * 8) / segmentDurations[i]!);
    const total = segmentDurations.reduce((a, b) => a + b, 0);
    const result = await measureLoudness(bins, path.join(tmp, AUDIO_PLAYLIST), { target, signal: opts.signal, logger: opts.logger });

    await rename(tmp, finalDir);
    return {
      name: opts.name,
      language,
      role: opts.role,
      playlist: `${opts.name}/${AUDIO_PLAYLIST}`,
      channels: 2,
      codecs: 'mp4a.40.2',
      peakBitrate: Math.ceil(Math.max(...rates)),
      avgBitrate: Math.ceil((sizes.reduce((a, b) => a + b, 0) * 8) / total),
      segmentDurations,
      loudness: { target: { ...target }, source, result },
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Segment durations of a video cut every `seg` seconds to `total` (no sliver under 1 ms). */
export function expectedDurations(total: number, seg: number): number[] {
  const out: number[] = [];
  for (let t = 0; total - t > 0.001; t += seg) out.push(Math.min(seg, total - t));
  return out;
}

/** Same count, and every boundary within one AAC frame (21.3 ms) of the video's. */
export function checkAlignment(audio: readonly number[], video: readonly number[], file: string): void {
  if (audio.length !== video.length) {
    throw new TranscodeError('verify_failed', file, `audio has ${audio.length} segments, the video ${video.length}`);
  }
  let a = 0;
  let v = 0;
  const tol = AAC_FRAME / SAMPLE_RATE + 0.002;
  for (let i = 0; i < audio.length; i++) {
    a += audio[i]!;
    v += video[i]!;
    if (Math.abs(a - v) > tol) {
      throw new TranscodeError('verify_failed', file, `audio segment ${i} ends at ${a.toFixed(3)} s, the video's at ${v.toFixed(3)} s`);
    }
  }
}

/** Container language tag: ISO 639-2 where Intl knows the language, else "und". */
function iso639_2(tag: string): string {
  const map: Record<string, string> = { en: 'eng', fr: 'fra', de: 'deu', es: 'spa', it: 'ita', pt: 'por', zh: 'zho', ja: 'jpn', ko: 'kor', ru: 'rus', ar: 'ara', nl: 'nld', sv: 'swe', pl: 'pol' };
  return map[tag.split('-')[0]!.toLowerCase()] ?? 'und';
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
