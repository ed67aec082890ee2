// A channel's live playlists for one region: the master and each media playlist, as a function of
// the compiled live state (live-state.ts), the region and the clock. Segment URIs are the
// programmes' own published files under signed URLs that name the programme
// (/media/t/<token>/<programmeId>/…), so a CDN caches each segment once for on-demand and every
// channel, and a region's token cannot fetch a programme that region may not see. Tokens expire
// on bucket boundaries (bucketedExpiry), so every replica writes the same bytes for a slot.
//
// A media playlist is rendered once per slot (every request of the slot gets the same bytes and
// ETag), and incrementally: per compiled state and region the window's slots and airings slide on
// by the new slot (shared by every rendition), and per rendition each slot's lines are kept
// (live-playlist.ts LineCache), so a new slot renders one slot's lines, not the window's 3600.
// All of it hangs off the compiled state (a WeakMap on state.timeline): a recompiled state starts
// afresh and the old one's caches go with it.
import { createHash } from 'node:crypto';
import { availableUntil, bucketedExpiry, signedMediaUrl, type PlaybackTokens } from '../rights/index.js';
import { ChannelError } from './errors.js';
import { renderChannelMaster, parseLiveRendition, type LiveRendition } from './live-master.js';
import { renderLivePlaylist } from './live-playlist.js';
import type { LiveState, LiveStates } from './live-state.js';
import type { AiredSlot, Airing } from './live-types.js';

export type SkipRequest = 'YES' | 'v2' | undefined;

export interface LivePlaylistsDeps {
  states: LiveStates;
  tokens: PlaybackTokens;
  now: () => Date;
  /** PODIUM_PLAYBACK_TOKEN_TTL_SEC: at least the DVR window, so a skipped (delta) segment's URL outlives its use. */
  tokenTtlSec: number;
  /** Signed URLs expire on multiples of this (seconds). */
  tokenBucketSec: number;
  /** PODIUM_CHANNEL_DVR_SEC: how far back a viewer can seek (the media playlists' window). */
  dvrSec: number;
  /** Delta updates: segments older than this (from the live edge) may be skipped (≥ 6 target durations). */
  canSkipUntilSec: number;
  /** The empty WebVTT segment for a subtitle language a programme lacks. */
  emptySubtitleUrl: string;
}

const SIGNED_MAX = 20_000;
/**
 * Renditions (region × media playlist) whose slot lines and current playlists are kept per
 * compiled state, least recently used out: each holds about two windows of text (its lines and the
 * full playlist's bytes, ~1 MB each for a 2 h window). Past it, a rendition renders whole windows
 * again (as every slot did before the lines were kept), never more memory.
 */
const RENDITIONS_MAX = 128;
/** Regions whose window (slots, airings, DATERANGE lines) is kept per compiled state, least recently used out. */
const REGIONS_MAX = 32;
/**
 * How many slots back a media playlist may be asked for as it was (`at`): a live page's first
 * frame was computed from the playlists of its slot, and the player hands hls.js those same
 * playlists when the app has loaded, seconds later (server/channel/live-start.ts). A minute.
 */
export const PINNED_SLOTS_BACK = 30;

/** A media playlist as sent: rendered once per slot, its bytes and ETag with it (a 2 h window is ~1 MB: hashing it per request cost more than sending it). */
export interface RenderedPlaylist {
  body: Buffer;
  etag: string;
  /** The slot of its last segment (the live edge it was rendered at). */
  last: number;
}

/** A region's window at one slot, shared by its renditions, and its programmes' DATERANGE lines. */
interface RegionMemo {
  window: { last: number; slots: AiredSlot[]; airings: Airing[] } | null;
  dateRanges: Map<string, string>;
}

/**
 * One media playlist of a region: its slots' lines, the playlist of the slot last asked for per
 * skip kind, and the last one asked for as an earlier edge had it (`at`: a live page's viewers in
 * one slot all ask for that slot's).
 */
