// Published media files held in memory for delivery (issue 14). Everything a viewer's signed URL
// reaches is immutable: a rendition folder never changes once published (a new upload or track
// change publishes a new folder), and per-locale posters are content-addressed. So a file's
// stat, validators and bytes can be kept for as long as there is room, and are never stale.
// Bounded by bytes (PODIUM_MEDIA_CACHE_MB), least recently used first out (isaacs' lru-cache,
// which does the byte accounting); files past the largest cached size keep only their stat and
// are streamed from the store. Concurrent misses on one file read it once (a segment every viewer
// of a region asks for in the same second). Only files found are kept: a file that is missing now
// may be published later.
//
// It reads through the three MediaStore reads only, so it sits in front of any store (disk,
// object storage) without being one.
//
// A file read into memory and not kept (the cache is full and the file new: admit()), or kept and
// later pushed out, leaves a buffer that the next read may use again (read-buffers.ts: a fresh one
// costs more than the read). It may only once no answer still sends it: every get() and peek()
// counts a reader of the file's bytes, done() says one has finished (its answer is sent), and a
// buffer goes back only when the cache no longer holds the file and no reader is left. A reader
// that never calls done() keeps the buffer from reuse: it is then simply garbage collected.
import type { Readable } from 'node:stream';
import { LRUCache } from 'lru-cache';
import { ReadBuffers } from './read-buffers.js';
import type { MediaFileStat, MediaStore } from './store.js';

export type MediaFileSource = Pick<MediaStore, 'stat' | 'readSmall' | 'createReadStream'>;

export interface MediaFile {
  renditionKey: string;
  file: string;
  stat: MediaFileStat;
  /** Strong validator from size and modification time, made once per file. */
  etag: string;
  /** HTTP date of the modification time, made once per file. */
  lastModified: string;
  /** The whole file when held in memory; null when it is streamed from the store. */
  bytes: Buffer | null;
}

export interface MediaFileCacheOptions {
  /** Bytes of file contents kept at most; 0 keeps nothing (every request reads the store). */
  maxBytes: number;
  /** Largest file kept in memory. Default 16 MiB, and at most a quarter of maxBytes so one file never flushes the rest. */
  maxFileBytes?: number;
}

/** What an entry costs beside its bytes (strings, stat, the LRU's node), so stat-only entries are bounded too. */
const ENTRY_OVERHEAD = 512;
const DEFAULT_MAX_FILE = 16 * 1024 * 1024;
const SEEN_ONCE_MAX = 100_000;
/** Files smaller than this are read into fresh buffers (Node's own pool serves the smallest; the cost is in large ones). */
const REUSE_MIN_BYTES = 64 * 1024;
/** Free read buffers kept at most. */
const SPARE_MAX_BYTES = 64 * 1024 * 1024;

/** The buffer under a file's bytes: who still reads them, and whether the cache holds the file. */
interface Lease {
  buffer: Buffer;
  readers: number;
  held: boolean;
}

