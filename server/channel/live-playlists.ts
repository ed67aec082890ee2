// A channel's live playlists for one region: the master and each media playlist, as a function of
// the compiled live state (live-state.ts), the region and the clock. Segment URIs are the
// programmes' own published files under signed URLs that name the programme
// (/media/t/<token>/<programmeId>/…), so a CDN caches each segment once for on-demand and every
// channel, and a region's token cannot fetch a programme that region may not see. Tokens expire
// on bucket boundaries (bucketedExpiry), so every replica writes the same bytes for a slot.
import { createHash } from 'node:crypto';
import { availableUntil, bucketedExpiry, signedMediaUrl, type PlaybackTokens } from '../rights/index.js';
import { ChannelError } from './errors.js';
import { renderChannelMaster, parseLiveRendition } from './live-master.js';
import { renderLivePlaylist } from './live-playlist.js';
import type { LiveState, LiveStates } from './live-state.js';

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

/** A media playlist as sent: rendered once per slot, its bytes and ETag with it (a 2 h window is ~1 MB: hashing it per request cost more than sending it). */
export interface RenderedPlaylist {
  text: string;
  body: Buffer;
  etag: string;
}

/** The channel's signed master URL: `/live/t/<token>/<channelId>/master.m3u8`. */
export function liveUrl(token: string, channelId: string, file: string): string {
  return `/live/t/${encodeURIComponent(token)}/${encodeURIComponent(channelId)}/${file}`;
}

export class LivePlaylists {
  private readonly signed = new Map<string, string>();
  /**
   * A media playlist is the same for every request in one slot: rendered once per slot, per
   * compiled state, and only the current slot's kept (one per region × rendition × delta kind).
   */
  private readonly rendered = new WeakMap<LiveState['timeline'], Map<string, { last: number; playlist: RenderedPlaylist }>>();
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
    return renderChannelMaster({ media: [...state.media.values()], languages: state.channel.languages, subtitleLanguages: state.channel.subtitleLanguages });
  }

  /** A media playlist's text (`name` as the master lists it); null for a name the master does not list. */
  async media(channelId: string, region: string, name: string, skip: SkipRequest): Promise<string | null> {
    return (await this.mediaPlaylist(channelId, region, name, skip))?.text ?? null;
  }

  /** A media playlist as sent (text, bytes, ETag); null for a name the master does not list. */
  async mediaPlaylist(channelId: string, region: string, name: string, skip: SkipRequest): Promise<RenderedPlaylist | null> {
    const state = await this.deps.states.get(channelId);
    this.assertOffered(state, region);
    const nowMs = this.deps.now().getTime();
    const seg = state.timeline.segmentMs;
    // The live edge: the last slot that has fully aired (within one segment of the wall clock).
    const last = Math.floor(nowMs / seg) - 1;
    const first = last - Math.max(3, Math.floor((this.deps.dvrSec * 1000) / seg)) + 1;
    // Segment URLs are signed from their slot's time: the slot alone decides the bytes.
    const key = `${region} ${name} ${skip ?? ''}`;
    let memo = this.rendered.get(state.timeline);
    const hit = memo?.get(key);
    if (hit && hit.last === last) return hit.playlist;
    const rendition = parseLiveRendition(name, { media: [...state.media.values()], languages: state.channel.languages, subtitleLanguages: state.channel.subtitleLanguages });
    if (!rendition) return null;
    const slots = state.timeline.slots(region, first, last + 1);
    const airings = state.timeline.airings(region, first * seg, (last + 1) * seg);
    const text = renderLivePlaylist({
      rendition,
      slots,
      airings,
      media: state.media,
      languages: state.channel.languages,
      subtitleLanguages: state.channel.subtitleLanguages,
      segmentMs: seg,
      // Signed for the slot's time, not the request's: a segment keeps its URI for as long as it is in
      // the window (hls.js drops a refresh whose segments changed URIs), and the TTL exceeds the window.
      url: (programmeId, renditionId, file, atMs) => signedMediaUrl(this.signProgramme(state, programmeId, region, atMs), programmeId, renditionId, file),
      emptySubtitleUrl: this.deps.emptySubtitleUrl,
      skip,
      canSkipUntilSec: this.deps.canSkipUntilSec,
    });
    const playlist: RenderedPlaylist = { text, body: Buffer.from(text), etag: `"${createHash('sha1').update(text).digest('base64url')}"` };
    if (!memo) this.rendered.set(state.timeline, (memo = new Map()));
    memo.set(key, { last, playlist });
    return playlist;
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
