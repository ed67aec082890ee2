/**
 * Ladder planning: pure, SourceInfo → Ladder. The reasoning is in transcoder/README.md; the
 * numbers live here.
 *
 * Reference rungs (16:9, high-motion sport, H.264 High, ≤ 30 fps), after Apple's HLS authoring
 * specification (section 2.3: 416x234 → 1920x1080 at 145 → 7800 kb/s). We take the upper end of
 * each of Apple's resolutions because Olympic footage (water, crowds, fast pans, grass) is the
 * hardest content for an encoder:
 *
 *   1080p  6000 kb/s   (x1.3 = 7800 kb/s when the rung runs above 30 fps)
 *    720p  4500 kb/s   (x1.3 = 5850 kb/s above 30 fps)
 *    540p  2000 kb/s   the starting rung: Apple asks the first-listed variant to be ~2 Mb/s
 *    360p  1000 kb/s
 *    234p   400 kb/s
 *
 * Sizes other than 16:9 (portrait, 4:3, odd sizes) get the bitrate their pixel count earns,
 * interpolated on a log-log line through the reference points, so a 1080x1920 phone video gets
 * the 1080p bitrate and a 1440x1080 4:3 source ~80 % of it.
 */
import type { AudioPlan, Ladder, Rung, SourceInfo } from './types.js';

/** Short side of each standard rung, highest first. */
const STANDARD_SHORT_SIDES = [1080, 720, 540, 360, 234] as const;
/** [pixels, kb/s at ≤ 30 fps] for 16:9 frames, ascending. */
const REFERENCE_KBPS: readonly (readonly [number, number])[] = [
  [416 * 234, 400],
  [640 * 360, 1000],
  [960 * 540, 2000],
  [1280 * 720, 4500],
  [1920 * 1080, 6000],
];
const HIGH_FPS_FACTOR = 1.3;
/** rungs with a short side below this run at ≤ 30 fps */
const HIGH_FPS_MIN_SHORT_SIDE = 720;
const MAX_FPS = 60;
const LOW_RUNG_MAX_FPS = 30;
/** a standard rung this close below the source's own size is dropped as redundant */
const MIN_STEP = 0.85;
export const SEGMENT_SEC = 2;
/**
 * A last segment shorter than this is dropped (the output ends on the previous boundary):
 * a sliver segment of a frame or two stalls some players, and half a second of the closing
 * frames is not worth it.
 */
export const MIN_TAIL_SEC = 0.5;
export const START_BITRATE = 2_000_000;
const AUDIO_BITRATE = 128_000;

/** Nominal video bitrate (bits/s) for a frame of `pixels` at ≤ 30 fps. */
export function referenceBitrate(pixels: number): number {
  const pts = REFERENCE_KBPS;
  const first = pts[0]!;
  if (pixels <= first[0]) return Math.round((first[1] * pixels) / first[0]) * 1000;
  for (let i = 1; i < pts.length; i++) {
    const [p1, b1] = pts[i]!;
    const [p0, b0] = pts[i - 1]!;
    if (pixels <= p1 || i === pts.length - 1) {
      const t = Math.log(pixels / p0) / Math.log(p1 / p0);
      return Math.round(Math.exp(Math.log(b0) + t * Math.log(b1 / b0))) * 1000;
    }
  }
  return first[1] * 1000;
}

/** Smallest H.264 level (as "4.0") that holds this frame size and macroblock rate. */
export function h264Level(width: number, height: number, fps: number): string {
  const fs = Math.ceil(width / 16) * Math.ceil(height / 16);
  const mbps = fs * fps;
  const levels: [string, number, number][] = [
    ['3.0', 1620, 40500],
    ['3.1', 3600, 108000],
    ['3.2', 5120, 216000],
    ['4.0', 8192, 245760],
    ['4.2', 8704, 522240],
    ['5.0', 22080, 589824],
    ['5.1', 36864, 983040],
    ['5.2', 36864, 2073600],
  ];
  for (const [name, maxFs, maxMbps] of levels) if (fs <= maxFs && mbps <= maxMbps) return name;
  return '5.2';
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);
const evenFloor = (n: number): number => Math.max(2, Math.floor(n / 2) * 2);