export function mediaEtag(stat: MediaFileStat): string {
  return `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
}

export class MediaFileCache {
  private readonly lru: LRUCache<string, MediaFile> | null;
  private readonly maxFileBytes: number;
  private readonly loading = new Map<string, Promise<MediaFile | null>>();
  /** Files read once and not kept, since the cache was full (admit()). */
  private readonly seenOnce = new Set<string>();
  private hits = 0;
  private misses = 0;
  private readonly buffers: ReadBuffers;
  private readonly leases = new WeakMap<MediaFile, Lease>();

  constructor(
    private readonly source: MediaFileSource,
    opts: MediaFileCacheOptions,
  ) {
    this.maxFileBytes = Math.min(opts.maxFileBytes ?? DEFAULT_MAX_FILE, Math.floor(opts.maxBytes / 4));
    this.buffers = new ReadBuffers(Math.min(SPARE_MAX_BYTES, Math.floor(opts.maxBytes / 4)));
    this.lru =
      opts.maxBytes > 0
        ? new LRUCache<string, MediaFile>({
            maxSize: opts.maxBytes,
            sizeCalculation: (f) => ENTRY_OVERHEAD + (f.bytes?.length ?? 0),
            // Pushed out (or dropped): its buffer is free once its last reader is done.
            dispose: (f) => this.hold(f, false),
          })
        : null;
  }

  /**
   * A rendition's file (`file` may name a subfolder's file) with its validators and, when small
   * enough, its bytes; null when the store has none. Names are checked by the store.
   */
  get(renditionKey: string, file: string): Promise<MediaFile | null> {
    const lru = this.lru;
    if (!lru) return this.load(renditionKey, file, false);
    const key = `${renditionKey}/${file}`;
    const hit = lru.get(key);
    if (hit) {
      this.hits++;
      return Promise.resolve(this.lend(hit));
    }
    let pending = this.loading.get(key);
    if (!pending) {
      this.misses++;
      pending = this.load(renditionKey, file, true)
        .then((f) => {
          if (f && this.admit(lru, key, f)) {
            lru.set(key, f);
            this.hold(f, true);
          }
          return f;
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    // Each caller counts as a reader as the file arrives, before any of them can be done.
    return pending.then((f) => f && this.lend(f));
  }

  /**
   * A reader of a file from get() or peek() has finished with its bytes (its answer has been
   * handed to the OS, e.g. on the response's 'finish'). Once no reader is left and the cache does
   * not hold the file, its buffer may be read into again: call it once per get() or peek(), and
   * never touch the bytes after.
   */
  done(f: MediaFile): void {
    const lease = this.leases.get(f);
    if (!lease || lease.readers === 0) return; // a done() too many must not free the buffer under a later reader
    lease.readers--;
    this.free(f, lease);
  }

  private lend(f: MediaFile): MediaFile {
    const lease = this.leases.get(f);
    if (lease) lease.readers++;
    return f;
  }

  private hold(f: MediaFile, held: boolean): void {
    const lease = this.leases.get(f);
    if (!lease) return;
    lease.held = held;
    this.free(f, lease);
  }

  private free(f: MediaFile, lease: Lease): void {
    if (lease.readers > 0 || lease.held) return;
    this.leases.delete(f);
    this.buffers.give(lease.buffer);
  }

  /**
   * Whether a file just read goes in: always while there is room; once full, only a file asked for
   * before (a doorkeeper, as nginx's proxy_cache_min_uses or TinyLFU's), so a scan of files each
   * asked once — a crawler, a viewer seeking through an old programme — neither pushes out what
   * many viewers share nor keeps bytes alive into the old generation of the heap, where dropping
   * them costs full garbage collections. A segment a region watches is asked again within seconds.
   */
  private admit(lru: LRUCache<string, MediaFile>, key: string, f: MediaFile): boolean {
    if (lru.calculatedSize + ENTRY_OVERHEAD + (f.bytes?.length ?? 0) <= lru.maxSize || this.seenOnce.delete(key)) return true;
    if (this.seenOnce.size >= SEEN_ONCE_MAX) this.seenOnce.clear();
    this.seenOnce.add(key);
    return false;
  }

  /** The file when it is held in memory now (bytes and all), without reading anything; else null. */
  peek(renditionKey: string, file: string): MediaFile | null {
    const hit = this.lru?.get(`${renditionKey}/${file}`);
    if (!hit?.bytes) return null;
    this.hits++;
    return this.lend(hit);
  }

  /** Bytes `start`..`end` (inclusive) of a file not held in memory; a failed read drops its entry (the file went away). */
  async stream(f: MediaFile, range: { start: number; end: number }): Promise<Readable> {
    try {
      return await this.source.createReadStream(f.renditionKey, f.file, range);
    } catch (err) {
      this.lru?.delete(`${f.renditionKey}/${f.file}`);
      throw err;
    }
  }

  /** For operators and tests: what is held and how often it served. */
  stats(): { entries: number; bytes: number; hits: number; misses: number; buffersReused: number } {
    return { entries: this.lru?.size ?? 0, bytes: this.lru?.calculatedSize ?? 0, hits: this.hits, misses: this.misses, buffersReused: this.buffers.reused() };
  }

  private async load(renditionKey: string, file: string, keepBytes: boolean): Promise<MediaFile | null> {
    // A miss is one look at the store (stat and bytes together), not a stat and then a read.
    let buffer: Buffer | null = null;
    const alloc = (size: number) => (size < REUSE_MIN_BYTES ? Buffer.allocUnsafe(size) : (buffer = this.buffers.take(size)).subarray(0, size));
    const found = keepBytes ? await this.source.readSmall(renditionKey, file, this.maxFileBytes, alloc) : { stat: await this.source.stat(renditionKey, file), bytes: null };
    if (!found?.stat) return null;
    const { stat, bytes } = found;
    // Validators from the bytes' own size when read (a file cut short since its stat: what was read).
    const own: MediaFileStat = bytes && bytes.length !== stat.size ? { ...stat, size: bytes.length } : stat;
    const f: MediaFile = { renditionKey, file, stat: own, etag: mediaEtag(own), lastModified: own.mtime.toUTCString(), bytes };
    if (buffer && bytes) this.leases.set(f, { buffer, readers: 0, held: false });
    return f;
  }
}
