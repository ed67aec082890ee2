// The live edge's start for a channel page's first frame (issue 12), as the watch page carries the
// start of a programme's ladder (server/catalog/ladder-start.ts): the same start variant and DEFAULT
// audio, but the segments hls.js would start on near the live edge, computed from the region's
// media playlists at one slot (live-playlists.ts) so they agree with those playlists byte for byte.
//
// hls.js (1.7) places live fragments on a timeline that begins with the first playlist it reads:
// a fragment starts at the sum of the EXTINFs before it there (m3u8-parser), and every media
// segment of a discontinuity is appended with the SourceBuffer timestampOffset it computed from the
// first fragment of that discontinuity it loaded: fragment start − tfdt / timescale
// (passthrough-remuxer's initPTS; the audio track takes the video's, audio-stream-controller). So:
//  - the page names the playlists of its slot (`?slot=`), which the player answers hls.js's first
//    playlist requests with: hls.js's timeline is then the page's;
//  - the page's segments carry the timestampOffset hls.js computes from the first of them: they sit
//    exactly where it puts them. Taking over the MediaSource, hls.js loads the fragment at the
//    stage's playhead before it may look at what is buffered (a transferred MediaSource is attached
//    once a fragment has told it the codecs: buffer-controller attachTransferred), and the player
//    answers that request with the page's copy: appended again where it already is, and hls.js knows
//    the offset of the page's discontinuity — an audio switch there waits on nothing. Then it loads
//    on after what the page buffered;
//  - they stay inside one programme: one init segment and one offset per track.
import type { FirstFrameStart, LiveSyncDurationSec } from '../contracts/index.js';
import { FIRST_FRAME_SEGMENTS, signedMediaFile, startRenditions } from '../catalog/ladder-start.js';
import type { MediaStore } from '../media/store.js';
import { firstFragmentDecodeTime, readVideoInit } from '../../transcoder/mp4-boxes.js';
import type { LivePlaylists } from './live-playlists.js';

/** hls.js's distance from the live edge where it starts (player HLS_LIVE_CONFIG.liveSyncDuration). */
export const LIVE_SYNC_SEC: LiveSyncDurationSec = 6;
/** hls.js's tolerance (s) when it looks a position up among fragments (maxFragLookUpTolerance's default). */
const LOOKUP_TOLERANCE_SEC = 0.25;
/** Segments the page plays before hls.js takes over, at most: as on the watch page (FIRST_FRAME_SEGMENTS), up to the live edge. */
export const LIVE_START_SEGMENTS = FIRST_FRAME_SEGMENTS;

/** A segment of a live media playlist as hls.js reads it. */
export interface LiveSegment {
  /** media sequence number (the slot) */
  sn: number;
  /** discontinuity sequence number */
  cc: number;
  uri: string;
  /** the EXT-X-MAP in effect */
  map: string | null;
  durationSec: number;
  /** where hls.js places it when this playlist is the first it reads (the EXTINFs before it, summed as hls.js sums them) */
  startSec: number;
}

const attr = (line: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(line)?.[1] ?? null;

/** Pure: the segments of a live media playlist (the tags live-playlist.ts writes), placed as hls.js places them. */
export function parseLiveSegments(text: string): LiveSegment[] {
  const out: LiveSegment[] = [];
  let sn = 0;
  let cc = 0;
  let map: string | null = null;
  let duration: number | null = null;
  let total = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) sn = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-DISCONTINUITY-SEQUENCE:')) cc = Number(line.slice(30));
    else if (line === '#EXT-X-DISCONTINUITY') cc += 1;
    else if (line.startsWith('#EXT-X-MAP:')) map = attr(line, 'URI');
    else if (line.startsWith('#EXTINF:')) duration = parseFloat(line.slice(8));
    else if (line && !line.startsWith('#') && duration !== null) {
      out.push({ sn, cc, uri: line, map, durationSec: duration, startSec: total });
      total += duration;
      sn += 1;
      duration = null;
    }
  }
  return out;
}

/**
 * Pure: which segments of a live video playlist the page plays — `count` from `index` — near where
 * hls.js starts (`syncSec` before the end, found with its lookup tolerance): at most `max`, all of
 * one programme (one discontinuity: one init segment, one timestamp offset). Two or more near
 * hls.js's own start win (there, one segment earlier, one later, two earlier), else one. Null for
 * an empty playlist.
 */
export function chooseLiveStart(segments: readonly LiveSegment[], syncSec: number, max: number): { index: number; count: number } | null {
  const last = segments.at(-1);
  if (!last) return null;
  const position = Math.max(0, last.startSec + last.durationSec - syncSec);
  let natural = segments.findIndex((s) => s.startSec + s.durationSec - LOOKUP_TOLERANCE_SEC > position);
  if (natural < 0) natural = segments.length - 1;
  const runFrom = (index: number): number => {
    if (index < 0 || index >= segments.length) return 0;
    let count = 1;
    while (count < max && index + count < segments.length && segments[index + count]!.cc === segments[index]!.cc) count++;
    return count;
  };
  const candidates = [natural, natural - 1, natural + 1, natural - 2];
  for (const want of [Math.min(2, max), 1]) {
    for (const index of candidates) {
      const count = runFrom(index);
      if (count >= want) return { index, count };
    }
  }
  return null;
}

