// Where sources and renditions live. DiskMediaStore keeps them under PODIUM_DATA_DIR:
//   uploads/<programmeId>/<jobId>.source            raw uploaded source
//   media/<programmeId>/<renditionId>/…              published HLS renditions (immutable)
//   media/<programmeId>/posters/<locale>.<hash>.<ext>  per-locale posters (content-addressed, immutable)
// Its folders are where the transcoder writes, so committing a rendition is nothing and a local
// copy is the file itself. S3MediaStore (s3-store.ts) keeps the same layout in a bucket. Nothing
// outside server/media/ reads or removes files under the media folder itself.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { isSafeMediaSegment } from './media-path.js';

/** What a published file's ETag and Last-Modified are made of. */
export interface MediaFileStat {
  size: number;
  mtime: Date;
  mtimeMs: number;
}

/** A local copy of stored bytes (a file or a folder) for a worker; release() removes it when it is a copy. */
export interface LocalCopy {
  path: string;
  release(): Promise<void>;
}

/**
 * Where sources, renditions and posters live. Workers package on local disk and the store makes
 * the result readable: prepareRendition() → the transcoder writes the folder → commitRendition()
 * → only then the catalog switches the programme to it (the publish). A store on a shared disk
 * finds the folder already in place; an object store uploads it, the master playlist last, so a
 * crash at any point leaves nothing a programme names, and sweepOrphans() removes what it left.
 */
export interface MediaStore {
  /** A fresh local temp path for an incoming source (its folder exists). */
  incomingSourcePath(programmeId: string): Promise<string>;
  /** Moves a completely received source into place; returns its key for the job payload. */
  commitSource(tempPath: string, programmeId: string, jobId: string): Promise<string>;
  /** Removes a partial upload; never throws. */
  discard(tempPath: string): Promise<void>;
  /** A local file with a committed source's bytes (a worker's input); release() when done. */
  fetchSource(sourceKey: string): Promise<LocalCopy>;
  /** Every committed source with the job it was committed for (the sweep of sources nothing needs). */
  listSources(): Promise<StoredSource[]>;
  /** Removes a committed source; false when there was none. */
  removeSource(sourceKey: string): Promise<boolean>;
  /** Local folder a new rendition is packaged into (its parent exists, the folder itself does not), and its key. */
  prepareRendition(programmeId: string, renditionId: string): Promise<{ dir: string; key: string }>;
  /**
   * Makes a rendition packaged in its prepared folder readable at its key, before it is published
   * (every file with its content type and cache policy, master.m3u8 last). The local folder is
   * gone afterwards unless the store keeps it in place (disk).
   */
  commitRendition(rendition: { dir: string; key: string }): Promise<void>;
  /** A local folder with a committed rendition's files, which the transcoder builds the next rendition from; release() when done. */
  fetchRendition(renditionKey: string): Promise<LocalCopy>;
  /**
   * Size and modification time of a file of a rendition (`file` may name a subfolder's file, as
   * `v0/seg_00001.m4s`), or null when there is none. Every name is checked (media-path.ts) and
   * nothing outside the media folder is reached, through `..` or a symlink; so for all reads.
   */
  stat(renditionKey: string, file: string): Promise<MediaFileStat | null>;
  /** A file of a rendition, whole; rejects when there is none. */
  readFile(renditionKey: string, file: string): Promise<Buffer>;
  /**
   * A file's stat and, when it has at most `maxBytes`, its bytes, in one look at the store (disk:
   * open, fstat, one read; object storage: one GET), for delivery's cache misses; null when there is none.
   * `alloc` gives the buffer to read `size` bytes into (the cache's reused ones); a store that
   * receives its bytes in buffers of its own ignores it.
   */
  readSmall(renditionKey: string, file: string, maxBytes: number, alloc?: (size: number) => Buffer): Promise<{ stat: MediaFileStat; bytes: Buffer | null } | null>;
  /** A file's bytes from `start` to `end` inclusive (the whole file without a range); rejects when there is none. */
  createReadStream(renditionKey: string, file: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Removes a rendition (its prepared folder and what was committed: one never published, or one that lost a race to be); a missing one is no error. */
  removeRendition(renditionKey: string): Promise<void>;
  /**
   * A fresh local scratch folder beside the programme's prepared renditions (not created; on the
   * same filesystem, so the transcoder can hard-link into it). sweepStale() removes one a killed process left.
   */
  prepareStaging(programmeId: string): Promise<string>;
  /** Removes a scratch folder from prepareStaging(); a missing one is no error. */
  removeStaging(dir: string): Promise<void>;
  /** Public URL of a file of a published rendition. */
  publicUrl(renditionKey: string, file: string): string;
  /**
   * Stores a poster image as `posters/<name>` beside the programme's renditions (readers never
   * see half a file); returns that relative path.
   */
  putPoster(programmeId: string, name: string, bytes: Uint8Array): Promise<string>;
  /** Removes a poster stored by putPoster (its relative path); never throws. */
  removePoster(programmeId: string, relPath: string): Promise<void>;
  /** Removes partial uploads and unfinished local folders left by a killed process. */
  sweepStale(olderThanMs: number): Promise<string[]>;
  /**
   * Removes committed renditions no programme names (`referenced`: every programme row's rendition
   * key) whose newest file is older than `olderThanMs`: what a crash between commit and publish
   * left, and renditions replaced since (viewers' signed URLs to them outlive the publish).
   * `now` is the clock the age is measured on (the bucket's times are rounded up to the second).
   * Returns the keys removed.
   */
  sweepOrphans(referenced: ReadonlySet<string>, olderThanMs: number, now?: number): Promise<string[]>;
}

export interface StoredSource {
  key: string;
  programmeId: string;
  jobId: string;
}

export class DiskMediaStore implements MediaStore {
  readonly mediaRoot: string;
  readonly uploadsRoot: string;
  /** The media folder's real path (symlinks resolved), once known: files must lie inside it. */
  private realRoot: string | undefined;
  /** "<programmeId>/<renditionId>[/<subfolder>…]" → its real path, checked inside the media folder. */
  private readonly realFolders = new Map<string, string>();

