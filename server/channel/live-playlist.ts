// Pure: one media playlist of a live channel (issue 12) for a window of aired slots. Every slot
// airs a whole segment of a programme's own published rendition; the slot number IS the media
// sequence number and `slot.cc` its discontinuity sequence number, so every rendition and every
// replica writes the same sequence, the same discontinuities and the same dates for the same
// instant (rfc8216bis §6.2.4), with no state kept between requests.
//
// Delta updates (rfc8216bis §4.4.5.2, §6.2.5.1): with `_HLS_skip`, the segments further than the
// Skip Boundary from the end are replaced by one EXT-X-SKIP, and "all tags that were not skipped
// MUST remain". How hls.js (1.7, src/loader/m3u8-parser.ts, src/utils/level-helper.ts) reads one:
//  - EXT-X-SKIP pushes SKIPPED-SEGMENTS empty places after EXT-X-MEDIA-SEQUENCE; `mergeDetails`
//    fills them with the previous playlist's fragments of the same sequence numbers (or, when it
//    lacks some, flags `deltaUpdateFailed` and asks for the whole playlist again);
//  - the fragments after the skip are numbered on from EXT-X-DISCONTINUITY-SEQUENCE, which the
//    skip does not change (§4.4.5.2): a discontinuity inside the skipped part is recovered by
//    comparing with the previous playlist's fragment of the same sequence number (ccOffset);
//  - a fragment without an EXT-X-MAP of its own inherits the previous playlist's last init
//    segment: so the first segment after the skip repeats its programme's EXT-X-MAP (and its
//    EXT-X-PROGRAM-DATE-TIME, which the skipped tags took away) — an EXT-X-MAP applies to every
//    later segment of the full playlist, so dropping it would change what they mean;
//  - an overlapping fragment whose URI changed between two refreshes (query aside) is a "media
//    sequence mismatch" parsing error: a segment's URL must not change while it is in the window
//    (hence `url`'s `atMs`: the caller can sign per slot rather than per request);
//  - hls.js 1.6.13 refused an EXT-X-DISCONTINUITY-SEQUENCE after EXT-X-SKIP (video-dev/hls.js
//    #7554): every header tag here comes before the skip.
// DATERANGEs (CAN-SKIP-DATERANGES=YES, §4.4.3.8): with `_HLS_skip=v2` a delta update "MUST NOT
// contain EXT-X-DATERANGE tags that were added to the Playlist more than CAN-SKIP-UNTIL seconds
// before the Playlist request", and its RECENTLY-REMOVED-DATERANGES "MUST list the date ranges
// that were removed from the Playlist within CAN-SKIP-UNTIL seconds of the Playlist request"
// (§6.2.5.1; EXT-X-VERSION 10, §8). A programme's DATERANGE is added when its first slot airs and
// removed when the window's start passes its end; the request is taken at the window's end (the
// bytes depend on the slot alone). So a v2 update leaves out the DATERANGE of every programme that
// began in the skipped part or before the window — exactly those whose first slot is skipped —
// and lists the programmes that ended less than CAN-SKIP-UNTIL before the window's start. hls.js
// (`mergeDetails` → `mergeDateRanges`, only when the update advertises CAN-SKIP-DATERANGES) keeps
// the previous playlist's date ranges, deletes the recently removed ones and adds the update's:
// without that list it would keep every programme it ever saw. It asks for v2 only with a
// playlist younger than half the Skip Boundary (§6.3.7), which holds every DATERANGE left out.
//
// A window of 3600 slots is rendered once per slot and rendition; consecutive windows share all
// but one slot, so a caller may keep each slot's lines (LineCache) and render only the new one.
import { quoted } from '../../transcoder/subtitles/media.js';
import { audioFor, renditionName, subtitlesFor, variantFor, type LiveRendition } from './live-master.js';
import type { AiredSlot, Airing, ProgrammeMedia, RenditionTrack } from './live-types.js';

/** The DATERANGE CLASS of a programme airing (a player shows now/next from these). */
export const PROGRAMME_DATERANGE_CLASS = 'org.podium.programme';

