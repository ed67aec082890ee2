// Upload → job → ready through the real app and the real transcoder, and the size limit.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect } from 'chai';
import { startTestApp, waitForJob, type TestApp } from '../helpers/app.js';
import { makeClip } from '../helpers/media.js';

const LIMIT = 3 * 1024 * 1024;

describe('HTTP: upload → transcode → ready', function () {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ settings: { uploadMaxBytes: LIMIT } });
  });
  after(() => app?.close());

  async function createProgramme(title: string): Promise<string> {
    const res = await app.api('/api/programmes', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ localizations: { en: { title } } }),
    });
    const { id } = (await res.json()) as { id: string };
    expect((await app.api(`/api/programmes/${id}/publish`, { method: 'POST', auth: true })).status).to.equal(200);
    return id;
  }

  function leftovers(id: string): string[] {
    const dir = path.join(app.dataDir, 'uploads', id);
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  }

  it('publishes an uploaded clip: job succeeds, hls and poster appear, the master playlist is served', async () => {
    const clip = await makeClip({ width: 320, height: 180, fps: 25, durationSec: 2, label: 'upload' });
    const id = await createProgramme('Upload test');
    const res = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: fs.readFileSync(clip) });
    expect(res.status).to.equal(202);
    const { jobId } = (await res.json()) as { jobId: string };
    expect(jobId).to.be.a('string');

    const job = await waitForJob(app, jobId);
    expect(job, job.error ?? '').to.include({ id: jobId, programmeId: id, state: 'succeeded', progress: 1, error: null });

    const item = (await (await app.api(`/api/programmes/${id}`)).json()) as Record<string, unknown>;
    expect(item.status).to.equal('ready');
    expect(item.durationSec).to.be.closeTo(2, 0.3);
    // signed for the viewer's region: /media/t/<token>/<programme>/<rendition>/master.m3u8
    expect(item.hls).to.match(new RegExp(`^/media/t/[^/]+/${id}/[^/]+/master\\.m3u8$`));
    expect(item.poster).to.match(/poster\.jpg$/);

    const master = await app.api(item.hls as string);
    expect(master.status).to.equal(200);
    expect(master.headers.get('content-type')).to.match(/^application\/vnd\.apple\.mpegurl/);
    const text = await master.text();
    expect(text).to.match(/^#EXTM3U/);
    const variant = text.split('\n').find((l) => l && !l.startsWith('#'))!;
    const playlist = await app.api(new URL(variant, app.baseUrl + (item.hls as string)).pathname);
    expect(playlist.status).to.equal(200);
    expect((await app.api(item.poster as string)).headers.get('content-type')).to.equal('image/jpeg');
    // the source is kept for re-packaging, with no temp files beside it
    expect(leftovers(id)).to.deep.equal([`${jobId}.source`]);
  });

  it('records a clear error on the job for a file that is not media', async () => {
    const id = await createProgramme('Not media');
    const res = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: 'this is not a video file '.repeat(100) });
    const { jobId } = (await res.json()) as { jobId: string };
    const job = await waitForJob(app, jobId);
    expect(job.state).to.equal('failed');
    expect(job.error).to.match(/not_media|not a media|could not be transcoded/i);
    expect(job.error).not.to.include(app.dataDir);
    const item = (await (await app.api(`/api/programmes/${id}`)).json()) as Record<string, unknown>;
    expect(item).to.include({ status: 'failed', hls: null });
  });

  it('answers 413 to a declared Content-Length past the limit and keeps nothing', async () => {
    const id = await createProgramme('Too big');
    const jobsBefore = await app.podium.models.Job.count();
    const res = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: Buffer.alloc(LIMIT + 1) });
    expect(res.status).to.equal(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('payload_too_large');
    expect(leftovers(id)).to.deep.equal([]);
    expect(await app.podium.models.Job.count()).to.equal(jobsBefore);
  });

  it('answers 413 to a chunked body that grows past the limit and keeps nothing', async () => {
    const id = await createProgramme('Too big, chunked');
    const url = new URL(app.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, method: 'PUT', path: `/api/programmes/${id}/source`, headers: { authorization: `Bearer ${app.adminToken}`, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(256 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent <= LIMIT * 2) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).to.equal(413);
    await new Promise((r) => setTimeout(r, 100));
    expect(leftovers(id)).to.deep.equal([]);
  });
});

describe('HTTP: graceful shutdown mid-job', () => {
  it('gives the running job back to the queue, and a restart on the same data dir completes it', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    // a transcode that runs until it is aborted
    const app = await startTestApp({
      transcode: ({ signal }) =>
        new Promise((_resolve, reject) => {
          started();
          signal!.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: 'Shutdown' } } }) });
    const { id } = (await res.json()) as { id: string };
    const put = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: 'pretend video' });
    const { jobId } = (await put.json()) as { jobId: string };
    await running;
    await app.close();

    const clip = await makeClip({ width: 320, height: 180, fps: 25, durationSec: 2, label: 'upload' });
    // swap in a real source for the restart (the fake transcode never read it)
    fs.copyFileSync(clip, path.join(app.dataDir, 'uploads', id, `${jobId}.source`));
    const idle = await startTestApp({ dataDir: app.dataDir, settings: { workers: 0 } });
    expect(await idle.podium.queue.get(jobId)).to.include({ state: 'queued', attempts: 0, leaseOwner: null });
    await idle.close();
    const again = await startTestApp({ dataDir: app.dataDir });
    try {
      const job = await waitForJob(again, jobId);
      expect(job.state, job.error ?? '').to.equal('succeeded');
    } finally {
      await again.close();
    }
  });
});

describe('HTTP: Expect: 100-continue uploads', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ settings: { uploadMaxBytes: 1000 } });
  });
  after(() => app?.close());

  /** PUT with Expect: 100-continue; the body is sent only if the server says continue. */
  function expectContinue(pathname: string, token: string, size: number) {
    const url = new URL(app.baseUrl);
    return new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const req = http.request({
        host: url.hostname,
        port: url.port,
        method: 'PUT',
        path: pathname,
        headers: { authorization: `Bearer ${token}`, expect: '100-continue', 'content-length': String(size) },
      });
      req.on('continue', () => {
        continued = true;
        req.end(Buffer.alloc(size, 1));
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode!, continued });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
  }

  it('refuses a wrong token, an unknown programme or a declared size past the limit before the body is sent', async () => {
    const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: 'Expect' } } }) });
    const { id } = (await res.json()) as { id: string };
    expect(await expectContinue(`/api/programmes/${id}/source`, 'wrong-token-wrong-token', 10)).to.deep.equal({ status: 401, continued: false });
    expect(await expectContinue(`/api/programmes/7b0f3f7e-2d0a-4d7a-9d55-8f0e3c2b1a00/source`, app.adminToken, 10)).to.deep.equal({ status: 404, continued: false });
    expect(await expectContinue(`/api/programmes/${id}/source`, app.adminToken, 5000)).to.deep.equal({ status: 413, continued: false });
    expect(await expectContinue(`/api/programmes/${id}/source`, app.adminToken, 500)).to.deep.equal({ status: 202, continued: true });
  });
});
