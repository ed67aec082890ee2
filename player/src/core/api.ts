// The player's only view of the server: the catalog JSON API (programmes, search, regions, and
// the live channels with their guides). Passed into pages as a small
// interface so tests (and a later offline/CDN catalog) can swap it. Every call carries the
// viewer's language and region (?lang=, ?region=). The answers' shapes are the server's
// contracts (server/contracts/), imported as types only: no server code reaches the bundle.
import type { ChannelGuide, ChannelItem, ChannelList, GuideItem, ProgrammeItem, ProgrammeListPage, RegionsResponse, SearchResults } from '../../../server/contracts/index.js';
import { CATALOG } from '../config.js';
import { normalizeRegions, type RegionInfo } from './regions.js';

/** A programme as GET /api/programmes and /api/programmes/:id serve it. */
export type Programme = ProgrammeItem;

/** A live channel as GET /api/channels and /api/channels/:id serve it; a guide entry of GET /api/channels/:id/guide. */
export type Channel = ChannelItem;
export type { GuideItem };

export interface Viewer {
  lang: string;
  region: string | null;
}

export interface CatalogApi {
  listProgrammes(viewer: Viewer, signal?: AbortSignal): Promise<Programme[]>;
  getProgramme(id: string, viewer: Viewer, signal?: AbortSignal): Promise<Programme>;
  /** null when the server has no search endpoint yet. */
  search(q: string, viewer: Viewer, signal?: AbortSignal): Promise<Programme[] | null>;
  /** The region list and the region the server resolved for this viewer; null when unavailable. */
  /** `selectable: false`: a trusted CDN header decides the region on the server; `?region=` is ignored there. */
  listRegions(signal?: AbortSignal): Promise<{ regions: RegionInfo[]; current: string | null; selectable: boolean } | null>;
  /** The channels the viewer's region receives. */
  listChannels(viewer: Viewer, signal?: AbortSignal): Promise<Channel[]>;
  /** One channel: 451 when not offered in the region, 503 not_ready (with `retryAfterSec`) while its slate is packaged. */
  getChannel(id: string, viewer: Viewer, signal?: AbortSignal): Promise<Channel>;
  /** The guide between two instants (the server's default window when left out: 3 h ago to a day ahead). */
  getChannelGuide(id: string, viewer: Viewer, range?: { from?: Date; to?: Date }, signal?: AbortSignal): Promise<GuideItem[]>;
}

/** A failed API call: `status` is the HTTP status (0 for a network failure), `code` the server's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For 451 unavailable_in_region: when the programme opens in this region (ISO 8601), if known. */
    readonly availableFrom: string | null = null,
    /** For 503 not_ready: the server's Retry-After, in seconds, if it sent one. */
    readonly retryAfterSec: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function viewerQuery(viewer: Viewer): string {
  const q = new URLSearchParams({ lang: viewer.lang });
  if (viewer.region) q.set('region', viewer.region);
  return q.toString();
}

type ErrorBody = { error?: { code?: string; message?: string; availableFrom?: string | null } } | null;

export async function readJsonResponse<T>(res: Response): Promise<T> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const error = (body as ErrorBody)?.error;
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, error?.code ?? 'http_' + res.status, error?.message ?? res.statusText, error?.availableFrom ?? null, Number.isFinite(retryAfter) && retryAfter >= 0 && res.headers.has('retry-after') ? retryAfter : null);
  }
  return body as T;
}

export function createHttpCatalogApi(
  baseUrl = '',
  fetchImpl: typeof fetch = (...a) => fetch(...a),
  /** Requests started before the app loaded (boot.ts), by path; each is used once. */
  prefetched: Map<string, Promise<Response>> = new Map(),
): CatalogApi {
  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    let res: Response;
    try {
      const early = prefetched.get(path);
      prefetched.delete(path);
      res = early ? await early : await fetchImpl(baseUrl + path, { headers: { accept: 'application/json' }, signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'network', (err as Error).message);
    }
    return readJsonResponse<T>(res);
  }

  return {
    async listProgrammes(viewer, signal) {
      // The list is paged (`next`); the home page's rails need the catalog, up to CATALOG.listMaxPages pages.
      const items: Programme[] = [];
      let path: string | null = `/api/programmes?${viewerQuery(viewer)}&limit=${CATALOG.listPageSize}`;
      for (let page = 0; path && page < CATALOG.listMaxPages; page++) {
        const body: ProgrammeListPage = await getJson(path, signal);
        items.push(...body.items);
        path = body.next ?? null;
      }
      return items;
    },
    getProgramme(id, viewer, signal) {
      return getJson<Programme>(`/api/programmes/${encodeURIComponent(id)}?${viewerQuery(viewer)}`, signal);
    },
    async search(q, viewer, signal) {
      try {
        const body = await getJson<SearchResults>(`/api/search?q=${encodeURIComponent(q)}&${viewerQuery(viewer)}`, signal);
        return body.items ?? [];
      } catch (err) {
        if (err instanceof ApiError && err.status === 404 && err.code === 'not_found' && /no route/.test(err.message)) return null;
        throw err;
      }
    },
    async listRegions(signal) {
      try {
        const body = await getJson<Partial<RegionsResponse> | null>('/api/regions', signal);
        const regions = normalizeRegions(body);
        return regions ? { regions, current: typeof body?.current === 'string' ? body.current : null, selectable: body?.selectable !== false } : null;
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw err;
        return null;
      }
    },
    async listChannels(viewer, signal) {
      const body = await getJson<ChannelList>(`/api/channels?${viewerQuery(viewer)}`, signal);
      return body.items ?? [];
    },
    getChannel(id, viewer, signal) {
      return getJson<Channel>(channelApiPath(id, viewer), signal);
    },
    async getChannelGuide(id, viewer, range = {}, signal) {
      const q = new URLSearchParams(viewerQuery(viewer));
      if (range.from) q.set('from', range.from.toISOString());
      if (range.to) q.set('to', range.to.toISOString());
      const body = await getJson<ChannelGuide>(`/api/channels/${encodeURIComponent(id)}/guide?${q}`, signal);
      return body.items ?? [];
    },
  };
}

/** GET /api/channels/:id for this viewer: main.ts starts it early under the same path, the API takes it over. */
export function channelApiPath(id: string, viewer: Viewer): string {
  return `/api/channels/${encodeURIComponent(id)}?${viewerQuery(viewer)}`;
}
