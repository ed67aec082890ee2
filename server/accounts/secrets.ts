// Random secrets shown once and stored only as SHA-256 digests (API tokens, session ids). A
// 256-bit random secret needs no slow hash: a digest leak does not let anyone log in.
import crypto from 'node:crypto';

export const API_TOKEN_PREFIX = 'podium_pat_';

/** 32 random bytes, base64url (43 chars). */
export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256Hex(s: string): string {
  return crypto.createHash('sha256').update(s, 'utf8').digest('hex');
}

/** `podium_pat_<43 chars>`: the prefix lets secret scanners and humans recognize it. */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomSecret()}`;
}

export function looksLikeApiToken(s: unknown): s is string {
  return typeof s === 'string' && s.length === API_TOKEN_PREFIX.length + 43 && s.startsWith(API_TOKEN_PREFIX) && /^[A-Za-z0-9_-]+$/.test(s.slice(API_TOKEN_PREFIX.length));
}

export function looksLikeSessionId(s: unknown): s is string {
  return typeof s === 'string' && /^[A-Za-z0-9_-]{43}$/.test(s);
}

/** Constant-time equality of two strings (different lengths → false). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
