// Resumable source uploads (tus at /api/uploads) through the real app: create → PATCH → an
// interrupted PATCH → HEAD for the offset → PATCH the rest → the same pipeline as PUT /source
// (job enqueued, transcoded, published). Plus auth, CSRF, limits and no CORS.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect } from 'chai';
import { startTestApp, waitForJob, type TestApp } from '../helpers/app.js';
import { makeClip } from '../helpers/media.js';
import { body, createAccount, signIn, type Session } from '../helpers/studio.js';

const LIMIT = 4 * 1024 * 1024;
const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('HTTP studio: resumable uploads (tus)', function () {
  let app: TestApp;
  let editor: Session;
  let clip: Buffer;
  before(async () => {
    app = await startTestApp({ settings: { uploadMaxBytes: LIMIT } });
    editor = await signIn(app, (await createAccount(app, 'editor')).email);
    clip = fs.readFileSync(await makeClip({ width: 320, height: 180, fps: 25, durationSec: 2, label: 'tus' }));
  });
  after(() => app?.close());

  async function newProgramme(title: string): Promise<string> {
    const res = await editor.fetch('/api/programmes', { method: 'POST', json: { localizations: { en: { title } } } });
    expect(res.status).to.equal(201);
    return (await body<{ id: string }>(res)).id;
  }

  function create(s: Session, programmeId: string, length: number, extra: Record<string, string> = {}) {
    return s.fetch('/api/uploads', {
      method: 'POST',
      headers: { ...TUS, 'upload-length': String(length), 'upload-metadata': `programmeId ${b64(programmeId)},filename ${b64('clip.mp4')}`, ...extra },
    });
  }

  function patch(s: Session, location: string, offset: number, chunk: Buffer) {
    return s.fetch(location, {
      method: 'PATCH',
      headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      body: new Uint8Array(chunk),
    });
  }

  async function offsetOf(s: Session, location: string): Promise<number> {
    const res = await s.fetch(location, { method: 'HEAD', headers: TUS, csrf: false });
    expect(res.status).to.equal(200);
    return Number(res.headers.get('upload-offset'));
  }

  /** Sends the headers and `sent` bytes of a PATCH that promises `promised` bytes, then drops the connection. */
  function interruptedPatch(location: string, offset: number, promised: number, sent: Buffer): Promise<void> {
    const url = new URL(app.baseUrl + location);
    return new Promise((resolve) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'PATCH',
        headers: {
          ...TUS,
          cookie: editor.cookie,
          'x-csrf-token': editor.csrfToken,
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
          'content-length': String(promised),
        },
      });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      req.write(sent, () => setTimeout(() => (req.destroy(), resolve()), 300));
    });
  }

  it('uploads in two chunks, survives an interruption (resumes from HEAD Upload-Offset), then transcodes', async () => {
    const id = await newProgramme('Resumable upload');
    const created = await create(editor, id, clip.length);
    expect(created.status).to.equal(201);
    const location = created.headers.get('location')!;
    expect(location).to.match(/^\/api\/uploads\/[0-9a-f]{32}$/);
    expect(created.headers.get('access-control-allow-origin')).to.equal(null);

    const half = Math.floor(clip.length / 2);
    const first = await patch(editor, location, 0, clip.subarray(0, half));
    expect(first.status).to.equal(204);
    expect(Number(first.headers.get('upload-offset'))).to.equal(half);
    expect(await offsetOf(editor, location)).to.equal(half);

    // The connection drops part-way through the second chunk.
    await interruptedPatch(location, half, clip.length - half, clip.subarray(half, half + 4096));
    let offset = half;
    for (let i = 0; i < 50; i++) {
      offset = await offsetOf(editor, location);
      if (offset > half) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(offset).to.be.within(half, half + 4096);

    const rest = await patch(editor, location, offset, clip.subarray(offset));
    expect(rest.status, await rest.clone().text()).to.equal(204);
    expect(Number(rest.headers.get('upload-offset'))).to.equal(clip.length);
    const jobId = rest.headers.get('podium-job-id')!;
    expect(jobId).to.match(/^[0-9a-f-]{36}$/);

    const job = await waitForJob(app, jobId);
    expect(job, job.error ?? '').to.include({ programmeId: id, state: 'succeeded' });
    // handed to the PUT /source pipeline: the source sits in uploads/<id>/<jobId>.source, the partial upload is gone
    expect(fs.readdirSync(path.join(app.dataDir, 'uploads', id))).to.deep.equal([`${jobId}.source`]);
    expect(fs.readdirSync(path.join(app.dataDir, 'tus'))).to.deep.equal([]);
    const item = await body<{ status: string; hls: string | null }>(await editor.fetch(`/api/studio/programmes/${id}`));
    expect(item.status).to.equal('ready');
    expect(item.hls).to.match(/master\.m3u8$/);
  });

  it('refuses an upload without the CSRF token (403), from a translator (403) or with no credentials (401)', async () => {
    const id = await newProgramme('Guarded');
    const noCsrf = await editor.fetch('/api/uploads', {
      method: 'POST',
      csrf: false,
      headers: { ...TUS, 'upload-length': '10', 'upload-metadata': `programmeId ${b64(id)}` },
    });
    expect(noCsrf.status).to.equal(403);
    const translator = await signIn(app, (await createAccount(app, 'translator')).email);
    expect((await create(translator, id, 10)).status).to.equal(403);
    const anonymous = await app.api('/api/uploads', { method: 'POST', headers: { ...TUS, 'upload-length': '10', 'upload-metadata': `programmeId ${b64(id)}` } });
    expect(anonymous.status).to.equal(401);
  });

  it('accepts an API token (no CSRF needed), refuses a size past PODIUM_UPLOAD_MAX_BYTES (413), a missing or unknown programme', async () => {
    const id = await newProgramme('Limits');
    const token = (await body<{ token: string }>(await editor.fetch('/api/tokens', { method: 'POST', json: { name: 'uploader' } }))).token;
    const post = (length: number, meta: string) =>
      fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', headers: { ...TUS, authorization: `Bearer ${token}`, 'upload-length': String(length), 'upload-metadata': meta } });
    expect((await post(100, `programmeId ${b64(id)}`)).status).to.equal(201);
    expect((await post(LIMIT + 1, `programmeId ${b64(id)}`)).status).to.equal(413);
    expect((await post(100, `filename ${b64('x.mp4')}`)).status).to.equal(400);
    expect((await post(100, `programmeId ${b64('00000000-0000-4000-8000-000000000000')}`)).status).to.equal(404);
  });
});
