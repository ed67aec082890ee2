// Sources, renditions and posters in an S3-compatible bucket, with DiskMediaStore's layout:
//   <prefix>uploads/<programmeId>/<jobId>.source
//   <prefix>media/<programmeId>/<renditionId>/…          (master.m3u8 written last)
//   <prefix>media/<programmeId>/posters/<locale>.<hash>.<ext>
// Workers still package on local disk, in `workDir` ($PODIUM_DATA_DIR/work): a source is fetched
// there, the transcoder writes a folder there, commitRendition() uploads it and removes it, and
// only then does the catalog publish. A programme only ever names a fully uploaded rendition; what
// a crash leaves is named by nothing and goes in sweepOrphans(). Reads for viewers are one
// HeadObject (stat) and one GetObject (with Range); nothing viewers do lists the bucket.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { S3Client, _Object } from '@aws-sdk/client-s3';
import { isSafeMediaSegment } from './media-path.js';
import { mediaHeaders } from './media-types.js';
import { inParallel, S3Bucket } from './s3-bucket.js';
import { ObjectStorageErrors } from './s3-client.js';
import { POSTERS_DIR, SOURCE_SUFFIX, safeSegment, sourceKeyParts, type LocalCopy, type MediaFileStat, type MediaStore, type StoredSource } from './store.js';

/** An incoming source that is already an object in the bucket (a finished resumable upload). */
const OBJECT_HANDLE = 's3-object:';
/** S3's limit for one CopyObject: larger objects are copied part by part. */
const COPY_MAX = 5 * 1024 ** 3;

export interface S3MediaStoreOptions {
  client: S3Client;
  bucket: string;
  /** Prefix of every key this store reads and writes ('' in production; tests take one each). */
  prefix?: string;
  /** Local folder for incoming sources, fetched copies and packaging. */
  workDir: string;
  /** Objects larger than this are copied part by part (default 5 GiB, S3's CopyObject limit). */
  copyPartBytes?: number;
  errors?: ObjectStorageErrors;
}

