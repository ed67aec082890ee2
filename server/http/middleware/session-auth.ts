// Who is calling, for every /api request: an `Authorization: Bearer` token (API token or the
// bootstrap PODIUM_ADMIN_TOKEN) or else the studio session cookie. Lenient by design: it only
// records the principal (or why there is none) and the route guards decide, so viewer routes
// stay public and are never refused because of a stray cookie or header.
//
// CSRF: a session cookie confers authority on an unsafe request (POST, PUT, PATCH, DELETE) only
// together with a valid `X-CSRF-Token` header bound to that session. Without it the request is
// anonymous and a guarded route answers 403. Bearer requests carry no ambient credential and
// need no CSRF token.
import type { RequestHandler } from 'express';
import type { AccountService, CsrfTokens, Permission } from '../../accounts/index.js';
import { can } from '../../accounts/index.js';
import { readCookie } from '../cookies.js';
import type { Principal as AccountPrincipal } from '../../accounts/service.js';
import { ApiError } from '../errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'express-serve-static-core' {
  interface Request {
    /** Who is calling, set by authenticateRequest (bearer token, or session with its CSRF token). */
    principal?: AccountPrincipal;
    /** Set by authenticateRequest when credentials were sent but not accepted. */
    authProblem?: ApiError;
  }
}

export interface SessionAuthDeps {
  accounts: AccountService;
  csrf: CsrfTokens;
  cookieName: string;
}

export function authenticateRequest({ accounts, csrf, cookieName }: SessionAuthDeps): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer[ \t]+([^\s]{1,512})[ \t]*$/i.exec(header);
      const p = m ? await accounts.authenticate(m[1]!) : null;
      if (p) req.principal = p;
      else req.authProblem = new ApiError('unauthorized', m ? 'unknown or revoked token' : 'the Authorization header must be "Bearer <token>"');
      return next();
    }
    const sid = readCookie(req.headers.cookie, cookieName);
    if (!sid) return next();
    const p = await accounts.authenticateSession(sid);
    if (!p) req.authProblem = new ApiError('unauthorized', 'your session has ended: sign in again');
    else if (SAFE.has(req.method) || csrf.verify(p.sessionId, req.get('x-csrf-token'))) req.principal = p;
    else req.authProblem = new ApiError('forbidden', 'missing or invalid CSRF token (send X-CSRF-Token)');
    next();
  };
}

/** The authenticated principal, or the reason there is none (401/403). */
export function principalOf(req: Parameters<RequestHandler>[0]): AccountPrincipal {
  if (req.principal) return req.principal;
  throw req.authProblem ?? new ApiError('unauthorized', 'sign in, or send an API token as Authorization: Bearer <token>');
}

/** Guard naming a permission of server/accounts/roles.ts (translators: localization:write only). */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    const p = principalOf(req);
    if (!can(p.role, permission)) throw new ApiError('forbidden', `the ${p.role} role may not do this (${permission})`);
    next();
  };
}
