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

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') Object.assign(headers, csrfHeaders());
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
    signal: init.signal,
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
  if (!res.ok) {
    const e = data?.error;
    throw new ApiFailure(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.field);
  }
  return data as T;
}

export interface Me {
  account: { id: string; email: string; displayName: string; role: string } | null;
  role: 'admin' | 'editor' | 'translator';
  via: 'session' | 'token' | 'bootstrap';
  permissions: string[];
  csrfToken?: string;
}
