// Bearer-token authentication. Today the only token is PODIUM_ADMIN_TOKEN (an admin); issue 3
// adds accounts and API tokens behind the same Authenticator interface.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './errors.js';

export const ROLES = ['admin', 'editor', 'translator'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  id: string;
  role: Role;
}

export interface Authenticator {
  /** The principal owning this token, or null for an unknown token. */
  authenticate(token: string): Promise<Principal | null>;
}

/** Accepts one fixed token as an admin (or none at all when the token is unset). */
export class StaticTokenAuthenticator implements Authenticator {
  private readonly digest: Buffer | null;
  constructor(adminToken: string | undefined) {
    this.digest = adminToken ? sha256(adminToken) : null;
  }
  async authenticate(token: string): Promise<Principal | null> {
    if (!this.digest) return null;
    return timingSafeEqual(sha256(token), this.digest) ? { id: 'admin-token', role: 'admin' } : null;
  }
}

const RANK: Record<Role, number> = { translator: 1, editor: 2, admin: 3 };

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/**
 * Requires a principal with at least `role` (admin ⊇ editor ⊇ translator): the one
 * http/session-auth.ts's authenticateRequest found (bearer token or studio session with its
 * CSRF token), else `Authorization: Bearer <token>` checked here.
 */
export function requireRole(auth: Authenticator, role: Role): RequestHandler {
  return async (req, _res, next) => {
    const problem = (req as { authProblem?: Error }).authProblem;
    if (!req.principal && problem) throw problem;
    if (req.principal) {
      if (RANK[req.principal.role] < RANK[role]) throw new ApiError('forbidden', `this needs the ${role} role`);
      return next();
    }
    const header = req.get('authorization') ?? '';
    const m = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
    if (!m) throw new ApiError('unauthorized', 'an Authorization: Bearer <token> header is required');
    const principal = await auth.authenticate(m[1]!);
    if (!principal) throw new ApiError('unauthorized', 'unknown token');
    if (RANK[principal.role] < RANK[role]) throw new ApiError('forbidden', `this needs the ${role} role`);
    req.principal = principal;
    next();
  };
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
