// Pure time arithmetic of a live channel's stream (issue 12): which programme is at an instant
// (the stream's EXT-X-DATERANGEs first, then the guide, then the channel's own now/next), where an
// instant is in the media timeline (the fragments' EXT-X-PROGRAM-DATE-TIME), and when the playhead
// is far enough behind the live edge to offer "back to live". No hls.js or DOM here: the page and
// the plugins pass in what hls.js parsed, and test/unit/player/live-time.test.ts the same shapes.
import type { ChannelAiring, GuideItem } from '../../../server/contracts/index.js';

/** What we read of an hls.js Fragment: its media start time and length (s), and its PROGRAM-DATE-TIME (ms since 1970). */
export interface TimedFragment {
  start: number;
  duration: number;
  programDateTime: number | null;
}

/**
 * The media time (s) of a wall-clock instant, through the fragments' PROGRAM-DATE-TIME: inside a
 * fragment, its start plus the offset; in a hole between fragments, the next fragment's start.
 * An instant before the first fragment counts as its start when within `toleranceSec` (a window
 * that slid a segment on since the guide was drawn), else null; after the last fragment, null.
 */
export function mediaTimeAt(fragments: readonly TimedFragment[], instantMs: number, toleranceSec = 0): number | null {
  let first: TimedFragment | null = null;
  for (const f of fragments) {
    if (f.programDateTime === null || !Number.isFinite(f.programDateTime)) continue;
    const startMs = f.programDateTime;
    const endMs = startMs + f.duration * 1000;
    if (instantMs < startMs) {
      // before this fragment: the first one when within tolerance, else a hole between two (next one wins)
      if (first === null) return startMs - instantMs <= toleranceSec * 1000 ? f.start : null;
      return f.start;
    }
    first ??= f;
    if (instantMs < endMs) return f.start + (instantMs - startMs) / 1000;
  }
  return null;
}

/**
 * Where to seek to play from a wall-clock instant on every track: the latest of the tracks' media
 * times for it (null when the main track has none). The audio track's boundaries need not be
 * the video's: AAC segments last whole frames (2.005 s for 2 s of video), so a programme's audio
 * can begin a few milliseconds after its video in hls.js's timeline; a seek into that gap left
 * hls.js (1.7) loading the previous programme's audio and waiting for its video for ever.
 */
export function seekTimeAt(instantMs: number, main: readonly TimedFragment[], others: ReadonlyArray<readonly TimedFragment[]>, toleranceSec = 0): number | null {
  const time = mediaTimeAt(main, instantMs, toleranceSec);
  if (time === null) return null;
  let latest = time;
  for (const fragments of others) {
    const t = mediaTimeAt(fragments, instantMs, toleranceSec);
    // another track's time more than a segment away is not this instant's (a stale list): ignore it
    if (t !== null && t > latest && t - time < 1) latest = t;
  }
  return latest;
}

/**
 * The playhead is worth a "back to live" button when it is more than `segments` segments behind
 * where hls.js keeps a live viewer (`liveSyncPosition`, the edge less the target latency).
 * Unknown positions (no playlist yet) never show it.
 */
export function isBehindLive(currentTime: number, liveSyncPosition: number | null, segmentSec: number, segments: number): boolean {
  if (liveSyncPosition === null || !Number.isFinite(liveSyncPosition) || !Number.isFinite(currentTime)) return false;
  return liveSyncPosition - currentTime > segments * segmentSec;
}

/** One programme on air, as a DATERANGE announces it: its id and its instants (ms). */
export interface ProgrammeRange {
  programmeId: string;
  startMs: number;
  endMs: number;
}

/** What we read of an hls.js DateRange. */
export interface DateRangeLike {
  class: string;
  startDate: Date;
  endDate: Date | null;
  attr: Record<string, unknown>;
}

/**
 * The programmes a playlist's DATERANGEs announce (those of `programmeClass` with an
 * X-PROGRAMME-ID), by start. A range without an end ends where the next one starts.
 */
