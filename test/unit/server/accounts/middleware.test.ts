import { expect } from 'chai';
import type { Request, RequestHandler, Response } from 'express';
import {
  createAuthenticate,
  requirePermission,
  requireRole,
  requireCsrf,
  parseCookies,
  sessionCookie,
  CsrfTokens,
  type AccountService,
  type Principal,
} from '../../../../server/accounts/index.js';

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

describe('accounts middleware', () => {
  const authenticate = createAuthenticate(fakeService, 'podium_session');

  it('authenticates bearer tokens, then session cookies', async () => {
    const a = req({ headers: { Authorization: 'Bearer good' } });
    expect(await run(authenticate, a)).to.equal('next');
    expect(a.principal).to.equal(editor);
    const b = req({ headers: { Cookie: `theme=dark; podium_session=${translator.sessionId}` } });
    expect(await run(authenticate, b)).to.equal('next');
    expect(b.principal).to.equal(translator);
    const c = req({});
    expect(await run(authenticate, c)).to.equal('next');
    expect(c.principal).to.equal(undefined);
  });

  it('a wrong bearer token is 401 even with a valid cookie', async () => {
    for (const h of ['Bearer bad', 'Basic Zm9vOmJhcg==', 'Bearer', `Bearer ${'x'.repeat(600)}`]) {
      const e = await run(authenticate, req({ headers: { Authorization: h, Cookie: `podium_session=${translator.sessionId}` } }));
      expect(e, h).to.have.property('code', 'unauthorized');
    }
  });

  it('requirePermission: 401 without principal, 403 without permission', async () => {
    expect(await run(requirePermission('localization:write'), req({}))).to.have.property('status', 401);
    expect(await run(requirePermission('localization:write'), req({ principal: translator }))).to.equal('next');
    expect(await run(requirePermission('availability:write'), req({ principal: translator }))).to.have.property('status', 403);
    expect(await run(requirePermission('availability:write'), req({ principal: editor }))).to.equal('next');
    expect(await run(requireRole('admin'), req({ principal: editor }))).to.have.property('code', 'forbidden');
    expect(await run(requireRole('admin', 'editor'), req({ principal: editor }))).to.equal('next');
  });

  it('requireCsrf checks cookie sessions on unsafe methods only', async () => {
    const csrf = new CsrfTokens('c'.repeat(32));
    const mw = requireCsrf(csrf);
    const token = csrf.issue(translator.sessionId!);
    expect(await run(mw, req({ method: 'GET', principal: translator }))).to.equal('next');
    expect(await run(mw, req({ method: 'PUT', principal: translator }))).to.have.property('status', 403);
    expect(await run(mw, req({ method: 'PUT', principal: translator, headers: { 'X-CSRF-Token': token } }))).to.equal('next');
    expect(await run(mw, req({ method: 'POST', principal: translator, body: { _csrf: token } }))).to.equal('next');
    expect(await run(mw, req({ method: 'POST', principal: translator, body: { _csrf: csrf.issue('other') } }))).to.have.property('status', 403);
    expect(await run(mw, req({ method: 'DELETE', principal: editor }))).to.equal('next'); // bearer: no ambient credential
  });

  it('parses cookies defensively and builds strict session cookies', () => {
    expect(parseCookies('a=1; b="two"; a=3; bad; c=%E0%A4%A; d=%20x')).to.deep.equal({ a: '1', b: 'two', d: ' x' });
    expect(parseCookies(undefined)).to.deep.equal({});
    expect(Object.getPrototypeOf(parseCookies('__proto__=x'))).to.equal(null);
    expect(sessionCookie({ name: '__Host-podium_session', secure: true }, 'abc', 3600)).to.equal(
      '__Host-podium_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure',
    );
    expect(sessionCookie({ name: 'podium_session', secure: false }, '', -5)).to.equal('podium_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });
});
