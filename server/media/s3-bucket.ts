// One bucket as Podium uses it: each request through call(), which counts failures per operation
// (a not-found read is an answer, not a failure), and the few compound operations the media store
// needs (upload a file in one request or in parts, copy server-side in parts past S3's 5 GiB limit,
// list a prefix, delete many).
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCopyCommand,
  type S3Client,
  type _Object,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { isNotFound, type ObjectStorageErrors } from './s3-client.js';

/** Files up to this size go up in one PutObject; larger ones in parts (lib-storage). */
const SINGLE_PUT_MAX = 64 * 1024 ** 2;
/** Requests of one batch (a rendition's files) at once. */
const PARALLEL = 8;

export interface ObjectHeaders {
  type: string;
  cache: string;
}

export class S3Bucket {
  constructor(
    private readonly client: S3Client,
    readonly name: string,
    readonly errors: ObjectStorageErrors,
  ) {}

  /** Runs one request, counting its failure (with `notFoundIsAnswer`, a not-found is not one). */
  async call<T>(operation: string, run: () => Promise<T>, notFoundIsAnswer = false): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (!(notFoundIsAnswer && isNotFound(err))) this.errors.record(operation, err);
      throw err;
    }
  }

  async check(): Promise<void> {
    await this.call('HeadBucket', () => this.client.send(new HeadBucketCommand({ Bucket: this.name })));
  }

  /** The object's metadata, or null when there is none. */
  async head(key: string) {
    try {
      return await this.call('HeadObject', () => this.client.send(new HeadObjectCommand({ Bucket: this.name, Key: key })), true);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /** The object's bytes (from `start` to `end` inclusive with a range), or null when there is none. */
  async body(key: string, range?: { start: number; end: number }) {
    return (await this.object(key, range))?.Body ?? null;
  }

  /** The object's GetObject answer (its size, date and body; a range of it with `range`), or null when there is none. */
  async object(key: string, range?: { start: number; end: number }) {
    try {
      return await this.call('GetObject', () => this.client.send(new GetObjectCommand({ Bucket: this.name, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) })), true);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async download(key: string, file: string): Promise<void> {
    const res = await this.call('GetObject', () => this.client.send(new GetObjectCommand({ Bucket: this.name, Key: key })));
    await pipeline(res.Body as Readable, fs.createWriteStream(file));
  }

  /** One PutObject: the object appears whole or not at all. */
  async putBytes(key: string, bytes: Uint8Array, headers: ObjectHeaders): Promise<void> {
    await this.call('PutObject', () => this.client.send(new PutObjectCommand({ Bucket: this.name, Key: key, Body: bytes, ContentType: headers.type, CacheControl: headers.cache })));
  }

  async putFile(key: string, file: string, size: number, headers: ObjectHeaders): Promise<void> {
    // A Buffer (not a stream) when small: the SDK signs its hash, and a retry can send it again.
    if (size <= SINGLE_PUT_MAX) return this.putBytes(key, await fs.promises.readFile(file), headers);
    const params = { Bucket: this.name, Key: key, ContentType: headers.type, CacheControl: headers.cache, Body: fs.createReadStream(file) };
    await this.call('Upload', () => new Upload({ client: this.client, params, queueSize: 4, partSize: 16 * 1024 ** 2 }).done());
  }

  /** Server-side copy; objects larger than `partBytes` part by part (UploadPartCopy). */
  async copy(from: string, to: string, partBytes: number): Promise<void> {
    const head = await this.head(from);
    if (!head) throw Object.assign(new Error(`no object ${from} to copy`), { code: 'ENOENT' });
    const source = `${this.name}/${from.split('/').map(encodeURIComponent).join('/')}`;
    const size = head.ContentLength ?? 0;
    if (size <= partBytes) {
      await this.call('CopyObject', () => this.client.send(new CopyObjectCommand({ Bucket: this.name, Key: to, CopySource: source })));
      return;
    }
    const { UploadId } = await this.call('CreateMultipartUpload', () => this.client.send(new CreateMultipartUploadCommand({ Bucket: this.name, Key: to })));
    try {
      const parts: { PartNumber: number; ETag: string | undefined }[] = [];
      for (let start = 0, n = 1; start < size; start += partBytes, n++) {
        const end = Math.min(size, start + partBytes) - 1;
        const part = await this.call('UploadPartCopy', () =>
          this.client.send(new UploadPartCopyCommand({ Bucket: this.name, Key: to, UploadId, PartNumber: n, CopySource: source, CopySourceRange: `bytes=${start}-${end}` })),
        );
        parts.push({ PartNumber: n, ETag: part.CopyPartResult?.ETag });
      }
      await this.call('CompleteMultipartUpload', () => this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.name, Key: to, UploadId, MultipartUpload: { Parts: parts } })));
    } catch (err) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.name, Key: to, UploadId })).catch(() => undefined);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.call('DeleteObject', () => this.client.send(new DeleteObjectCommand({ Bucket: this.name, Key: key })));
  }

  /** One DeleteObject per object: S3's multi-object delete needs a Content-MD5 some servers insist on and the SDK no longer sends. */
  async deleteAll(objects: readonly _Object[]): Promise<void> {
    await inParallel(objects, (o) => this.delete(o.Key!));
  }

  /** Every object under a prefix (housekeeping and workers only: never on a viewer's request). */
  async list(prefix: string): Promise<_Object[]> {
    const out: _Object[] = [];
    let token: string | undefined;
    do {
      const page = await this.call('ListObjectsV2', () => this.client.send(new ListObjectsV2Command({ Bucket: this.name, Prefix: prefix, ContinuationToken: token })));
      out.push(...(page.Contents ?? []).filter((o) => o.Key));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /** Aborts multipart uploads under these prefixes begun before `cutoff` (a killed process never completed nor aborted them); their keys. */
  async abortMultipartUploads(prefixes: readonly string[], cutoff: number): Promise<string[]> {
    const uploads = await this.call('ListMultipartUploads', () => this.client.send(new ListMultipartUploadsCommand({ Bucket: this.name })));
    const aborted: string[] = [];
    for (const u of uploads.Uploads ?? []) {
      if (!u.Key || !u.UploadId || !prefixes.some((p) => u.Key!.startsWith(p)) || (u.Initiated?.getTime() ?? Infinity) > cutoff) continue;
      await this.call('AbortMultipartUpload', () => this.client.send(new AbortMultipartUploadCommand({ Bucket: this.name, Key: u.Key, UploadId: u.UploadId })));
      aborted.push(u.Key);
    }
    return aborted;
  }
}

/** Runs `fn` over `items`, PARALLEL at a time; after a failure no new item starts, and it rejects once those running settle. */
export async function inParallel<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  const run = async () => {
    while (!failed && next < items.length) {
      try {
        await fn(items[next++]!);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL, items.length) }, run));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}
