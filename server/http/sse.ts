// Server-sent events (text/event-stream), written in one place: the headers that keep proxies
// from buffering, the client's reconnect delay, a comment line every 15 s so an idle stream is
// not closed by a proxy, and one idempotent close (client gone, or the server ends the stream).
import type { Request, Response } from 'express';

const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3000;

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Ends the stream (idempotent); the onClose callbacks run once. */
  close(): void;
  /** Runs once the stream ends, whoever ended it. */
  onClose(fn: () => void): void;
  readonly closed: boolean;
}

export function openEventStream(req: Request, res: Response): EventStream {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
  });
  res.flushHeaders();
  res.write(`retry: ${RETRY_MS}\n\n`);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const closers: (() => void)[] = [];
  let closed = false;
  const stream: EventStream = {
    send(event, data) {
      if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      for (const fn of closers) fn();
      res.end();
    },
    onClose(fn) {
      closers.push(fn);
    },
    get closed() {
      return closed;
    },
  };
  req.on('close', () => stream.close());
  return stream;
}
