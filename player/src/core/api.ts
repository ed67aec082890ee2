// The player's only view of the server: the catalog JSON API. Passed into pages as a small
// interface so tests (and a later offline/CDN catalog) can swap it.

export type ProgrammeStatus = string;

export interface Programme {
  id: string;
  title: string;
  synopsis: string | null;
  locale: string;
  status: ProgrammeStatus;
  durationSec: number | null;
  poster: string | null;
  hls: string | null;
}

export interface CatalogApi {
  listProgrammes(lang: string, signal?: AbortSignal): Promise<Programme[]>;
  getProgramme(id: string, lang: string, signal?: AbortSignal): Promise<Programme>;
}

/** A failed API call: `status` is the HTTP status (0 for a network failure), `code` the server's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function createHttpCatalogApi(baseUrl = '', fetchImpl: typeof fetch = (...a) => fetch(...a)): CatalogApi {
  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    let res: Response;
    try {
      res = await fetchImpl(baseUrl + path, { headers: { accept: 'application/json' }, signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'network', (err as Error).message);
    }
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (!res.ok) {
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(res.status, error?.code ?? 'http_' + res.status, error?.message ?? res.statusText);
    }
    return body as T;
  }

  return {
    async listProgrammes(lang, signal) {
      const body = await getJson<{ items: Programme[] }>(`/api/programmes?lang=${encodeURIComponent(lang)}`, signal);
      return body.items;
    },
    getProgramme(id, lang, signal) {
      return getJson<Programme>(`/api/programmes/${encodeURIComponent(id)}?lang=${encodeURIComponent(lang)}`, signal);
    },
  };
}
