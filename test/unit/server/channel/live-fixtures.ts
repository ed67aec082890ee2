// Hand-built lineups for the live channel's pure renderers (live-master, live-playlist): the
// shapes ProgrammeMediaReader reads from published renditions, with the figures our ladders
// produce (High profile, 25/50/30 fps, stereo and 5.1 AAC).
import type { AiredSlot, Airing, ProgrammeMedia, RenditionTrack } from '../../../../server/channel/live-types.js';

type Variant = ProgrammeMedia['variants'][number];

export const SEGMENTS = 12;

/** A track of `n` segments in `folder`, the last one shorter (as an outputDuration tail). */
export function track(folder: string, durations: (i: number) => number, n = SEGMENTS): RenditionTrack {
  return {
    map: `${folder}/init.mp4`,
    segments: Array.from({ length: n }, (_, i) => ({ uri: `${folder}/seg_${String(i).padStart(5, '0')}.m4s`, durationSec: i === n - 1 ? 1.2 : durations(i) })),
  };
}

const video = () => 2;
/** Whole AAC frames: 2.005 / 1.984 s, as our audio segments are. */
const aac = (i: number) => (i % 2 === 0 ? 2.005 : 1.984);

function iframes(folder: string, bandwidth: number, codecs: string): Variant['iframes'] {
  const t = track(folder, video);
  return { bandwidth, codecs, track: { map: t.map, segments: t.segments.map((s, i) => ({ ...s, byteRange: `${1000 + i}@${800 + 10 * i}` })) } };
}

function rung(width: number, height: number, fps: number, peakBitrate: number, codec: string, withIFrames = true): Variant {
  const folder = `v${width}x${height}`;
  return {
    width,
    height,
    fps,
    peakBitrate,
    averageBitrate: Math.round(peakBitrate * 0.8),
    codec,
    track: track(folder, video),
    iframes: withIFrames ? iframes(folder, Math.round(peakBitrate / 10), codec) : null,
  };
}

function audio(language: string, role: string, channels: number, peakBitrate: number, name = language): ProgrammeMedia['audio'][number] {
  return { language, role, name, channels, codec: 'mp4a.40.2', peakBitrate, averageBitrate: Math.round(peakBitrate * 0.9), track: track(`audio_${language}_${role}`, aac) };
}

const subtitles = (language: string): ProgrammeMedia['subtitles'][number] => ({ language, name: language, track: { map: '', segments: track(`subs_${language}`, video).segments.map((s) => ({ ...s, uri: s.uri.replace('.m4s', '.vtt') })) } });

/** 1080p50 sport: five rungs, English (with audio description) and French, English and French subtitles. */
export const SPORT: ProgrammeMedia = {
  programmeId: 'p-sport',
  renditionId: 'r-sport',
  variants: [
    rung(1280, 720, 50, 4_400_000, 'avc1.640020'),
    rung(1920, 1080, 50, 7_800_000, 'avc1.64002a'),
    rung(960, 540, 25, 2_000_000, 'avc1.64001f'),
    rung(640, 360, 25, 900_000, 'avc1.64001e'),
    rung(416, 234, 25, 400_000, 'avc1.64000d'),
  ],
  audio: [audio('en', 'main', 2, 140_000), audio('en', 'description', 2, 150_000), audio('fr', 'main', 2, 135_000)],
  subtitles: [subtitles('en'), subtitles('fr')],
};

/** 720p25 magazine: three rungs (one at 854x480, between two tiers), French 5.1 main audio, English, Traditional Chinese subtitles. */
export const MAGAZINE: ProgrammeMedia = {
  programmeId: 'p-magazine',
  renditionId: 'r-magazine',
  variants: [rung(854, 480, 25, 1_500_000, 'avc1.64001e'), rung(1280, 720, 25, 3_300_000, 'avc1.64001f'), rung(640, 360, 25, 800_000, 'avc1.64001e')],
  audio: [audio('fr', 'main', 6, 400_000), audio('en', 'commentary', 2, 130_000)],
  subtitles: [subtitles('zh-Hant')],
};

/** A portrait 720x1280 clip at 30 fps (Main profile on its small rungs), Spanish audio; no I-frames on its smallest rung. */
export const PORTRAIT: ProgrammeMedia = {
  programmeId: 'p-vertical',
  renditionId: 'r-vertical',
  variants: [rung(720, 1280, 30, 3_000_000, 'avc1.64001f'), rung(540, 960, 30, 1_800_000, 'avc1.4d001f'), rung(360, 640, 30, 700_000, 'avc1.4d0028', false)],
  audio: [audio('es', 'main', 2, 128_000)],
  subtitles: [],
};

/** The slate: English audio only, no subtitles. */
export const SLATE: ProgrammeMedia = {
  programmeId: 'p-slate',
  renditionId: 'r-slate',
  variants: [rung(1280, 720, 25, 1_000_000, 'avc1.64001f'), rung(640, 360, 25, 300_000, 'avc1.64001e')],
  audio: [audio('en', 'main', 2, 96_000)],
  subtitles: [],
};

export const ALL = [SPORT, MAGAZINE, PORTRAIT, SLATE];
export const LANGUAGES = ['fr', 'en', 'de'];
export const SUBTITLE_LANGUAGES = ['en', 'zh-Hant', 'fr'];

/** A run of one programme's segments in the window. */
export interface Run {
  media: ProgrammeMedia;
  from: number;
  count: number;
  slate?: boolean;
}

export const SEGMENT_MS = 2000;

/**
 * Consecutive slots from `fromSlot` airing `runs` in order, as the timeline would: the first run
 * continues from before the window (no discontinuity), each further run restarts timestamps.
 */
export function window(fromSlot: number, cc: number, runs: readonly Run[]): { slots: AiredSlot[]; airings: Airing[] } {
  const slots: AiredSlot[] = [];
  const airings: Airing[] = [];
  let slot = fromSlot;
  runs.forEach((r, i) => {
    if (i > 0) cc++;
    airings.push({
      id: `air-${r.media.programmeId}-${slot}`,
      entryId: r.slate ? null : `e-${slot}`,
      programmeId: r.media.programmeId,
      slate: r.slate === true,
      replaced: false,
      firstSegment: 0,
      startMs: (slot - r.from) * SEGMENT_MS,
      endMs: (slot - r.from + SEGMENTS) * SEGMENT_MS,
    });
    for (let k = 0; k < r.count; k++, slot++) {
      slots.push({ slot, startMs: slot * SEGMENT_MS, programmeId: r.media.programmeId, slate: r.slate === true, segment: r.from + k, discontinuity: i > 0 && k === 0, cc });
    }
  });
  return { slots, airings };
}

/** The sub-window [from, to) of a longer one (what the timeline returns for a later request). */
export function slice(w: { slots: AiredSlot[]; airings: Airing[] }, from: number, to: number): { slots: AiredSlot[]; airings: Airing[] } {
  const slots = w.slots.filter((s) => s.slot >= from && s.slot < to);
  const [a, b] = [from * SEGMENT_MS, to * SEGMENT_MS];
  return { slots, airings: w.airings.filter((x) => x.startMs < b && x.endMs > a) };
}
