// One contract for every MediaStore, run against DiskMediaStore (the embedded default) and
// S3MediaStore on the real Swift S3 endpoint (npm run services:s3; each run under its own key
// prefix): sources in and out, a rendition packaged locally → committed → read, byte ranges,
// posters, staging, and what the sweeps may and may not remove.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createS3Client, type S3Settings } from '../../../server/media/s3-client.js';
import { S3MediaStore } from '../../../server/media/s3-store.js';
import { DiskMediaStore, type MediaStore } from '../../../server/media/store.js';
import { tempDir } from '../../helpers/media.js';
import { listKeys, requireS3, s3TestPrefix } from '../../helpers/s3.js';

interface Made {
  store: MediaStore;
}

const implementations: { name: string; make(ctx: Mocha.Context): Promise<Made> }[] = [
  { name: 'DiskMediaStore', make: async () => ({ store: new DiskMediaStore(await tempDir('podium-contract-')) }) },
  {
    name: 'S3MediaStore (Swift s3api)',
    async make(ctx) {
      const s = await requireS3(ctx);
      return { store: new S3MediaStore({ client: createS3Client(s), bucket: s.bucket, prefix: s3TestPrefix(), workDir: path.join(await tempDir('podium-contract-s3-'), 'work') }) };
    },
  },
];

const text = async (s: NodeJS.ReadableStream) => {
  let out = '';
  for await (const chunk of s) out += String(chunk);
  return out;
};

/** Writes a small rendition folder where the store said to package it. */
async function packageInto(store: MediaStore, programmeId: string, renditionId: string) {
  const r = await store.prepareRendition(programmeId, renditionId);
  expect(fs.existsSync(r.dir), 'the folder itself is not made').to.equal(false);
  expect(fs.existsSync(path.dirname(r.dir)), 'its parent is').to.equal(true);
  fs.mkdirSync(path.join(r.dir, 'v0'), { recursive: true });
  fs.writeFileSync(path.join(r.dir, 'master.m3u8'), '#EXTM3U\n');
  fs.writeFileSync(path.join(r.dir, 'podium.json'), '{"version":1}\n');
  fs.writeFileSync(path.join(r.dir, 'v0', 'seg_00001.m4s'), '0123456789');
  return r;
}

