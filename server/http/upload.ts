// Streams a raw request body to a temp file: never held in memory, at most `maxBytes` written.
// A declared Content-Length past the limit is refused before a byte is read; a chunked body is
// cut off the moment it passes the limit. The temp file is removed on every failure.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Request, Response } from 'express';
import { declaresMoreThan, tooLarge } from './middleware/body-limits.js';
import { ApiError } from './errors.js';

export async function receiveBody(req: Request, res: Response, tempPath: string, maxBytes: number): Promise<number> {
  if (declaresMoreThan(req, maxBytes)) throw refuse(res, maxBytes);
  // The client waits for this before sending the body (see podium.ts, checkContinue).
  if (/100-continue/i.test(req.get('expect') ?? '')) res.writeContinue();
  let received = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      received += chunk.length;
      if (received > maxBytes) cb(refuse(res, maxBytes));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(req, limiter, fs.createWriteStream(tempPath, { flags: 'wx' }));
  } catch (err) {
    await fs.promises.rm(tempPath, { force: true });
    if (err instanceof ApiError) throw err;
    throw new ApiError('bad_request', 'the upload was interrupted before it was complete');
  }
  if (received === 0) {
    await fs.promises.rm(tempPath, { force: true });
    throw new ApiError('bad_request', 'the request body is empty; send the video file as the body');
  }
  return received;
}

function refuse(res: Response, maxBytes: number): ApiError {
  // The rest of the body is not read: close the connection once the answer is sent.
  res.setHeader('Connection', 'close');
  return tooLarge(maxBytes, 'the upload');
}
