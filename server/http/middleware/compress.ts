// Text answers made per request — API JSON, the /locales bundles, the watch, channel and studio
// pages, the studio's script, the XMLTV guide, /metrics — compressed on the fly
// (expressjs/compression: brotli at quality 4, else gzip at zlib's level 6, both cheap enough
// per request; the player's files come precompressed at the build's best: ../precompressed.ts).
//
// Left alone:
// - /media/ and /live/: segments are video, which does not compress, and playlists are encoded
//   once by their own routes and kept; those routes come before this middleware anyway, this
//   keeps them out should one ever fall through to it;
// - /api/uploads (tus): the resumable-upload server writes its own answers (no bodies to speak of);
// - server-sent events: each event must leave when written, not when zlib's buffer fills;
// - byte ranges (206): their Content-Range counts the bytes as they are;
// - answers under 1 KiB: the coding's overhead outweighs its gain.
// ETags stay as the routes made them: express's and the routes' own validators are compared
// weakly for If-None-Match (304s still answer), and the studio's If-Match writes must find the
// ETag they read, whichever coding it came in.
import compression from 'compression';
import type { RequestHandler } from 'express';

export const COMPRESS_MIN_BYTES = 1024;
const LEFT_ALONE = /^\/(?:media|live)\/|^\/api\/uploads(?:\/|$)/;

/** Whether an answer of this path and Content-Type is left as it is, whatever its size and type. */
export function leftUncompressed(pathname: string, contentType: string | number | string[] | undefined): boolean {
  return LEFT_ALONE.test(pathname) || /^text\/event-stream\b/i.test(String(contentType ?? ''));
}

export function compressAnswers(): RequestHandler {
  return compression({
    threshold: COMPRESS_MIN_BYTES,
    filter(req, res) {
      // originalUrl: a router mounted on a path strips it from req.url.
      if (leftUncompressed(req.originalUrl.split('?', 1)[0]!, res.getHeader('Content-Type'))) return false;
      // A 304 carries the Vary its 200 would have (RFC 9110 §15.4.5), so a cache keeps the two
      // codings apart; it has no Content-Type for compression to decide on.
      if (res.statusCode === 304) {
        res.vary('Accept-Encoding');
        return false;
      }
      if (res.statusCode === 206) return false;
      return compression.filter(req, res);
    },
  });
}
