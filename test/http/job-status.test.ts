// Issue 16.4: job status is for the studio — GET /api/jobs/:id needs programme:read, like the
// job's programme there (anonymous 401) — and a failed job's error names the problem, never a
// server path, wherever it is shown (status, event stream, studio view, the stored row).
// Issue 16.3 on the same packaged programme: a failed audio job's upload is removed, an upload
// the programme still packages audio from is kept.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { expectJson, startTestApp, waitForJob, type JobView, type TestApp } from '../helpers/app.js';
import { makeAudioOnly, makeClip } from '../helpers/media.js';
import { body, createAccount, signIn } from '../helpers/studio.js';
import { createProgramme } from './viewer-helpers.js';

/** An absolute path in a message: "/" at the start, after whitespace, a quote or a bracket. */
const ABSOLUTE_PATH = /(^|[\s'"`(=])\/\S/;

async function until(what: string, pred: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('HTTP: job status is for the studio and shows no server paths (issue 16.4)', function () {
  this.timeout(300_000);
  let app: TestApp;
  let programmeId: string;
  let transcodeJobId: string;
  const sourceFile = (jobId: string) => path.join(app.dataDir, 'uploads', programmeId, `${jobId}.source`);

  before(async () => {
    app = await startTestApp();
    programmeId = await createProgramme(app, { en: { title: 'Job status' } });
    const clip = await makeClip({ width: 320, height: 180, fps: 25, durationSec: 2, label: 'jobs' });
    const put = await app.api(`/api/programmes/${programmeId}/source`, { method: 'PUT', auth: true, body: fs.readFileSync(clip) });
    transcodeJobId = (await expectJson<{ jobId: string }>(put, 202)).jobId;
    const job = await waitForJob(app, transcodeJobId, 150_000);
    expect(job.state, job.error ?? '').to.equal('succeeded');
  });
  after(() => app?.close());

  it('anonymous or an unknown token: 401 with no job in the answer; a translator and an editor (programme:read): 200', async () => {
    const anonymous = await app.api(`/api/jobs/${transcodeJobId}`);
    const refused = await expectJson<{ error: { code: string; message: string }; state?: string }>(anonymous, 401);
    expect(refused.error.code).to.equal('unauthorized');
    expect(refused).not.to.have.property('state');
    const unknown = await app.api(`/api/jobs/${transcodeJobId}`, { headers: { authorization: 'Bearer podium_pat_nobody' } });
    expect((await expectJson<{ error: { code: string } }>(unknown, 401)).error.code).to.equal('unauthorized');
    // an unknown job id does not tell an anonymous caller anything either
    expect((await app.api('/api/jobs/00000000-0000-4000-8000-000000000000')).status).to.equal(401);

    // translators read programmes and their jobs in the studio (programme:read), as editors do; a GET needs no CSRF token
    for (const role of ['translator', 'editor'] as const) {
      const session = await signIn(app, (await createAccount(app, role)).email);
      const res = await session.fetch(`/api/jobs/${transcodeJobId}`, { csrf: false });
      expect(await expectJson<JobView>(res, 200), role).to.include({ id: transcodeJobId, programmeId, state: 'succeeded', error: null });
      expect(res.headers.get('cache-control')).to.equal('no-store');
    }
  });

  it('an audio job failing on a bad file: the error names the problem, without a path, everywhere it is shown; its upload is removed', async () => {
    const put = await app.api(`/api/programmes/${programmeId}/audio/fr?role=commentary`, { method: 'PUT', auth: true, body: 'this is not audio '.repeat(200) });
    const { jobId } = await expectJson<{ jobId: string }>(put, 202);
    const job = await waitForJob(app, jobId, 120_000);
    expect(job.state).to.equal('failed');
    expect(job.error).to.match(/could not be packaged.*\(not_media\)/);

    const events = await (await app.api(`/api/jobs/${jobId}/events`, { auth: true })).text();
    const end = JSON.parse(/event: end\ndata: (.+)/.exec(events)![1]!) as { error: string };
    const studio = await body<{ latestJob: { id: string; error: string } }>(await app.api(`/api/studio/programmes/${programmeId}`, { auth: true }));
    expect(studio.latestJob.id).to.equal(jobId);
    const stored = (await app.podium.models.Job.findByPk(jobId))!.error!;
    for (const [where, error] of [['status', job.error!], ['events', end.error], ['studio', studio.latestJob.error], ['stored', stored]] as const) {
      expect(error, where).to.equal(job.error);
      expect(error, where).not.to.include(app.dataDir);
      expect(error, where).not.to.match(ABSOLUTE_PATH);
    }

    // issue 16.3: a failed job is never run again, so its upload goes; the programme's own source stays
    await until('the failed audio upload is removed', () => !fs.existsSync(sourceFile(jobId)));
    expect(fs.existsSync(sourceFile(transcodeJobId)), 'the transcoded source').to.equal(true);
  });

  it('keeps an upload the programme still packages audio from, even when its job is marked failed (issue 16.3)', async () => {
    const put = await app.api(`/api/programmes/${programmeId}/audio/de?role=commentary`, { method: 'PUT', auth: true, body: fs.readFileSync(await makeAudioOnly(2)) });
    const { jobId } = await expectJson<{ jobId: string }>(put, 202);
    const job = await waitForJob(app, jobId, 120_000);
    expect(job.state, job.error ?? '').to.equal('succeeded');
    // as if the attempt that published it had died and the claims had then given up
    await app.podium.models.Job.update({ state: 'failed', error: 'gave up after 3 attempts (the worker stopped each time)' }, { where: { id: jobId } });
    const dataDir = app.dataDir;
    await app.close();
    app = await startTestApp({ dataDir });
    await app.podium.housekeeping.idle(); // the sweep at start is over
    expect(fs.existsSync(sourceFile(jobId)), 'the upload of the published de track').to.equal(true);
    expect(fs.existsSync(sourceFile(transcodeJobId)), 'the transcoded source').to.equal(true);
  });
});
