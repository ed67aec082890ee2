/** Shared types of the transcoder library. */
import type { LoudnessReport, LoudnessTarget } from './loudness/index.js';

export interface FfmpegBinaries {
  ffmpegPath: string;
  ffprobePath: string;
  /** e.g. "5.1.9" */
  version: string;
}

/** pino-compatible minimal logger. */
export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
}

export interface VideoStreamInfo {
  index: number;
  codec: string;
  /** coded size as stored in the file */
  width: number;
  height: number;
  /** size as shown after rotation (ffmpeg autorotates) */
  displayWidth: number;
  displayHeight: number;
  /** clockwise degrees: 0, 90, 180, 270 */
  rotation: number;
  fps: number;
  interlaced: boolean;
  fieldOrder: string | null;
  pixFmt: string | null;
}

export interface AudioStreamInfo {
  index: number;
  codec: string;
  channels: number;
  channelLayout: string | null;
  sampleRate: number;
  language: string | null;
}

export interface SourceInfo {
  file: string;
  formatName: string;
  durationSec: number;
  sizeBytes: number;
  video: VideoStreamInfo;
  audio: AudioStreamInfo | null;
}

export interface Rung {
  /** e.g. "1080p60" - used in file names */
  name: string;
  width: number;
  height: number;
  fps: number;
  /** target video bitrate, bits/s */
  videoBitrate: number;
  /** VBV maxrate and bufsize, bits/s / bits */
  maxrate: number;
  bufsize: number;
  profile: 'high' | 'main';
  level: string;
}

export interface AudioPlan {
  codec: 'aac';
  channels: 2;
  bitrate: number;
  sampleRate: 48000;
  /** source audio stream index */
  streamIndex: number;
}

export interface Ladder {
  /** ordered as the master playlist lists them: the starting (~2 Mb/s) rung first, then highest to lowest */
  rungs: Rung[];
  audio: AudioPlan | null;
  segmentSec: number;
  /** filter applied once to the decoded source before the split, e.g. "bwdif=mode=send_frame" */
  preFilter: string | null;
  /** frame rate of the source as decoded (after deinterlacing) */
  sourceFps: number;
  durationSec: number;
}

export interface TranscodeProgress {
  fraction: number;
  etaSec: number | null;
}

export interface VariantResult {
  name: string;
  playlist: string;
  width: number;
  height: number;
  fps: number;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  segments: number;
}

export interface TranscodeResult {
  durationSec: number;
  master: 'master.m3u8';
  poster: 'poster.jpg';
  variants: VariantResult[];
  /** the main audio, normalized to the loudness target (measured before and after) */
  audio: { playlist: string; bandwidth: number; channels: number; language: string; loudness: LoudnessReport } | null;
  /** storyboard WebVTT index (thumbnails for seek previews), relative to outDir; null with trickPlay: false */
  storyboard: string | null;
  /** I-frame playlists, one per rung in variant order */
  iframes: string[];
}

export interface TranscodeOptions {
  bins: FfmpegBinaries;
  input: string;
  outDir: string;
  logger?: Logger;
  onProgress?: (p: TranscodeProgress) => void;
  signal?: AbortSignal;
  /** BCP 47 language of the audio track, default from the source tag or "und" */
  audioLanguage?: string;
  /** x264 preset; default "veryfast". Tests may pass "ultrafast". */
  preset?: string;
  /** loudness the main audio is normalized to (two-pass loudnorm); default EBU R128 (−23 LUFS, −1 dBTP) */
  loudnessTarget?: LoudnessTarget;
  /** I-frame playlists and the storyboard; default true */
  trickPlay?: boolean;
}