interface RenditionMemo {
  rendition: LiveRendition;
  slots: Map<number, string>;
  rendered: Map<SkipRequest, RenderedPlaylist>;
  pinned: Map<SkipRequest, RenderedPlaylist>;
}

interface StateMemo {
  regions: Map<string, RegionMemo>;
  /** By "<region> <name>". */
  renditions: Map<string, RenditionMemo>;
}

/** `map`'s entry for `key`, made by `make` when missing, moved to the most recent end (at most `max` kept). */
function recent<K, V>(map: Map<K, V>, key: K, max: number, make: () => V | null): V | null {
  const value = map.get(key) ?? make();
  if (value === null) return null;
  map.delete(key);
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}

/** The channel's signed master URL: `/live/t/<token>/<channelId>/master.m3u8`. */
export function liveUrl(token: string, channelId: string, file: string): string {
  return `/live/t/${encodeURIComponent(token)}/${encodeURIComponent(channelId)}/${file}`;
}

export class LivePlaylists {
  private readonly signed = new Map<string, string>();
  private readonly memos = new WeakMap<LiveState['timeline'], StateMemo>();
  constructor(private readonly deps: LivePlaylistsDeps) {}

  /** Throws ChannelError('not_offered') unless the channel is offered in `region`. */
  assertOffered(state: LiveState, region: string): void {
    const regions = state.channel.regions;
    if (!regions.includes('WW') && !regions.includes(region)) throw new ChannelError('not_offered', `channel ${state.channel.slug} is not offered in ${region}`);
  }

  /** The region's signed master URL (its expiry bucketed: the same for every viewer of the region for a while). */
  masterUrl(channelId: string, region: string): string {
    return liveUrl(this.sign(channelId, region, null), channelId, 'master.m3u8');
  }

  async master(channelId: string, region: string): Promise<string> {
    const state = await this.deps.states.get(channelId);
    this.assertOffered(state, region);
    return renderChannelMaster({ media: state.lineup, languages: state.channel.languages, subtitleLanguages: state.channel.subtitleLanguages });
  }

  /** A media playlist's text (`name` as the master lists it); null for a name the master does not list. */
  async media(channelId: string, region: string, name: string, skip: SkipRequest): Promise<string | null> {
    return (await this.mediaPlaylist(channelId, region, name, skip))?.body.toString() ?? null;
  }

