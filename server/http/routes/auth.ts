// /api/auth: studio sign-in (session cookie), sign-out, and who am I (with a CSRF token).
//   POST /api/auth/login  { email, password } → 200 { account, csrfToken, expiresAt } + Set-Cookie
//   POST /api/auth/logout → 204, cookie cleared (needs X-CSRF-Token like every unsafe request)
//   GET  /api/auth/me     → { account, via, permissions, locale, dir, csrfToken? }
//   PUT  /api/auth/me/language { language: <UI locale> | null } → { language, locale, dir }
//        the studio's language for this account (null: follow the browser's Accept-Language)
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { ROLE_PERMISSIONS, type Account, type AccountStore } from '../../accounts/index.js';
import { sessionCookie } from '../cookies.js';
import type { AccountsRuntime } from '../../accounts/runtime.js';
import { jsonBody, KiB } from '../middleware/body-limits.js';
import { text } from '../../text.js';
import { ApiError } from '../errors.js';
import { principalOf } from '../middleware/session-auth.js';
import { validateBody } from '../middleware/validate.js';
import { studioLocale } from '../studio-locale.js';

export const loginSchema = z.strictObject({
  email: text({ max: 254, nonEmpty: true }),
  // A password is an opaque secret, but still text: tab and line breaks pass, other controls and
  // lone surrogates (no UTF-8 form, so two different ones would hash alike) are refused.
  password: text({ max: 1024, multiline: true, trim: false }).min(1, 'must not be empty'),
});

export function accountView(a: Account) {
  return { id: a.id, email: a.email, displayName: a.displayName, role: a.role, language: a.language };
}

/** The body of PUT /api/auth/me/language: one of the UI locales (as spelled in locales/), or null. */
export function languageSchema(locales: readonly string[]) {
  return z.strictObject({
    language: text({ max: 35 })
      .refine((l) => locales.includes(l), { message: `must be one of ${locales.join(', ')}, or null` })
      .nullable(),
  });
}

/** Login CSRF: a cross-site page must not sign a browser in to an attacker's account. */
function assertSameOrigin(req: Request): void {
  const origin = req.get('origin');
  if (!origin) return; // not a browser form/fetch from another page (curl, scripts)
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== req.get('host')) throw new ApiError('forbidden', 'sign-in from another site is not allowed');
}

async function accountOf(store: AccountStore, id: string): Promise<ReturnType<typeof accountView> | null> {
  const a = await store.findById(id);
  return a ? accountView(a) : null;
}

export interface AuthRouteDeps {
  accounts: AccountsRuntime;
  /** The UI locales an editor may choose (folders of locales/). */
  locales: readonly string[];
}

export function authRoutes({ accounts, locales }: AuthRouteDeps): Router {
  const router = Router();
  const { service, store, csrf, cookie, sessionTtlSec, ipLimiter } = accounts;
  const tooMany = (res: express.Response, retryAfterSec: number) => {
    res.set('Retry-After', String(retryAfterSec));
    return new ApiError('too_many_requests', `too many failed sign-ins: try again in ${retryAfterSec} s`, { retryAfterSec });
  };
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.post('/login', jsonBody(8 * KiB), validateBody(loginSchema), async (req, res) => {
    assertSameOrigin(req);
    const { email, password } = req.body as z.infer<typeof loginSchema>;
    const ip = req.ip ?? req.socket.remoteAddress ?? '';
    const perIp = await ipLimiter.check('*', ip);
    if (!perIp.allowed) throw tooMany(res, perIp.retryAfterSec);
    const result = await service.login(email, password, ip);
    if (!result.ok && result.reason === 'rate_limited') throw tooMany(res, result.retryAfterSec);
    if (!result.ok) {
      await ipLimiter.failure('*', ip);
      throw new ApiError('unauthorized', 'wrong e-mail address or password');
    }
    res.append('Set-Cookie', sessionCookie(cookie, result.sessionId, sessionTtlSec));
    res.json({ account: accountView(result.account), csrfToken: csrf.issue(result.sessionId), expiresAt: result.expiresAt.toISOString() });
  });

  router.post('/logout', async (req, res) => {
    const p = principalOf(req);
    if (p.via === 'session') await service.logout(p.sessionId);
    res.append('Set-Cookie', sessionCookie(cookie, '', 0));
    res.status(204).end();
  });

  router.get('/me', async (req, res) => {
    const p = principalOf(req);
    const account = p.via === 'bootstrap' ? null : await accountOf(store, p.id);
    res.json({
      account,
      role: p.role,
      via: p.via,
      permissions: ROLE_PERMISSIONS[p.role],
      ...studioLocale(locales, account?.language, req.get('accept-language')),
      ...(p.via === 'session' && p.sessionId ? { csrfToken: csrf.issue(p.sessionId) } : {}),
    });
  });

  const language = languageSchema(locales);
  router.put('/me/language', jsonBody(KiB), validateBody(language), async (req, res) => {
    const p = principalOf(req);
    if (p.via === 'bootstrap') throw new ApiError('bad_request', 'the bootstrap token has no account to keep a language on: sign in with an account');
    const { language: chosen } = req.body as z.infer<typeof language>;
    await store.update(p.id, { language: chosen });
    res.json({ language: chosen, ...studioLocale(locales, chosen, req.get('accept-language')) });
  });

  return router;
}
