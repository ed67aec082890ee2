// fetch() for the studio: same-origin JSON, the session cookie, and the CSRF token on every
// unsafe request. The token lives in memory only (never in storage the player could read).
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

export interface ApiInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (e.g. If-Match). */
  headers?: Record<string, string>;
}

/** The JSON answer and its headers (e.g. an ETag); throws ApiFailure for an error answer. */
export async function apiResponse<T = unknown>(path: string, init: ApiInit = {}): Promise<{ data: T; headers: Headers }> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (method !== 'GET' && method !== 'HEAD') Object.assign(headers, csrfHeaders());
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
    signal: init.signal,
  });
  if (res.status === 204) return { data: undefined as T, headers: res.headers };
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
  if (!res.ok) {
    const e = data?.error;
    throw new ApiFailure(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.field);
  }
  return { data: data as T, headers: res.headers };
}

export async function api<T = unknown>(path: string, init: ApiInit = {}): Promise<T> {
  return (await apiResponse<T>(path, init)).data;
}

export interface Me {
  account: { id: string; email: string; displayName: string; role: string; language: string | null } | null;
  role: 'admin' | 'editor' | 'translator';
  via: 'session' | 'token' | 'bootstrap';
  permissions: string[];
  /** The studio's language for this editor (the account's preference, else Accept-Language). */
  locale: string;
  dir: 'ltr' | 'rtl';
  csrfToken?: string;
}
