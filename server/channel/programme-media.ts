// What the live playlists need of a programme's published rendition (ProgrammeMedia): its
// podium.json and every media playlist it names, read through the MediaStore ONCE per rendition
// (a rendition folder is immutable once published), never per request, never by listing files.
import path from 'node:path/posix';
import { MANIFEST, parseManifest } from '../../transcoder/manifest.js';
import { parseMediaPlaylist } from '../../transcoder/playlist.js';
import type { MediaStore } from '../media/store.js';
import type { ProgrammeMedia, RenditionTrack } from './live-types.js';

/** Renditions kept (bounded: the oldest read leaves first). A week's schedule names far fewer. */
const CACHE_MAX = 2000;

export interface PublishedRendition {
  programmeId: string;
  renditionId: string;
  /** The MediaStore key of the rendition folder (programmes.rendition_path). */
  renditionKey: string;
}

/** `uri` (relative to `base`, a file of the folder) as a path relative to the rendition folder; null if it leaves the folder. */
function inFolder(base: string, uri: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^\//i.test(uri)) return null;
  const joined = path.normalize(path.join(path.dirname(base), uri));
  return joined.startsWith('../') || joined === '..' ? null : joined;
}

export class ProgrammeMediaReader {
  private readonly cache = new Map<string, Promise<ProgrammeMedia>>();

  constructor(private readonly media: MediaStore) {}

  /** The rendition's tracks; rejects when its files are missing or unreadable (the caller decides what airs instead). */
  read(r: PublishedRendition): Promise<ProgrammeMedia> {
    let hit = this.cache.get(r.renditionKey);
    if (!hit) {
      if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
      hit = this.load(r);
      // A failed read is not kept: the next request tries again (e.g. a store that was briefly down).
      hit.catch(() => this.cache.delete(r.renditionKey));
      this.cache.set(r.renditionKey, hit);
    }
    return hit;
  }

  private async track(key: string, uri: string): Promise<RenditionTrack> {
    const text = (await this.media.readFile(key, uri)).toString('utf8');
    const pl = parseMediaPlaylist(text);
    const at = (u: string) => {
      const p = inFolder(uri, u);
      if (!p) throw new Error(`${key}/${uri}: ${u} is outside the rendition`);
      return p;
    };
    return { map: pl.map ? at(pl.map) : null, segments: pl.segments.map((s) => (s.byteRange ? { uri: at(s.uri), durationSec: s.durationSec, byteRange: s.byteRange } : { uri: at(s.uri), durationSec: s.durationSec })) };
  }

  private async load(r: PublishedRendition): Promise<ProgrammeMedia> {
    const key = r.renditionKey;
    const m = parseManifest((await this.media.readFile(key, MANIFEST)).toString('utf8'), key);
    const iframesOf = new Map(m.iframes.map((i) => [path.dirname(i.uri), i]));
    const variants = await Promise.all(
      m.variants.map(async (v) => {
        const i = iframesOf.get(path.dirname(v.uri));
        return {
          width: v.width,
          height: v.height,
          fps: v.fps,
          peakBitrate: v.peakBitrate,
          averageBitrate: v.averageBitrate,
          codec: v.codec,
          track: await this.track(key, v.uri),
          iframes: i ? { bandwidth: i.bandwidth, codecs: i.codecs, track: await this.track(key, i.uri) } : null,
        };
      }),
    );
    const audio = await Promise.all(
      m.audio.map(async (a) => ({ language: a.language, role: a.role, name: a.name, channels: a.channels, codec: a.codec, peakBitrate: a.peakBitrate, averageBitrate: a.averageBitrate, track: await this.track(key, a.uri) })),
    );
    const subtitles = await Promise.all(m.subtitles.map(async (s) => ({ language: s.language, name: s.name, track: await this.track(key, s.uri) })));
    return { programmeId: r.programmeId, renditionId: r.renditionId, variants, audio, subtitles };
  }
}
