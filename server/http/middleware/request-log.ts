// Per request: an id (the caller's X-Request-Id when it is a sane token, else a new one), sent
// back on the response and carried by a child logger in res.locals.logger, so every line a
// request logs can be found by it; at the end, one log line and the latency metric by route
// pattern (`/api/programmes/:id`, never the raw URL: bounded label values).
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../../metrics/metrics.js';

const REQUEST_ID = /^[A-Za-z0-9._:@/-]{1,128}$/;

export function requestLog(logger: Logger, metrics?: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const reqId = requestIdOf(req.get('x-request-id'));
    res.set('X-Request-Id', reqId);
    const log = logger.child({ reqId });
    res.locals.logger = log;
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics?.observeHttp(req.method, routeOf(req, res), res.statusCode, seconds);
      const level = req.originalUrl.startsWith('/media/') ? 'debug' : 'info';
      log[level]({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  };
}

/** The caller's X-Request-Id when it is a sane token, else a new one (also the delivery fast path's). */
export function requestIdOf(incoming: string | undefined): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The request's logger (with its id), else the app's. */
export function requestLogger(res: Response, fallback: Logger): Logger {
  return (res.locals.logger as Logger | undefined) ?? fallback;
}

function routeOf(req: Request, res: Response): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  // By the time the response finishes express has restored req.baseUrl; the mount path is the
  // request path less the segments the route matched (a wildcard route matches any number: not used).
  if (typeof route === 'string' && !route.includes('*')) {
    const path = req.originalUrl.split('?')[0]!.split('/').filter(Boolean);
    const own = route.split('/').filter(Boolean).length;
    const mount = path.slice(0, Math.max(0, path.length - own)).join('/');
    return `${mount ? `/${mount}` : ''}${route}`.replace(/(.)\/+$/, '$1') || '/';
  }
  // A router mounted with app.use (signed media, live playlists, the player's files) keeps its mount path.
  if (req.baseUrl) return req.baseUrl;
  return res.statusCode === 404 ? 'unmatched' : 'other';
}