export interface LivePlaylistInput {
  rendition: LiveRendition;
  /** The window, oldest first: consecutive slots (live-types.ts AiredSlot). */
  slots: readonly AiredSlot[];
  /**
   * The airings overlapping the window, and those that ended less than CAN-SKIP-UNTIL before it
   * (a v2 delta update lists them as recently removed); any other is ignored. Slate runs are left
   * out of the DATERANGE tags.
   */
  airings: readonly Airing[];
  /** Every programme the slots name, as the slot at `atMs` airs it (a programme re-packaged on air airs its earlier slots from the earlier rendition); a Map when there is one rendition each. */
  media: { get(programmeId: string, atMs: number): ProgrammeMedia | undefined };
  languages: readonly string[];
  subtitleLanguages: readonly string[];
  segmentMs: number;
  /**
   * The signed URL of a file of a programme's rendition (`file` relative to the rendition folder).
   * `atMs`: the start of the slot whose line carries the URL, so the caller can make a segment's
   * URL the same in every refresh while it stays in the window (hls.js requires it, see above).
   */
  url: (programmeId: string, renditionId: string, file: string, atMs: number) => string;
  /** The empty WebVTT segment aired where a programme lacks the subtitle language. */
  emptySubtitleUrl: string;
  /** The request's `_HLS_skip` (ignored when canSkipUntilSec is 0): YES skips segments, v2 DATERANGEs as well. */
  skip: 'YES' | 'v2' | undefined;
  /** EXT-X-SERVER-CONTROL CAN-SKIP-UNTIL (≥ 6 target durations) with CAN-SKIP-DATERANGES; 0: no delta updates, no SERVER-CONTROL. */
  canSkipUntilSec: number;
}

/**
 * What a caller may keep between renders (live-playlists.ts): each slot's lines as they read
 * inside the window (`slots`, by slot number: one map per compiled timeline, region and
 * rendition), and each programme's DATERANGE line (`dateRanges`, by airing id: one map per
 * compiled timeline and region, shared by its renditions). A render with it writes the same bytes
 * as one without; it renders only what the maps lack, adds it, and drops what has left the window.
 * Only the window's first line and the first after EXT-X-SKIP read otherwise (they open with MAP
 * and PROGRAM-DATE-TIME wherever they are), and they are rendered on every call.
 */
export interface LineCache {
  readonly slots: Map<number, string>;
  readonly dateRanges: Map<string, string>;
}

/** One slot's line in the playlist. */
interface Piece {
  /** the EXT-X-MAP file in the programme's rendition folder (signed only where a line carries it); null for WebVTT */
  map: string | null;
  uri: string;
  durationSec: number;
  byteRange?: string;
  /** The segments whose EXTINFs make this rendition's time within the programme (see programDate). */
  timeline: RenditionTrack['segments'];
}

const iso = (ms: number) => new Date(ms).toISOString();
const seconds = (sec: number) => sec.toFixed(3);

/** Throws unless `slots` is a window the timeline could have produced (live-types.ts): a broken sequence would stall players. */
function checkWindow(slots: readonly AiredSlot[], segmentMs: number): void {
  if (slots.length === 0) throw new RangeError('a live playlist needs at least one slot');
  slots.forEach((s, i) => {
    if (s.startMs !== s.slot * segmentMs) throw new RangeError(`slot ${s.slot} starts at ${s.startMs}, not slot × ${segmentMs}`);
    const prev = slots[i - 1];
    if (!prev) return;
    if (s.slot !== prev.slot + 1) throw new RangeError(`slot ${s.slot} follows slot ${prev.slot}`);
    if (s.cc !== prev.cc + (s.discontinuity ? 1 : 0)) throw new RangeError(`slot ${s.slot}: discontinuity sequence ${s.cc} after ${prev.cc}`);
    if (!s.discontinuity && (s.programmeId !== prev.programmeId || s.segment !== prev.segment + 1)) {
      throw new RangeError(`slot ${s.slot} airs ${s.programmeId}#${s.segment} after ${prev.programmeId}#${prev.segment} without a discontinuity`);
    }
  });
}

