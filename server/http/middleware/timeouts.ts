// How long a client may take to send its request (a slow client holds a connection and its
// memory; sixty of them trickling a byte every 2 s must not stay open for ever). Node's own
// requestTimeout counts the whole request, body included, and one value for every route: a
// 20 GiB upload over a slow link needs hours, a beacon a second. So it stays off, and:
//  - headers: Node's headersTimeout (PODIUM_HEADERS_TIMEOUT_SEC), for every request of a connection;
//  - the body of anything but an upload: a deadline counted from the end of its headers
//    (PODIUM_BODY_TIMEOUT_SEC);
//  - the body of an upload: no deadline, but no pause longer than PODIUM_UPLOAD_IDLE_TIMEOUT_SEC.
// Past any of them the answer is 408 `request_timeout` (if nothing was answered yet) and the
// connection is closed. How large a body may be is server/http/middleware/body-limits.ts.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import { errorBody, type ErrorCode } from '../errors.js';

export interface RequestTimeouts {
  headersSec: number;
  bodySec: number;
  uploadIdleSec: number;
}

/** PUT of a source or an audio track: receiveBody streams it to disk and sends 100 Continue itself. */
const STREAMED_UPLOAD = /^\/api\/programmes\/[^/?]+\/(source|audio\/[^/?]+)\/?(\?|$)/i;
/** Posters and subtitles (a few MiB, perhaps over a slow link), and every resumable (tus) request. */
const PUT_UPLOAD = /^\/api\/programmes\/[^/?]+\/(posters|subtitles)\/[^/?]+\/?(\?|$)/i;
const RESUMABLE = /^\/api\/uploads(\/[^/?]*)?\/?(\?|$)/i;

/** Whether the route answers `Expect: 100-continue` itself, once auth and the declared size are checked. */
export function sendsOwnContinue(method: string | undefined, url: string | undefined): boolean {
  return method === 'PUT' && STREAMED_UPLOAD.test(url ?? '');
}

/** Whether the request's body is an upload, which gets the idle rule instead of the deadline. */
export function isUpload(method: string | undefined, url: string | undefined): boolean {
  const u = url ?? '';
  return RESUMABLE.test(u) || (method === 'PUT' && (STREAMED_UPLOAD.test(u) || PUT_UPLOAD.test(u)));
}

/** Options for http.createServer: headers bounded, the whole-request timeout off (bodies: bodyTimeouts). */
export function serverTimeouts({ headersSec }: Pick<RequestTimeouts, 'headersSec'>): http.ServerOptions {
  const headersTimeout = headersSec * 1000;
  // Node checks the headers deadline of open connections on this interval (its default: 30 s).
  return { headersTimeout, requestTimeout: 0, connectionsCheckingInterval: Math.min(15_000, Math.ceil(headersTimeout / 2)) };
}

/** Bounds the time of every request body: a deadline, or for uploads an idle limit. */
export function bodyTimeouts({ bodySec, uploadIdleSec }: Pick<RequestTimeouts, 'bodySec' | 'uploadIdleSec'>): RequestHandler {
  return (req, res, next) => {
    if (hasBody(req)) {
      if (isUpload(req.method, req.originalUrl)) idleLimit(req, res, uploadIdleSec);
      else deadline(req, res, bodySec);
    }
    next();
  };
}

/** A request has a body only if it declares one (RFC 9112 §6.3). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function deadline(req: Request, res: Response, sec: number): void {
  const socket = req.socket;
  const timer = setTimeout(() => expire(req, res, `the request body did not arrive within ${sec} s`), sec * 1000);
  // 'end' comes once the body is read, by a handler or by Node discarding what no handler read.
  const clear = () => {
    clearTimeout(timer);
    req.off('end', clear);
    socket.off('close', clear);
  };
  req.once('end', clear);
  socket.once('close', clear);
}

function idleLimit(req: Request, res: Response, sec: number): void {
  // The socket's idle timer: Node restarts it on every read and, while the request is incomplete,
  // tells the request first ('timeout'); without a listener it would destroy the socket unanswered.
  const onIdle = () => expire(req, res, `the upload sent nothing for ${sec} s`);
  req.setTimeout(sec * 1000, onIdle);
  req.once('end', () => {
    req.off('timeout', onIdle);
    // The handler may still work (move the file, queue the job): no idle limit on that. Once the
    // response is finished the socket's timer is Node's keep-alive one: leave it.
    if (!res.writableFinished) req.socket.setTimeout(0);
  });
}

function expire(req: Request, res: Response, message: string): void {
  if (req.complete) return;
  // Destroying the request ends it for whatever reads the body (an upload being written to disk
  // stops and removes its file), and closes the connection.
  if (res.headersSent) {
    req.destroy();
    return;
  }
  // Connection: close makes Node close the socket once this is sent — but it leaves an answered
  // request unfinished, so the request is destroyed once the socket is gone.
  res.status(408).set('Connection', 'close').json(errorBody('request_timeout', message));
  req.socket.once('close', () => req.destroy());
}

const CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'the request headers did not arrive in time' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', message: 'the request headers are too large' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: 'payload_too_large', message: 'the chunk extensions are too large' },
};

/**
 * server.on('clientError'): what Node refuses before a request exists (headers too slow, too
 * large, malformed), answered as Node would but in the API's error shape — and, as Node does,
 * only if no response to an earlier request of the connection is being written.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: http.ServerResponse | null })._httpMessage;
  if (err.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
    const { status, code, message } = CLIENT_ERRORS[err.code ?? ''] ?? { status: 400, code: 'bad_request', message: 'the request is malformed' };
    const body = JSON.stringify(errorBody(code, message));
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
