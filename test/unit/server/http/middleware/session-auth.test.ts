// The one auth middleware (server/http/middleware/session-auth.ts) and the cookie helpers, without a server:
// who is calling (bearer, then session cookie with CSRF on unsafe methods) and the permission guard.
import { expect } from 'chai';
import type { Request, RequestHandler, Response } from 'express';
import { CsrfTokens, type AccountService, type Principal } from '../../../../../server/accounts/index.js';
import { readCookie, sessionCookie } from '../../../../../server/http/cookies.js';
import { authenticateRequest, principalOf, requirePermission } from '../../../../../server/http/middleware/session-auth.js';

type Req = Partial<Request> & { principal?: Principal; headers: Record<string, string> };

function req(init: { method?: string; headers?: Record<string, string>; body?: unknown; principal?: Principal }): Req {
  const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: init.method ?? 'GET', headers, body: init.body, principal: init.principal, get: ((n: string) => headers[n.toLowerCase()]) as Request['get'] };
}

/** Runs a middleware; resolves 'next' or the error it threw/passed. */
async function run(mw: RequestHandler, r: Req): Promise<unknown> {
  try {
    let passed: unknown = undefined;
    let called = false;
    await mw(r as Request, {} as Response, (e?: unknown) => {
      called = true;
      passed = e;
    });
    return called && passed === undefined ? 'next' : passed;
  } catch (e) {
    return e;
  }
}

const editor: Principal = { id: 'a1', role: 'editor', via: 'token' };
const translator: Principal = { id: 'a2', role: 'translator', via: 'session', sessionId: 's'.repeat(43) };

const fakeService = {
  async authenticate(token: string) {
    return token === 'good' ? editor : null;
  },
  async authenticateSession(sid: unknown) {
    return sid === translator.sessionId ? translator : null;
  },
} as unknown as AccountService;

describe('session auth middleware', () => {
  const csrf = new CsrfTokens('c'.repeat(32));
  const authenticate = authenticateRequest({ accounts: fakeService, csrf, cookieName: 'podium_session' });
  /** Runs authenticateRequest, then asks who the caller is: the principal, or the 401/403 it would get. */
  async function who(r: Req): Promise<unknown> {
    expect(await run(authenticate, r)).to.equal('next'); // lenient: never refuses by itself
    try {
      return principalOf(r as Request);
    } catch (e) {
      return e;
    }
  }

  it('authenticates bearer tokens, then session cookies', async () => {
    expect(await who(req({ headers: { Authorization: 'Bearer good' } }))).to.equal(editor);
    expect(await who(req({ headers: { Cookie: `theme=dark; podium_session=${translator.sessionId}` } }))).to.equal(translator);
    expect(await who(req({}))).to.have.property('status', 401);
  });

  it('a wrong bearer token is 401 even with a valid cookie', async () => {
    for (const h of ['Bearer bad', 'Basic Zm9vOmJhcg==', 'Bearer', `Bearer ${'x'.repeat(600)}`]) {
      const e = await who(req({ headers: { Authorization: h, Cookie: `podium_session=${translator.sessionId}` } }));
      expect(e, h).to.have.property('code', 'unauthorized');
    }
  });

  it('requirePermission: 401 without principal, 403 without permission', async () => {
    expect(await run(requirePermission('localization:write'), req({}))).to.have.property('status', 401);
    expect(await run(requirePermission('localization:write'), req({ principal: translator }))).to.equal('next');
    expect(await run(requirePermission('availability:write'), req({ principal: translator }))).to.have.property('status', 403);
    expect(await run(requirePermission('availability:write'), req({ principal: editor }))).to.equal('next');
  });

  it('checks the CSRF token of cookie sessions on unsafe methods only', async () => {
    const cookie = `podium_session=${translator.sessionId}`;
    const token = csrf.issue(translator.sessionId!);
    expect(await who(req({ method: 'GET', headers: { Cookie: cookie } }))).to.equal(translator);
    expect(await who(req({ method: 'PUT', headers: { Cookie: cookie } }))).to.have.property('status', 403);
    expect(await who(req({ method: 'PUT', headers: { Cookie: cookie, 'X-CSRF-Token': token } }))).to.equal(translator);
    expect(await who(req({ method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf.issue('other') } }))).to.have.property('status', 403);
    expect(await who(req({ method: 'DELETE', headers: { Authorization: 'Bearer good' } }))).to.equal(editor); // bearer: no ambient credential
  });
});

describe('cookies', () => {
  it('reads cookies defensively and builds strict session cookies', () => {
    const header = 'a=1; b=two; a=3; bad; c=%E0%A4%A; d=%20x';
    expect([readCookie(header, 'a'), readCookie(header, 'b'), readCookie(header, 'c'), readCookie(header, 'd'), readCookie(header, 'bad')]).to.deep.equal(['1', 'two', undefined, ' x', undefined]);
    expect(readCookie(undefined, 'a')).to.equal(undefined);
    expect(readCookie('__proto__=x', 'constructor')).to.equal(undefined);
    expect(readCookie(`${'x=1; '.repeat(3000)}late=1`, 'late'), 'only the first 8 KiB are read').to.equal(undefined);
    expect(sessionCookie({ name: '__Host-podium_session', secure: true }, 'abc', 3600)).to.equal(
      '__Host-podium_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure',
    );
    expect(sessionCookie({ name: 'podium_session', secure: false }, '', -5)).to.equal('podium_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });
});