/** The decode time and timescale of a video segment, read once per file (rendition folders never change). */
interface DecodeTime {
  ticks: number;
  timescale: number;
}

export interface LiveStartsDeps {
  playlists: LivePlaylists;
  media: MediaStore;
}

/** The live page's start per channel, region and slot (the same for every viewer of the region then). */
export class LiveStarts {
  /** The last start per channel and region, with what it came from: the video playlist (a slot, an edit within it) and the master's URL. */
  private readonly starts = new Map<string, { etag: string; masterUrl: string; start: FirstFrameStart | null }>();
  private readonly times = new Map<string, Promise<DecodeTime>>();
  constructor(
    private readonly deps: LiveStartsDeps,
    private readonly limit = 500,
  ) {}

  /**
   * The first frame's start for a viewer of `region` now; null when the channel's ladder or its
   * edge does not allow one (the page then starts the ordinary way). Rejects as the playlists do
   * (not found, not offered, not ready).
   */
  async forChannel(channelId: string, region: string): Promise<FirstFrameStart | null> {
    const { playlists } = this.deps;
    const master = await playlists.master(channelId, region);
    const renditions = startRenditions(master);
    if (!renditions) return null;
    const masterUrl = playlists.masterUrl(channelId, region);
    const name = (uri: string) => uri.replace(/\.m3u8$/, '');
    const video = await playlists.mediaPlaylist(channelId, region, name(renditions.video.uri), undefined);
    if (!video) return null;
    const key = `${channelId} ${region}`;
    const hit = this.starts.get(key);
    if (hit?.etag === video.etag && hit.masterUrl === masterUrl) return hit.start;
    const audio = renditions.audio ? await playlists.mediaPlaylist(channelId, region, name(renditions.audio.uri), undefined, video.last) : null;
    if (renditions.audio && !audio) return null;
    const start = await this.compute(channelId, masterUrl, video.last, [
      { type: 'video', codec: renditions.video.codec, uri: renditions.video.uri, segments: parseLiveSegments(video.body.toString()) },
      ...(renditions.audio && audio ? [{ type: 'audio' as const, codec: renditions.audio.codec, uri: renditions.audio.uri, segments: parseLiveSegments(audio.body.toString()) }] : []),
    ]);
    if (this.starts.size >= this.limit) this.starts.delete(this.starts.keys().next().value!);
    this.starts.set(key, { etag: video.etag, masterUrl, start });
    return start;
  }

  private async compute(
    channelId: string,
    masterUrl: string,
    last: number,
    tracks: { type: 'video' | 'audio'; codec: string; uri: string; segments: LiveSegment[] }[],
  ): Promise<FirstFrameStart | null> {
    const video = tracks[0]!.segments;
    const chosen = chooseLiveStart(video, LIVE_SYNC_SEC, LIVE_START_SEGMENTS);
    if (!chosen) return null;
    const first = video[chosen.index]!;
    if (!first.map) return null;
    // hls.js's timestamp offset for this discontinuity, from the fragment it loads first, as it computes it
    const init = signedMediaFile(first.map);
    const file = signedMediaFile(first.uri);
    if (!init || !file) return null;
    const time = await this.decodeTime(init, file);
    const timestampOffset = -(time.ticks - first.startSec * time.timescale) / time.timescale;
    const out: FirstFrameStart['tracks'] = [];
    for (const t of tracks) {
      const from = t.segments.findIndex((s) => s.sn === first.sn);
      const run = from < 0 ? [] : t.segments.slice(from, from + chosen.count);
      if (run.length !== chosen.count || run.some((s) => s.cc !== first.cc || !s.map || s.map !== run[0]!.map)) return null;
      out.push({ type: t.type, codec: t.codec, urls: [run[0]!.map!, ...run.map((s) => s.uri)], timestampOffset });
    }
    const base = new URL(masterUrl, 'http://podium.invalid');
    const playlists = tracks.map((t) => {
      const url = new URL(t.uri, base);
      return { url: url.pathname, pinned: `${url.pathname}?slot=${last}` };
    });
    return { programmeId: channelId, master: masterUrl, durationSec: 0, tracks: out, live: { playlists } };
  }

  private decodeTime(init: { renditionKey: string; file: string }, segment: { renditionKey: string; file: string }): Promise<DecodeTime> {
    const id = `${segment.renditionKey}/${segment.file}`;
    let time = this.times.get(id);
    if (!time) {
      const { media } = this.deps;
      time = Promise.all([media.readFile(init.renditionKey, init.file), media.readFile(segment.renditionKey, segment.file)]).then(([i, s]) => ({
        ticks: firstFragmentDecodeTime(s),
        timescale: readVideoInit(i).timescale,
      }));
      time.catch(() => this.times.delete(id));
      if (this.times.size >= this.limit) this.times.delete(this.times.keys().next().value!);
      this.times.set(id, time);
    }
    return time;
  }
}
