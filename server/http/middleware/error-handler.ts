// The one place errors become HTTP responses: ApiError → its status from ERRORS; errors that
// body-parser, express or Node raise for a malformed request (bad JSON, bad URI encoding, a
// body too large) → their 4xx; anything else → 500 `internal`, logged with the request.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { tooLarge } from './body-limits.js';
import { ApiError, errorBody, fromDomainError, type ErrorCode } from '../errors.js';
import { requestLogger } from './request-log.js';

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new ApiError('not_found', `no route for ${req.method} ${req.path}`));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const apiError = toApiError(err);
    const log = requestLogger(res, logger);
    if (apiError.code === 'not_ready') res.set({ 'Retry-After': '10', 'Cache-Control': 'no-store' });
    else if (apiError.code === 'database_unavailable') {
      res.set({ 'Retry-After': '5', 'Cache-Control': 'no-store' });
      log.warn({ err: { message: (err as Error)?.message }, method: req.method, url: req.originalUrl }, 'database unavailable');
    } else if (apiError.status >= 500) log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    else log.debug({ code: apiError.code, method: req.method, url: req.originalUrl }, apiError.message);
    // Already answered (e.g. 408 by server/http/middleware/timeouts.ts, the reader then failing): just close.
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // A refused upload's body is not read: close the connection rather than drain gigabytes.
    if (!req.complete) res.set('Connection', 'close');
    // No error is kept by a cache (a CDN would keep a refused segment's 403, or a 404 of a file
    // about to be published, for its default error TTL), whatever the route had set before failing.
    res.set('Cache-Control', 'no-store');
    res.status(apiError.status).json(errorBody(apiError.code, apiError.message, apiError.extra));
  };
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const domain = fromDomainError(err);
  if (domain) return domain;
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (e?.type === 'entity.parse.failed') return new ApiError('bad_request', 'the request body is not valid JSON');
  if (e?.type === 'entity.too.large') {
    const limit = (e as { limit?: unknown }).limit;
    return typeof limit === 'number' ? tooLarge(limit) : new ApiError('payload_too_large', 'the request body is too large');
  }
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') {
    return new ApiError('unsupported_media_type', String(e.message ?? 'unsupported body encoding'));
  }
  if (status >= 400 && status < 500) {
    const code: ErrorCode = status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    return new ApiError(code, typeof e.message === 'string' && e.message ? e.message : 'bad request');
  }
  return new ApiError('internal', 'internal error');
}
