// Express middleware factories for the studio and the editor API. Order on a studio route:
//   authenticate → requireCsrf → requirePermission('…') → validate → handler.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from '../http/errors.js';
import type { CsrfTokens } from './csrf.js';
import { can, type Permission, type Role } from './roles.js';
import type { AccountService, Principal } from './service.js';

type WithPrincipal = Request & { principal?: Principal };

/** Parses a Cookie header (bounded; later duplicates ignored; undecodable values skipped). */
export function parseCookies(header: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (typeof header !== 'string') return out;
  for (const part of header.slice(0, 8192).split(';').slice(0, 50)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      // skip
    }
  }
  return out;
}

export interface SessionCookieOptions {
  /** Use `__Host-podium_session` over HTTPS (Secure, Path=/, no Domain); `podium_session` on plain HTTP in development. */
  name: string;
  secure: boolean;
}

/** Set-Cookie value for a session: HttpOnly, SameSite=Strict, Path=/ (Max-Age 0 clears it). */
export function sessionCookie(opts: SessionCookieOptions, value: string, maxAgeSec: number): string {
  const parts = [`${opts.name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeSec))}`];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Sets req.principal from `Authorization: Bearer` (API token or bootstrap token) or else the
 * session cookie. A bearer header that is present but wrong is a 401 (no fallback to the cookie).
 * No credentials: continues without a principal (requirePermission answers 401).
 */
export function createAuthenticate(service: AccountService, cookieName: string): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer[ \t]+([^\s]{1,512})[ \t]*$/i.exec(header);
      if (!m) throw new ApiError('unauthorized', 'the Authorization header must be "Bearer <token>"');
      const p = await service.authenticate(m[1]!);
      if (!p) throw new ApiError('unauthorized', 'unknown or revoked token');
      (req as WithPrincipal).principal = p;
      return next();
    }
    const sid = parseCookies(req.headers.cookie)[cookieName];
    if (sid) {
      const p = await service.authenticateSession(sid);
      if (p) (req as WithPrincipal).principal = p;
    }
    next();
  };
}

function principalOf(req: Request): Principal {
  const p = (req as WithPrincipal).principal;
  if (!p) throw new ApiError('unauthorized', 'sign in or send an API token');
  return p;
}

export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    const p = principalOf(req);
    if (!can(p.role, permission)) throw new ApiError('forbidden', `the ${p.role} role may not do this (${permission})`);
    next();
  };
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const p = principalOf(req);
    if (!roles.includes(p.role)) throw new ApiError('forbidden', `this needs the ${roles.join(' or ')} role`);
    next();
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF check for cookie-authenticated, state-changing requests: the token from header
 * `X-CSRF-Token` or form field `_csrf` must be bound to the session. Bearer-token requests carry
 * no ambient credential and are exempt. Place after authenticate and after body parsing.
 */
export function requireCsrf(csrf: CsrfTokens): RequestHandler {
  return (req, _res, next) => {
    const p = (req as WithPrincipal).principal;
    if (SAFE.has(req.method) || !p || p.via !== 'session') return next();
    const body = req.body as Record<string, unknown> | undefined;
    const token = req.get('x-csrf-token') ?? (body && typeof body === 'object' ? body._csrf : undefined);
    if (!csrf.verify(p.sessionId, token)) throw new ApiError('forbidden', 'missing or invalid CSRF token');
    next();
  };
}
