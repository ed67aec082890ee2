// The delivery fast path (issue 14): what viewers ask for most — segments, init segments,
// on-demand playlists, live media playlists and their delta updates — answered before express.
// Per request that is one HMAC, a map lookup or two and one write: express's router, its request
// and response wrappers, the request logger and the viewer context cost ~300 µs more per request
// (bench:delivery's CPU per request), as much as a 2 MB segment's bytes cost to send and ten times
// what a playlist does.
//
// Only the plainest requests take it: GET, no Range, no conditional header, no trusted country
// header, no query string (but a live playlist's `_HLS_skip`), a valid token, and for playlists a
// rights check that can be decided at once (the in-memory catalog copy; live playlists are
// rendered once per slot). They get the same status, headers and bytes as the routes would give
// them (tests compare both), playlists gzip to clients that accept it (playlist-gzip.ts). Everything else — refusals (in the viewer's language, audited),
// ranges, 304s, files too large to hold (streamed), anything unexpected — is handed to express
// untouched: nothing has been written when `next` is called. A file not held in memory yet is
// read here (once, however many ask at the same moment) before answering.
// Answers carry a request id and count in the HTTP latency metric like the rest; they are not
// logged one by one (express logs media at debug).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ViewerCatalog } from '../catalog/viewer.js';
import type { LivePlaylists, RenderedPlaylist, SkipRequest } from '../channel/live-playlists.js';
import type { MediaFile, MediaFileCache } from '../media/file-cache.js';
import { parseSignedMediaPath, type PlaybackTokens, type RightsAudit } from '../rights/index.js';
import type { Metrics } from '../metrics/metrics.js';
import { requestIdOf } from './middleware/request-log.js';
import { LIVE_MEDIA_HEADERS, LIVE_PLAYLIST_NAME } from './routes/live.js';
import { FILE_CORS, mediaFileAt, mediaFileHeaders } from './routes/media.js';
import { playlistHeaders, playlistRepresentation } from './playlist-gzip.js';

export interface MediaFastPathDeps {
  files: MediaFileCache;
  tokens: PlaybackTokens;
  audit: RightsAudit;
  /** On-demand playlists: their rights, from the in-memory catalog copy. */
  viewer: Pick<ViewerCatalog, 'playlistAllowedNow'>;
  /** Live channels' media playlists (absent: they all go to express). */
  live?: Pick<LivePlaylists, 'mediaPlaylist'>;
  /** A trusted CDN country header: a request carrying it states a region, which express checks. */
  regionHeader?: string | null;
  /** Its answers in the HTTP latency histogram, under the route express would name. */
  metrics?: Pick<Metrics, 'observeHttp'>;
}

const MEDIA = '/media/t/';
const LIVE = '/live/t/';
const SKIP = /^_HLS_skip=(YES|v2)$/;

export interface MediaFastPath {
  /** Answers the request, or hands it to `next` (express) having written nothing. */
  (req: IncomingMessage, res: ServerResponse, next: () => void): void;
  /** Requests answered here so far (for operators and tests). */
  served(): number;
}

/** Where an answer counts in the latency metric, and since when. */
interface Timing {
  route: string;
  started: bigint;
}

