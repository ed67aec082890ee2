// CSRF tokens bound to the session: token = nonce "." HMAC(secret, sessionId + nonce). Stateless
// (nothing stored), a fresh nonce per form, useless with another session. Pair with SameSite
// cookies; check on every state-changing request from the studio (header X-CSRF-Token or a
// hidden form field `_csrf`).
import crypto from 'node:crypto';
import { safeEqual } from './secrets.js';

export class CsrfTokens {
  private readonly key: Buffer;
  constructor(secret: string | Uint8Array) {
    this.key = Buffer.from(secret);
    if (this.key.length < 32) throw new Error('csrf: secret must be at least 32 bytes');
  }

  private mac(sessionId: string, nonce: string): string {
    return crypto.createHmac('sha256', this.key).update(`podium-csrf/v1\n${sessionId}\n${nonce}`).digest('base64url');
  }

  issue(sessionId: string): string {
    const nonce = crypto.randomBytes(16).toString('base64url');
    return `${nonce}.${this.mac(sessionId, nonce)}`;
  }

  verify(sessionId: string | null | undefined, token: unknown): boolean {
    if (!sessionId || typeof token !== 'string' || token.length > 100) return false;
    const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return false;
    return safeEqual(this.mac(sessionId, m[1]!), m[2]!);
  }
}
