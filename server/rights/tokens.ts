// Signed playback tokens. A token binds (programme, region, expiry) with HMAC-SHA256 and rides
// in the PATH of media URLs — /media/t/<token>/<programmeId>/<renditionId>/<file> — so the
// relative URIs inside master and variant playlists resolve under the same prefix and every
// segment request carries it. Checking a segment is then one HMAC, no database query.
//
// Token text: `<REGION>.<expiry, unix seconds base36>.<base64url HMAC>` — only [A-Za-z0-9._-],
// safe in a path segment. The programme id is not inside the token (it is the next path
// segment) but it is inside the MAC, so a token cannot be moved to another programme.
import crypto from 'node:crypto';
import { normalizeRegionCode } from '../regions/index.js';

export type TokenFailure = 'malformed' | 'bad_signature' | 'expired' | 'wrong_region';

export type TokenCheck = { ok: true; region: string; expiresAt: Date } | { ok: false; reason: TokenFailure };

export interface PlaybackTokenOptions {
  /** HMAC keys, newest first: sign with [0], verify with any (rotation). Each ≥ 32 bytes. */
  secrets: readonly (string | Uint8Array)[];
  /** Default lifetime. VOD players fetch segments for the whole programme from one playlist load, so
   * the wiring should pass ttlSec ≥ duration + margin for long programmes. Default 4 h. */
  ttlSec?: number;
  now?: () => Date;
}

export interface SignInput {
  programmeId: string;
  region: string;
  ttlSec?: number;
  /** An expiry chosen by the caller (e.g. bucketedExpiry()); replaces ttlSec. */
  expiresAt?: Date;
  /** Hard cap, e.g. rights availableUntil(): the token never outlives the window. */
  notAfter?: Date | null;
}

const TOKEN = /^([A-Z]{2})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

export class PlaybackTokens {
  private readonly keys: Buffer[];
  private readonly ttlSec: number;
  private readonly now: () => Date;

  constructor(opts: PlaybackTokenOptions) {
    if (opts.secrets.length === 0) throw new Error('playback tokens: at least one secret is required');
    this.keys = opts.secrets.map((s) => Buffer.from(s));
    if (this.keys.some((k) => k.length < 32)) throw new Error('playback tokens: each secret must be at least 32 bytes');
    this.ttlSec = opts.ttlSec ?? 4 * 3600;
    if (!(this.ttlSec > 0)) throw new Error('playback tokens: ttlSec must be positive');
    this.now = opts.now ?? (() => new Date());
  }

  private mac(key: Buffer, programmeId: string, region: string, exp: string): Buffer {
    return crypto.createHmac('sha256', key).update(`podium-playback/v1\n${programmeId}\n${region}\n${exp}`).digest();
  }

  sign(input: SignInput): { token: string; expiresAt: Date } {
    const region = normalizeRegionCode(input.region);
    if (!region) throw new Error(`playback tokens: bad region ${JSON.stringify(input.region)}`);
    let expMs = input.expiresAt ? input.expiresAt.getTime() : this.now().getTime() + (input.ttlSec ?? this.ttlSec) * 1000;
    if (input.notAfter) expMs = Math.min(expMs, input.notAfter.getTime());
    const expSec = Math.floor(expMs / 1000);
    const exp = expSec.toString(36);
    const sig = this.mac(this.keys[0]!, input.programmeId, region, exp).toString('base64url');
    return { token: `${region}.${exp}.${sig}`, expiresAt: new Date(expSec * 1000) };
  }

  /**
   * Checks a token for `programmeId`. With `region` (the viewer's region when the request states
   * one: ?region= or the trusted CDN header) the token's region must match; without it, the
   * token's own region stands — segment requests carry no query string. Never throws.
   */
  verify(token: unknown, programmeId: string, opts: { region?: string | null } = {}): TokenCheck {
    if (typeof token !== 'string' || token.length > 64) return { ok: false, reason: 'malformed' };
    const m = TOKEN.exec(token);
    if (!m) return { ok: false, reason: 'malformed' };
    const [, region, exp, sig] = m as unknown as [string, string, string, string];
    const given = Buffer.from(sig, 'base64url');
    // 43 characters carry 258 bits for 256: the decoder ignores the last one's low 2 bits, so
    // four spellings decode alike. Only the canonical one is accepted (one URL, one CDN cache key).
    if (given.length !== 32 || given.toString('base64url') !== sig) return { ok: false, reason: 'malformed' };
    // Compare against every key in constant time, without early exit on the first match.
    let valid = false;
    for (const key of this.keys) valid = crypto.timingSafeEqual(this.mac(key, programmeId, region, exp), given) || valid;
    if (!valid) return { ok: false, reason: 'bad_signature' };
    const expiresAt = new Date(parseInt(exp, 36) * 1000);
    if (this.now().getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
    if (opts.region && opts.region.toUpperCase() !== region) return { ok: false, reason: 'wrong_region' };
    return { ok: true, region, expiresAt };
  }
}

/**
 * When URLs signed at `nowMs` expire: at least `ttlSec` away, rounded UP to a multiple of
 * `bucketSec`, so every viewer of a region within one bucket gets the same URL (a CDN keeps one
 * copy per region and bucket) and no URL is handed out already expired, however short the TTL.
 */
export function bucketedExpiry(nowMs: number, ttlSec: number, bucketSec: number): Date {
  const bucketMs = bucketSec * 1000;
  return new Date(Math.ceil((nowMs + ttlSec * 1000) / bucketMs) * bucketMs);
}

export interface MediaPath {
  token: string;
  programmeId: string;
  renditionId: string;
  /** The rest of the path ("master.m3u8", "v1/seg3.m4s"); the media store validates it. */
  file: string;
}

/** `/media/t/<token>/<programmeId>/<renditionId>/<file>` (each segment URI-encoded). */
export function signedMediaUrl(token: string, programmeId: string, renditionId: string, file = 'master.m3u8'): string {
  const enc = (s: string) => encodeURIComponent(s);
  return `/media/t/${enc(token)}/${enc(programmeId)}/${enc(renditionId)}/${file.split('/').map(enc).join('/')}`;
}

/** A path segment exactly as signedMediaUrl() writes it: no other percent-encoding of the same name. */
function isCanonicalSegment(raw: string): boolean {
  try {
    return raw !== '' && encodeURIComponent(decodeURIComponent(raw)) === raw;
  } catch {
    return false;
  }
}

/**
 * Splits a raw (still percent-encoded) path below the `/media/t/` mount. Null unless every
 * segment is in its canonical encoding (`%41` for `A`, lower-case hex…): one file, one URL, so
 * a CDN in front keeps one cache key per file and region bucket.
 */
export function parseSignedMediaPath(pathBelowMount: string): MediaPath | null {
  const parts = pathBelowMount.replace(/^\/+/, '').split('/');
  if (parts.length < 4 || !parts.every(isCanonicalSegment)) return null;
  const [token, programmeId, renditionId, ...rest] = parts as [string, string, string, ...string[]];
  return { token, programmeId, renditionId, file: rest.join('/') };
}
