// Source upload (tus, resumable, with a progress bar) and the transcode that follows (SSE, with
// progress and ETA).
import { Upload } from 'tus-js-client';
import { csrfHeaders } from '../api.js';
import { formatEta, h } from '../dom.js';
import { followJob, type JobEvent } from '../job-events.js';
import type { ProgrammeSection, SectionContext } from './index.js';

const MiB = 1024 * 1024;
const TERMINAL = new Set(['succeeded', 'failed']);

function mb(n: number): string {
  return `${(n / MiB).toFixed(n < 10 * MiB ? 1 : 0)} MB`;
}

function jobView(ctx: SectionContext) {
  const bar = h('progress', { id: 'job-progress', max: 1, value: 0 });
  const state = h('span', { id: 'job-state' });
  const eta = h('span', { id: 'job-eta', class: 'muted' });
  const error = h('p', { class: 'error', id: 'job-error' });
  const el = h('div', { class: 'job', hidden: true }, h('h3', {}, 'Transcoding'), bar, h('div', { class: 'progress-line' }, state, eta), error);
  const show = (e: JobEvent) => {
    el.hidden = false;
    bar.value = e.progress;
    state.textContent = `${e.state} · ${Math.round(e.progress * 100)} %`;
    eta.textContent = e.state === 'running' && e.etaSec !== null ? `about ${formatEta(e.etaSec)} left` : '';
  };
  const follow = (jobId: string) =>
    followJob(jobId, ctx.signal, {
      progress: show,
      end: (e) => {
        show(e);
        error.textContent = e.state === 'failed' ? (e.error ?? 'the transcode failed') : '';
        ctx.toast(e.state === 'succeeded' ? 'Transcode finished: the programme is ready' : 'The transcode failed', e.state === 'succeeded' ? 'ok' : 'error');
      },
    });
  return { el, show, follow };
}

export const sourceSection: ProgrammeSection = {
  id: 'source',
  title: 'Source video',
  permission: 'source:upload',
  render(ctx) {
    const job = jobView(ctx);
    const file = h('input', { type: 'file', id: 'source-file', accept: 'video/*,audio/*,.mxf,.mkv,.mov,.mp4' });
    const start = h('button', { type: 'button', class: 'button', id: 'upload-start', disabled: true }, 'Upload');
    const pause = h('button', { type: 'button', class: 'button button--quiet', id: 'upload-pause', hidden: true }, 'Pause');
    const bar = h('progress', { id: 'upload-progress', max: 100, value: 0, hidden: true });
    const text = h('span', { id: 'upload-text', class: 'muted' });
    const error = h('p', { class: 'error', id: 'upload-error', role: 'alert' });
    let upload: Upload | null = null;
    let paused = false;

    file.addEventListener('change', () => (start.disabled = !file.files?.length));
    start.addEventListener('click', () => {
      const f = file.files?.[0];
      if (!f) return;
      error.textContent = '';
      start.disabled = true;
      file.disabled = true;
      bar.hidden = false;
      pause.hidden = false;
      const began = Date.now();
      upload = new Upload(f, {
        endpoint: '/api/uploads',
        chunkSize: 64 * MiB,
        retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
        headers: csrfHeaders(),
        metadata: { programmeId: ctx.programme.id, filename: f.name, filetype: f.type },
        removeFingerprintOnSuccess: true,
        onProgress(sent, total) {
          bar.value = total ? (sent / total) * 100 : 0;
          const rate = sent / Math.max(1, (Date.now() - began) / 1000);
          text.textContent = `${mb(sent)} of ${mb(total)} (${Math.floor(bar.value)} %)${sent < total && rate > 0 ? ` · ${formatEta((total - sent) / rate)} left` : ''}`;
        },
        onSuccess({ lastResponse }) {
          pause.hidden = true;
          text.textContent = `${mb(f.size)} uploaded`;
          ctx.toast('Upload complete: transcoding');
          const jobId = lastResponse.getHeader('Podium-Job-Id');
          if (jobId) {
            job.show({ id: jobId, state: 'queued', progress: 0, etaSec: null });
            job.follow(jobId);
          }
          file.disabled = false;
        },
        onError(err) {
          error.textContent = `Upload stopped: ${err.message.split('\n')[0]}. Choose the same file and press Upload to resume.`;
          start.disabled = false;
          file.disabled = false;
          pause.hidden = true;
        },
      });
      // Resume an earlier, interrupted upload of the same file when there is one.
      void upload.findPreviousUploads().then((previous) => {
        if (previous[0]) upload!.resumeFromPreviousUpload(previous[0]);
        upload!.start();
      });
    });
    pause.addEventListener('click', () => {
      if (!upload) return;
      paused = !paused;
      pause.textContent = paused ? 'Resume' : 'Pause';
      if (paused) void upload.abort();
      else upload.start();
    });
    ctx.signal.addEventListener('abort', () => void upload?.abort(), { once: true });

    ctx.el.append(
      h('p', { class: 'muted' }, 'Any length: the upload resumes where it stopped after a network cut, a pause or a page reload.'),
      h('div', { class: 'upload-row' }, file, start, pause),
      bar,
      text,
      error,
      job.el,
    );
    const latest = ctx.programme.latestJob;
    if (latest) {
      job.show(latest);
      if (!TERMINAL.has(latest.state)) job.follow(latest.id);
      else if (latest.state === 'failed') job.el.querySelector('#job-error')!.textContent = latest.error ?? 'the transcode failed';
    }
  },
};
