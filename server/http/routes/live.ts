// A channel's live playlists under /live/t/<token>/<channelId>/<name>: the token
// (server/rights/tokens.ts, signed for the channel id) binds the channel, the region and an expiry,
// so the URL a region's viewers share names the region's feed and a CDN keys one copy per region
// and bucket. The playlists are computed by server/channel/live-playlists.ts: the master is
// revalidated; media playlists may be cached for half a segment (a new segment every 2 s). With
// `?slot=<n>` a media playlist is the one of that recent live edge, byte for byte (a live page's
// first frame hands it to hls.js: server/channel/live-start.ts).
// The segments they list are ordinary signed media URLs (/media/t/…), served by media.ts.
import { Router, type Request, type Response } from 'express';
import type { LivePlaylists, SkipRequest } from '../../channel/live-playlists.js';
import type { PlaybackTokens } from '../../rights/index.js';
import { ApiError } from '../errors.js';
import type { ViewerContext } from '../middleware/viewer-context.js';
import { playlistHeaders, playlistRepresentation } from '../playlist-gzip.js';
import { PREFLIGHT_CACHE, shareable } from './media.js';

export interface LiveRouteDeps {
  playlists: LivePlaylists;
  tokens: PlaybackTokens;
  /** Trusted CDN country header (it can change the answer for the same URL). */
  regionHeader?: string | null;
}

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
/** Half a segment: a CDN in front serves each playlist refresh of a region once per second. */
const MEDIA_PLAYLIST_CACHE = 'public, max-age=1';
/** A playlist as a recent edge had it (`?slot=`) has the same bytes for as long as it is served (PINNED_SLOTS_BACK). */
const PINNED_PLAYLIST_CACHE = 'public, max-age=60';
/** A playlist name as the master lists them (the master itself included). */
export const LIVE_PLAYLIST_NAME = /^[a-z0-9-]{1,40}\.m3u8$/;
/** The empty WebVTT segment a subtitle language a programme lacks airs (live-playlist.ts). */
export const EMPTY_SUBTITLE_PATH = '/live/empty.vtt';
const EMPTY_VTT = 'WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n';

const CORS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Max-Age': '86400',
  'Cross-Origin-Resource-Policy': 'cross-origin',
});

/** A media playlist's headers but its ETag; also the delivery fast path's (server/http/media-fast-path.ts). */
export const LIVE_MEDIA_HEADERS: Readonly<Record<string, string>> = Object.freeze({ ...CORS, 'Content-Type': PLAYLIST_TYPE, 'Cache-Control': MEDIA_PLAYLIST_CACHE });

function cors(res: Response): void {
  res.set(CORS);
}

/** `?slot=`: a media playlist as it was at that live edge (a live page's start, server/channel/live-start.ts). */
function slotOf(req: Request): number | undefined {
  const s = req.query.slot;
  if (s === undefined) return undefined;
  if (typeof s !== 'string' || !/^\d{1,15}$/.test(s)) throw new ApiError('validation_failed', 'slot: must be a slot number', { field: 'slot' });
  return Number(s);
}

function skipOf(req: Request): SkipRequest {
  const s = req.query._HLS_skip;
  if (s === undefined) return undefined;
  if (s === 'YES' || s === 'v2') return s;
  throw new ApiError('validation_failed', '_HLS_skip: must be YES or v2', { field: '_HLS_skip' });
}

export function liveRoutes({ playlists, tokens, regionHeader }: LiveRouteDeps): Router {
  const router = Router();
  router.options('/{*rest}', (_req, res) => {
    cors(res);
    shareable(res, regionHeader);
    res.setHeader('Cache-Control', PREFLIGHT_CACHE);
    res.status(204).end();
  });
  router.get('/empty.vtt', (_req, res) => {
    cors(res);
    shareable(res, null);
    res.set({ 'Content-Type': 'text/vtt; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' }).send(EMPTY_VTT);
  });
  router.get('/t/:token/:channelId/:name', async (req, res) => {
    cors(res);
    const { token, channelId, name } = req.params as Record<string, string>;
    if (!LIVE_PLAYLIST_NAME.test(name)) throw new ApiError('not_found', 'no such playlist');
    const viewer = res.locals.viewer as ViewerContext | undefined;
    const stated = viewer && viewer.regionSource !== 'default' ? viewer.region : null;
    const check = tokens.verify(token, channelId, { region: stated });
    if (!check.ok) {
      if (check.reason === 'wrong_region') throw new ApiError('unavailable_in_region', 'this channel URL was signed for another region', { availableFrom: null });
      throw new ApiError('playback_token_invalid', `playback URL refused (${check.reason}); fetch the channel again for a fresh one`);
    }
    const master = name === 'master.m3u8';
    const slot = master ? undefined : slotOf(req);
    const playlist = master ? null : await playlists.mediaPlaylist(channelId, check.region, name.slice(0, -'.m3u8'.length), skipOf(req), slot);
    if (!master && !playlist) throw new ApiError('not_found', 'no such playlist');
    // The answer depends on the token's region and the clock only: not on language or cookies.
    shareable(res, regionHeader);
    res.set({ 'Content-Type': PLAYLIST_TYPE, 'Cache-Control': master ? 'no-cache' : slot !== undefined ? PINNED_PLAYLIST_CACHE : MEDIA_PLAYLIST_CACHE });
    // A media playlist's bytes and ETag are made once per slot (live-playlists.ts), not per request;
    // its gzip once too, when first asked for (playlist-gzip.ts).
    if (playlist) {
      const rep = playlistRepresentation(playlist, playlist.body, playlist.etag, req.headers['accept-encoding']);
      res.set(playlistHeaders({ ETag: playlist.etag }, rep, regionHeader)).send(rep.body);
    }
    else res.send(await playlists.master(channelId, check.region));
  });
  return router;
}
