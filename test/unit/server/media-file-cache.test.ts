// The in-memory cache of published media files (server/media/file-cache.ts) over a real
// DiskMediaStore on a temp data dir: bounded by bytes with the least recently used out first,
// large files streamed with their stat kept, concurrent misses read once, nothing stale.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { MediaFileCache, mediaEtag } from '../../../server/media/file-cache.js';
import { DiskMediaStore } from '../../../server/media/store.js';
import { tempDir } from '../../helpers/media.js';

async function text(s: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of s) out += String(chunk);
  return out;
}

describe('server/media/file-cache MediaFileCache', () => {
  async function setup(files: Record<string, string | Buffer>, rendition = 'r1') {
    const dataDir = await tempDir('podium-file-cache-');
    const store = new DiskMediaStore(dataDir);
    const { dir, key } = await store.prepareRendition('p1', rendition);
    for (const [name, body] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), body);
    }
    return { dataDir, store, dir, key };
  }

  it('keeps a file with its stat and validators: the second read is a hit, the same bytes', async () => {
    const { store, key, dir } = await setup({ 'v0/seg.m4s': 'x'.repeat(1000) });
    const cache = new MediaFileCache(store, { maxBytes: 1 << 20 });
    const first = await cache.get(key, 'v0/seg.m4s');
    const second = await cache.get(key, 'v0/seg.m4s');
    expect(second).to.equal(first);
    expect(first!.bytes!.toString()).to.equal('x'.repeat(1000));
    const st = fs.statSync(path.join(dir, 'v0', 'seg.m4s'));
    expect(first!.etag).to.equal(mediaEtag({ size: 1000, mtime: st.mtime, mtimeMs: st.mtimeMs }));
    expect(first!.lastModified).to.equal(st.mtime.toUTCString());
    expect(cache.stats()).to.include({ entries: 1, hits: 1, misses: 1 });
  });

  it('is bounded by bytes: the least recently used file leaves first, for a file asked for again once the cache is full', async () => {
    const body = 'y'.repeat(2000);
    const { store, key } = await setup({ 'a.m4s': body, 'b.m4s': body, 'c.m4s': body, 'd.m4s': body });
    // Room for three 2000-byte files and their entries (512 bytes each), not four.
    const cache = new MediaFileCache(store, { maxBytes: 8000, maxFileBytes: 4096 });
    for (const f of ['a.m4s', 'b.m4s', 'c.m4s']) await cache.get(key, f);
    expect(cache.stats()).to.include({ entries: 3, bytes: 3 * 2512 });
    await cache.get(key, 'a.m4s'); // a is now the most recently used: b is the least
    // Full: d asked once is served but not kept (nothing leaves for it)…
    expect((await cache.get(key, 'd.m4s'))!.bytes!.toString()).to.equal(body);
    expect(cache.peek(key, 'd.m4s')).to.equal(null);
    expect(cache.stats()).to.include({ entries: 3, misses: 4 });
    // …asked again, it goes in and the least recently used (b) leaves.
    await cache.get(key, 'd.m4s');
    expect(cache.peek(key, 'd.m4s')).not.to.equal(null);
    expect(cache.stats()).to.include({ entries: 3, misses: 5 });
    await cache.get(key, 'a.m4s');
    await cache.get(key, 'c.m4s');
    expect(cache.stats().misses, 'a and c stayed').to.equal(5);
    expect(cache.peek(key, 'b.m4s'), 'b was evicted').to.equal(null);
    expect(cache.stats().bytes).to.be.at.most(8000);
  });

  it('once full, a scan of files each asked for once does not push out what is held', async () => {
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`s${i}.m4s`, 'z'.repeat(2000)]));
    const { store, key } = await setup({ 'hot.m4s': 'h'.repeat(2000), ...files });
    const cache = new MediaFileCache(store, { maxBytes: 8000, maxFileBytes: 4096 });
    await cache.get(key, 'hot.m4s');
    for (const f of Object.keys(files)) expect((await cache.get(key, f))!.bytes!.length).to.equal(2000);
    expect(cache.peek(key, 'hot.m4s'), 'the file viewers share is still held').not.to.equal(null);
  });

  it('keeps only the stat of a file past the largest cached size, and streams its ranges from the store', async () => {
    const big = Buffer.from(Array.from({ length: 5000 }, (_, i) => 65 + (i % 26)));
    const { store, key } = await setup({ 'big.m4s': big });
    const cache = new MediaFileCache(store, { maxBytes: 1 << 20, maxFileBytes: 4096 });
    const f = await cache.get(key, 'big.m4s');
    expect(f!.bytes).to.equal(null);
    expect(f!.stat.size).to.equal(5000);
    expect(await cache.get(key, 'big.m4s')).to.equal(f);
    expect(await text(await cache.stream(f!, { start: 10, end: 19 }))).to.equal(big.subarray(10, 20).toString());
  });

  it('reads a file once for many concurrent misses', async () => {
    const { store, key } = await setup({ 'seg.m4s': 'z'.repeat(3000) });
    let reads = 0;
    const counted = { stat: store.stat.bind(store), createReadStream: store.createReadStream.bind(store), readSmall: (k: string, f: string, max: number) => (reads++, store.readSmall(k, f, max)) };
    const cache = new MediaFileCache(counted, { maxBytes: 1 << 20 });
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.get(key, 'seg.m4s')));
    expect(reads).to.equal(1);
    expect(new Set(all).size).to.equal(1);
    expect(cache.stats()).to.include({ misses: 1, entries: 1 });
  });

  it('is never stale: a new rendition is a new folder, and a missing file is not remembered', async () => {
    const { store, key, dataDir } = await setup({ 'master.m3u8': '#EXTM3U\n# first\n' });
    const cache = new MediaFileCache(store, { maxBytes: 1 << 20 });
    expect((await cache.get(key, 'master.m3u8'))!.bytes!.toString()).to.include('first');
    expect(await cache.get(key, 'v0.m3u8')).to.equal(null);
    // The next rendition (a track change, a new upload) publishes another folder, same names.
    const next = await store.prepareRendition('p1', 'r2');
    fs.mkdirSync(next.dir);
    fs.writeFileSync(path.join(next.dir, 'master.m3u8'), '#EXTM3U\n# second\n');
    expect((await cache.get(next.key, 'master.m3u8'))!.bytes!.toString()).to.include('second');
    // A file published after a miss is found.
    fs.writeFileSync(path.join(dataDir, 'media', 'p1', 'r1', 'v0.m3u8'), '#EXTM3U\n');
    expect((await cache.get(key, 'v0.m3u8'))!.bytes!.toString()).to.equal('#EXTM3U\n');
  });

  it('refuses what the store refuses (names, symlinks out of the media folder)', async () => {
    const { store, key, dir, dataDir } = await setup({ 'seg.m4s': 'ok' });
    fs.writeFileSync(path.join(dataDir, 'secret.m3u8'), 'SECRET');
    fs.symlinkSync(path.join(dataDir, 'secret.m3u8'), path.join(dir, 'evil.m3u8'));
    const cache = new MediaFileCache(store, { maxBytes: 1 << 20 });
    // A FIFO is no file: refused, and its open does not wait for a writer.
    execFileSync('mkfifo', [path.join(dir, 'pipe.m4s')]);
    for (const f of ['evil.m3u8', '../../secret.m3u8', '.hidden.m4s', 'pipe.m4s']) expect(await cache.get(key, f), f).to.equal(null);
    expect(cache.stats().entries).to.equal(0);
  });

  it('with 0 bytes keeps nothing: every request reads the store and streams', async () => {
    const { store, key } = await setup({ 'seg.m4s': 'abc' });
    const cache = new MediaFileCache(store, { maxBytes: 0 });
    const f = await cache.get(key, 'seg.m4s');
    expect(f!.bytes).to.equal(null);
    expect(await text(await cache.stream(f!, { start: 0, end: 2 }))).to.equal('abc');
    expect(await cache.get(key, 'seg.m4s')).not.to.equal(f);
    expect(cache.stats()).to.include({ entries: 0 });
  });

  describe('read buffers used again (file-cache.ts, read-buffers.ts)', () => {
    // Six 100 kB files of their own bytes; the cache holds four (maxFileBytes is a quarter of
    // maxBytes) and keeps one free buffer (a quarter of maxBytes too).
    const SIZE = 100_000;
    const bodies = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n, i) => [`${n}.m4s`, Buffer.alloc(SIZE, i + 1)]));
    const open = async () => {
      const { store, key } = await setup(bodies);
      return { key, cache: new MediaFileCache(store, { maxBytes: 420_000 }) };
    };
    const fill = async (cache: MediaFileCache, key: string, names: string[]) => {
      for (const n of names) cache.done((await cache.get(key, n))!);
    };

    it('a file read and not kept gives its buffer to a later read only once every reader is done', async () => {
      const { cache, key } = await open();
      await fill(cache, key, ['a.m4s', 'b.m4s', 'c.m4s', 'd.m4s']); // full now: a new file is served, not kept
      const [e1, e2] = await Promise.all([cache.get(key, 'e.m4s'), cache.get(key, 'e.m4s')]);
      expect(e2).to.equal(e1); // one read, two readers
      const e = e1!;
      expect(cache.peek(key, 'e.m4s')).to.equal(null);
      cache.done(e);
      const f = (await cache.get(key, 'f.m4s'))!; // e has a reader left: its buffer is not free
      expect(f.bytes!.buffer).to.not.equal(e.bytes!.buffer);
      expect(e.bytes!.equals(bodies['e.m4s']!)).to.equal(true);
      expect(cache.stats().buffersReused).to.equal(0);
      cache.done(e); // the last reader: e's buffer is free
      const g = (await cache.get(key, 'g.m4s'))!;
      expect(cache.stats().buffersReused).to.equal(1);
      expect(g.bytes!.buffer).to.equal(e.bytes!.buffer);
      expect(g.bytes!.equals(bodies['g.m4s']!)).to.equal(true);
    });

    it('a file pushed out of the cache while an answer still sends it keeps its buffer until that answer is done', async () => {
      const { cache, key } = await open();
      const a = (await cache.get(key, 'a.m4s'))!; // a reader that has not finished
      await fill(cache, key, ['b.m4s', 'c.m4s', 'd.m4s']);
      await fill(cache, key, ['e.m4s', 'e.m4s']); // e asked twice goes in; a, least recently used, leaves
      expect(cache.peek(key, 'a.m4s')).to.equal(null);
      const reusedBefore = cache.stats().buffersReused;
      const f = (await cache.get(key, 'f.m4s'))!;
      expect(f.bytes!.buffer).to.not.equal(a.bytes!.buffer);
      expect(a.bytes!.equals(bodies['a.m4s']!)).to.equal(true);
      cache.done(a);
      const g = (await cache.get(key, 'g.m4s'))!;
      expect(g.bytes!.buffer).to.equal(a.bytes!.buffer);
      expect(cache.stats().buffersReused).to.equal(reusedBefore + 1);
      expect(g.bytes!.equals(bodies['g.m4s']!)).to.equal(true);
    });

    it('a file the cache holds is never read into, whatever its readers do', async () => {
      const { cache, key } = await open();
      await fill(cache, key, ['a.m4s', 'b.m4s']);
      const a = (await cache.get(key, 'a.m4s'))!;
      cache.done(a);
      cache.done(a); // one done too many changes nothing while it is held
      await fill(cache, key, ['c.m4s', 'd.m4s', 'e.m4s', 'f.m4s', 'g.m4s']); // new files, not kept (full)
      expect(cache.peek(key, 'a.m4s')!.bytes!.equals(bodies['a.m4s']!)).to.equal(true);
    });
  });
});
