import { expect } from 'chai';
import {
  can,
  ROLES,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  PasswordHasher,
  passwordProblem,
  MemoryRateLimitStore,
  LoginRateLimiter,
  CsrfTokens,
  newApiToken,
  looksLikeApiToken,
  sha256Hex,
  randomSecret,
  looksLikeSessionId,
} from '../../../../server/accounts/index.js';

const CHEAP = { memoryCost: 256, timeCost: 1, parallelism: 1 };

describe('roles', () => {
  it('translators edit localizations only', () => {
    expect(can('translator', 'localization:write')).to.equal(true);
    for (const p of ['programme:create', 'programme:update', 'programme:publish', 'source:upload', 'availability:write', 'account:manage'] as const) {
      expect(can('translator', p), p).to.equal(false);
    }
  });
  it('editors run the catalog but not accounts; admins do everything', () => {
    expect(can('editor', 'availability:write')).to.equal(true);
    expect(can('editor', 'source:upload')).to.equal(true);
    expect(can('editor', 'account:manage')).to.equal(false);
    for (const p of PERMISSIONS) expect(can('admin', p)).to.equal(true);
  });
  it('every role is in the table and unknown roles may do nothing', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).to.deep.equal([...ROLES].sort());
    expect(can(null, 'programme:read')).to.equal(false);
    expect(can('root' as never, 'programme:read')).to.equal(false);
  });
});

describe('passwords (argon2id)', () => {
  const hasher = new PasswordHasher(CHEAP);

  it('hashes with argon2id and verifies', async () => {
    const h = await hasher.hash('correct horse battery');
    expect(h).to.match(/^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
    expect(await hasher.verify(h, 'correct horse battery')).to.equal(true);
    expect(await hasher.verify(h, 'correct horse batterY')).to.equal(false);
    expect(await hasher.hash('correct horse battery')).not.to.equal(h); // salted
  });

  it('treats NFC and NFD spellings alike', async () => {
    const h = await hasher.hash('mot de passe d’été');
    expect(await hasher.verify(h, 'mot de passe d’été'.normalize('NFD'))).to.equal(true);
  });

  it('never throws on bad input', async () => {
    expect(await hasher.verify('not-a-hash', 'whatever12345')).to.equal(false);
    expect(await hasher.verify(null, 'whatever12345')).to.equal(false);
    expect(await hasher.verify('$argon2id$v=19$m=256,t=1,p=1$AAAA$BBBB', 'x')).to.equal(false);
    expect(await hasher.verify('x', 42)).to.equal(false);
    expect(await hasher.verify('x', 'a'.repeat(100_000))).to.equal(false);
  });

  it('enforces the policy and flags old parameters', async () => {
    expect(passwordProblem('short')).to.match(/at least 12/);
    expect(passwordProblem(' '.repeat(20))).to.match(/spaces/);
    expect(passwordProblem('x'.repeat(300))).to.match(/at most/);
    expect(passwordProblem('long enough passphrase')).to.equal(null);
    let err: unknown;
    await hasher.hash('short').catch((e) => (err = e));
    expect(String(err)).to.match(/at least/);
    const h = await hasher.hash('long enough passphrase');
    expect(hasher.needsRehash(h)).to.equal(false);
    expect(new PasswordHasher({ ...CHEAP, timeCost: 2 }).needsRehash(h)).to.equal(true);
    expect(hasher.needsRehash('garbage')).to.equal(true);
  });
});

describe('secrets', () => {
  it('API tokens are random, prefixed and recognizable; stored as sha256 hex', () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a).not.to.equal(b);
    expect(looksLikeApiToken(a)).to.equal(true);
    expect(looksLikeApiToken(`${a}x`)).to.equal(false);
    expect(looksLikeApiToken('podium_pat_' + '!'.repeat(43))).to.equal(false);
    expect(sha256Hex(a)).to.match(/^[0-9a-f]{64}$/);
    expect(looksLikeSessionId(randomSecret())).to.equal(true);
    expect(looksLikeSessionId('../../x')).to.equal(false);
  });
});

describe('login rate limiting', () => {
  it('blocks an (account, IP) pair after 5 failures in 15 minutes, sliding', async () => {
    let t = new Date('2026-07-24T00:00:00Z');
    const limiter = new LoginRateLimiter({ store: new MemoryRateLimitStore(), now: () => t });
    for (let i = 0; i < 5; i++) {
      expect((await limiter.check('Ed@Example.org', '10.0.0.1')).allowed).to.equal(true);
      await limiter.failure('Ed@Example.org', '10.0.0.1');
      t = new Date(t.getTime() + 60_000);
    }
    const blocked = await limiter.check('ed@example.org ', '10.0.0.1');
    expect(blocked).to.deep.equal({ allowed: false, retryAfterSec: 600 });
    expect((await limiter.check('ed@example.org', '10.0.0.2')).allowed).to.equal(true);
    expect((await limiter.check('other@example.org', '10.0.0.1')).allowed).to.equal(true);
    t = new Date(t.getTime() + 600_000); // the first failure leaves the window
    expect((await limiter.check('ed@example.org', '10.0.0.1')).allowed).to.equal(true);
  });

  it('a success clears the failures', async () => {
    const limiter = new LoginRateLimiter({ store: new MemoryRateLimitStore(), maxFailures: 2 });
    await limiter.failure('a', 'ip');
    await limiter.success('a', 'ip');
    await limiter.failure('a', 'ip');
    expect((await limiter.check('a', 'ip')).allowed).to.equal(true);
  });

  it('the in-memory store is bounded', async () => {
    const store = new MemoryRateLimitStore(100, 3);
    for (let i = 0; i < 1000; i++) await store.hit(`k${i}`, 1000, 60_000);
    expect(store.size).to.equal(100);
    for (let i = 0; i < 10; i++) await store.hit('k999', 1000 + i, 60_000);
    expect((await store.peek('k999', 2000, 60_000)).count).to.equal(3);
  });
});

describe('CSRF tokens', () => {
  const csrf = new CsrfTokens('c'.repeat(32));
  it('are bound to the session and fresh per issue', () => {
    const a = csrf.issue('session-a');
    expect(csrf.verify('session-a', a)).to.equal(true);
    expect(csrf.issue('session-a')).not.to.equal(a);
    expect(csrf.verify('session-b', a)).to.equal(false);
    expect(new CsrfTokens('d'.repeat(32)).verify('session-a', a)).to.equal(false);
  });
  it('reject garbage', () => {
    for (const t of [undefined, '', 'x.y', 42, 'a'.repeat(500), `${csrf.issue('s')}x`]) expect(csrf.verify('s', t)).to.equal(false);
    expect(csrf.verify(null, csrf.issue('s'))).to.equal(false);
    expect(() => new CsrfTokens('short')).to.throw(/32 bytes/);
  });
});
