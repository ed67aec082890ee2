// Body parsers whose size limit is enforced before the body is read: a declared Content-Length
// past the limit is answered 413 at once and the connection closed (error-middleware), where
// body-parser alone reads — and throws away — the whole declared body before it answers 413.
// A body without a declared length (chunked) is still cut by body-parser once it passes the
// limit; how long it may take is bounded by server/http/middleware/timeouts.ts. Each route passes its limit
// once, here: the same number feeds both checks.
import express, { type Request, type RequestHandler } from 'express';
import { ApiError } from '../errors.js';
import { badJsonText } from './validate.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** The error for a body past `limit` bytes (`what` names it: "the upload", "a poster"). */
export function tooLarge(limit: number, what = 'the request body'): ApiError {
  return new ApiError('payload_too_large', `${what} is larger than the limit of ${limit} bytes`, { limit });
}

/** Whether the request declares (Content-Length) a body of more than `limit` bytes. */
export function declaresMoreThan(req: Request, limit: number): boolean {
  const declared = req.get('content-length');
  // Counted on the wire, whatever the Content-Encoding: a compressed body past the limit is
  // refused too (JSON compresses, so its decompressed form would be larger still).
  return declared !== undefined && Number(declared) > limit;
}

/** `parse` (a body-parser) behind the declared-length check. */
function limited(limit: number, what: string | undefined, parse: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (declaresMoreThan(req, limit)) throw tooLarge(limit, what);
    return parse(req, res, next);
  };
}

/**
 * express.json with the declared-length check in front and the text guard behind (no string or
 * key of the body holds a control character, a lone surrogate or `__proto__`: validate.ts).
 * `type` as express.json's (default application/json).
 */
export function jsonBody(limit: number, opts: { type?: string[] } = {}): RequestHandler {
  const parse = limited(limit, undefined, express.json({ limit, ...opts }));
  const type = opts.type ?? ['application/json'];
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err) return next(err);
      next(req.is(type) ? (badJsonText(req.body) ?? undefined) : undefined);
    });
}

/** The raw body as a Buffer, whatever its type, with the declared-length check in front. */
export function rawBody(limit: number, what?: string): RequestHandler {
  return limited(limit, what, express.raw({ type: () => true, limit }));
}
