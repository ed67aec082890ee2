// The player's only view of the server: the catalog JSON API. Passed into pages as a small
// interface so tests (and a later offline/CDN catalog) can swap it. Every call carries the
// viewer's language and region (?lang=, ?region=). The answers' shapes are the server's
// contracts (server/contracts/), imported as types only: no server code reaches the bundle.
import type { ProgrammeItem, ProgrammeListPage, RegionsResponse, SearchResults } from '../../../server/contracts/index.js';
import { CATALOG } from '../config.js';
import { normalizeRegions, type RegionInfo } from './regions.js';

/** A programme as GET /api/programmes and /api/programmes/:id serve it. */
export type Programme = ProgrammeItem;

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
}

/** A failed API call: `status` is the HTTP status (0 for a network failure), `code` the server's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For 451 unavailable_in_region: when the programme opens in this region (ISO 8601), if known. */
    readonly availableFrom: string | null = null,
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
    throw new ApiError(res.status, error?.code ?? 'http_' + res.status, error?.message ?? res.statusText, error?.availableFrom ?? null);
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
  };
}
