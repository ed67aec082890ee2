// HLS playlists go out gzip-compressed to clients that accept it (every browser, hls.js through
// XHR, Safari's native player, CDNs). A playlist is text listing one signed URL per segment: a
// one-hour programme's media playlist is ~60 kB, a live channel's two-hour window ~1 MB, and both
// shrink 10–30× (a live player's first load, and each refresh of a region's edge through a CDN).
// Segments are left as they are: video does not compress.
//
// The compressed bytes are made once per held playlist file or rendered live playlist (both
// immutable: a rendition folder never changes, a live playlist is rendered once per slot) and kept
// beside it, so a request costs no compression. gzip only: brotli would save a little more on
// text this repetitive, but not every HLS client (native players, set-top boxes) decodes it.
//
// The delivery fast path and the routes answer the same request with the same representation and
// headers (tests compare them): both come here.
import { gzipSync } from 'node:zlib';
import { acceptedCodings } from './accept-encoding.js';

/** Below this a playlist goes out as it is (a master of a few lines gains nothing worth a header). */
export const GZIP_MIN_BYTES = 1024;
/** zlib's default: 6 compresses a 1 MB playlist in ~2 ms, within a few % of 9's size. */
const LEVEL = 6;

/** Every playlist answer varies with Accept-Encoding (identity ones too, so a cache never hands gzip to a client that cannot read it). */
const PLAYLIST_VARY = 'Accept-Encoding';

export interface PlaylistRepresentation {
  body: Buffer;
  /** The representation's validator: a gzip body has its own (RFC 9110 §8.8.3), the identity's with `.gz` inside the quotes. */
  etag: string;
  /** 'gzip', or null for the bytes as they are. */
  encoding: 'gzip' | null;
}

const GZIPPED = new WeakMap<object, PlaylistRepresentation>();
const GZIP_ONLY = ['gzip'] as const;

/**
 * The representation of a playlist for a request: gzip when its Accept-Encoding allows and the
 * playlist is large enough, else the bytes as they are. `of` is the object the bytes belong to
 * (a held file, a rendered playlist), under which the gzip bytes are kept.
 */
export function playlistRepresentation(of: object, body: Buffer, etag: string, acceptEncoding: string | string[] | undefined): PlaylistRepresentation {
  if (body.length < GZIP_MIN_BYTES || !acceptedCodings(acceptEncoding, GZIP_ONLY).length) return { body, etag, encoding: null };
  let gz = GZIPPED.get(of);
  if (!gz) GZIPPED.set(of, (gz = { body: gzipSync(body, { level: LEVEL }), etag: gzipEtag(etag), encoding: 'gzip' }));
  return gz;
}

function gzipEtag(etag: string): string {
  return etag.endsWith('"') ? `${etag.slice(0, -1)}.gz"` : `${etag}.gz`;
}

/**
 * A playlist answer's headers from its own (type, caching, validators): Vary on Accept-Encoding
 * (and the trusted country header, if any), and for gzip the coding and its validator. No
 * Accept-Ranges on gzip: ranges are served on the bytes as they are (a request with Range gets those).
 */
export function playlistHeaders(own: Readonly<Record<string, string>>, rep: Pick<PlaylistRepresentation, 'encoding' | 'etag'> | null, regionHeader: string | null | undefined): Record<string, string> {
  const headers: Record<string, string> = { ...own, Vary: regionHeader ? `${PLAYLIST_VARY}, ${regionHeader}` : PLAYLIST_VARY };
  if (rep?.encoding) {
    headers['Content-Encoding'] = rep.encoding;
    headers.ETag = rep.etag;
    delete headers['Accept-Ranges'];
  }
  return headers;
}
