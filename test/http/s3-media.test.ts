// Podium with its media in object storage (issue 13), on the real Swift S3 endpoint and a bucket
// of its own: a programme uploaded with tus (into the bucket), transcoded by the worker (source
// fetched, packaged locally, uploaded master last), published and played through /media/t/ —
// playlists and a segment by byte range, with the headers disk delivery sends. Subtitles make a new
// rendition in the bucket; the replaced one is what the orphan sweep takes. An added audio language
// and the channel slate are packaged into the bucket too. Nothing lands in the data dir's media/ or uploads/.
import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { expect } from 'chai';
import { rawRequest, startTestApp, waitForJob, waitForSlate, type TestApp } from '../helpers/app.js';
import { makeAudioOnly, makeClip } from '../helpers/media.js';
import { listKeys, requireS3, s3TestBucket } from '../helpers/s3.js';
import { createProgramme, getItem } from './viewer-helpers.js';

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('HTTP: media in S3-compatible object storage (Swift s3api)', function () {
  this.timeout(300_000);
  let app: TestApp;
  let bucket: Awaited<ReturnType<typeof s3TestBucket>>;
  let id: string;
  let firstRendition: string;

  before(async function () {
    const s = await requireS3(this);
    bucket = await s3TestBucket(s);
    const b = bucket.settings;
    app = await startTestApp({ settings: { s3Endpoint: b.endpoint, s3Bucket: b.bucket, s3Region: b.region, s3AccessKeyId: b.accessKeyId, s3SecretAccessKey: b.secretAccessKey } });
  });
  after(async () => {
    await app?.close();
    await bucket?.drop();
  });

  const keys = (prefix = '') => listKeys(bucket.client, bucket.settings.bucket, prefix);
  const object = async (key: string) => Buffer.from(await (await bucket.client.send(new GetObjectCommand({ Bucket: bucket.settings.bucket, Key: key }))).Body!.transformToByteArray());

  it('uploads with tus into the bucket, transcodes, publishes and plays: playlists and a segment by byte range', async () => {
    id = await createProgramme(app, { en: { title: 'Stored in a bucket' } });
    const clip = fs.readFileSync(await makeClip({ width: 320, height: 180, fps: 25, durationSec: 2, label: 's3' }));
    const created = await app.api('/api/uploads', { method: 'POST', auth: true, headers: { ...TUS, 'upload-length': String(clip.length), 'upload-metadata': `programmeId ${b64(id)}` } });
    expect(created.status, await created.clone().text()).to.equal(201);
    const location = created.headers.get('location')!;
    const uploadId = location.split('/').pop()!;
    const patched = await app.api(location, { method: 'PATCH', auth: true, headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(clip) });
    expect(patched.status, await patched.clone().text()).to.equal(204);
    const jobId = patched.headers.get('podium-job-id')!;
    const job = await waitForJob(app, jobId, 150_000);
    expect(job.state, job.error ?? '').to.equal('succeeded');

    const row = (await app.podium.models.Programme.findByPk(id))!;
    firstRendition = row.renditionPath!;
    const stored = await keys();
    // the source under its key, the tus object and its .info gone, the rendition complete
    expect(stored).to.include(`uploads/${id}/${jobId}.source`);
    expect(stored.filter((k) => k.startsWith(uploadId))).to.deep.equal([]);
    expect(stored).to.include.members([`media/${firstRendition}/master.m3u8`, `media/${firstRendition}/podium.json`, `media/${firstRendition}/poster.jpg`]);
    expect((await object(`uploads/${id}/${jobId}.source`)).equals(clip)).to.equal(true);
    // nothing on local disk but transient work
    expect(fs.existsSync(path.join(app.dataDir, 'media', id))).to.equal(false);
    expect(fs.existsSync(path.join(app.dataDir, 'uploads'))).to.equal(false);
    expect(fs.readdirSync(path.join(app.dataDir, 'work', id))).to.deep.equal([]);

    const item = await getItem(app, id);
    expect(item.status).to.equal(200);
    const masterRes = await fetch(new URL(item.body.hls!, app.baseUrl));
    expect(masterRes.status).to.equal(200);
    expect(masterRes.headers.get('content-type')).to.equal('application/vnd.apple.mpegurl');
    expect(masterRes.headers.get('cache-control')).to.equal('no-cache');
    const master = await masterRes.text();
    const variant = master.split('\n').find((l) => l && !l.startsWith('#'))!;
    const playlistRes = await fetch(new URL(variant, masterRes.url));
    expect(playlistRes.status).to.equal(200);
    expect(playlistRes.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    const playlist = await playlistRes.text();
    const segment = playlist.split('\n').find((l) => l.endsWith('.m4s'))!;
    const segUrl = new URL(segment, playlistRes.url);
    const whole = await fetch(segUrl);
    expect(whole.status).to.equal(200);
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(whole.headers.get('content-type')).to.equal('video/iso.segment');
    expect(whole.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect(whole.headers.get('accept-ranges')).to.equal('bytes');
    const etag = whole.headers.get('etag')!;
    expect(etag).to.match(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const ranged = await fetch(segUrl, { headers: { range: 'bytes=100-199' } });
    expect(ranged.status).to.equal(206);
    expect(ranged.headers.get('content-range')).to.equal(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(100, 200))).to.equal(true);
    const rel = decodeURIComponent(segUrl.pathname).split('/').slice(-2).join('/');
    expect(bytes.equals(await object(`media/${firstRendition}/${rel}`))).to.equal(true);
    // raw request: fetch() adds Cache-Control: no-cache to conditional requests
    expect((await rawRequest(app.baseUrl, { path: segUrl.pathname, headers: { 'if-none-match': etag } })).status).to.equal(304);
    expect((await fetch(segUrl, { headers: { range: `bytes=${bytes.length}-` } })).status).to.equal(416);
    expect((await fetch(new URL('nothing.m4s', segUrl))).status).to.equal(404);
  });

  it('adds subtitles as a new rendition in the bucket; the orphan sweep then takes the replaced one only', async () => {
    const res = await app.api(`/api/programmes/${id}/subtitles/fr`, { method: 'PUT', auth: true, body: 'WEBVTT\n\n00:00:00.200 --> 00:00:01.500\nBonjour\n' });
    expect(res.status, await res.clone().text()).to.equal(201);
    const current = (await app.podium.models.Programme.findByPk(id))!.renditionPath!;
    expect(current).to.not.equal(firstRendition);
    expect(await keys(`media/${current}/`)).to.include(`media/${current}/master.m3u8`);
    const master = await (await fetch(new URL((await getItem(app, id)).body.hls!, app.baseUrl))).text();
    expect(master).to.match(/TYPE=SUBTITLES.*LANGUAGE="fr"/);

    const store = app.podium.objectStore!;
    // within the grace period nothing goes; past it (measured a minute on: the bucket rounds times up) the replaced one does
    expect(await store.sweepOrphans(await app.podium.renditionKeys(), 3600_000)).to.deep.equal([]);
    expect(await store.sweepOrphans(await app.podium.renditionKeys(), 30_000, Date.now() + 60_000)).to.deep.equal([firstRendition]);
    expect(await keys(`media/${firstRendition}/`)).to.deep.equal([]);
    expect((await fetch(new URL((await getItem(app, id)).body.hls!, app.baseUrl))).status).to.equal(200);
    expect(store.errors.snapshot()).to.deep.equal({});
  });

  it('packages an added audio language (its upload fetched from the bucket) and the channel slate into the bucket', async () => {
    const put = await app.api(`/api/programmes/${id}/audio/fr?role=commentary`, { method: 'PUT', auth: true, body: new Uint8Array(fs.readFileSync(await makeAudioOnly(2))) });
    expect(put.status, await put.clone().text()).to.equal(202);
    const jobId = ((await put.json()) as { jobId: string }).jobId;
    const job = await waitForJob(app, jobId, 150_000);
    expect(job.state, job.error ?? '').to.equal('succeeded');
    const current = (await app.podium.models.Programme.findByPk(id))!.renditionPath!;
    // the upload stays (a new video packages the language again from it), in the bucket
    expect(await keys(`uploads/${id}/`)).to.include(`uploads/${id}/${jobId}.source`);
    expect((await keys(`media/${current}/`)).some((k) => k.startsWith(`media/${current}/audio_fr`))).to.equal(true);
    expect(fs.readdirSync(path.join(app.dataDir, 'work', id)), 'local copies released').to.deep.equal([]);
    expect((await getItem(app, id)).body).to.have.property('audio').that.deep.includes({ locale: 'fr', role: 'commentary', name: 'Français' });

    await app.podium.slate.ensure();
    const slate = await waitForSlate(app);
    expect(await keys(`media/${slate.renditionKey}/`)).to.include(`media/${slate.renditionKey}/master.m3u8`);
    expect(fs.existsSync(path.join(app.dataDir, 'media'))).to.equal(false);
  });
});
