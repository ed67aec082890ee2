// The media files Podium serves and stores: each known extension's content type and cache policy.
// One table for both places that need it: the delivery route (server/http/routes/media.ts) sends
// these headers, and an object store writes them onto each object it uploads (so a CDN or a
// reader of the bucket sees the same ones).
import path from 'node:path';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export const MEDIA_TYPES: Record<string, { type: string; cache: string }> = {
  // An on-demand media playlist never changes once published (a new rendition is a new folder);
  // the master stays revalidated (MASTER_CACHE).
  '.m3u8': { type: 'application/vnd.apple.mpegurl', cache: IMMUTABLE },
  '.m4s': { type: 'video/iso.segment', cache: IMMUTABLE },
  '.mp4': { type: 'video/mp4', cache: IMMUTABLE },
  '.m4a': { type: 'audio/mp4', cache: IMMUTABLE },
  '.aac': { type: 'audio/aac', cache: IMMUTABLE },
  '.ts': { type: 'video/mp2t', cache: IMMUTABLE },
  '.jpg': { type: 'image/jpeg', cache: IMMUTABLE },
  // per-locale posters (posters/<locale>.<hash>.<ext>: content-addressed, so immutable too)
  '.png': { type: 'image/png', cache: IMMUTABLE },
  '.webp': { type: 'image/webp', cache: IMMUTABLE },
  '.vtt': { type: 'text/vtt; charset=utf-8', cache: IMMUTABLE },
};
/** The master playlist is what a player fetches first: always revalidated. */
export const MASTER_CACHE = 'no-cache';

/** Content type and Cache-Control of a rendition's file; files viewers never fetch (podium.json) are not cached. */
export function mediaHeaders(file: string): { type: string; cache: string } {
  const kind = MEDIA_TYPES[path.posix.extname(file).toLowerCase()];
  if (!kind) return { type: file.endsWith('.json') ? 'application/json' : 'application/octet-stream', cache: 'no-cache' };
  return path.posix.basename(file) === 'master.m3u8' ? { type: kind.type, cache: MASTER_CACHE } : kind;
}