/** Integer divisor of the source rate that brings it to ≤ max (keeps frames evenly spaced). */
function reduceFps(fps: number, max: number): number {
  const divisor = Math.ceil(fps / max - 1e-6);
  return Math.round((fps / Math.max(1, divisor)) * 1000) / 1000;
}

function rungName(w: number, h: number, fps: number): string {
  return `${Math.min(w, h)}p${Math.round(fps)}`;
}

export function planLadder(source: SourceInfo): Ladder {
  const v = source.video;
  // ffmpeg autorotates, so plan on the displayed size.
  const dispW = v.displayWidth;
  const dispH = v.displayHeight;
  const portrait = dispH > dispW;
  const srcShort = Math.min(dispW, dispH);
  const srcLong = Math.max(dispW, dispH);
  const aspect = srcLong / srcShort;

  // Interlaced sport: bwdif at field rate (1080i25 → 50p) keeps the motion the camera captured.
  const deinterlace = v.interlaced;
  const fieldRate = v.fps * 2;
  const sourceFps = deinterlace && fieldRate <= MAX_FPS ? fieldRate : v.fps;
  const preFilter = deinterlace ? `bwdif=mode=${sourceFps === fieldRate ? 'send_field' : 'send_frame'}:parity=auto:deint=all` : null;

  const topShort = Math.min(evenFloor(srcShort), STANDARD_SHORT_SIDES[0]);
  const shorts = [topShort, ...STANDARD_SHORT_SIDES.filter((s) => s < topShort * MIN_STEP)];

  const rungs: Rung[] = shorts.map((short, i) => {
    // the top rung keeps the source's exact (even) size when it is not downscaled
    const long = i === 0 && short === evenFloor(srcShort) ? evenFloor(srcLong) : Math.min(evenFloor(srcLong), even(short * aspect));
    const width = portrait ? short : long;
    const height = portrait ? long : short;
    const fps = reduceFps(sourceFps, short >= HIGH_FPS_MIN_SHORT_SIDE ? MAX_FPS : LOW_RUNG_MAX_FPS);
    const videoBitrate = Math.round(referenceBitrate(width * height) * (fps > LOW_RUNG_MAX_FPS + 0.5 ? HIGH_FPS_FACTOR : 1));
    return {
      name: rungName(width, height, fps),
      width,
      height,
      fps,
      videoBitrate,
      maxrate: Math.round(videoBitrate * 1.1),
      bufsize: Math.round(videoBitrate * 2),
      profile: 'high',
      level: h264Level(width, height, fps),
    };
  });

  // The player starts on the first-listed variant: put the one nearest 2 Mb/s first.
  const start = rungs.reduce((best, r) =>
    Math.abs(Math.log(r.videoBitrate / START_BITRATE)) < Math.abs(Math.log(best.videoBitrate / START_BITRATE)) ? r : best,
  );
  const ordered = [start, ...rungs.filter((r) => r !== start)];

  const audio: AudioPlan | null = source.audio
    ? { codec: 'aac', channels: 2, bitrate: AUDIO_BITRATE, sampleRate: 48000, streamIndex: source.audio.index }
    : null;

  return { rungs: ordered, audio, segmentSec: SEGMENT_SEC, preFilter, sourceFps, durationSec: outputDuration(source.durationSec) };
}

/** Duration to encode: the source's, minus a tail that would make a sliver last segment. */
export function outputDuration(sourceSec: number, segmentSec = SEGMENT_SEC): number {
  const whole = Math.floor(sourceSec / segmentSec) * segmentSec;
  const tail = sourceSec - whole;
  if (whole > 0 && tail < MIN_TAIL_SEC) return whole;
  return Math.round(sourceSec * 1000) / 1000;
}