  /**
   * A media playlist as sent (bytes, ETag); null for a name the master does not list. `at`: the
   * playlist as it was when slot `at` was the live edge — the same bytes as then — at most
   * PINNED_SLOTS_BACK slots ago (ChannelError('not_found') otherwise), for a live page's start
   * (live-start.ts).
   */
  async mediaPlaylist(channelId: string, region: string, name: string, skip: SkipRequest, at?: number): Promise<RenderedPlaylist | null> {
    const state = await this.deps.states.get(channelId);
    this.assertOffered(state, region);
    const seg = state.timeline.segmentMs;
    // The live edge: the last slot that has fully aired (within one segment of the wall clock).
    const edge = Math.floor(this.deps.now().getTime() / seg) - 1;
    if (at !== undefined && (!Number.isSafeInteger(at) || at > edge || at < edge - PINNED_SLOTS_BACK)) {
      throw new ChannelError('not_found', `slot ${at} is not a live edge of the last ${PINNED_SLOTS_BACK} slots`);
    }
    const last = at ?? edge;
    // An earlier edge's playlist is kept apart, and its window is not slid back to: the edge's go on.
    const earlier = last < edge;
    let memo = this.memos.get(state.timeline);
    if (!memo) this.memos.set(state.timeline, (memo = { regions: new Map(), renditions: new Map() }));
    const r = recent(memo.renditions, `${region} ${name}`, RENDITIONS_MAX, () => {
      const rendition = parseLiveRendition(name, { media: state.lineup, languages: state.channel.languages, subtitleLanguages: state.channel.subtitleLanguages });
      return rendition ? { rendition, slots: new Map(), rendered: new Map(), pinned: new Map() } : null;
    });
    if (!r) return null;
    const kept = earlier ? r.pinned : r.rendered;
    const hit = kept.get(skip);
    if (hit && hit.last === last) return hit;
    const regionMemo = recent(memo.regions, region, REGIONS_MAX, () => ({ window: null, dateRanges: new Map() }))!;
    const { slots, airings } = this.window(state, region, earlier ? { window: null, dateRanges: regionMemo.dateRanges } : regionMemo, last);
    const text = renderLivePlaylist(
      {
        rendition: r.rendition,
        slots,
        airings,
        media: { get: state.mediaAt },
        languages: state.channel.languages,
        subtitleLanguages: state.channel.subtitleLanguages,
        segmentMs: seg,
        // Signed for the slot's time, not the request's: a segment keeps its URI for as long as it is in
        // the window (hls.js drops a refresh whose segments changed URIs), and the TTL exceeds the window.
        url: (programmeId, renditionId, file, atMs) => signedMediaUrl(this.signProgramme(state, programmeId, region, atMs), programmeId, renditionId, file),
        emptySubtitleUrl: this.deps.emptySubtitleUrl,
        skip,
        canSkipUntilSec: this.deps.canSkipUntilSec,
      },
      { slots: r.slots, dateRanges: regionMemo.dateRanges },
    );
    const body = Buffer.from(text);
    const playlist: RenderedPlaylist = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, last };
    kept.set(skip, playlist);
    return playlist;
  }

  /**
   * The region's window ending at slot `last` and the airings a playlist of it names (those that
   * ended up to CAN-SKIP-UNTIL before it too: a v2 delta update lists them as removed). Slid on
   * from the previous window: only the new slots are asked of the timeline.
   */
  private window(state: LiveState, region: string, memo: RegionMemo, last: number): { slots: AiredSlot[]; airings: Airing[] } {
    if (memo.window?.last === last) return memo.window;
    const seg = state.timeline.segmentMs;
    const length = Math.max(3, Math.floor((this.deps.dvrSec * 1000) / seg));
    const first = last - length + 1;
    const before = memo.window;
    const slots =
      before && before.last < last && last - before.last < length
        ? before.slots.slice(last - before.last).concat(state.timeline.slots(region, before.last + 1, last + 1))
        : state.timeline.slots(region, first, last + 1);
    const airings = state.timeline.airings(region, first * seg - this.deps.canSkipUntilSec * 1000, (last + 1) * seg);
    memo.window = { last, slots, airings };
    return memo.window;
  }

  /** A programme's file (its poster, say) at a URL signed for the region as its segments are; `renditionKey` is "<programmeId>/<folder>". */
  fileUrl(state: LiveState, programmeId: string, region: string, renditionKey: string, file: string): string {
    const [pid, folder] = renditionKey.split('/') as [string, string];
    return signedMediaUrl(this.signProgramme(state, programmeId, region, this.deps.now().getTime()), pid, folder, file);
  }

  /** A token for a programme airing in the region at `atMs`: never past the end of its rights there (the slate has none to end). */
  private signProgramme(state: LiveState, programmeId: string, region: string, atMs: number): string {
    const until = programmeId === state.slateId ? null : availableUntil(state.windowsAt(programmeId, atMs), region, new Date(atMs));
    return this.sign(programmeId, region, until, atMs);
  }

  /** A token whose expiry depends on `atMs` only (rounded up to a bucket), so every replica and refresh writes the same one. */
  private sign(id: string, region: string, notAfter: Date | null, atMs = this.deps.now().getTime()): string {
    const bucketed = bucketedExpiry(atMs, this.deps.tokenTtlSec, this.deps.tokenBucketSec);
    const expiresAt = notAfter && notAfter < bucketed ? notAfter : bucketed;
    const key = `${id} ${region} ${expiresAt.getTime()}`;
    let token = this.signed.get(key);
    if (!token) {
      if (this.signed.size >= SIGNED_MAX) this.signed.clear();
      token = this.deps.tokens.sign({ programmeId: id, region, expiresAt }).token;
      this.signed.set(key, token);
    }
    return token;
  }
}
