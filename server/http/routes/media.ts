// Delivery of published renditions under /media/t/<token>/<programmeId>/<renditionId>/<file>:
// the token (server/rights/tokens.ts) binds programme, region and expiry. Playlists re-check the
// rights (server/catalog/viewer.ts checkPlaylist); segments, posters and other files trust the token (one HMAC, no query).
// There is no unsigned route for viewers. Only known HLS file types are served, with their content
// types, CORS for players on other origins, headers a CDN honours (everything here is immutable
// but the master, which is revalidated so its rights check runs), and single byte ranges. Files
// come from the in-memory cache of published files (server/media/file-cache.ts) or are streamed
// from the store. No request reaches outside the media folder: every path segment is decoded once
// and checked (server/media/media-path.ts), then the store reads only files whose real path lies
// inside its media folder (server/media/store.ts).
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import type { ViewerCatalog } from '../../catalog/viewer.js';
import { UnavailableError } from '../../catalog/viewer.js';
import type { ViewerContext } from '../middleware/viewer-context.js';
import { decodeMediaPath, splitRenditionPath } from '../../media/media-path.js';
import type { MediaFile, MediaFileCache } from '../../media/file-cache.js';
import { MEDIA_TYPES, mediaHeaders } from '../../media/media-types.js';
import { parseSignedMediaPath, type PlaybackTokens, type RightsAudit } from '../../rights/index.js';
import { ApiError } from '../errors.js';
import { playlistHeaders, playlistRepresentation } from '../playlist-gzip.js';

export { MEDIA_TYPES };
/** A preflight's answer is the same for every file and viewer: browsers (Access-Control-Max-Age) and a CDN keep it a day. */
export const PREFLIGHT_CACHE = 'public, max-age=86400';

export interface SignedMediaDeps {
  /** Published files, held in memory when small enough, else streamed from the MediaStore. */
  files: MediaFileCache;
  tokens: PlaybackTokens;
  viewer: ViewerCatalog;
  audit: RightsAudit;
  /** Trusted CDN country header (it can change the answer for the same URL). */
  regionHeader?: string | null;
}

/**
 * Mounted at /media/t, after the viewer-context middleware. The token's region must equal the
 * region the request states (?region= or the trusted CDN header); with neither, the token's own
 * region stands (players fetch segments without query strings).
 */
export function signedMediaHandler(deps: SignedMediaDeps): RequestHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      res.set('Allow', 'GET, HEAD, OPTIONS');
      throw new ApiError('not_found', 'media files are read-only');
    }
    setCors(res, req.method === 'OPTIONS');
    if (req.method === 'OPTIONS') {
      shareable(res, deps.regionHeader);
      res.setHeader('Cache-Control', PREFLIGHT_CACHE);
      res.status(204).end();
      return;
    }
    const raw = rawPath(req);
    const signed = parseSignedMediaPath(raw);
    if (!signed) throw new ApiError('not_found', 'no such media file');
    let programmeId: string;
    try {
      programmeId = decodeURIComponent(signed.programmeId);
    } catch {
      throw new ApiError('not_found', 'no such media file');
    }
    const viewer = res.locals.viewer as ViewerContext | undefined;
    const stated = viewer && viewer.regionSource !== 'default' ? viewer.region : null;
    const isPlaylist = /\.m3u8$/i.test(signed.file);
    const surface = isPlaylist ? 'playlist' : 'segment';
    const check = deps.tokens.verify(decodeURIComponentSafe(signed.token), programmeId, { region: stated });
    if (!check.ok) {
      const tokenRegion = /^([A-Z]{2})\./.exec(decodeURIComponentSafe(signed.token))?.[1];
      const region = stated ?? tokenRegion;
      deps.audit.record({ programmeId, region: region ?? '??', decision: 'deny', reason: check.reason, surface });
      if (region && (check.reason === 'wrong_region' || check.reason === 'expired')) {
        // Only refused requests reach the database: is it the rights (451) or just an old URL (403)?
        const d = await deps.viewer.decision(programmeId, region);
        if (!d.available || check.reason === 'wrong_region') throw new UnavailableError(programmeId, region, d);
      }
      throw new ApiError('playback_token_invalid', `playback URL refused (${check.reason}); fetch the programme again for a fresh one`);
    }
    if (isPlaylist) await deps.viewer.checkPlaylist(programmeId, check.region);
    else deps.audit.record({ programmeId, region: check.region, decision: 'allow', reason: 'open', surface });
    const file = await findMediaFile(deps.files, `/${signed.programmeId}/${signed.renditionId}/${signed.file}`);
    // Its bytes are handed to the OS once the answer finishes (an answer cut short keeps them from reuse: file-cache.ts).
    res.once('finish', () => deps.files.done(file));
    shareable(res, deps.regionHeader);
    await sendMediaFile(req, res, deps.files, file, isPlaylist ? deps.regionHeader : undefined);
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