for (const impl of implementations) {
  describe(`MediaStore contract: ${impl.name}`, function () {
    let store: MediaStore;
    beforeEach(async function () {
      ({ store } = await impl.make(this));
    });

    it('takes a received source in, lists it, hands a worker a local copy, removes it', async () => {
      const temp = await store.incomingSourcePath('p1');
      fs.writeFileSync(temp, 'source bytes');
      const key = await store.commitSource(temp, 'p1', 'j1');
      expect(key).to.equal('p1/j1.source');
      expect(fs.existsSync(temp), 'the temp file is gone').to.equal(false);
      expect(await store.listSources()).to.deep.equal([{ key, programmeId: 'p1', jobId: 'j1' }]);
      const copy = await store.fetchSource(key);
      expect(fs.readFileSync(copy.path, 'utf8')).to.equal('source bytes');
      await copy.release();
      expect(await store.removeSource(key)).to.equal(true);
      expect(await store.removeSource(key)).to.equal(false);
      expect(await store.listSources()).to.deep.equal([]);
      const partial = await store.incomingSourcePath('p1');
      fs.writeFileSync(partial, 'half');
      await store.discard(partial);
      expect(fs.existsSync(partial)).to.equal(false);
      await store.commitSource(temp, '..', 'j').then(
        () => expect.fail('accepted ..'),
        (err: Error) => expect(err.message).to.match(/unsafe|ENOENT/),
      );
    });

    it('commits a locally packaged rendition, then reads it whole, by range and as a local copy', async () => {
      const r = await packageInto(store, 'p1', 'r1');
      expect(r.key).to.equal('p1/r1');
      await store.commitRendition(r);
      const stat = await store.stat(r.key, 'v0/seg_00001.m4s');
      expect(stat?.size).to.equal(10);
      expect(stat?.mtime).to.be.instanceOf(Date);
      expect((await store.readFile(r.key, 'master.m3u8')).toString()).to.equal('#EXTM3U\n');
      expect(await text(await store.createReadStream(r.key, 'v0/seg_00001.m4s', { start: 2, end: 5 }))).to.equal('2345');
      expect(await text(await store.createReadStream(r.key, 'v0/seg_00001.m4s'))).to.equal('0123456789');
      const copy = await store.fetchRendition(r.key);
      expect(fs.readFileSync(path.join(copy.path, 'v0', 'seg_00001.m4s'), 'utf8')).to.equal('0123456789');
      expect(fs.readFileSync(path.join(copy.path, 'podium.json'), 'utf8')).to.equal('{"version":1}\n');
      await copy.release();
      expect(store.publicUrl(r.key, 'master.m3u8')).to.equal('/media/p1/r1/master.m3u8');
    });

    it('answers null / ENOENT for missing or unsafe names, never reaching outside the media', async () => {
      const r = await packageInto(store, 'p1', 'r1');
      await store.commitRendition(r);
      for (const [key, file] of [
        [r.key, 'missing.m4s'],
        [r.key, '../r1/master.m3u8'],
        [r.key, '.hidden'],
        ['p1/..', 'master.m3u8'],
        [r.key, 'v0'],
      ] as const) {
        expect(await store.stat(key, file), `${key} ${file}`).to.equal(null);
        await store.readFile(key, file).then(
          () => expect.fail(`read ${key}/${file}`),
          (err: NodeJS.ErrnoException) => expect(err.code).to.equal('ENOENT'),
        );
      }
    });

    it('removes a rendition (again: no error); a removed one reads as missing', async () => {
      const r = await packageInto(store, 'p2', 'r1');
      await store.commitRendition(r);
      await store.removeRendition(r.key);
      expect(await store.stat(r.key, 'master.m3u8')).to.equal(null);
      await store.removeRendition(r.key);
      // a prepared folder never committed goes too
      const unused = await packageInto(store, 'p2', 'r2');
      await store.removeRendition(unused.key);
      expect(fs.existsSync(unused.dir)).to.equal(false);
    });

    it('stores posters beside the renditions, read like their files', async () => {
      const rel = await store.putPoster('p3', 'fr.0123456789abcdef.png', Buffer.from('PNG!'));
      expect(rel).to.equal('posters/fr.0123456789abcdef.png');
      expect((await store.readFile('p3/posters', 'fr.0123456789abcdef.png')).toString()).to.equal('PNG!');
      await store.removePoster('p3', rel);
      expect(await store.stat('p3/posters', 'fr.0123456789abcdef.png')).to.equal(null);
      await store.removePoster('p3', '../../x'); // never throws, removes nothing
    });

    it('makes local scratch folders and removes only those', async () => {
      const staging = await store.prepareStaging('p1');
      expect(fs.existsSync(staging)).to.equal(false);
      fs.mkdirSync(staging, { recursive: true });
      fs.writeFileSync(path.join(staging, 'x'), 'x');
      await store.removeStaging(staging);
      expect(fs.existsSync(staging)).to.equal(false);
      await store.removeStaging(staging);
      const r = await store.prepareRendition('p1', 'r9');
      await store.removeStaging(r.dir).then(
        () => expect.fail('removed a rendition folder as staging'),
        (err: Error) => expect(err.message).to.match(/not a staging folder/),
      );
    });

    it('sweeps partial incoming sources older than the cutoff, not fresh ones', async () => {
      const old = await store.incomingSourcePath('p');
      fs.writeFileSync(old, 'partial');
      const fresh = await store.incomingSourcePath('p');
      fs.writeFileSync(fresh, 'partial');
      const past = new Date(Date.now() - 2 * 3600_000);
      fs.utimesSync(old, past, past);
      expect(await store.sweepStale(3600_000)).to.include(old);
      expect(fs.existsSync(old)).to.equal(false);
      expect(fs.existsSync(fresh)).to.equal(true);
    });

    it('never sweeps a rendition a programme names, nor a fresh one', async () => {
      const named = await packageInto(store, 'p4', 'named');
      await store.commitRendition(named);
      const fresh = await packageInto(store, 'p4', 'fresh');
      await store.commitRendition(fresh);
      expect(await store.sweepOrphans(new Set([named.key]), 3600_000)).to.deep.equal([]);
      expect(await store.sweepOrphans(new Set([named.key, fresh.key]), 0, Date.now() + 60_000)).to.deep.equal([]);
      expect(await store.stat(named.key, 'master.m3u8')).to.not.equal(null);
      expect(await store.stat(fresh.key, 'master.m3u8')).to.not.equal(null);
    });
  });
}

