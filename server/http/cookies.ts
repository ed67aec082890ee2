// Cookies in and out, in one place. Reading uses the `cookie` package (jshttp, the parser express
// itself depends on): null-prototype result, first of duplicate names wins. Podium adds the
// bounds (the header is attacker-controlled) and treats an undecodable value as absent.
import { parse } from 'cookie';
import type { SessionCookieOptions } from '../accounts/index.js';

/** Characters of a Cookie header looked at. */
const MAX_HEADER_LENGTH = 8192;
/** Stands for a value whose percent-encoding is broken (%E0%A4%A): read as no cookie. */
const UNDECODABLE = '\u0000';

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return UNDECODABLE;
  }
}

/** The value of cookie `name` in a Cookie header, or undefined (absent, malformed, undecodable). */
export function readCookie(header: unknown, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  const value = parse(header.slice(0, MAX_HEADER_LENGTH), { decode })[name];
  return value === undefined || value === UNDECODABLE ? undefined : value;
}

/** Set-Cookie value for a session: HttpOnly, SameSite=Strict, Path=/ (Max-Age 0 clears it). */
export function sessionCookie(opts: SessionCookieOptions, value: string, maxAgeSec: number): string {
  const parts = [`${opts.name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeSec))}`];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}