/**
 * The track `m` airs in the rendition (null: a subtitle language it lacks, the empty WebVTT airs).
 * Chosen once per programme and playlist: a window holds thousands of slots, a few programmes.
 */
function trackOf(r: LiveRendition, m: ProgrammeMedia): RenditionTrack | null {
  switch (r.kind) {
    case 'video':
      return variantFor(m, r.tier).track;
    case 'iframes': {
      const iframes = variantFor(m, r.tier).iframes;
      if (!iframes) throw new RangeError(`${m.programmeId} has no I-frame playlist in ${r.tier.name}`);
      return iframes.track;
    }
    case 'audio': {
      const audio = audioFor(m, r.language);
      if (!audio) throw new RangeError(`${m.programmeId} has no audio to air in ${r.language}`);
      return audio.track;
    }
    case 'subtitles':
      return subtitlesFor(m, r.language)?.track ?? null;
  }
}

/** What `slot` airs in the rendition, `track` being what its programme airs there. */
function pieceOf(input: LivePlaylistInput, slot: AiredSlot, m: ProgrammeMedia, track: RenditionTrack | null): Piece {
  if (input.rendition.kind === 'subtitles') {
    const seg = track?.segments[slot.segment];
    // WebVTT has no init segment; each programme's own cues keep their X-TIMESTAMP-MAP.
    if (track && seg) return { map: null, uri: input.url(m.programmeId, m.renditionId, seg.uri, slot.startMs), durationSec: seg.durationSec, timeline: track.segments };
    // The empty cue file lasts as long as the programme's segment (subtitles are cut on the
    // video's durations), so the subtitle timeline keeps pace with the video's.
    const video = m.variants[0]?.track.segments;
    return { map: null, uri: input.emptySubtitleUrl, durationSec: video?.[slot.segment]?.durationSec ?? input.segmentMs / 1000, timeline: video ?? [] };
  }
  const seg = track?.segments[slot.segment];
  if (!track || !seg) throw new RangeError(`slot ${slot.slot}: ${slot.programmeId} has no segment ${slot.segment} in ${renditionName(input.rendition)}`);
  // A byte range without its offset continues the previous one: meaningless once the window slides.
  if (input.rendition.kind === 'iframes' && !/^\d+@\d+$/.test(seg.byteRange ?? '')) {
    throw new RangeError(`slot ${slot.slot}: the I-frame of ${slot.programmeId} needs an EXT-X-BYTERANGE with its offset`);
  }
  return { map: track.map, uri: input.url(m.programmeId, m.renditionId, seg.uri, slot.startMs), durationSec: seg.durationSec, ...(seg.byteRange !== undefined ? { byteRange: seg.byteRange } : {}), timeline: track.segments };
}