describe('S3MediaStore on the Swift s3api: what only object storage does', function () {
  let s: S3Settings;
  let client: S3Client;
  let prefix: string;
  let store: S3MediaStore;
  beforeEach(async function () {
    s = await requireS3(this);
    client = createS3Client(s);
    prefix = s3TestPrefix();
    store = new S3MediaStore({ client, bucket: s.bucket, prefix, workDir: path.join(await tempDir('podium-s3-'), 'work'), copyPartBytes: 5 * 1024 * 1024 });
  });

  it('uploads each file with its content type and cache policy, and leaves no local folder', async () => {
    const r = await packageInto(store, 'p1', 'r1');
    await store.commitRendition(r);
    expect(fs.existsSync(r.dir)).to.equal(false);
    const head = (file: string) => client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: `${prefix}media/p1/r1/${file}` }));
    expect(await head('master.m3u8')).to.include({ ContentType: 'application/vnd.apple.mpegurl', CacheControl: 'no-cache' });
    expect(await head('v0/seg_00001.m4s')).to.include({ ContentType: 'video/iso.segment', CacheControl: 'public, max-age=31536000, immutable' });
    expect(await head('podium.json')).to.include({ ContentType: 'application/json' });
    expect(await listKeys(client, s.bucket, prefix)).to.deep.equal([`${prefix}media/p1/r1/master.m3u8`, `${prefix}media/p1/r1/podium.json`, `${prefix}media/p1/r1/v0/seg_00001.m4s`]);
  });

  it('sweeps renditions no programme names once older than the grace period, keeping posters', async () => {
    const named = await packageInto(store, 'p1', 'named');
    await store.commitRendition(named);
    const orphan = await packageInto(store, 'p1', 'orphan');
    await store.commitRendition(orphan);
    await store.putPoster('p1', 'en.0123456789abcdef.jpg', Buffer.from('JPG'));
    // measured a minute on: the bucket rounds its times up to the second
    expect(await store.sweepOrphans(new Set([named.key]), 30_000, Date.now() + 60_000)).to.deep.equal([orphan.key]);
    expect(await listKeys(client, s.bucket, `${prefix}media/p1/orphan/`)).to.deep.equal([]);
    expect(await store.stat(named.key, 'master.m3u8')).to.not.equal(null);
    expect(await store.stat('p1/posters', 'en.0123456789abcdef.jpg')).to.not.equal(null);
  });

  it('adopts a finished resumable upload (an object) as a source by server-side copy, in parts past the copy limit', async () => {
    const bytes = Buffer.alloc(11 * 1024 * 1024 + 123, 7);
    bytes.write('head', 0);
    bytes.write('tail', bytes.length - 4);
    const uploaded = `${prefix}tus-upload`;
    await client.send(new PutObjectCommand({ Bucket: s.bucket, Key: uploaded, Body: bytes }));
    const key = await store.commitSource(store.incomingObject(uploaded), 'p1', 'j1');
    expect(await listKeys(client, s.bucket, prefix)).to.deep.equal([`${prefix}uploads/p1/j1.source`]);
    const copy = await store.fetchSource(key);
    expect(fs.readFileSync(copy.path).equals(bytes)).to.equal(true);
    await copy.release();
  });

  it('refuses to work with a wrong secret (the server checks signatures) and counts the failures', async () => {
    const r = await packageInto(store, 'p1', 'r1');
    await store.commitRendition(r);
    const wrong = new S3MediaStore({ client: createS3Client({ ...s, secretAccessKey: 'not-the-secret' }), bucket: s.bucket, prefix, workDir: path.join(await tempDir('podium-s3-wrong-'), 'work') });
    await wrong.stat(r.key, 'master.m3u8').then(
      () => expect.fail('a wrong secret was accepted'),
      (err: { $metadata?: { httpStatusCode?: number } }) => expect(err.$metadata?.httpStatusCode).to.equal(403),
    );
    await wrong.check().then(
      () => expect.fail('a wrong secret was accepted'),
      () => undefined,
    );
    expect(wrong.errors.snapshot()).to.deep.equal({ HeadObject: 1, HeadBucket: 1 });
    // not-found reads are answers, not errors
    expect(await store.stat(r.key, 'nothing.m4s')).to.equal(null);
    expect(store.errors.snapshot()).to.deep.equal({});
  });
});
