// The shapes the live channel's pure parts exchange (issue 12): the timeline (timeline.ts: what
// each region airs in each slot of the segment grid), the playlists rendered from it
// (live-playlist.ts, live-master.ts) and the guide (guide files, now/next). Types only.
//
// The grid: the channel airs whole segments of the programmes' own published renditions, every
// one `segmentMs` long (the transcoder's ladders all cut 2 s segments). Slot `n` covers
// [n × segmentMs, (n + 1) × segmentMs) in Unix ms, and its media sequence number IS `n`, so the
// sequence never goes back, is the same in every rendition and every replica, and needs no
// state. An entry airs from the first slot boundary at or after its scheduled start (less than
// one segment later: no drift, however long the channel runs).

/** A schedule entry as the timeline reads it (server/channel/schedule.ts `ScheduleEntry`). */
export interface TimelineEntry {
  id: string;
  programmeId: string;
  start: Date;
  end: Date;
  /** { <REGION>: programmeId | null }: another programme, or the slate (null), in that region. */
  alternatives: Readonly<Record<string, string | null>>;
}

export interface TimelineRights {
  /** May `region` see `programmeId` at `atMs`? (rights windows: server/rights/windows.ts `isAvailable`). */
  available(programmeId: string, region: string, atMs: number): boolean;
  /** Every instant (Unix ms) at which `available(programmeId, …)` may change for some region (window starts and ends). */
  changes(programmeId: string): readonly number[];
}

export interface TimelineInput {
  /** The schedule version (channels.schedule_version) the timeline was compiled from. */
  version: number;
  /** Loop mode: the entries repeat for ever (the cycle runs from the first entry's aired start to the last one's aired end). */
  loop: boolean;
  segmentMs: number;
  entries: readonly TimelineEntry[];
  /** The slate: a programme packaged by the transcoder, aired where nothing else may be. */
  slate: { programmeId: string; segments: number };
  /** Segment count of every programme the entries name (programmes and alternatives). */
  segmentCounts: ReadonlyMap<string, number>;
  rights: TimelineRights;
}

/** One slot as a region sees it. */
export interface AiredSlot {
  /** The slot number: the segment's EXT-X-MEDIA-SEQUENCE number. */
  slot: number;
  /** slot × segmentMs: the segment's EXT-X-PROGRAM-DATE-TIME. */
  startMs: number;
  /** The programme whose segment airs (the slate's id for the slate). */
  programmeId: string;
  slate: boolean;
  /** Index of the segment in that programme's renditions (the same in every rendition). */
  segment: number;
  /** Timestamps restart here: the previous slot did not air segment − 1 of the same programme. */
  discontinuity: boolean;
  /** The discontinuity sequence number of this segment (EXT-X-DISCONTINUITY-SEQUENCE counts these). */
  cc: number;
}

/** A contiguous run of one programme's segments in a region: a guide item, a DATERANGE, now/next. */
export interface Airing {
  /** Unique in the region's timeline and stable for a schedule version: the DATERANGE ID. */
  id: string;
  /** The schedule entry aired (null for the slate outside any entry). */
  entryId: string | null;
  programmeId: string;
  slate: boolean;
  /** The entry's own programme was replaced (an alternative or the slate) in this region. */
  replaced: boolean;
  /** Offset of the run's first segment in the programme (0 unless a rights switch cut in). */
  firstSegment: number;
  startMs: number;
  endMs: number;
}

export interface CompiledTimeline {
  version: number;
  segmentMs: number;
  /** Slots [fromSlot, toSlot) as `region` airs them, in order. */
  slots(region: string, fromSlot: number, toSlot: number): AiredSlot[];
  /** The airings that overlap [fromMs, toMs) in `region`, in order (slate runs included, flagged). */
  airings(region: string, fromMs: number, toMs: number): Airing[];
}

/** A media playlist of one published rendition, as read once per rendition (never per request). */
export interface RenditionTrack {
  /** The init segment (EXT-X-MAP URI), relative to the rendition folder; null for WebVTT subtitles (no init segment). */
  map: string | null;
  /** Each segment's file relative to the rendition folder and its EXTINF, in order. */
  segments: readonly { uri: string; durationSec: number; /** EXT-X-BYTERANGE (I-frame playlists) */ byteRange?: string }[];
}

/** What the live playlists need of one programme's published rendition (read from its podium.json and media playlists). */
export interface ProgrammeMedia {
  programmeId: string;
  renditionId: string;
  variants: readonly { width: number; height: number; fps: number; peakBitrate: number; averageBitrate: number; codec: string; track: RenditionTrack; iframes: { bandwidth: number; codecs: string; track: RenditionTrack } | null }[];
  audio: readonly { language: string; role: string; name: string; channels: number; codec: string; peakBitrate: number; averageBitrate: number; track: RenditionTrack }[];
  subtitles: readonly { language: string; name: string; track: RenditionTrack }[];
}