  constructor(dataPath: string) {
    this.mediaRoot = path.join(dataPath, 'media');
    this.uploadsRoot = path.join(dataPath, 'uploads');
    fs.mkdirSync(this.mediaRoot, { recursive: true });
    fs.mkdirSync(this.uploadsRoot, { recursive: true });
  }

  async incomingSourcePath(programmeId: string): Promise<string> {
    const dir = path.join(this.uploadsRoot, safeSegment(programmeId));
    await fs.promises.mkdir(dir, { recursive: true });
    return path.join(dir, `.incoming-${randomUUID()}`);
  }

  async commitSource(tempPath: string, programmeId: string, jobId: string): Promise<string> {
    const key = `${safeSegment(programmeId)}/${safeSegment(jobId)}${SOURCE_SUFFIX}`;
    await fs.promises.rename(tempPath, path.join(this.uploadsRoot, key));
    return key;
  }

  async discard(tempPath: string): Promise<void> {
    await fs.promises.rm(tempPath, { force: true }).catch(() => undefined);
  }

  sourceFile(sourceKey: string): string {
    const { programmeId, file } = sourceKeyParts(sourceKey);
    return path.join(this.uploadsRoot, programmeId, file);
  }

  async fetchSource(sourceKey: string): Promise<LocalCopy> {
    return { path: this.sourceFile(sourceKey), release: async () => undefined };
  }

  async listSources(): Promise<StoredSource[]> {
    const sources: StoredSource[] = [];
    for (const programmeId of await fs.promises.readdir(this.uploadsRoot).catch(() => [] as string[])) {
      for (const name of await fs.promises.readdir(path.join(this.uploadsRoot, programmeId)).catch(() => [] as string[])) {
        if (name.endsWith(SOURCE_SUFFIX) && !name.startsWith('.')) sources.push({ key: `${programmeId}/${name}`, programmeId, jobId: name.slice(0, -SOURCE_SUFFIX.length) });
      }
    }
    return sources;
  }