export class S3MediaStore implements MediaStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly workDir: string;
  /** Failed requests by operation (the object-storage error metric). */
  readonly errors: ObjectStorageErrors;
  private readonly b: S3Bucket;
  private readonly copyPartBytes: number;

  constructor(opts: S3MediaStoreOptions) {
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ?? '';
    this.workDir = opts.workDir;
    this.copyPartBytes = opts.copyPartBytes ?? COPY_MAX;
    this.errors = opts.errors ?? new ObjectStorageErrors();
    this.b = new S3Bucket(opts.client, opts.bucket, this.errors);
    fs.mkdirSync(this.workDir, { recursive: true });
  }

  /** Rejects unless the bucket answers with these credentials (readiness checks). */
  async check(): Promise<void> {
    await this.b.check();
  }

  /** A bucket object (unprefixed key: a finished resumable upload) as an incoming source for commitSource/discard. */
  incomingObject(objectKey: string): string {
    return `${OBJECT_HANDLE}${objectKey}`;
  }

  async incomingSourcePath(programmeId: string): Promise<string> {
    const dir = path.join(this.workDir, 'incoming', safeSegment(programmeId));
    await fs.promises.mkdir(dir, { recursive: true });
    return path.join(dir, `.incoming-${randomUUID()}`);
  }

  async commitSource(tempPath: string, programmeId: string, jobId: string): Promise<string> {
    const key = `${safeSegment(programmeId)}/${safeSegment(jobId)}${SOURCE_SUFFIX}`;
    const target = this.sourceObject(key);
    if (tempPath.startsWith(OBJECT_HANDLE)) {
      const from = tempPath.slice(OBJECT_HANDLE.length);
      await this.b.copy(from, target, this.copyPartBytes);
      await this.b.delete(from);
    } else {
      const { size } = await fs.promises.stat(tempPath);
      await this.b.putFile(target, tempPath, size, { type: 'application/octet-stream', cache: 'no-store' });
      await fs.promises.rm(tempPath, { force: true });
    }
    return key;
  }

  async discard(tempPath: string): Promise<void> {
    if (tempPath.startsWith(OBJECT_HANDLE)) await this.b.delete(tempPath.slice(OBJECT_HANDLE.length)).catch(() => undefined);
    else await fs.promises.rm(tempPath, { force: true }).catch(() => undefined);
  }

  async fetchSource(sourceKey: string): Promise<LocalCopy> {
    const { programmeId } = sourceKeyParts(sourceKey);
    const dir = path.join(this.workDir, programmeId);
    await fs.promises.mkdir(dir, { recursive: true });
    const file = path.join(dir, `.source-${randomUUID()}.tmp-x`);
    try {
      await this.b.download(this.sourceObject(sourceKey), file);
    } catch (err) {
      await fs.promises.rm(file, { force: true });
      throw err;
    }
    return { path: file, release: () => fs.promises.rm(file, { force: true }) };
  }

  async listSources(): Promise<StoredSource[]> {
    const root = `${this.prefix}uploads/`;
    const sources: StoredSource[] = [];
    for (const o of await this.b.list(root)) {
      const [programmeId, name, ...rest] = o.Key!.slice(root.length).split('/');
      if (programmeId && name?.endsWith(SOURCE_SUFFIX) && !rest.length) sources.push({ key: `${programmeId}/${name}`, programmeId, jobId: name.slice(0, -SOURCE_SUFFIX.length) });
    }
    return sources;
  }

  async removeSource(sourceKey: string): Promise<boolean> {
    const key = this.sourceObject(sourceKey);
    if (!(await this.b.head(key))) return false;
    await this.b.delete(key);
    return true;
  }

  async prepareRendition(programmeId: string, renditionId: string): Promise<{ dir: string; key: string }> {
    const parent = path.join(this.workDir, safeSegment(programmeId));
    await fs.promises.mkdir(parent, { recursive: true });
    return { dir: path.join(parent, safeSegment(renditionId)), key: `${programmeId}/${renditionId}` };
  }

  async commitRendition({ dir, key }: { dir: string; key: string }): Promise<void> {
    const files = await listTree(dir);
    // master.m3u8 last: a reader by key finds no master before every file it names is there.
    const last = files.filter((f) => f.rel === 'master.m3u8');
    const first = files.filter((f) => f.rel !== 'master.m3u8');
    await inParallel(first, (f) => this.b.putFile(this.mediaObject(key, f.rel), path.join(dir, f.rel), f.size, mediaHeaders(f.rel)));
    for (const f of last) await this.b.putFile(this.mediaObject(key, f.rel), path.join(dir, f.rel), f.size, mediaHeaders(f.rel));
    await fs.promises.rm(dir, { recursive: true, force: true });
  }

  async fetchRendition(renditionKey: string): Promise<LocalCopy> {
    const [programmeId] = this.renditionParts(renditionKey);
    const dir = path.join(this.workDir, programmeId, `.fetch-${randomUUID()}.tmp-x`);
    const root = this.mediaObject(renditionKey, '');
    const release = () => fs.promises.rm(dir, { recursive: true, force: true });
    try {
      const objects = await this.b.list(root);
      if (!objects.length) throw Object.assign(new Error(`no rendition ${renditionKey}`), { code: 'ENOENT' });
      await inParallel(objects, async (o) => {
        const target = path.join(dir, ...o.Key!.slice(root.length).split('/').map(safeFileName));
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await this.b.download(o.Key!, target);
      });
    } catch (err) {
      await release();
      throw err;
    }
    return { path: dir, release };
  }

  async stat(renditionKey: string, file: string): Promise<MediaFileStat | null> {
    const key = this.readableObject(renditionKey, file);
    const head = key ? await this.b.head(key) : null;
    if (!head) return null;
    const mtime = head.LastModified ?? new Date(0);
    return { size: head.ContentLength ?? 0, mtime, mtimeMs: mtime.getTime() };
  }

  async readFile(renditionKey: string, file: string): Promise<Buffer> {
    const body = await this.get(renditionKey, file);
    return Buffer.from(await body.transformToByteArray());
  }

  async readSmall(renditionKey: string, file: string, maxBytes: number): Promise<{ stat: MediaFileStat; bytes: Buffer | null } | null> {
    const key = this.readableObject(renditionKey, file);
    const object = key ? await this.b.object(key) : null;
    if (!object) return null;
    const mtime = object.LastModified ?? new Date(0);
    const stat = { size: object.ContentLength ?? 0, mtime, mtimeMs: mtime.getTime() };
    // Too large to hold: the answer streams it with its own GET (ranges and all); this one is dropped unread.
    if (stat.size > maxBytes || !object.Body) {
      (object.Body as Readable | undefined)?.destroy();
      return { stat, bytes: null };
    }
    return { stat, bytes: Buffer.from(await object.Body.transformToByteArray()) };
  }

  async createReadStream(renditionKey: string, file: string, range?: { start: number; end: number }): Promise<Readable> {
    return (await this.get(renditionKey, file, range)) as Readable;
  }

  async removeRendition(renditionKey: string): Promise<void> {
    const [programmeId, renditionId] = this.renditionParts(renditionKey);
    await fs.promises.rm(path.join(this.workDir, programmeId, renditionId), { recursive: true, force: true });
    await this.b.deleteAll(await this.b.list(this.mediaObject(renditionKey, '')));
  }

  async prepareStaging(programmeId: string): Promise<string> {
    const parent = path.join(this.workDir, safeSegment(programmeId));
    await fs.promises.mkdir(parent, { recursive: true });
    return path.join(parent, `.staging-${randomUUID()}.tmp-x`);
  }

  async removeStaging(dir: string): Promise<void> {
    if (path.dirname(path.dirname(dir)) !== this.workDir || !/^\.staging-.+\.tmp-x$/.test(path.basename(dir))) throw new Error(`not a staging folder: ${dir}`);
    await fs.promises.rm(dir, { recursive: true, force: true });
  }

  publicUrl(renditionKey: string, file: string): string {
    return `/media/${renditionKey}/${file}`;
  }

  async putPoster(programmeId: string, name: string, bytes: Uint8Array): Promise<string> {
    const rel = `${POSTERS_DIR}/${safeSegment(name)}`;
    const headers = mediaHeaders(name);
    const key = `${this.prefix}media/${safeSegment(programmeId)}/${rel}`;
    await this.b.putBytes(key, bytes, headers); // one PutObject: whole or not at all
    return rel;
  }

  async removePoster(programmeId: string, relPath: string): Promise<void> {
    const [dir, name, ...rest] = relPath.split('/');
    if (dir !== POSTERS_DIR || !name || rest.length) return;
    await this.b.delete(`${this.prefix}media/${safeSegment(programmeId)}/${POSTERS_DIR}/${safeSegment(name)}`).catch(() => undefined);
  }

  async sweepStale(olderThanMs: number): Promise<string[]> {
    const cutoff = Date.now() - olderThanMs;
    const removed: string[] = [];
    // Local leftovers: incoming/<programme>/.incoming-*, and every folder or file under <programme>/
    // (prepared renditions, staging, fetched copies: all transient here).
    for (const top of await fs.promises.readdir(this.workDir).catch(() => [] as string[])) {
      const dir = path.join(this.workDir, top);
      for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
        const targets = top === 'incoming' ? (await fs.promises.readdir(path.join(dir, name)).catch(() => [] as string[])).map((n) => path.join(dir, name, n)) : [path.join(dir, name)];
        for (const target of targets) {
          const stat = await fs.promises.lstat(target).catch(() => null);
          if (!stat || stat.mtimeMs > cutoff) continue;
          await fs.promises.rm(target, { recursive: true, force: true });
          removed.push(target);
        }
      }
    }
    // Multipart uploads a killed process never completed nor aborted (their parts take space unseen).
    for (const key of await this.b.abortMultipartUploads([`${this.prefix}media/`, `${this.prefix}uploads/`], cutoff)) removed.push(`${key} (unfinished multipart upload)`);
    return removed;
  }

  async sweepOrphans(referenced: ReadonlySet<string>, olderThanMs: number, now = Date.now()): Promise<string[]> {
    const cutoff = now - olderThanMs;
    const root = `${this.prefix}media/`;
    const renditions = new Map<string, { newest: number; objects: _Object[] }>();
    for (const o of await this.b.list(root)) {
      const [programmeId, renditionId, ...file] = o.Key!.slice(root.length).split('/');
      if (!programmeId || !renditionId || !file.length || renditionId === POSTERS_DIR) continue;
      const key = `${programmeId}/${renditionId}`;
      const r = renditions.get(key) ?? { newest: 0, objects: [] };
      r.newest = Math.max(r.newest, o.LastModified?.getTime() ?? Date.now());
      r.objects.push(o);
      renditions.set(key, r);
    }
    const removed: string[] = [];
    for (const [key, r] of renditions) {
      if (referenced.has(key) || r.newest > cutoff) continue;
      await this.b.deleteAll(r.objects);
      removed.push(key);
    }
    return removed;
  }

  /** A rendition file's bytes (a range of them); an ENOENT rejection when there is none or its name is unsafe. */
  private async get(renditionKey: string, file: string, range?: { start: number; end: number }) {
    const key = this.readableObject(renditionKey, file);
    const body = key ? await this.b.body(key, range) : null;
    if (!body) throw Object.assign(new Error(`no media file ${renditionKey}/${file}`), { code: 'ENOENT' });
    return body;
  }

  // ---- keys ----

  private sourceObject(sourceKey: string): string {
    const { programmeId, file } = sourceKeyParts(sourceKey);
    return `${this.prefix}uploads/${programmeId}/${file}`;
  }

  private renditionParts(renditionKey: string): [string, string] {
    const [programmeId, renditionId, ...rest] = renditionKey.split('/');
    if (!programmeId || !renditionId || rest.length) throw new Error(`bad rendition key ${JSON.stringify(renditionKey)}`);
    return [safeSegment(programmeId), safeSegment(renditionId)];
  }

  /** The object of a rendition's file written by this store (`rel` '' → the rendition's prefix). */
  private mediaObject(renditionKey: string, rel: string): string {
    const [programmeId, renditionId] = this.renditionParts(renditionKey);
    return `${this.prefix}media/${programmeId}/${renditionId}/${rel}`;
  }

  /** The object a read may reach, when every name is safe (media-path.ts); else null. */
  private readableObject(renditionKey: string, file: string): string | null {
    const segments = [...renditionKey.split('/'), ...file.split('/')];
    return segments.length >= 3 && segments.every(isSafeMediaSegment) ? `${this.prefix}media/${segments.join('/')}` : null;
  }
}

/** A name from the bucket used as a local file name: never a way out of the folder. */
function safeFileName(name: string): string {
  if (!name || name === '.' || name === '..' || /[\\\0]/.test(name)) throw new Error(`unsafe object name ${JSON.stringify(name)}`);
  return name;
}

/** Every file under `dir` with its path relative to it (posix separators) and size. */
async function listTree(dir: string, rel = ''): Promise<{ rel: string; size: number }[]> {
  const out: { rel: string; size: number }[] = [];
  for (const entry of await fs.promises.readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listTree(dir, r)));
    else if (entry.isFile()) out.push({ rel: r, size: (await fs.promises.stat(path.join(dir, r))).size });
  }
  return out;
}
