// Static files with the precompressed copies written beside them at build time (app.js.br,
// app.js.gz: player/precompress.ts). Each request gets the copy of the best coding its
// Accept-Encoding allows (br before gzip), else the file as it is, through express.static, so
// HEAD and 304 work as for any file. Every answer carries the file's own Content-Type,
// Vary: Accept-Encoding, the Cache-Control its path is given; a copy adds Content-Encoding, its
// own Content-Length (its bytes) and an ETag of its own (RFC 9110 §8.8.3: one validator per
// representation, so a cache never revalidates gzip bytes against brotli ones). A request with
// Range gets the file as it is, as the delivery routes' playlists do: a range of a compressed
// copy is of no use to clients that decode whole bodies (fetch() among them).
//
// Not express-static-gzip: its 2.x line is built on express 4's serve-static/send/mime (a second,
// older copy of the static stack, with another Content-Type for .js), reads the folder once at
// start-up (a rebuilt player is not seen), and the SPA's index.html would still need this
// negotiation. This is ~60 lines over express's own static middleware.
import path from 'node:path';
import type { Stats } from 'node:fs';
import express, { type RequestHandler } from 'express';
import type { PrecompressedCoding, PrecompressedSuffixes } from '../contracts/index.js';
import { acceptedCodings } from './accept-encoding.js';

const SUFFIX: PrecompressedSuffixes = { br: '.br', gzip: '.gz' };
/** Our preference among codings a client weighs alike: brotli's copies are the smaller. */
const CODINGS: readonly PrecompressedCoding[] = ['br', 'gzip'];
const COPY = /\.(?:br|gz)$/;
/** What setHeaders (and send) said of a file that is not sent after all (416, 412, a read error). */
const FILE_HEADERS = ['Content-Encoding', 'Content-Type', 'ETag', 'Last-Modified'];

export interface PrecompressedStaticOptions {
  /** The Cache-Control of a file, by its path below the root (`app.js`, `chunks/app-main-Q4JEAWG2.js`). */
  cacheControl(file: string): string;
}

function codingOf(file: string): PrecompressedCoding | null {
  return CODINGS.find((c) => file.endsWith(SUFFIX[c])) ?? null;
}

/** send's weak ETag (size and mtime), with the coding of a copy in it. */
function etagOf(stat: Stats, coding: PrecompressedCoding | null): string {
  return `W/"${stat.size.toString(16)}-${stat.mtime.getTime().toString(16)}${coding ? `-${coding}` : ''}"`;
}

export function precompressedStatic(root: string, options: PrecompressedStaticOptions): RequestHandler {
  const serve = express.static(root, {
    index: false,
    dotfiles: 'ignore',
    fallthrough: true,
    cacheControl: false,
    // Called once the file to send is found, before its headers and the conditional check.
    setHeaders(res, file, stat: Stats) {
      const coding = codingOf(file);
      const original = coding ? file.slice(0, -SUFFIX[coding].length) : file;
      res.setHeader('Cache-Control', options.cacheControl(path.relative(root, original).split(path.sep).join('/')));
      res.vary('Accept-Encoding');
      res.type(path.extname(original));
      res.setHeader('ETag', etagOf(stat, coding));
      if (coding) res.setHeader('Content-Encoding', coding);
    },
  });
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const url = req.url;
    const at = url.indexOf('?');
    const [pathname, search] = at === -1 ? [url, ''] : [url.slice(0, at), url.slice(at)];
    // A copy is reached through its file's URL only (one URL per file, whatever the coding).
    if (COPY.test(pathname)) return next();
    const codings = req.headers.range === undefined ? acceptedCodings(req.headers['accept-encoding'], CODINGS) : [];
    const fail = (err: unknown) => {
      for (const header of FILE_HEADERS) res.removeHeader(header);
      next(err);
    };
    // Each accepted copy in turn (a file may have none, or gzip only); then the file itself.
    const attempt = (i: number): void => {
      const last = i === codings.length;
      req.url = last ? url : pathname + SUFFIX[codings[i]!] + search;
      void serve(req, res, (err?: unknown) => (err ? fail(err) : last ? next() : attempt(i + 1)));
    };
    attempt(0);
  };
}
