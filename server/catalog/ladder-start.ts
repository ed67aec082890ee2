// The start of a rendition's ladder, for the watch page's first frame (server/http/routes/watch-page.ts
// puts it in the page; player/src/first-frame.ts plays it before the app has loaded): which rung
// hls.js will start on, its and the default audio's codecs, init segments and first media
// segments, at the viewer's signed URLs. The playlists are read through the MediaStore; a
// rendition's start is the same for every viewer and kept while its master is unchanged.
import path from 'node:path';
import type { FirstFrameStart } from '../contracts/index.js';
import { decodeMediaPath, splitRenditionPath } from '../media/media-path.js';
import type { MediaStore } from '../media/store.js';
import { parseSignedMediaPath } from '../rights/index.js';
import { parseMasterPlaylist, parseMediaPlaylist } from '../../transcoder/playlist.js';
import type { ProgrammeView } from './programmes.js';

/** Media segments played before hls.js takes over: enough for a slow app load (3 × 2 s). */
export const FIRST_FRAME_SEGMENTS = 3;

/** The page's JSON (the contract the player reads). */
export type { FirstFrameStart };

const VIDEO_CODEC = /^(avc[1-4]|hvc1|hev1|av01|vp09|dvh1|dvhe)\./i;

/** The start of a rendition, its URIs relative to the master (the same for every viewer). */
export interface LadderStart {
  tracks: { type: 'video' | 'audio'; codec: string; uris: string[] }[];
}

/** Where a player starts in a master: the first variant's and its DEFAULT audio rendition's media playlists, with their codecs. */
export interface StartRenditions {
  video: { codec: string; uri: string };
  /** null when the variant has no audio codec (video only) */
  audio: { codec: string; uri: string } | null;
}

/**
 * Pure: the renditions a master starts on — its first variant (the start rung hls.js pins) and
 * that variant's DEFAULT audio rendition (else the group's first). Null when the ladder is not
 * one the first frame knows (no CODECS, no video codec, audio muxed into the video).
 * The watch page and a live channel's page (server/channel/live-start.ts) start the same way.
 */
export function startRenditions(master: string): StartRenditions | null {
  const m = parseMasterPlaylist(master);
  const variant = m.variants[0];
  if (!variant?.attrs.CODECS) return null;
  const codecs = variant.attrs.CODECS.split(',').map((c) => c.trim());
  const videoCodec = codecs.find((c) => VIDEO_CODEC.test(c));
  const audioCodec = codecs.find((c) => !VIDEO_CODEC.test(c));
  if (!videoCodec) return null;
  const group = variant.attrs.AUDIO;
  const renditions = group ? m.media.filter((a) => a.TYPE === 'AUDIO' && a['GROUP-ID'] === group) : [];
  const audio = renditions.find((a) => a.DEFAULT === 'YES') ?? renditions[0];
  if (audioCodec && !audio?.URI) return null;
  return { video: { codec: videoCodec, uri: variant.uri }, audio: audioCodec && audio?.URI ? { codec: audioCodec, uri: audio.URI } : null };
}

/**
 * Pure: the start of a master playlist (startRenditions) as each media playlist's init segment
 * and first segments. Null when the ladder is not one this path knows (see startRenditions; no
 * EXT-X-MAP): the app then starts the ordinary way.
 */
export async function ladderStart(master: string, mediaPlaylist: (uri: string) => Promise<string | null>): Promise<LadderStart | null> {
  const start = startRenditions(master);
  if (!start) return null;
  const base = new URL('http://rendition.invalid/');
  const track = async (type: 'video' | 'audio', codec: string, uri: string) => {
    const text = await mediaPlaylist(uri);
    if (text === null) return null;
    const pl = parseMediaPlaylist(text);
    if (!pl.map || pl.segments.length === 0) return null;
    const playlistUrl = new URL(uri, base);
    const uris = [pl.map, ...pl.segments.slice(0, FIRST_FRAME_SEGMENTS).map((s) => s.uri)].map((u) => new URL(u, playlistUrl));
    if (uris.some((u) => u.origin !== base.origin)) return null;
    return { type, codec, uris: uris.map((u) => `${u.pathname.slice(1)}${u.search}`) };
  };
  const [video, sound] = await Promise.all([track('video', start.video.codec, start.video.uri), start.audio ? track('audio', start.audio.codec, start.audio.uri) : null]);
  if (!video || (start.audio && !sound)) return null;
  return { tracks: sound ? [video, sound] : [video] };
}

