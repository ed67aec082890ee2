/**
 * EBU R128 loudness: two-pass ffmpeg loudnorm. Pass 1 measures the source, pass 2 applies a
 * linear gain computed from that measurement (no dynamic compression when the true-peak
 * ceiling allows it), and the packaged result is measured again so the stored figures are
 * source + result. Knows nothing of HTTP, the database or Podium's config.
 */
import { runFfmpeg } from '../ffmpeg/command.js';
import type { FfmpegBinaries, Logger } from '../types.js';

export interface LoudnessTarget {
  /** integrated loudness, LUFS */
  integratedLufs: number;
  /** maximum true peak, dBTP */
  truePeakDbtp: number;
  /** loudness range the linear mode may keep, LU (loudnorm's LRA, 1..20 in ffmpeg 5.1) */
  lraLu: number;
}

/** EBU R128 broadcast: −23 LUFS, true peak ≤ −1 dBTP. */
export const EBU_R128: Readonly<LoudnessTarget> = Object.freeze({ integratedLufs: -23, truePeakDbtp: -1, lraLu: 11 });
/** Web-first channels (the loudness most streaming services play at): −16 LUFS, ≤ −1 dBTP. */
export const WEB_FIRST: Readonly<LoudnessTarget> = Object.freeze({ integratedLufs: -16, truePeakDbtp: -1, lraLu: 11 });

export interface LoudnessMeasurement {
  integratedLufs: number;
  truePeakDbtp: number;
  lraLu: number;
  /** gating threshold, LUFS (loudnorm's input_thresh) */
  thresholdLufs: number;
  /** loudnorm's target_offset for the target it was measured against, LU */
  targetOffsetLu: number;
}

/** What is stored and shown to editors. */
export interface LoudnessReport {
  target: LoudnessTarget;
  source: LoudnessMeasurement;
  result: LoudnessMeasurement;
}

export interface MeasureOptions {
  /** absolute stream index (ffprobe's); default the first audio stream */
  streamIndex?: number;
  /** measure only the first N seconds (what will be packaged) */
  durationSec?: number;
  /** the target that target_offset refers to (default EBU R128) */
  target?: LoudnessTarget;
  /** filters applied before measuring, e.g. the stereo downmix the rendition uses */
  preFilter?: string;
  signal?: AbortSignal;
  logger?: Logger;
}

/** The loudnorm option string for a target, shared by both passes. */
function targetArgs(t: LoudnessTarget): string {
  return `I=${t.integratedLufs}:TP=${t.truePeakDbtp}:LRA=${t.lraLu}`;
}

/** Pass 1: measures `file` (or an HLS playlist) with loudnorm's analysis. */
export async function measureLoudness(bins: FfmpegBinaries, file: string, opts: MeasureOptions = {}): Promise<LoudnessMeasurement> {
  const target = opts.target ?? EBU_R128;
  const lines: string[] = [];
  const pre = opts.preFilter ? `${opts.preFilter},` : '';
  await runFfmpeg(
    bins,
    {
      inputs: [{ path: file, options: ['-nostdin'] }],
      globalOptions: ['-nostats', '-loglevel', 'info'],
      output: {
        path: '-',
        options: [
          '-map', opts.streamIndex === undefined ? '0:a:0' : `0:${opts.streamIndex}`,
          ...(opts.durationSec ? ['-t', opts.durationSec.toFixed(6)] : []),
          '-af', `${pre}loudnorm=${targetArgs(target)}:print_format=json`,
          '-f', 'null',
        ],
      },
    },
    { signal: opts.signal, logger: opts.logger, onStderrLine: (l) => lines.push(l) },
  );
  return parseLoudnormJson(lines.join('\n'));
}

/** Parses the JSON block loudnorm prints at the end of a run. */
export function parseLoudnormJson(stderr: string): LoudnessMeasurement {
  const start = stderr.lastIndexOf('{');
  const end = stderr.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('loudnorm printed no measurement (is there an audio stream?)');
  const j = JSON.parse(stderr.slice(start, end + 1)) as Record<string, string>;
  const num = (k: string): number => {
    // digital silence measures -inf (offset +inf); keep the numbers finite for storage, at
    // the ends of loudnorm's own ranges
    if (j[k] === '-inf') return -99;
    if (j[k] === 'inf') return 99;
    const v = Number(j[k]);
    if (!Number.isFinite(v)) throw new Error(`loudnorm measurement lacks ${k}`);
    return v;
  };
  return {
    integratedLufs: num('input_i'),
    truePeakDbtp: num('input_tp'),
    lraLu: num('input_lra'),
    thresholdLufs: num('input_thresh'),
    targetOffsetLu: num('target_offset'),
  };
}

/**
 * Pass 2: the loudnorm filter that brings a source with measurement `m` to `target`. With
 * linear=true loudnorm applies one gain to the whole programme — the mix the commentary desk
 * made stays as it is — provided the gain does not push the true peak over the ceiling and the
 * LRA target is at least the source's; otherwise ffmpeg falls back to dynamic mode (a gentle
 * limiter). LRA is therefore raised to the measured range (ffmpeg 5.1 caps it at 20).
 * The output is 192 kHz internally; follow with aresample=48000.
 */
export function loudnormFilter(m: LoudnessMeasurement, target: LoudnessTarget = EBU_R128): string {
  // silence (below the −70 LUFS absolute gate) has no loudness to correct
  if (m.integratedLufs <= -70) return 'anull';
  const c = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
  const lra = Math.min(20, Math.max(1, target.lraLu, Math.ceil(m.lraLu * 10) / 10));
  return (
    `loudnorm=I=${target.integratedLufs}:TP=${target.truePeakDbtp}:LRA=${lra}` +
    // clamped to loudnorm's option ranges (a clipped source can measure above 0 LUFS)
    `:measured_I=${c(m.integratedLufs, -99, 0)}:measured_TP=${c(m.truePeakDbtp, -99, 99)}:measured_LRA=${c(m.lraLu, 0, 99)}` +
    `:measured_thresh=${c(m.thresholdLufs, -99, 0)}:offset=${c(m.targetOffsetLu, -99, 99)}:linear=true:print_format=summary`
  );
}

/** True when `m` meets `target` within `toleranceLu` (integrated) and under the true-peak ceiling. */
export function meetsTarget(m: LoudnessMeasurement, target: LoudnessTarget, toleranceLu = 1): boolean {
  return Math.abs(m.integratedLufs - target.integratedLufs) <= toleranceLu && m.truePeakDbtp <= target.truePeakDbtp + 0.05;
}