  async removeSource(sourceKey: string): Promise<boolean> {
    const file = this.sourceFile(sourceKey);
    try {
      await fs.promises.rm(file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async prepareRendition(programmeId: string, renditionId: string): Promise<{ dir: string; key: string }> {
    const parent = path.join(this.mediaRoot, safeSegment(programmeId));
    await fs.promises.mkdir(parent, { recursive: true });
    return { dir: path.join(parent, safeSegment(renditionId)), key: `${programmeId}/${renditionId}` };
  }

  /** The transcoder wrote the folder in place (renamed into it whole): it is readable already. */
  async commitRendition(): Promise<void> {}

  async fetchRendition(renditionKey: string): Promise<LocalCopy> {
    return { path: this.renditionDir(renditionKey), release: async () => undefined };
  }

  /** Disk keeps replaced renditions (as before object storage); a crash leaves only hidden temp folders, which sweepStale() takes. */
  async sweepOrphans(): Promise<string[]> {
    return [];
  }

  renditionDir(renditionKey: string): string {
    return path.join(this.mediaRoot, ...renditionKey.split('/').map(safeSegment));
  }

  async stat(renditionKey: string, file: string): Promise<MediaFileStat | null> {
    const found = await this.locate(renditionKey, file);
    return found ? { size: found.stat.size, mtime: found.stat.mtime, mtimeMs: found.stat.mtimeMs } : null;
  }

  async readFile(renditionKey: string, file: string): Promise<Buffer> {
    return fs.promises.readFile(await this.located(renditionKey, file));
  }

  async createReadStream(renditionKey: string, file: string, range?: { start: number; end: number }): Promise<Readable> {
    return fs.createReadStream(await this.located(renditionKey, file), range ?? {});
  }

  async readSmall(renditionKey: string, file: string, maxBytes: number, alloc = (size: number) => Buffer.allocUnsafe(size)): Promise<{ stat: MediaFileStat; bytes: Buffer | null } | null> {
    const real = await this.inFolder(renditionKey, file);
    // O_NOFOLLOW refuses a symlink as locate()'s lstat does; O_NONBLOCK keeps a FIFO from blocking the open.
    const handle = real ? await fs.promises.open(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK).catch(() => null) : null;
    if (!handle) return null;
    try {
      const st = await handle.stat();
      if (!st.isFile()) return null;
      const stat = { size: st.size, mtime: st.mtime, mtimeMs: st.mtimeMs };
      if (st.size > maxBytes) return { stat, bytes: null };
      const bytes = alloc(st.size);
      let read = 0;
      while (read < st.size) {
        const { bytesRead } = await handle.read(bytes, read, st.size - read, read);
        if (bytesRead === 0) break; // truncated since the fstat: what is there
        read += bytesRead;
      }
      return { stat, bytes: read === st.size ? bytes : bytes.subarray(0, read) };
    } finally {
      await handle.close();
    }
  }

  async removeRendition(renditionKey: string): Promise<void> {
    await fs.promises.rm(this.renditionDir(renditionKey), { recursive: true, force: true });
  }

  async prepareStaging(programmeId: string): Promise<string> {
    const parent = path.join(this.mediaRoot, safeSegment(programmeId));
    await fs.promises.mkdir(parent, { recursive: true });
    // hidden and ending in .tmp-…: sweepStale's pattern for what a killed process left
    return path.join(parent, `.staging-${randomUUID()}.tmp-x`);
  }

  async removeStaging(dir: string): Promise<void> {
    if (path.dirname(path.dirname(dir)) !== this.mediaRoot || !/^\.staging-.+\.tmp-x$/.test(path.basename(dir))) throw new Error(`not a staging folder: ${dir}`);
    await fs.promises.rm(dir, { recursive: true, force: true });
  }

  /**
   * The path of a rendition's file when every name is safe and it lies inside the media folder,
   * with its stat; else null. Its folder's real path (symlinks resolved, inside the media folder)
   * is resolved once: a published folder never changes. The file itself is looked at with lstat,
   * and a symlink is refused (the transcoder writes none), so a read costs one system call.
   */
  private async locate(renditionKey: string, file: string): Promise<{ real: string; stat: fs.Stats } | null> {
    const real = await this.inFolder(renditionKey, file);
    const stat = real ? await fs.promises.lstat(real).catch(() => null) : null;
    return real && stat?.isFile() ? { real, stat } : null;
  }

  /** The path of a rendition's file in its folder's real path, when every name is safe (not looked at yet). */
  private async inFolder(renditionKey: string, file: string): Promise<string | null> {
    const segments = [...renditionKey.split('/'), ...file.split('/')];
    if (!segments.every(isSafeMediaSegment)) return null;
    const folder = await this.realFolder(segments.slice(0, -1));
    return folder ? path.join(folder, segments[segments.length - 1]!) : null;
  }

  /** The real path of a folder below the media folder, if inside it; kept once found (never a miss: the folder may appear later). */
  private async realFolder(segments: readonly string[]): Promise<string | null> {
    const key = segments.join('/');
    const known = this.realFolders.get(key);
    if (known) return known;
    this.realRoot ??= await fs.promises.realpath(this.mediaRoot);
    const real = await fs.promises.realpath(path.join(this.realRoot, ...segments)).catch(() => null);
    if (!real || !real.startsWith(this.realRoot + path.sep)) return null;
    if (this.realFolders.size >= REAL_FOLDERS_MAX) this.realFolders.clear();
    this.realFolders.set(key, real);
    return real;
  }

  /** The real path of a rendition's file (a file, not a folder), or an ENOENT rejection. */
  private async located(renditionKey: string, file: string): Promise<string> {
    const found = await this.locate(renditionKey, file);
    if (!found) throw Object.assign(new Error(`no media file ${renditionKey}/${file}`), { code: 'ENOENT' });
    return found.real;
  }

  async putPoster(programmeId: string, name: string, bytes: Uint8Array): Promise<string> {
    const programmeDir = path.join(this.mediaRoot, safeSegment(programmeId));
    const dir = path.join(programmeDir, POSTERS_DIR);
    await fs.promises.mkdir(dir, { recursive: true });
    // A hidden temp name directly in the programme's folder: sweepStale() removes it after a crash.
    const temp = path.join(programmeDir, `.poster.tmp-${randomUUID()}`);
    try {
      await fs.promises.writeFile(temp, bytes);
      await fs.promises.rename(temp, path.join(dir, safeSegment(name)));
    } catch (err) {
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
    return `${POSTERS_DIR}/${name}`;
  }

  async removePoster(programmeId: string, relPath: string): Promise<void> {
    const [dir, name, ...rest] = relPath.split('/');
    if (dir !== POSTERS_DIR || !name || rest.length) return;
    await fs.promises.rm(path.join(this.mediaRoot, safeSegment(programmeId), POSTERS_DIR, safeSegment(name)), { force: true }).catch(() => undefined);
  }

  publicUrl(renditionKey: string, file: string): string {
    return `/media/${renditionKey}/${file}`;
  }

  async sweepStale(olderThanMs: number): Promise<string[]> {
    const removed: string[] = [];
    const cutoff = Date.now() - olderThanMs;
    // uploads/<pid>/.incoming-* (receiveBody) and media/<pid>/.<rid>.tmp-* (the transcoder)
    for (const [root, pattern] of [
      [this.uploadsRoot, /^\.incoming-/],
      [this.mediaRoot, /^\..+\.tmp-/],
    ] as const) {
      for (const programme of await fs.promises.readdir(root).catch(() => [] as string[])) {
        const dir = path.join(root, programme);
        for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
          if (!pattern.test(name)) continue;
          const target = path.join(dir, name);
          const stat = await fs.promises.lstat(target).catch(() => null);
          if (!stat || stat.mtimeMs > cutoff) continue;
          await fs.promises.rm(target, { recursive: true, force: true });
          removed.push(target);
        }
      }
    }
    return removed;
  }
}

export const SOURCE_SUFFIX = '.source';
/** Folders' real paths kept (bounded: cleared when full). */
const REAL_FOLDERS_MAX = 10_000;

/** Folder of a programme's posters, beside its rendition folders (a rendition id is never this). */
export const POSTERS_DIR = 'posters';

export function safeSegment(s: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s) || s.includes('..')) throw new Error(`unsafe path segment ${JSON.stringify(s)}`);
  return s;
}

/** A source key (`<programmeId>/<jobId>.source`) → its checked parts; throws on anything else. */
export function sourceKeyParts(sourceKey: string): { programmeId: string; file: string } {
  const [programmeId, file, ...rest] = sourceKey.split('/');
  if (!programmeId || !file || rest.length) throw new Error(`bad source key ${JSON.stringify(sourceKey)}`);
  return { programmeId: safeSegment(programmeId), file: safeSegment(file) };
}
