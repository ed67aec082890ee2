import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { DiskMediaStore } from '../../../server/media/store.js';
import { tempDir } from '../../helpers/media.js';

describe('server/media/store DiskMediaStore', () => {
  it('lays out sources and renditions under the data dir, refusing unsafe ids', async () => {
    const dataDir = await tempDir('podium-store-');
    const store = new DiskMediaStore(dataDir);
    const temp = await store.incomingSourcePath('p1');
    fs.writeFileSync(temp, 'x');
    const key = await store.commitSource(temp, 'p1', 'j1');
    expect(key).to.equal('p1/j1.source');
    expect(store.sourceFile(key)).to.equal(path.join(dataDir, 'uploads', 'p1', 'j1.source'));
    const r = await store.prepareRendition('p1', 'r1');
    expect(r).to.deep.equal({ dir: path.join(dataDir, 'media', 'p1', 'r1'), key: 'p1/r1' });
    expect(fs.existsSync(r.dir)).to.equal(false);
    expect(store.publicUrl(r.key, 'master.m3u8')).to.equal('/media/p1/r1/master.m3u8');
    expect(() => store.sourceFile('../x/y')).to.throw();
    await store.prepareRendition('..', 'r').then(
      () => expect.fail('accepted ..'),
      (err: Error) => expect(err.message).to.match(/unsafe/),
    );
  });

  it('sweeps partial uploads and unfinished renditions older than the cutoff, nothing else', async () => {
    const dataDir = await tempDir('podium-sweep-');
    const store = new DiskMediaStore(dataDir);
    const oldUpload = await store.incomingSourcePath('p');
    fs.writeFileSync(oldUpload, 'partial');
    const freshUpload = await store.incomingSourcePath('p');
    fs.writeFileSync(freshUpload, 'partial');
    const oldTmp = path.join(dataDir, 'media', 'p', '.r1.tmp-abcd');
    fs.mkdirSync(oldTmp, { recursive: true });
    const published = path.join(dataDir, 'media', 'p', 'r2');
    fs.mkdirSync(published);
    const past = new Date(Date.now() - 2 * 3600_000);
    for (const p of [oldUpload, oldTmp, published]) fs.utimesSync(p, past, past);
    const removed = await store.sweepStale(3600_000);
    expect(removed.sort()).to.deep.equal([oldUpload, oldTmp].sort());
    expect(fs.existsSync(freshUpload)).to.equal(true);
    expect(fs.existsSync(published)).to.equal(true);
  });
});

describe('server/media/store DiskMediaStore: reads and removals of rendition files', () => {
  async function withRendition() {
    const dataDir = await tempDir('podium-store-read-');
    const store = new DiskMediaStore(dataDir);
    const { dir, key } = await store.prepareRendition('p1', 'r1');
    fs.mkdirSync(path.join(dir, 'v0'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'master.m3u8'), '#EXTM3U\n');
    fs.writeFileSync(path.join(dir, 'v0', 'seg.m4s'), '0123456789');
    fs.writeFileSync(path.join(dataDir, 'secret.m3u8'), 'SECRET');
    return { dataDir, store, dir, key };
  }
  const text = async (s: NodeJS.ReadableStream) => {
    let out = '';
    for await (const chunk of s) out += String(chunk);
    return out;
  };

  it('stats, reads and streams byte ranges of a file of a rendition, subfolders included', async () => {
    const { store, key, dir } = await withRendition();
    const stat = await store.stat(key, 'v0/seg.m4s');
    expect(stat?.size).to.equal(10);
    expect(stat?.mtimeMs).to.equal(fs.statSync(path.join(dir, 'v0', 'seg.m4s')).mtimeMs);
    expect(stat?.mtime.getTime()).to.equal(fs.statSync(path.join(dir, 'v0', 'seg.m4s')).mtime.getTime());
    expect((await store.readFile(key, 'master.m3u8')).toString()).to.equal('#EXTM3U\n');
    expect(await text(await store.createReadStream(key, 'v0/seg.m4s', { start: 2, end: 4 }))).to.equal('234');
    expect(await text(await store.createReadStream(key, 'v0/seg.m4s'))).to.equal('0123456789');
    expect(store.renditionDir(key)).to.equal(dir);
  });

  it('reaches nothing outside the media folder nor hidden names: null from stat, rejections from reads', async () => {
    const { dataDir, store, key, dir } = await withRendition();
    fs.symlinkSync(path.join(dataDir, 'secret.m3u8'), path.join(dir, 'evil.m3u8'));
    fs.writeFileSync(path.join(dir, '.hidden.m3u8'), 'x');
    for (const [k, file] of [
      [key, '../../../secret.m3u8'],
      [key, 'evil.m3u8'],
      [key, '.hidden.m3u8'],
      [key, 'v0\\..\\master.m3u8'],
      [key, 'master.m3u8\0'],
      [key, 'v0//seg.m4s'],
      [key, 'v0'],
      [key, 'missing.m4s'],
      ['p1/..', 'r1/master.m3u8'],
    ] as const) {
      expect(await store.stat(k, file), `${k} ${file}`).to.equal(null);
      await store.readFile(k, file).then(
        () => expect.fail(`read ${k} ${file}`),
        () => undefined,
      );
      await store.createReadStream(k, file).then(
        () => expect.fail(`streamed ${k} ${file}`),
        () => undefined,
      );
    }
  });

  it('removes a rendition folder (a missing one is no error) and refuses unsafe keys', async () => {
    const { store, key, dir } = await withRendition();
    await store.removeRendition(key);
    expect(fs.existsSync(dir)).to.equal(false);
    await store.removeRendition(key);
    await store.removeRendition('p1/..').then(
      () => expect.fail('removed p1/..'),
      (err: Error) => expect(err.message).to.match(/unsafe/),
    );
  });

  it('makes scratch folders beside the renditions that sweepStale takes, and removes only those', async () => {
    const { dataDir, store, dir } = await withRendition();
    const staging = await store.prepareStaging('p1');
    expect(path.dirname(staging)).to.equal(path.join(dataDir, 'media', 'p1'));
    expect(fs.existsSync(path.dirname(staging))).to.equal(true);
    fs.mkdirSync(staging);
    fs.writeFileSync(path.join(staging, 'x'), 'x');
    await store.removeStaging(staging);
    expect(fs.existsSync(staging)).to.equal(false);
    await store.removeStaging(staging);
    await store.removeStaging(dir).then(
      () => expect.fail('removed a rendition as staging'),
      (err: Error) => expect(err.message).to.match(/not a staging folder/),
    );
    expect(fs.existsSync(dir)).to.equal(true);
    const old = await store.prepareStaging('p1');
    fs.mkdirSync(old);
    const past = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(old, past, past);
    expect(await store.sweepStale(3600_000)).to.deep.equal([old]);
  });
});