export function mediaFastPath(deps: MediaFastPathDeps): MediaFastPath {
  const regionHeader = deps.regionHeader?.toLowerCase() ?? null;
  // as routes/media.ts's shareable(): the answer varies only with the trusted country header
  const vary: Record<string, string> = deps.regionHeader ? { Vary: deps.regionHeader } : {};
  let served = 0;
  // An answer's headers but its request id, made once per held file, rendered playlist or gzip of
  // either (immutable all); a playlist's own Vary (playlist-gzip.ts) stands over the files' one.
  const headersOf = new WeakMap<object, Readonly<Record<string, string>>>();
  const headers = (of: object, body: Buffer, own: () => Readonly<Record<string, string>>) => {
    let h = headersOf.get(of);
    if (!h) headersOf.set(of, (h = { ...vary, ...own(), 'Content-Length': String(body.length) }));
    return h;
  };
  /** Writes an answer; `file`'s reader is done once its bytes are handed to the OS (file-cache.ts: its buffer may then be read into again). */
  const send = (res: ServerResponse, t: Timing, reqId: string, h: Readonly<Record<string, string>>, body: Buffer, file?: MediaFile) => {
    res.writeHead(200, { ...h, 'X-Request-Id': reqId });
    if (file) res.end(body, () => deps.files.done(file));
    else res.end(body);
    served++;
    deps.metrics?.observeHttp('GET', t.route, 200, Number(process.hrtime.bigint() - t.started) / 1e9);
  };

  /** A published file: true when taken (answered now or once read), false to leave it to express. */
  const mediaFile = (url: string, t: Timing, reqId: string, acceptEncoding: string | undefined, res: ServerResponse, next: () => void): boolean => {
    if (url.includes('?')) return false;
    const signed = parseSignedMediaPath(url.slice(MEDIA.length - 1));
    const at = signed && mediaFileAt(`/${signed.programmeId}/${signed.renditionId}/${signed.file}`);
    if (!signed || !at) return false;
    const token = decode(signed.token);
    const programmeId = decode(signed.programmeId);
    if (token === null || programmeId === null) return false;
    const check = deps.tokens.verify(token, programmeId, { region: null });
    if (!check.ok) return false; // refusals are answered (and audited) by express, in the viewer's language
    const playlist = /\.m3u8$/i.test(signed.file);
    // Playlists re-check the rights against the clock (as routes/media.ts does), here only when the copy can say yes at once.
    if (playlist && !deps.viewer.playlistAllowedNow(programmeId, check.region)) return false;
    const ship = (file: MediaFile | null) => {
      if (!file?.bytes) return next(); // not found, or too large to hold: express streams it or says 404
      if (!playlist) {
        deps.audit.record({ programmeId, region: check.region, decision: 'allow', reason: 'open', surface: 'segment' });
        return send(res, t, reqId, headers(file, file.bytes, () => ({ ...FILE_CORS, ...mediaFileHeaders(file) })), file.bytes, file);
      }
      const rep = playlistRepresentation(file, file.bytes, file.etag, acceptEncoding);
      send(res, t, reqId, headers(rep.encoding ? rep : file, rep.body, () => playlistHeaders({ ...FILE_CORS, ...mediaFileHeaders(file) }, rep, deps.regionHeader)), rep.body, file);
    };
    const hot = deps.files.peek(at.renditionKey, at.file);
    if (hot) ship(hot);
    else deps.files.get(at.renditionKey, at.file).then(ship, next);
    return true;
  };

  /** A live channel's media playlist (not the master): true when taken. */
  const livePlaylist = (url: string, t: Timing, reqId: string, acceptEncoding: string | undefined, res: ServerResponse, next: () => void): boolean => {
    const live = deps.live;
    if (!live) return false;
    const q = url.indexOf('?');
    let skip: SkipRequest;
    if (q !== -1) {
      const m = SKIP.exec(url.slice(q + 1));
      if (!m) return false;
      skip = m[1] as SkipRequest;
    }
    const parts = url.slice(LIVE.length, q === -1 ? undefined : q).split('/');
    if (parts.length !== 3) return false;
    const [token, channelId, name] = parts.map(decode) as [string | null, string | null, string | null];
    if (token === null || channelId === null || name === null || name === 'master.m3u8' || !LIVE_PLAYLIST_NAME.test(name)) return false;
    const check = deps.tokens.verify(token, channelId, { region: null });
    if (!check.ok) return false;
    const answer = (p: RenderedPlaylist | null) => {
      if (!p) return next();
      const rep = playlistRepresentation(p, p.body, p.etag, acceptEncoding);
      send(res, t, reqId, headers(rep.encoding ? rep : p, rep.body, () => playlistHeaders({ ...LIVE_MEDIA_HEADERS, ETag: p.etag }, rep, deps.regionHeader)), rep.body);
    };
    live.mediaPlaylist(channelId, check.region, name.slice(0, -'.m3u8'.length), skip).then(answer, next);
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = req.url;
    const h = req.headers;
    if (
      req.method !== 'GET' ||
      !url ||
      h.range !== undefined ||
      h['if-none-match'] !== undefined ||
      h['if-modified-since'] !== undefined ||
      (regionHeader !== null && h[regionHeader] !== undefined)
    ) {
      return next();
    }
    const started = process.hrtime.bigint();
    const reqId = requestIdOf(typeof h['x-request-id'] === 'string' ? h['x-request-id'] : undefined);
    const taken = url.startsWith(MEDIA)
      ? mediaFile(url, { route: '/media/t', started }, reqId, h['accept-encoding'], res, next)
      : url.startsWith(LIVE) && livePlaylist(url, { route: '/live/t/:token/:channelId/:name', started }, reqId, h['accept-encoding'], res, next);
    if (!taken) next();
  };
  return Object.assign(handle, { served: () => served });
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
