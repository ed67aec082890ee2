// Wires the accounts library into a running Podium: the service every route authenticates with,
// the CSRF signer (its key kept under PODIUM_DATA_DIR so every process sharing the data folder
// agrees and tokens survive a restart), the session cookie's name and flags, the first admin
// from PODIUM_ADMIN_EMAIL/PODIUM_ADMIN_PASSWORD, and an hourly sweep of expired sessions.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config.js';
import { CsrfTokens } from './csrf.js';
import { PasswordHasher, type HashParams } from './passwords.js';
import { LoginRateLimiter, MemoryRateLimitStore } from './rate-limit.js';
import { AccountService } from './service.js';
import { AccountStore } from './store.js';

export interface AccountsRuntime {
  store: AccountStore;
  service: AccountService;
  csrf: CsrfTokens;
  cookie: SessionCookieOptions;
  sessionTtlSec: number;
  /**
   * Failed sign-ins per IP address whatever the account (credential stuffing: many accounts,
   * one address); the service itself limits each (account, IP) pair more tightly.
   */
  ipLimiter: LoginRateLimiter;
  stop(): void;
}

type AccountsConfig = Pick<Config, 'adminToken' | 'adminEmail' | 'adminPassword' | 'secureCookies' | 'sessionTtlSec' | 'dataPath'>;

const SWEEP_MS = 60 * 60 * 1000;
/** Failed sign-ins one IP address may make across all accounts in 15 minutes. */
export const IP_MAX_FAILURES = 50;

export interface SessionCookieOptions {
  /** Use `__Host-podium_session` over HTTPS (Secure, Path=/, no Domain); `podium_session` on plain HTTP in development. */
  name: string;
  secure: boolean;
}

export function sessionCookieOptions(secure: boolean): SessionCookieOptions {
  // The __Host- prefix makes browsers refuse the cookie unless it is Secure, Path=/ and host-only.
  return secure ? { name: '__Host-podium_session', secure: true } : { name: 'podium_session', secure: false };
}

/** 32 random bytes in `<dataPath>/secrets/csrf.key` (mode 0600), created on first use. */
export function loadOrCreateSecret(dataPath: string, name: string): Buffer {
  const dir = path.join(dataPath, 'secrets');
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = fs.readFileSync(file);
  if (key.length < 32) throw new Error(`${file}: secret is shorter than 32 bytes; delete it to have a new one made`);
  return key;
}

export async function startAccounts(opts: {
  sequelize: Sequelize;
  config: AccountsConfig;
  logger: Logger;
  hashParams?: Partial<HashParams>;
}): Promise<AccountsRuntime> {
  const { sequelize, config, logger } = opts;
  const store = new AccountStore(sequelize);
  const service = new AccountService({
    store,
    hasher: new PasswordHasher(opts.hashParams),
    limiter: new LoginRateLimiter({ store: new MemoryRateLimitStore() }),
    sessionTtlSec: config.sessionTtlSec,
    bootstrapToken: config.adminToken ?? null,
  });
  await seedAdmin(service, store, config, logger);
  const sweep = () =>
    store.deleteExpiredSessions().then(
      (n) => n && logger.info({ removed: n }, 'removed expired studio sessions'),
      (err: unknown) => logger.warn({ err }, 'could not remove expired sessions'),
    );
  void sweep();
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  return {
    store,
    service,
    csrf: new CsrfTokens(loadOrCreateSecret(config.dataPath, 'csrf.key')),
    cookie: sessionCookieOptions(config.secureCookies),
    sessionTtlSec: config.sessionTtlSec,
    ipLimiter: new LoginRateLimiter({ store: new MemoryRateLimitStore(), maxFailures: IP_MAX_FAILURES }),
    stop: () => clearInterval(timer),
  };
}

async function seedAdmin(service: AccountService, store: AccountStore, config: AccountsConfig, logger: Logger): Promise<void> {
  const { adminEmail: email, adminPassword: password } = config;
  if (!email && !password) return;
  if (!email || !password) throw new Error('PODIUM_ADMIN_EMAIL and PODIUM_ADMIN_PASSWORD must be set together');
  if (await store.findForLogin(email)) return;
  try {
    await service.createAccount({ email, password, role: 'admin', displayName: 'Administrator' });
    logger.info({ email }, 'created the admin account from PODIUM_ADMIN_EMAIL');
  } catch (err) {
    // Another process sharing the database created it first.
    if (!(await store.findForLogin(email))) throw err;
  }
}
