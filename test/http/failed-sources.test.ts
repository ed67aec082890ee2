// Issue 16.3: what uploads leave on disk. A job's source stays while the job may still run and
// after it succeeded; it goes once the job failed finally (at once, or by the sweep at start
// after a crash in between). An unfinished resumable upload expires (PODIUM_UPLOAD_EXPIRY_SEC).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { expectJson, startTestApp, waitForJob, type TestApp } from '../helpers/app.js';
import { createAccount, signIn } from '../helpers/studio.js';
import { createProgramme } from './viewer-helpers.js';

const NOT_MEDIA = 'this is not a video file '.repeat(100);

async function until(what: string, pred: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function upload(app: TestApp, programmeId: string, bytes: string): Promise<string> {
  const res = await app.api(`/api/programmes/${programmeId}/source`, { method: 'PUT', auth: true, body: bytes });
  return (await expectJson<{ jobId: string }>(res, 202)).jobId;
}

const sourceOf = (app: TestApp, programmeId: string, jobId: string) => path.join(app.dataDir, 'uploads', programmeId, `${jobId}.source`);

describe('HTTP: sources of failed jobs are removed (issue 16.3)', function () {
  this.timeout(180_000);

  it('a transcode that fails finally (not media: never retried) leaves no source', async () => {
    const app = await startTestApp();
    try {
      const id = await createProgramme(app, { en: { title: 'Not media' } });
      const jobId = await upload(app, id, NOT_MEDIA);
      const job = await waitForJob(app, jobId);
      expect(job.state).to.equal('failed');
      expect(job.error).to.match(/\(not_media\)/);
      await until('the failed source is removed', () => !fs.existsSync(sourceOf(app, id, jobId)));
      expect(fs.readdirSync(path.join(app.dataDir, 'uploads', id)).filter((n) => n.endsWith('.source'))).to.deep.equal([]);
    } finally {
      await app.close();
    }
  });

  it('a job whose workers died keeps its source through every attempt, and loses it when the claims give up', async () => {
    // No worker of its own: this test plays the workers that die (they claim, then never renew).
    const app = await startTestApp({ settings: { workers: 0 } });
    try {
      const id = await createProgramme(app, { en: { title: 'Crashing worker' } });
      const jobId = await upload(app, id, NOT_MEDIA);
      const { queue, models } = app.podium;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const claimed = await queue.claim(`dying-worker-${attempt}`, 60);
        expect(claimed, `attempt ${attempt}`).to.include({ id: jobId, attempts: attempt, state: 'running' });
        // the worker died: its lease runs out (set in the past rather than waited for)
        await models.Job.update({ leaseExpiresAt: new Date(0) }, { where: { id: jobId } });
        expect(fs.existsSync(sourceOf(app, id, jobId)), `source kept after attempt ${attempt}`).to.equal(true);
      }
      expect(await queue.claim('next-worker', 60), 'the fourth claim gives up').to.equal(null);
      expect(await queue.get(jobId)).to.include({ state: 'failed' });
      await until('the source of the job given up is removed', () => !fs.existsSync(sourceOf(app, id, jobId)));
    } finally {
      await app.close();
    }
  });

  it('the sweep at start removes what a crash between failure and removal left; queued and succeeded jobs keep theirs', async () => {
    const first = await startTestApp({ settings: { workers: 0 } });
    const dataDir = first.dataDir;
    const id = await createProgramme(first, { en: { title: 'Sweep' } });
    const failed = await upload(first, id, NOT_MEDIA);
    const queued = await upload(first, id, NOT_MEDIA);
    const succeeded = await upload(first, id, NOT_MEDIA);
    // recorded by a process that died before it removed anything
    await first.podium.models.Job.update({ state: 'failed', error: 'the source could not be transcoded' }, { where: { id: failed } });
    await first.podium.models.Job.update({ state: 'succeeded', progress: 1 }, { where: { id: succeeded } });
    await first.close();

    const second = await startTestApp({ dataDir, settings: { workers: 0 } });
    try {
      await second.podium.housekeeping.idle(); // the round at start is over
      expect(fs.existsSync(sourceOf(second, id, failed)), 'failed').to.equal(false);
      expect(fs.existsSync(sourceOf(second, id, queued)), 'queued').to.equal(true);
      expect(fs.existsSync(sourceOf(second, id, succeeded)), 'succeeded').to.equal(true);
    } finally {
      await second.close();
    }
  });
});

describe('HTTP: unfinished resumable uploads expire (PODIUM_UPLOAD_EXPIRY_SEC, issue 16.3)', function () {
  this.timeout(120_000);
  const TUS = { 'tus-resumable': '1.0.0' };
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('announces the expiry, then removes the partial upload and refuses to resume it', async () => {
    const app = await startTestApp({ settings: { uploadExpirySec: 1 } });
    try {
      const id = await createProgramme(app, { en: { title: 'Abandoned upload' } });
      const editor = await signIn(app, (await createAccount(app, 'editor')).email);
      const created = await editor.fetch('/api/uploads', { method: 'POST', headers: { ...TUS, 'upload-length': '100000', 'upload-metadata': `programmeId ${b64(id)}` } });
      expect(created.status, await created.clone().text()).to.equal(201);
      expect(created.headers.get('upload-expires'), 'Upload-Expires').to.be.a('string');
      const location = created.headers.get('location')!;
      const uploadId = location.split('/').pop()!;
      const tusDir = path.join(app.dataDir, 'tus');
      // the first part arrives (a race with the 1 s expiry is possible on a slow machine: either way it must end removed)
      await editor.fetch(location, { method: 'PATCH', headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: Buffer.alloc(1000, 7) });
      await until('the expired upload is removed', () => !fs.readdirSync(tusDir).some((n) => n.startsWith(uploadId)));
      const head = await editor.fetch(location, { method: 'HEAD', headers: TUS, csrf: false });
      expect(head.status).to.be.oneOf([404, 410]);
    } finally {
      await app.close();
    }
  });
});
