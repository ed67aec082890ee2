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