export function programmeRanges(dateRanges: Readonly<Record<string, DateRangeLike | undefined>>, programmeClass: string): ProgrammeRange[] {
  const out: ProgrammeRange[] = [];
  for (const range of Object.values(dateRanges)) {
    if (!range || range.class !== programmeClass) continue;
    const programmeId = range.attr['X-PROGRAMME-ID'];
    const startMs = range.startDate.getTime();
    if (typeof programmeId !== 'string' || !programmeId || !Number.isFinite(startMs)) continue;
    out.push({ programmeId, startMs, endMs: range.endDate ? range.endDate.getTime() : Number.NaN });
  }
  out.sort((a, b) => a.startMs - b.startMs);
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i]!.endMs)) out[i]!.endMs = out[i + 1]?.startMs ?? Number.POSITIVE_INFINITY;
  return out;
}

/** A programme for the now/next line: its title in the viewer's language when known (null until the guide names it). */
export interface Airing {
  programmeId: string;
  title: string | null;
  /** The title's locale (lang/dir of the text), when the guide said. */
  locale: string | null;
  sportCode: string | null;
  startMs: number;
  endMs: number;
}

export interface NowNext {
  now: Airing | null;
  next: Airing | null;
}

function fromGuide(item: GuideItem): Airing {
  return { programmeId: item.programmeId, title: item.title, locale: item.locale, sportCode: item.sportCode, startMs: Date.parse(item.start), endMs: Date.parse(item.end) };
}

function fromChannel(a: ChannelAiring): Airing {
  return { programmeId: a.programmeId, title: a.title, locale: null, sportCode: null, startMs: Date.parse(a.start), endMs: Date.parse(a.end) };
}

const overlaps = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }) => a.startMs < b.endMs && b.startMs < a.endMs;

/**
 * now/next at `instantMs` (the playhead's programme date time): the stream's DATERANGEs decide
 * what airs when; the guide adds what the playlist window does not reach yet (the next programme
 * starts after the live edge) and names the stream's programmes in the viewer's language; the
 * channel's own now/next (GET /api/channels/:id) stand in until there is either.
 */
export function nowNext(instantMs: number, stream: readonly ProgrammeRange[], guide: readonly GuideItem[], channel: { now: ChannelAiring | null; next: ChannelAiring | null } = { now: null, next: null }): NowNext {
  const guideAirings = guide.map(fromGuide).filter((a) => Number.isFinite(a.startMs) && Number.isFinite(a.endMs));
  const channelAirings = [channel.now, channel.next].filter((a): a is ChannelAiring => a !== null).map(fromChannel);
  const named = [...guideAirings, ...channelAirings];
  const airings: Airing[] = stream.map((r) => {
    const same = named.filter((a) => a.programmeId === r.programmeId);
    // a loop airs a programme many times: the guide entry nearest this start names it
    const best = same.sort((a, b) => Math.abs(a.startMs - r.startMs) - Math.abs(b.startMs - r.startMs))[0];
    return { programmeId: r.programmeId, title: best?.title ?? null, locale: best?.locale ?? null, sportCode: best?.sportCode ?? null, startMs: r.startMs, endMs: r.endMs };
  });
  // the guide, then the channel's now/next, only where the stream (then the guide) says nothing
  for (const source of [guideAirings, channelAirings]) {
    const known = [...airings];
    for (const a of source) if (!known.some((k) => overlaps(k, a))) airings.push(a);
  }
  airings.sort((a, b) => a.startMs - b.startMs);
  const now = airings.find((a) => a.startMs <= instantMs && instantMs < a.endMs) ?? null;
  const after = now ? now.endMs : instantMs;
  const next = airings.find((a) => a !== now && a.startMs >= after) ?? null;
  return { now, next };
}

/**
 * How far the server's clock is ahead of this device's (ms), from the newest segment: the live
 * edge's PROGRAM-DATE-TIME is the server's "now" (it stays within a segment of its clock) when the
 * playlist was received. The guide's "on air" then follows the stream, not a device clock that is off.
 */
export function clockOffsetMs(fragments: readonly TimedFragment[], receivedAtMs: number): number {
  for (let i = fragments.length - 1; i >= 0; i--) {
    const f = fragments[i]!;
    if (f.programDateTime !== null && Number.isFinite(f.programDateTime)) return f.programDateTime + f.duration * 1000 - receivedAtMs;
  }
  return 0;
}

/** How much of a programme has aired at `nowMs`, 0…1 (progress bars). */
export function airedFraction(startMs: number, endMs: number, nowMs: number): number {
  if (!(endMs > startMs)) return 0;
  return Math.min(1, Math.max(0, (nowMs - startMs) / (endMs - startMs)));
}