/**
 * Neither a file nor a preflight depends on the viewer's language or cookies (only refusals do:
 * 451 in the viewer's language, no-store): Vary only on the trusted country header, if any, so a
 * CDN keeps one copy per URL.
 */
export function shareable(res: Response, regionHeader: string | null | undefined): void {
  res.removeHeader('Content-Language');
  if (regionHeader) res.setHeader('Vary', regionHeader);
  else res.removeHeader('Vary');
}

/**
 * A media file's own headers (type, caching, validators), the same on every answer for it; made
 * once per cached file and shared by this route and the fast path (server/http/media-fast-path.ts).
 */
export function mediaFileHeaders(file: MediaFile): Readonly<Record<string, string>> {
  let headers = FILE_HEADERS.get(file);
  if (!headers) {
    const kind = mediaHeaders(file.file);
    headers = Object.freeze({
      'Content-Type': kind.type,
      'Cache-Control': kind.cache,
      'Accept-Ranges': 'bytes',
      'Last-Modified': file.lastModified,
      ETag: file.etag,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    FILE_HEADERS.set(file, headers);
  }
  return headers;
}
const FILE_HEADERS = new WeakMap<MediaFile, Readonly<Record<string, string>>>();

/**
 * A file's answer: 304, a range, HEAD or the bytes. `playlistOf` (a playlist: the trusted country
 * header, or null) makes it a playlist's answer, gzip when asked for and held (playlist-gzip.ts).
 */
async function sendMediaFile(req: Request, res: Response, files: MediaFileCache, file: MediaFile, playlistOf?: string | null): Promise<void> {
  let headers = mediaFileHeaders(file);
  let gzipped: Buffer | null = null;
  if (playlistOf !== undefined) {
    // Ranges are served on the bytes as they are; so is a playlist too large to hold.
    const rep = file.bytes && req.headers.range === undefined ? playlistRepresentation(file, file.bytes, file.etag, req.headers['accept-encoding']) : null;
    headers = playlistHeaders(headers, rep, playlistOf);
    if (rep?.encoding) gzipped = rep.body;
  }
  // setHeader, not res.set: express's looks up a charset for every Content-Type it sets.
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (gzipped) {
    res.setHeader('Content-Length', String(gzipped.length));
    res.end(req.method === 'HEAD' ? undefined : gzipped);
    return;
  }
  const size = file.stat.size;
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${size}`);
    throw new ApiError('range_not_satisfiable', `the file has ${size} bytes`);
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) res.status(206).setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  if (file.bytes) {
    res.end(range ? file.bytes.subarray(start, end + 1) : file.bytes);
    return;
  }
  // A file gone since it was found ends the response as a failed read would.
  const bytes = await files.stream(file, { start, end }).catch(() => null);
  if (!bytes) return void res.destroy();
  await pipeline(bytes, res).catch(() => undefined);
}

/** CORS headers of every file answer (not preflights). */
export const FILE_CORS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges',
});

/** CORS for players on other origins; the preflight's own headers only on preflights (fewer headers on every segment). */
function setCors(res: Response, preflight: boolean): void {
  if (preflight) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Max-Age', '86400');
  } else for (const [name, value] of Object.entries(FILE_CORS)) res.setHeader(name, value);
}

/** The request path below the mount point, still percent-encoded (express has not decoded it). */
function rawPath(req: Request): string {
  const url = req.url; // relative to the mount point, e.g. "/<pid>/<rid>/master.m3u8?x"
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Where a request's file lies (path still percent-encoded, `/<programme>/<rendition>/<file>`): a
 * known media type under a safe name, or null. Also the fast path's (server/http/media-fast-path.ts).
 */
export function mediaFileAt(encodedPath: string): { renditionKey: string; file: string } | null {
  const segments = decodeMediaPath(encodedPath);
  if (!segments || !MEDIA_TYPES[path.posix.extname(segments[segments.length - 1]!).toLowerCase()]) return null;
  return splitRenditionPath(segments);
}

/** The request's file: a known media type, a safe name, in the store. */
async function findMediaFile(files: MediaFileCache, encodedPath: string): Promise<MediaFile> {
  const at = mediaFileAt(encodedPath);
  const found = at ? await files.get(at.renditionKey, at.file) : null;
  if (!found) throw new ApiError('not_found', 'no such media file');
  return found;
}

/** One `bytes=` range → inclusive offsets; null to send the whole file (absent or multi-range). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