/** The rendition folder and file a signed media URL (`…/media/t/<token>/<programme>/<rendition>/<file>`) names, decoded as /media/t decodes it; null for any other URL. */
export function signedMediaFile(url: string): { renditionKey: string; file: string } | null {
  const signed = parseSignedMediaPath(url.replace(/^.*?\/media\/t\//, ''));
  if (!signed) return null;
  // the segments exactly as /media/t decodes them: the file read is the file a player gets
  const segments = decodeMediaPath(`/${signed.programmeId}/${signed.renditionId}/${signed.file}`);
  return segments && splitRenditionPath(segments);
}

/** The page's JSON for one viewer: the start's URIs resolved against their signed master URL. */
export function firstFrameStart(programmeId: string, masterUrl: string, start: LadderStart, durationSec: number): FirstFrameStart {
  const base = new URL(masterUrl, 'http://podium.invalid');
  const resolve = (uri: string) => {
    const u = new URL(uri, base);
    return u.origin === base.origin ? `${u.pathname}${u.search}` : u.href;
  };
  return { programmeId, master: masterUrl, durationSec, tracks: start.tracks.map((t) => ({ type: t.type, codec: t.codec, urls: t.uris.map(resolve) })) };
}

/** ladderStart per rendition master, kept while the file is unchanged (rendition folders are immutable). */
export class LadderStarts {
  private readonly cache = new Map<string, { mtimeMs: number; start: LadderStart | null }>();
  constructor(
    private readonly media: MediaStore,
    private readonly limit = 500,
  ) {}

  /**
   * The first frame's start for an item a viewer may watch (its `hls` is the signed master URL);
   * null when it has no rendition, or a ladder the fast path does not know. Rejects when the
   * master cannot be read.
   */
  async forItem(item: Pick<ProgrammeView, 'id' | 'hls' | 'durationSec'>): Promise<FirstFrameStart | null> {
    const master = item.hls ? signedMediaFile(item.hls) : null;
    if (!item.hls || !master) return null;
    const ladder = await this.of(master.renditionKey, master.file);
    return ladder ? firstFrameStart(item.id, item.hls, ladder, item.durationSec ?? 0) : null;
  }

  /** The start of the master playlist `file` of a rendition; rejects when there is none. */
  async of(renditionKey: string, file: string): Promise<LadderStart | null> {
    const stat = await this.media.stat(renditionKey, file);
    if (!stat) throw new Error(`no master playlist ${renditionKey}/${file}`);
    const id = `${renditionKey}/${file}`;
    const hit = this.cache.get(id);
    if (hit && hit.mtimeMs === stat.mtimeMs) return hit.start;
    const dir = path.posix.dirname(file);
    // Only playlists inside the rendition folder (the master is ours, but stay inside anyway).
    const readPlaylist = (uri: string) => {
      const rel = path.posix.normalize(path.posix.join(dir, uri));
      if (rel === '..' || rel.startsWith('../') || path.posix.isAbsolute(uri)) return Promise.resolve(null);
      return this.media.readFile(renditionKey, rel).then((b) => b.toString('utf8'), () => null);
    };
    const start = await ladderStart((await this.media.readFile(renditionKey, file)).toString('utf8'), readPlaylist);
    if (this.cache.size >= this.limit) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, { mtimeMs: stat.mtimeMs, start });
    return start;
  }
}