/** The programme airings (not the slate), once each, by start: the same order whatever the caller's. */
function programmeAirings(airings: readonly Airing[]): Airing[] {
  const byId = new Map<string, Airing>();
  for (const a of airings) if (!a.slate && !byId.has(a.id)) byId.set(a.id, a);
  return [...byId.values()].sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A programme airing's EXT-X-DATERANGE: a function of the airing alone, the same in every rendition. */
function dateRangeLine(a: Airing): string {
  return (
    `#EXT-X-DATERANGE:ID=${quoted(a.id)},CLASS=${quoted(PROGRAMME_DATERANGE_CLASS)},START-DATE=${quoted(iso(a.startMs))},` +
    `DURATION=${seconds((a.endMs - a.startMs) / 1000)},X-PROGRAMME-ID=${quoted(a.programmeId)}`
  );
}

/**
 * The EXT-X-PROGRAM-DATE-TIME of `slot`'s segment: the slot's start, moved by how far the
 * rendition's own EXTINFs before this segment (as written, to the ms) stray from the slot grid.
 * A client dates every segment after a PROGRAM-DATE-TIME by adding EXTINFs (rfc8216bis §4.4.4.6),
 * so this gives each segment the date a client extrapolates from the programme's start: the same
 * in every refresh whatever the window's first segment, the same in a delta update as in the full
 * playlist, and the same media-time-to-date mapping in every rendition. Video segments last whole
 * slots (dates on the grid); audio segments last 1.984 or 2.005 s (whole AAC frames) and are
 * dated within a frame of the grid.
 */
function programDate(slot: AiredSlot, piece: Piece, segmentMs: number): number {
  let drift = 0;
  for (let i = 0; i < slot.segment; i++) drift += Math.round(Number(seconds(piece.timeline[i]?.durationSec ?? segmentMs / 1000)) * 1000) - segmentMs;
  return slot.startMs + drift;
}

/**
 * How many of the oldest slots a delta update replaces: those that ended at least
 * `canSkipUntilSec` before the end of the window. Counted on the slot grid, not on EXTINF sums
 * (audio segments last 1.984 or 2.005 s), so every rendition skips the same slots.
 */
export function skippedSlots(slots: readonly AiredSlot[], segmentMs: number, canSkipUntilSec: number): number {
  const last = slots[slots.length - 1];
  if (!last || canSkipUntilSec <= 0) return 0;
  const boundary = last.startMs + segmentMs - canSkipUntilSec * 1000;
  let n = 0;
  while (n < slots.length && slots[n]!.startMs + segmentMs <= boundary) n++;
  return n;
}

/**
 * The lines of `slot`, each followed by a line break, as they read at `position`: the window's
 * first line (no DISCONTINUITY: the header's sequence is its cc) and the first after EXT-X-SKIP
 * carry MAP and PROGRAM-DATE-TIME wherever they are; any other ('inner') reads the same at every
 * position in every window, which is what a LineCache keeps.
 */
function slotLines(input: LivePlaylistInput, slot: AiredSlot, tracks: Map<string, RenditionTrack | null>, position: 'first' | 'afterSkip' | 'inner'): string {
  const m = input.media.get(slot.programmeId, slot.startMs);
  if (!m) throw new RangeError(`slot ${slot.slot}: programme ${slot.programmeId} is not in the lineup`);
  const key = `${m.programmeId}/${m.renditionId}`;
  if (!tracks.has(key)) tracks.set(key, trackOf(input.rendition, m));
  const piece = pieceOf(input, slot, m, tracks.get(key)!);
  const out: string[] = [];
  // The window's first line needs no EXT-X-DISCONTINUITY: EXT-X-DISCONTINUITY-SEQUENCE is its cc.
  if (position !== 'first' && slot.discontinuity) out.push('#EXT-X-DISCONTINUITY');
  if (position !== 'inner' || slot.discontinuity) {
    if (piece.map !== null) out.push(`#EXT-X-MAP:URI=${quoted(input.url(m.programmeId, m.renditionId, piece.map, slot.startMs))}`);
    out.push(`#EXT-X-PROGRAM-DATE-TIME:${iso(programDate(slot, piece, input.segmentMs))}`);
  }
  out.push(`#EXTINF:${seconds(piece.durationSec)},`);
  if (piece.byteRange !== undefined) out.push(`#EXT-X-BYTERANGE:${piece.byteRange}`);
  out.push(piece.uri, '');
  // One flat string per slot (join, not +): joining thousands of them stays a copy, not a walk of ropes.
  return out.join('\n');
}

/** Drops the oldest keys that `keep` rejects until the map holds at most `max` (insertion order: a sliding window's oldest first). */
function prune<K>(map: Map<K, string>, max: number, keep: (key: K) => boolean): void {
  if (map.size <= max) return;
  for (const key of map.keys()) {
    if (map.size <= max) return;
    if (!keep(key)) map.delete(key);
  }
}

/**
 * The media playlist of `input.rendition` over `input.slots` (a delta update when `skip` is set).
 * Same input, same bytes, with or without `cache`.
 */
export function renderLivePlaylist(input: LivePlaylistInput, cache?: LineCache): string {
  const { slots, segmentMs, canSkipUntilSec } = input;
  checkWindow(slots, segmentMs);
  const target = Math.ceil(segmentMs / 1000);
  if (canSkipUntilSec < 0 || (canSkipUntilSec > 0 && canSkipUntilSec < 6 * target)) {
    throw new RangeError(`CAN-SKIP-UNTIL must be 0 or at least six target durations (${6 * target} s), not ${canSkipUntilSec}`);
  }
  // A server MUST ignore _HLS_skip when it does not advertise CAN-SKIP-UNTIL (§6.2.5.1).
  const skipped = input.skip !== undefined ? skippedSlots(slots, segmentMs, canSkipUntilSec) : 0;
  const skipsDateRanges = skipped > 0 && input.skip === 'v2';
  const first = slots[0]!;
  const last = slots[slots.length - 1]!;
  const [fromMs, toMs] = [first.startMs, last.startMs + segmentMs];
  const programmes = programmeAirings(input.airings);
  // A v2 update leaves out the programmes that began before the first slot it lists (see above).
  const keptFromMs = skipsDateRanges ? slots[skipped]!.startMs : Number.NEGATIVE_INFINITY;
  const listed = programmes.filter((a) => a.startMs < toMs && a.endMs > fromMs && a.startMs >= keptFromMs);
  const removed = skipsDateRanges ? programmes.filter((a) => a.endMs <= fromMs && a.endMs > fromMs - canSkipUntilSec * 1000).map((a) => a.id) : [];
  const bad = removed.find((id) => id.includes('\t'));
  if (bad !== undefined) throw new RangeError(`DATERANGE id ${JSON.stringify(bad)} has a tab (RECENTLY-REMOVED-DATERANGES separates ids with tabs)`);
  const dateRange = (a: Airing) => {
    let line = cache?.dateRanges.get(a.id);
    if (line === undefined) {
      line = dateRangeLine(a);
      cache?.dateRanges.set(a.id, line);
    }
    return line;
  };
  const header = [
    '#EXTM3U',
    // 7: EXT-X-MAP in a media playlist needs 6, as the on-demand playlists; EXT-X-SKIP needs 9, and 10 when it replaces DATERANGEs (§8).
    `#EXT-X-VERSION:${skipsDateRanges ? 10 : skipped > 0 ? 9 : 7}`,
    `#EXT-X-TARGETDURATION:${target}`,
    ...(canSkipUntilSec > 0 ? [`#EXT-X-SERVER-CONTROL:CAN-SKIP-UNTIL=${Number(canSkipUntilSec.toFixed(3))},CAN-SKIP-DATERANGES=YES`] : []),
    `#EXT-X-MEDIA-SEQUENCE:${first.slot}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${first.cc}`,
    ...(input.rendition.kind === 'iframes' ? ['#EXT-X-I-FRAMES-ONLY'] : []),
    ...listed.map(dateRange),
    ...(skipped > 0 ? [`#EXT-X-SKIP:SKIPPED-SEGMENTS=${skipped}${skipsDateRanges ? `,RECENTLY-REMOVED-DATERANGES=${quoted(removed.join('\t'))}` : ''}`] : []),
    '',
  ];
  const out = [header.join('\n')];
  const tracks = new Map<string, RenditionTrack | null>();
  for (let i = skipped; i < slots.length; i++) {
    const slot = slots[i]!;
    if (i === 0 || i === skipped) {
      out.push(slotLines(input, slot, tracks, i === 0 ? 'first' : 'afterSkip'));
      continue;
    }
    let lines = cache?.slots.get(slot.slot);
    if (lines === undefined) {
      lines = slotLines(input, slot, tracks, 'inner');
      cache?.slots.set(slot.slot, lines);
    }
    out.push(lines);
  }
  if (cache) {
    prune(cache.slots, slots.length, (n) => n >= first.slot && n <= last.slot);
    const wanted = new Set(programmes.map((a) => a.id));
    prune(cache.dateRanges, wanted.size, (id) => wanted.has(id));
  }
  return out.join('');
}
