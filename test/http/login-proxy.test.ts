// Sign-in rate limits count the client's address: behind a trusted proxy
// (PODIUM_TRUST_PROXY) the one X-Forwarded-For carries, so clients behind one proxy are limited
// apart; without the setting the header is ignored, so a client cannot dodge a limit by
// inventing addresses.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createAccount, login, PASSWORD } from '../helpers/studio.js';

const failTimes = async (app: TestApp, email: string, n: number, headers: Record<string, string>) => {
  for (let i = 0; i < n; i++) expect((await login(app, email, `wrong password ${i}`, headers)).status).to.equal(401);
};

describe('HTTP: sign-in rate limits and the client address behind a proxy', function () {
  describe('PODIUM_TRUST_PROXY=loopback (a reverse proxy on this host)', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp({ settings: { trustProxy: 'loopback' } });
    });
    after(() => app?.close());

    it('limits each forwarded client apart: one locked out, another (same account) still signs in', async () => {
      const { email } = await createAccount(app, 'editor');
      await failTimes(app, email, 5, { 'x-forwarded-for': '203.0.113.7' });
      const locked = await login(app, email, PASSWORD, { 'x-forwarded-for': '203.0.113.7' });
      expect(locked.status).to.equal(429);
      expect((await login(app, email, PASSWORD, { 'x-forwarded-for': '198.51.100.23' })).status).to.equal(200);
    });

    it('counts the address the trusted proxy appended, not what the client put before it', async () => {
      const { email } = await createAccount(app, 'editor');
      // The client claims a new address each time; the proxy appends the real one last.
      for (let i = 0; i < 5; i++) expect((await login(app, email, `wrong ${i}`, { 'x-forwarded-for': `10.9.9.${i}, 203.0.113.99` })).status).to.equal(401);
      expect((await login(app, email, PASSWORD, { 'x-forwarded-for': '10.9.9.200, 203.0.113.99' })).status).to.equal(429);
    });

    it('the per-address limit (credential stuffing) is kept per forwarded client', async () => {
      const limiter = app.podium.accounts.ipLimiter;
      for (let i = 0; i < 50; i++) await limiter.failure('*', '203.0.113.50');
      try {
        const { email } = await createAccount(app, 'editor');
        expect((await login(app, email, PASSWORD, { 'x-forwarded-for': '203.0.113.50' })).status).to.equal(429);
        expect((await login(app, email, PASSWORD, { 'x-forwarded-for': '203.0.113.51' })).status).to.equal(200);
      } finally {
        await limiter.success('*', '203.0.113.50');
      }
    });
  });

  describe('without PODIUM_TRUST_PROXY', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp();
    });
    after(() => app?.close());

    it('ignores X-Forwarded-For: made-up addresses do not escape the limit', async () => {
      const { email } = await createAccount(app, 'editor');
      for (let i = 0; i < 5; i++) expect((await login(app, email, `wrong ${i}`, { 'x-forwarded-for': `203.0.113.${i}` })).status).to.equal(401);
      expect((await login(app, email, PASSWORD, { 'x-forwarded-for': '198.51.100.1' })).status).to.equal(429);
    });
  });
});
