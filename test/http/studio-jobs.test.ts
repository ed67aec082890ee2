// GET /api/jobs/:id/events: the transcode followed live as server-sent events.
import fs from 'node:fs';
import { expect } from 'chai';
import { transcode } from '../../transcoder/index.js';
import type { TranscodeFn } from '../../server/jobs/transcode-job.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { makeClip } from '../helpers/media.js';
import { body, createAccount, signIn } from '../helpers/studio.js';

interface SseEvent {
  event: string;
  data: { id: string; state: string; progress: number; etaSec: number | null; error?: string | null };
}

/** Reads a whole event stream (until the server closes it) into events. */
async function readEvents(res: Response): Promise<SseEvent[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      return event && data ? { event, data: JSON.parse(data) as SseEvent['data'] } : null;
    })
    .filter((e): e is SseEvent => e !== null);
}

describe('HTTP studio: job events (SSE)', function () {
  let app: TestApp;
  // The real transcoder, with a few progress reports spaced out so the stream has something to show.
  const slowStart: TranscodeFn = async (opts) => {
    for (const fraction of [0.1, 0.2, 0.3]) {
      opts.onProgress?.({ fraction, etaSec: 30 * (1 - fraction) });
      await new Promise((r) => setTimeout(r, 700));
    }
    return transcode({ ...opts, onProgress: (p) => opts.onProgress?.({ fraction: 0.3 + 0.7 * p.fraction, etaSec: p.etaSec }) });
  };
  before(async () => {
    app = await startTestApp({ transcode: slowStart });
  });
  after(() => app?.close());

  async function upload(): Promise<string> {
    const created = await app.api('/api/programmes', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ localizations: { en: { title: 'SSE' } } }),
    });
    const { id } = await body<{ id: string }>(created);
    const clip = await makeClip({ width: 320, height: 180, fps: 25, durationSec: 1, label: 'sse' });
    const res = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: fs.readFileSync(clip) });
    return (await body<{ jobId: string }>(res)).jobId;
  }

  it('streams progress with etaSec and state, then a terminal "end" event, and closes', async () => {
    const jobId = await upload();
    const editor = await signIn(app, (await createAccount(app, 'editor')).email);
    const res = await editor.fetch(`/api/jobs/${jobId}/events`, { csrf: false });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const events = await readEvents(res); // resolves only because the server ends the stream

    const progress = events.filter((e) => e.event === 'progress');
    const running = progress.filter((e) => e.data.state === 'running' && e.data.progress > 0 && e.data.progress < 1);
    // the three spaced-out reports at least (the transcoder's own first reports may not know the ETA yet)
    const withEta = running.filter((e) => typeof e.data.etaSec === 'number' && e.data.etaSec > 0);
    expect(withEta.length, JSON.stringify(events)).to.be.at.least(2);
    const fractions = progress.map((e) => e.data.progress);
    expect(fractions).to.deep.equal([...fractions].sort((a, b) => a - b));
    const end = events.at(-1)!;
    expect(end.event).to.equal('end');
    expect(end.data).to.include({ id: jobId, state: 'succeeded', progress: 1, error: null });
  });

  it('ends at once for a job that is already over; 404 for an unknown job; 401 without credentials', async () => {
    const jobId = await upload();
    const done = await app.api(`/api/jobs/${jobId}/events`, { auth: true });
    const events = await readEvents(done);
    expect(events.at(-1)!.event).to.equal('end');
    const again = await readEvents(await app.api(`/api/jobs/${jobId}/events`, { auth: true }));
    expect(again.map((e) => e.event)).to.deep.equal(['progress', 'end']);
    expect((await app.api('/api/jobs/00000000-0000-4000-8000-000000000000/events', { auth: true })).status).to.equal(404);
    expect((await app.api(`/api/jobs/${jobId}/events`)).status).to.equal(401);
  });
});
