// Delivery of published renditions under /media/t/<token>/<programmeId>/<renditionId>/<file>:
// the token (server/rights/tokens.ts) binds programme, region and expiry. Playlists re-check the
// rights in the database; segments, posters and other files trust the token (one HMAC, no query).
// There is no unsigned route for viewers. Only known HLS file types are served, with their content types, CORS for players on other
// origins, long-lived caching for immutable segments and short caching for playlists, and
// single byte ranges. No request reaches outside the media folder: every path segment is
// decoded once and checked (server/media/media-path.ts), then the store reads only files whose
// real path lies inside its media folder (server/media/store.ts).
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import type { ViewerCatalog } from '../../catalog/viewer.js';
import { UnavailableError } from '../../catalog/viewer.js';
import type { ViewerContext } from '../middleware/viewer-context.js';
import { decodeMediaPath, splitRenditionPath } from '../../media/media-path.js';
import type { MediaFileStat, MediaStore } from '../../media/store.js';
import { MEDIA_TYPES, mediaHeaders } from '../../media/media-types.js';
import { parseSignedMediaPath, type PlaybackTokens, type RightsAudit } from '../../rights/index.js';
import { ApiError } from '../errors.js';

export interface SignedMediaDeps {
  media: MediaStore;
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
    setCors(res);
    if (req.method === 'OPTIONS') {
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
    const file = await findMediaFile(deps.media, `/${signed.programmeId}/${signed.renditionId}/${signed.file}`);
    // A file's bytes do not depend on the viewer's language: only refusals (451, no-store) do.
    // Keep segments cacheable by a CDN: Vary only on the trusted country header, if any.
    res.removeHeader('Content-Language');
    if (deps.regionHeader) res.set('Vary', deps.regionHeader);
    else res.removeHeader('Vary');
    await sendMediaFile(req, res, deps.media, file);
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

interface FoundMediaFile {
  renditionKey: string;
  file: string;
  stat: MediaFileStat;
}

async function sendMediaFile(req: Request, res: Response, media: MediaStore, file: FoundMediaFile): Promise<void> {
  const kind = mediaHeaders(file.file);
  res.set({
    'Content-Type': kind.type,
    'Cache-Control': kind.cache,
    'Accept-Ranges': 'bytes',
    'Last-Modified': file.stat.mtime.toUTCString(),
    ETag: `"${file.stat.size.toString(16)}-${Math.floor(file.stat.mtimeMs).toString(16)}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const range = parseRange(req.get('range'), file.stat.size);
  if (range === 'unsatisfiable') {
    res.set('Content-Range', `bytes */${file.stat.size}`);
    throw new ApiError('range_not_satisfiable', `the file has ${file.stat.size} bytes`);
  }
  const { start, end } = range ?? { start: 0, end: file.stat.size - 1 };
  if (range) res.status(206).set('Content-Range', `bytes ${start}-${end}/${file.stat.size}`);
  res.set('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || file.stat.size === 0) {
    res.end();
    return;
  }
  // A file gone since stat() ends the response as a failed read would.
  const bytes = await media.createReadStream(file.renditionKey, file.file, { start, end }).catch(() => null);
  if (!bytes) return void res.destroy();
  await pipeline(bytes, res).catch(() => undefined);
}

function setCors(res: Response): void {
  res.set({
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
    'Access-Control-Allow-Headers': 'Range',
    'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges',
    'Access-Control-Max-Age': '86400',
  });
}

/** The request path below the mount point, still percent-encoded (express has not decoded it). */
function rawPath(req: Request): string {
  const url = req.url; // relative to the mount point, e.g. "/<pid>/<rid>/master.m3u8?x"
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The request's file (path still percent-encoded): a known media type, a safe name, in the store. */
async function findMediaFile(media: MediaStore, encodedPath: string): Promise<FoundMediaFile> {
  const notFound = () => new ApiError('not_found', 'no such media file');
  const segments = decodeMediaPath(encodedPath);
  if (!segments || !MEDIA_TYPES[path.posix.extname(segments[segments.length - 1]!).toLowerCase()]) throw notFound();
  const at = splitRenditionPath(segments);
  const stat = at ? await media.stat(at.renditionKey, at.file) : null;
  if (!at || !stat) throw notFound();
  return { ...at, stat };
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
