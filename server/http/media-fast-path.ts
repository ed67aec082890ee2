// The delivery fast path (issue 14): a segment every viewer of a region asks for within seconds,
// already in memory, answered before express. Per request that is one HMAC, one map lookup and
// one write: express's router, its request and response wrappers and the viewer context cost
// ~300 µs more per segment (bench:delivery's CPU per request), a third of what the segment's
// bytes themselves cost to send.
//
// Only the plainest request takes it — GET, no query string, no Range, no conditional header, no
// trusted country header, a non-playlist file already held in memory, a valid token — and gets
// the same status, headers and bytes as routes/media.ts would give it (a test compares both).
// Everything else (playlists, which re-check the rights; refusals, in the viewer's language;
// ranges, 304s, misses) goes to express untouched. Its answers carry a request id and count in the
// HTTP latency metric like the rest; they are not logged one by one (express logs media at debug).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MediaFileCache } from '../media/file-cache.js';
import { parseSignedMediaPath, type PlaybackTokens, type RightsAudit } from '../rights/index.js';
import type { Metrics } from '../metrics/metrics.js';
import { requestIdOf } from './middleware/request-log.js';
import { FILE_CORS, mediaFileAt, mediaFileHeaders } from './routes/media.js';

export interface MediaFastPathDeps {
  files: MediaFileCache;
  tokens: PlaybackTokens;
  audit: RightsAudit;
  /** A trusted CDN country header: a request carrying it states a region, which express checks. */
  regionHeader?: string | null;
  /** Its answers in the HTTP latency histogram, under the route express would name (`/media/t`). */
  metrics?: Pick<Metrics, 'observeHttp'>;
}

const PREFIX = '/media/t/';

export interface MediaFastPath {
  /** Answers the request and returns true, or returns false having touched nothing. */
  (req: IncomingMessage, res: ServerResponse): boolean;
  /** Requests answered here so far (for operators and tests). */
  served(): number;
}

export function mediaFastPath(deps: MediaFastPathDeps): MediaFastPath {
  const regionHeader = deps.regionHeader?.toLowerCase() ?? null;
  // as routes/media.ts's shareable(): the answer varies only with the trusted country header
  const vary: Record<string, string> = deps.regionHeader ? { Vary: deps.regionHeader } : {};
  let served = 0;
  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    const started = process.hrtime.bigint();
    const url = req.url;
    if (req.method !== 'GET' || !url?.startsWith(PREFIX) || url.includes('?')) return false;
    const h = req.headers;
    if (h.range !== undefined || h['if-none-match'] !== undefined || h['if-modified-since'] !== undefined) return false;
    if (regionHeader && h[regionHeader] !== undefined) return false;
    const signed = parseSignedMediaPath(url.slice(PREFIX.length - 1));
    if (!signed || /\.m3u8$/i.test(signed.file)) return false; // playlists re-check the rights: express
    const at = mediaFileAt(`/${signed.programmeId}/${signed.renditionId}/${signed.file}`);
    const file = at ? deps.files.peek(at.renditionKey, at.file) : null;
    if (!file?.bytes) return false;
    let token: string;
    let programmeId: string;
    try {
      token = decodeURIComponent(signed.token);
      programmeId = decodeURIComponent(signed.programmeId);
    } catch {
      return false;
    }
    const check = deps.tokens.verify(token, programmeId, { region: null });
    if (!check.ok) return false; // refusals are answered (and audited) by express, in the viewer's language
    deps.audit.record({ programmeId, region: check.region, decision: 'allow', reason: 'open', surface: 'segment' });
    const reqId = requestIdOf(typeof h['x-request-id'] === 'string' ? h['x-request-id'] : undefined);
    res.writeHead(200, { ...FILE_CORS, ...mediaFileHeaders(file), ...vary, 'Content-Length': String(file.bytes.length), 'X-Request-Id': reqId });
    res.end(file.bytes);
    served++;
    deps.metrics?.observeHttp('GET', '/media/t', 200, Number(process.hrtime.bigint() - started) / 1e9);
    return true;
  };
  return Object.assign(handle, { served: () => served });
}
