// Studio test helpers: accounts created through the real AccountService, sign-in through the
// real /api/auth/login, and fetch() carrying the session cookie and CSRF token like the studio.
import type { Role } from '../../server/accounts/index.js';
import type { TestApp } from './app.js';

export const PASSWORD = 'correct horse battery staple';

let n = 0;
export async function createAccount(app: TestApp, role: Role, email = `${role}-${++n}-${Date.now()}@podium.test`): Promise<{ email: string; password: string }> {
  await app.podium.accounts.service.createAccount({ email, password: PASSWORD, role });
  return { email, password: PASSWORD };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  setCookie: string;
  /** fetch() relative to the app with the session cookie, plus X-CSRF-Token unless `csrf: false`. */
  fetch(pathname: string, init?: RequestInit & { csrf?: boolean; json?: unknown }): Promise<Response>;
}

export async function login(app: TestApp, email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

export async function signIn(app: TestApp, email: string, password = PASSWORD): Promise<Session> {
  const res = await login(app, email, password);
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    setCookie,
    fetch(pathname, init = {}) {
      const { csrf = true, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('cookie', cookie);
      if (csrf) headers.set('x-csrf-token', csrfToken);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(app.baseUrl + pathname, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
  };
}

export async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
