// Login, logout and authentication of requests, over the store, hasher and rate limiter.
import { z } from 'zod';
import { text } from '../text.js';
import { LoginRateLimiter } from './rate-limit.js';
import { PasswordHasher, passwordProblem } from './passwords.js';
import { ROLES, type Role } from './roles.js';
import { safeEqual, sha256Hex } from './secrets.js';
import type { Account, AccountStore } from './store.js';

/** Who is calling. Structurally compatible with server/http/auth.ts's Principal ({ id, role }). */
export interface Principal {
  id: string;
  role: Role;
  via: 'session' | 'token' | 'bootstrap';
  /** Set for session principals (CSRF tokens are bound to it); never sent to the player. */
  sessionId?: string;
}

export type LoginResult =
  | { ok: true; account: Account; sessionId: string; expiresAt: Date }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'rate_limited'; retryAfterSec: number };

export interface AccountServiceOptions {
  store: AccountStore;
  hasher: PasswordHasher;
  limiter: LoginRateLimiter;
  /** Default 12 h. */
  sessionTtlSec?: number;
  /** PODIUM_ADMIN_TOKEN: accepted as an admin bearer token (bootstrap). */
  bootstrapToken?: string | null;
}

export const newAccountSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    displayName: text({ max: 200 }).default(''),
    role: z.enum(ROLES),
    password: z.string().superRefine((pw, ctx) => {
      const p = passwordProblem(pw);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    }),
  })
  .strict();
export type NewAccount = z.input<typeof newAccountSchema>;

export class AccountService {
  private readonly ttl: number;
  private readonly bootstrapDigest: string | null;

  constructor(private readonly opts: AccountServiceOptions) {
    this.ttl = opts.sessionTtlSec ?? 12 * 3600;
    this.bootstrapDigest = opts.bootstrapToken ? sha256Hex(opts.bootstrapToken) : null;
  }

  /** Validates (throws zod's error naming the field) and creates an account with a hashed password. */
  async createAccount(input: NewAccount): Promise<Account> {
    const v = newAccountSchema.parse(input);
    const passwordHash = await this.opts.hasher.hash(v.password);
    return this.opts.store.createAccount({ email: v.email, displayName: v.displayName, role: v.role, passwordHash });
  }

  /**
   * Checks the rate limit, then the password (spending the same time for unknown accounts), then
   * opens a session. The same answer for an unknown email, a wrong password and a disabled account.
   */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const limit = await this.opts.limiter.check(email, ip);
    if (!limit.allowed) return { ok: false, reason: 'rate_limited', retryAfterSec: limit.retryAfterSec };
    const found = typeof email === 'string' && email.length <= 254 ? await this.opts.store.findForLogin(email) : null;
    const good = await this.opts.hasher.verify(found?.passwordHash ?? null, password);
    if (!found || !good || found.account.disabled) {
      await this.opts.limiter.failure(email, ip);
      return { ok: false, reason: 'invalid_credentials' };
    }
    await this.opts.limiter.success(email, ip);
    if (found.passwordHash && this.opts.hasher.needsRehash(found.passwordHash)) {
      await this.opts.store.update(found.account.id, { passwordHash: await this.opts.hasher.hash(password) });
    }
    const { sessionId, expiresAt } = await this.opts.store.createSession(found.account.id, this.ttl);
    return { ok: true, account: found.account, sessionId, expiresAt };
  }

  async logout(sessionId: unknown): Promise<void> {
    await this.opts.store.deleteSession(sessionId);
  }

  /** Bearer token → principal (API token or the bootstrap admin token), or null. */
  async authenticate(token: string): Promise<Principal | null> {
    if (this.bootstrapDigest && typeof token === 'string' && token.length <= 512 && safeEqual(sha256Hex(token), this.bootstrapDigest)) {
      return { id: 'admin-token', role: 'admin', via: 'bootstrap' };
    }
    const found = await this.opts.store.findByApiToken(token);
    return found ? { id: found.account.id, role: found.account.role, via: 'token' } : null;
  }

  /** Session cookie value → principal, or null. */
  async authenticateSession(sessionId: unknown): Promise<Principal | null> {
    const found = await this.opts.store.findSession(sessionId);
    return found ? { id: found.account.id, role: found.account.role, via: 'session', sessionId: sessionId as string } : null;
  }
}
