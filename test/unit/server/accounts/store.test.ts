import { expect } from 'chai';
import { DataTypes, type Sequelize } from 'sequelize';
import { up as addAccountLanguage } from '../../../../server/db/migrations/0070-account-language.js';
import {
  AccountStore,
  AccountService,
  PasswordHasher,
  LoginRateLimiter,
  MemoryRateLimitStore,
  accountsMigrationUp,
  accountsMigrationDown,
  sha256Hex,
} from '../../../../server/accounts/index.js';
import { pgSchema, sqliteMemory } from '../search/helpers.js';

const CHEAP = { memoryCost: 256, timeCost: 1, parallelism: 1 };

function suite(name: string, open: () => Promise<{ sequelize: Sequelize; close(): Promise<void> }>) {
  describe(`accounts store and service (${name})`, function () {
    let db: { sequelize: Sequelize; close(): Promise<void> };
    let t: Date;
    let store: AccountStore;
    let service: AccountService;
    const now = () => t;

    before(async function () {
      try {
        db = await open();
      } catch (e) {
        if (process.env.CI === 'true') throw e;
        console.warn(`    (skipped: ${(e as Error).message})`);
        this.skip();
      }
      await accountsMigrationUp({ context: db.sequelize.getQueryInterface() });
      // the column a later migration added to the accounts table (issue 15: the editor's language)
      await db.sequelize.transaction((transaction) => addAccountLanguage({ qi: db.sequelize.getQueryInterface(), transaction, DataTypes }));
    });
    beforeEach(() => {
      t = new Date('2026-07-24T00:00:00Z');
      store = new AccountStore(db.sequelize, now);
      service = new AccountService({
        store,
        hasher: new PasswordHasher(CHEAP),
        limiter: new LoginRateLimiter({ store: new MemoryRateLimitStore(), maxFailures: 3, now }),
        sessionTtlSec: 3600,
        bootstrapToken: 'bootstrap-admin-token-0123456789',
      });
    });
    after(async () => db && (await db.close()));

    it('creates accounts with validated input and a hashed password', async () => {
      const a = await service.createAccount({ email: ' Editor@Example.ORG ', role: 'editor', password: 'a long passphrase', displayName: 'Ed' });
      expect(a).to.deep.include({ email: 'editor@example.org', role: 'editor', displayName: 'Ed', disabled: false });
      const row = await store.findForLogin('EDITOR@example.org');
      expect(row!.passwordHash).to.match(/^\$argon2id\$/);
      let err: unknown;
      await service.createAccount({ email: 'not-an-email', role: 'editor', password: 'a long passphrase' }).catch((e) => (err = e));
      expect(JSON.stringify((err as { issues: unknown }).issues)).to.contain('email');
      err = undefined;
      await service.createAccount({ email: 'x@example.org', role: 'root' as never, password: 'a long passphrase' }).catch((e) => (err = e));
      expect(JSON.stringify((err as { issues: unknown }).issues)).to.contain('role');
      err = undefined;
      await service.createAccount({ email: 'editor@example.org', role: 'editor', password: 'a long passphrase' }).catch((e) => (err = e));
      expect(err, 'duplicate email').to.be.instanceOf(Error);
    });

    it('logs in, opens a session stored only as a digest, and logs out', async () => {
      await service.createAccount({ email: 'tr@example.org', role: 'translator', password: 'translate all the things' });
      const r = await service.login('TR@example.org', 'translate all the things', '10.1.1.1');
      if (!r.ok) throw new Error(r.reason);
      expect(r.sessionId).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(r.expiresAt.toISOString()).to.equal('2026-07-24T01:00:00.000Z');
      const [rows] = await db.sequelize.query('SELECT id_hash FROM sessions');
      expect((rows as { id_hash: string }[]).map((x) => x.id_hash)).to.include(sha256Hex(r.sessionId)).and.not.include(r.sessionId);
      expect(await service.authenticateSession(r.sessionId)).to.deep.include({ role: 'translator', via: 'session', sessionId: r.sessionId });
      t = new Date('2026-07-24T01:00:00Z');
      expect(await service.authenticateSession(r.sessionId)).to.equal(null);
      t = new Date('2026-07-24T00:30:00Z');
      await service.logout(r.sessionId);
      expect(await service.authenticateSession(r.sessionId)).to.equal(null);
      expect(await service.authenticateSession('garbage')).to.equal(null);
    });

    it('answers the same for unknown email, wrong password and disabled account, and rate-limits', async () => {
      const a = await service.createAccount({ email: 'ops@example.org', role: 'editor', password: 'operations passphrase' });
      expect(await service.login('nobody@example.org', 'operations passphrase', 'ip')).to.deep.equal({ ok: false, reason: 'invalid_credentials' });
      expect(await service.login('ops@example.org', 'wrong passphrase!!', 'ip')).to.deep.equal({ ok: false, reason: 'invalid_credentials' });
      await store.update(a.id, { disabled: true });
      expect(await service.login('ops@example.org', 'operations passphrase', 'ip2')).to.deep.equal({ ok: false, reason: 'invalid_credentials' });
      await store.update(a.id, { disabled: false });
      await service.login('ops@example.org', 'wrong passphrase!!', 'ip');
      await service.login('ops@example.org', 'wrong passphrase!!', 'ip');
      const limited = await service.login('ops@example.org', 'operations passphrase', 'ip');
      expect(limited).to.deep.include({ ok: false, reason: 'rate_limited' });
      expect((await service.login('ops@example.org', 'operations passphrase', 'other-ip')).ok).to.equal(true);
    });

    it('ends sessions when an account is disabled or its password changes', async () => {
      const a = await service.createAccount({ email: 'gone@example.org', role: 'editor', password: 'soon to be disabled' });
      const r = await service.login('gone@example.org', 'soon to be disabled', 'ip');
      if (!r.ok) throw new Error(r.reason);
      await store.update(a.id, { passwordHash: null });
      expect(await service.authenticateSession(r.sessionId)).to.equal(null);
    });

    it('re-hashes on login when parameters were raised', async () => {
      await service.createAccount({ email: 'old@example.org', role: 'editor', password: 'hashed long ago' });
      const stronger = new AccountService({
        store,
        hasher: new PasswordHasher({ ...CHEAP, timeCost: 2 }),
        limiter: new LoginRateLimiter({ store: new MemoryRateLimitStore() }),
      });
      expect((await stronger.login('old@example.org', 'hashed long ago', 'ip')).ok).to.equal(true);
      expect((await store.findForLogin('old@example.org'))!.passwordHash).to.contain('t=2');
    });

    it('API tokens: shown once, stored hashed, revocable, expiring', async () => {
      const a = await service.createAccount({ email: 'bot@example.org', role: 'editor', password: 'robots need passwords' });
      const { token, info } = await store.createApiToken(a.id, 'ci upload');
      expect(token.startsWith('podium_pat_')).to.equal(true);
      expect(info.hint).to.equal(`${token.slice(0, 15)}…`);
      const [rows] = await db.sequelize.query('SELECT token_hash FROM api_tokens');
      expect(JSON.stringify(rows)).to.contain(sha256Hex(token)).and.not.contain(token);
      expect(await service.authenticate(token)).to.deep.equal({ id: a.id, role: 'editor', via: 'token' });
      expect((await store.listApiTokens(a.id))[0]!.lastUsedAt?.toISOString()).to.equal(t.toISOString());
      expect(await store.revokeApiToken(info.id, 'someone-else')).to.equal(false);
      expect(await store.revokeApiToken(info.id, a.id)).to.equal(true);
      expect(await service.authenticate(token)).to.equal(null);
      const short = await store.createApiToken(a.id, 'short', { expiresAt: new Date('2026-07-24T00:05:00Z') });
      expect(await service.authenticate(short.token)).to.not.equal(null);
      t = new Date('2026-07-24T00:05:00Z');
      expect(await service.authenticate(short.token)).to.equal(null);
      expect(await service.authenticate('podium_pat_' + 'A'.repeat(43))).to.equal(null);
      expect(await service.authenticate('garbage')).to.equal(null);
    });

    it('accepts the bootstrap admin token', async () => {
      expect(await service.authenticate('bootstrap-admin-token-0123456789')).to.deep.equal({ id: 'admin-token', role: 'admin', via: 'bootstrap' });
      expect(await service.authenticate('bootstrap-admin-token-012345678')).to.equal(null);
    });

    it('deletes expired sessions', async () => {
      await service.createAccount({ email: 'hk@example.org', role: 'translator', password: 'housekeeping pass' });
      await service.login('hk@example.org', 'housekeeping pass', 'ip');
      t = new Date('2026-07-25T00:00:00Z');
      expect(await store.deleteExpiredSessions()).to.be.at.least(1);
    });

    it('migrates down cleanly', async () => {
      const qi = db.sequelize.getQueryInterface();
      await accountsMigrationDown({ context: qi });
      await accountsMigrationUp({ context: qi });
      await db.sequelize.transaction((transaction) => addAccountLanguage({ qi, transaction, DataTypes }));
      expect(await store.findForLogin('editor@example.org')).to.equal(null);
    });
  });
}

suite('SQLite', async () => {
  const sequelize = sqliteMemory();
  return { sequelize, close: () => sequelize.close() };
});
suite('PostgreSQL', async () => {
  const s = await pgSchema('podium_accounts_test');
  return { sequelize: s.sequelize, close: () => s.drop() };
});
