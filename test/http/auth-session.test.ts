// Studio sign-in against the real app: sessions, cookie flags, CSRF, rate limiting, roles,
// API tokens and the bootstrap admin account.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { body, createAccount, login, PASSWORD, signIn } from '../helpers/studio.js';

describe('HTTP auth: sessions, CSRF, roles, API tokens', function () {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ settings: { adminEmail: 'boss@podium.test', adminPassword: 'a very long admin password' } });
  });
  after(() => app?.close());

  describe('login', () => {
    it('signs an account in: session cookie HttpOnly, SameSite=Strict, Path=/, with a CSRF token; /me knows the caller', async () => {
      const { email } = await createAccount(app, 'editor');
      const res = await login(app, email);
      expect(res.status).to.equal(200);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).to.match(/^podium_session=[A-Za-z0-9_-]{43}; /);
      expect(cookie).to.include('HttpOnly').and.include('SameSite=Strict').and.include('Path=/').and.match(/Max-Age=43200/);
      const b = await body<{ account: { email: string; role: string }; csrfToken: string }>(res);
      expect(b.account).to.include({ email, role: 'editor' });
      expect(b.csrfToken).to.be.a('string');
      const me = await fetch(`${app.baseUrl}/api/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
      expect(me.status).to.equal(200);
      expect(await body(me)).to.deep.include({ role: 'editor', via: 'session' });
    });

    it('answers 401 to a wrong password and an unknown e-mail with the same message, and sets no cookie', async () => {
      const { email } = await createAccount(app, 'editor');
      const wrong = await login(app, email, 'not the password at all');
      const unknown = await login(app, 'nobody@podium.test', PASSWORD);
      expect(wrong.status).to.equal(401);
      expect(unknown.status).to.equal(401);
      expect(wrong.headers.get('set-cookie')).to.equal(null);
      expect((await body<{ error: { message: string } }>(wrong)).error.message).to.equal((await body<{ error: { message: string } }>(unknown)).error.message);
    });

    it('rate-limits failed sign-ins: 429 with Retry-After, even with the right password afterwards', async () => {
      const { email } = await createAccount(app, 'editor');
      for (let i = 0; i < 5; i++) expect((await login(app, email, 'wrong password number ' + i)).status).to.equal(401);
      const limited = await login(app, email);
      expect(limited.status).to.equal(429);
      expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 15 * 60);
      expect((await body<{ error: { code: string } }>(limited)).error.code).to.equal('too_many_requests');
    });

    it('rate-limits one address trying many accounts (credential stuffing)', async () => {
      const limiter = app.podium.accounts.ipLimiter;
      for (let i = 0; i < 50; i++) await limiter.failure('*', '127.0.0.1');
      try {
        const { email } = await createAccount(app, 'editor');
        const res = await login(app, email);
        expect(res.status).to.equal(429);
        expect(res.headers.get('retry-after')).to.match(/^\d+$/);
      } finally {
        await limiter.success('*', '127.0.0.1');
      }
    });

    it('400 names the field for a malformed body; 403 for a sign-in posted from another site', async () => {
      const res = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@y.z' }) });
      expect(res.status).to.equal(400);
      expect((await body<{ error: { field: string } }>(res)).error.field).to.equal('password');
      const { email } = await createAccount(app, 'editor');
      expect((await login(app, email, PASSWORD, { origin: 'https://evil.example' })).status).to.equal(403);
    });

    it('creates the first admin from PODIUM_ADMIN_EMAIL / PODIUM_ADMIN_PASSWORD', async () => {
      const s = await signIn(app, 'boss@podium.test', 'a very long admin password');
      expect(await body(await s.fetch('/api/auth/me'))).to.deep.include({ role: 'admin', via: 'session' });
    });

    it('logout ends the session (the cookie no longer works) and clears the cookie', async () => {
      const { email } = await createAccount(app, 'translator');
      const s = await signIn(app, email);
      const out = await s.fetch('/api/auth/logout', { method: 'POST' });
      expect(out.status).to.equal(204);
      expect(out.headers.get('set-cookie')).to.match(/^podium_session=; .*Max-Age=0/);
      expect((await s.fetch('/api/auth/me')).status).to.equal(401);
    });
  });

  describe('CSRF on session requests', () => {
    it('refuses an unsafe session request without a valid X-CSRF-Token (403) and accepts it with one', async () => {
      const { email } = await createAccount(app, 'editor');
      const s = await signIn(app, email);
      const json = { localizations: { en: { title: 'CSRF test' } } };
      const without = await s.fetch('/api/programmes', { method: 'POST', json, csrf: false });
      expect(without.status).to.equal(403);
      expect((await body<{ error: { message: string } }>(without)).error.message).to.match(/CSRF/);
      const forged = await s.fetch('/api/programmes', { method: 'POST', json, headers: { 'x-csrf-token': 'AAAAAAAAAAAAAAAAAAAAAA.' + 'A'.repeat(43) }, csrf: false });
      expect(forged.status).to.equal(403);
      // a token of another session is useless here
      const other = await signIn(app, email);
      const crossed = await s.fetch('/api/programmes', { method: 'POST', json, headers: { 'x-csrf-token': other.csrfToken }, csrf: false });
      expect(crossed.status).to.equal(403);
      const ok = await s.fetch('/api/programmes', { method: 'POST', json });
      expect(ok.status).to.equal(201);
    });

    it('a stray session cookie does not break public viewer routes', async () => {
      const { email } = await createAccount(app, 'editor');
      const s = await signIn(app, email);
      const anonymous = (await app.api('/api/programmes/00000000-0000-4000-8000-000000000000')).status;
      expect(anonymous).to.equal(404);
      expect((await s.fetch('/api/programmes/00000000-0000-4000-8000-000000000000', { csrf: false })).status).to.equal(anonymous);
      // job status is not a viewer route: anonymous 401, the session (a GET needs no CSRF token) reads it
      expect((await app.api('/api/jobs/00000000-0000-4000-8000-000000000000')).status).to.equal(401);
      expect((await s.fetch('/api/jobs/00000000-0000-4000-8000-000000000000', { csrf: false })).status).to.equal(404);
      // an unsafe public request with the cookie but no CSRF token is simply anonymous, not refused
      const res = await s.fetch('/api/nowhere', { method: 'POST', csrf: false });
      expect(res.status).to.equal(404);
    });
  });

  describe('roles', () => {
    it('a translator may not create programmes (403)', async () => {
      const { email } = await createAccount(app, 'translator');
      const s = await signIn(app, email);
      const res = await s.fetch('/api/programmes', { method: 'POST', json: { localizations: { en: { title: 'Nope' } } } });
      expect(res.status).to.equal(403);
    });

    it('no credentials → 401 on editor routes and on /api/auth/me', async () => {
      expect((await app.api('/api/auth/me')).status).to.equal(401);
      const res = await app.api('/api/programmes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).to.equal(401);
    });
  });

  describe('API tokens', () => {
    it('are created (secret shown once), used as Bearer without CSRF, listed by hint, and revoked', async () => {
      const { email } = await createAccount(app, 'editor');
      const s = await signIn(app, email);
      const created = await s.fetch('/api/tokens', { method: 'POST', json: { name: 'ingest script' } });
      expect(created.status).to.equal(201);
      const t = await body<{ token: string; id: string; hint: string }>(created);
      expect(t.token).to.match(/^podium_pat_/);
      const bearer = { authorization: `Bearer ${t.token}` };

      const me = await fetch(`${app.baseUrl}/api/auth/me`, { headers: bearer });
      expect(await body(me)).to.deep.include({ role: 'editor', via: 'token' });
      const made = await fetch(`${app.baseUrl}/api/programmes`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ localizations: { en: { title: 'By script' } } }),
      });
      expect(made.status).to.equal(201);

      const list = await body<{ items: Record<string, unknown>[] }>(await s.fetch('/api/tokens'));
      expect(list.items.map((i) => i.id)).to.include(t.id);
      expect(JSON.stringify(list)).not.to.include(t.token);

      expect((await s.fetch(`/api/tokens/${t.id}`, { method: 'DELETE' })).status).to.equal(204);
      expect((await fetch(`${app.baseUrl}/api/auth/me`, { headers: bearer })).status).to.equal(401);
      expect((await s.fetch(`/api/tokens/${t.id}`, { method: 'DELETE' })).status).to.equal(404);
    });

    it('the bootstrap PODIUM_ADMIN_TOKEN still works as an admin', async () => {
      const me = await app.api('/api/auth/me', { auth: true });
      expect(await body(me)).to.deep.include({ role: 'admin', via: 'bootstrap' });
    });
  });

  it('OpenAPI describes the studio routes from their schemas', async () => {
    const doc = await body<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>> }>(
      await app.api('/api/openapi.json'),
    );
    for (const [p, m] of [
      ['/api/auth/login', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/auth/me', 'get'],
      ['/api/tokens', 'post'],
      ['/api/tokens', 'get'],
      ['/api/tokens/{id}', 'delete'],
      ['/api/studio/programmes', 'get'],
      ['/api/studio/programmes/{id}', 'get'],
      ['/api/uploads', 'post'],
      ['/api/jobs/{id}/events', 'get'],
    ] as const) {
      expect(doc.paths[p]?.[m], `${m} ${p}`).to.be.an('object');
    }
    expect(doc.paths['/api/auth/login']!.post!.requestBody!.content['application/json']!.schema.required).to.have.members(['email', 'password']);
  });
});

describe('HTTP auth: behind HTTPS (PODIUM_SECURE_COOKIES=true)', function () {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ settings: { secureCookies: 'true' } });
  });
  after(() => app?.close());

  it('names the cookie __Host-podium_session and marks it Secure', async () => {
    const { email } = await createAccount(app, 'editor');
    const res = await login(app, email);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).to.match(/^__Host-podium_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    // the server reads the __Host- cookie back
    const me = await fetch(`${app.baseUrl}/api/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).to.equal(200);
  });
});
