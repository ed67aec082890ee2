// Source upload (tus, resumable, with a progress bar) and the transcode that follows (SSE, with
// progress and ETA).
import { Upload } from 'tus-js-client';
import { csrfHeaders } from '../api.js';
import { h } from '../dom.js';
import { formatBytes, formatDuration, formatPercent } from '../format.js';
import { t } from '../i18n.js';
import { statusName } from '../pages/programmes.js';
import { followJob, type JobEvent } from '../job-events.js';
import type { ProgrammeSection, SectionContext } from './index.js';

const MiB = 1024 * 1024;
const TERMINAL = new Set(['succeeded', 'failed']);

/** A failed job: said in the editor's words; the job's recorded problem (English) as the title. */
function showJobError(el: HTMLElement, problem: string | null | undefined): void {
  el.textContent = problem === undefined ? '' : t('source.transcodeFailed');
  el.title = problem ?? '';
}

function jobView(ctx: SectionContext) {
  const bar = h('progress', { id: 'job-progress', max: 1, value: 0 });
  const state = h('span', { id: 'job-state' });
  const eta = h('span', { id: 'job-eta', class: 'muted' });
  const error = h('p', { class: 'error', id: 'job-error' });
  const el = h('div', { class: 'job', hidden: true }, h('h3', {}, t('source.transcoding')), bar, h('div', { class: 'progress-line' }, state, eta), error);
  const show = (e: JobEvent) => {
    el.hidden = false;
    bar.value = e.progress;
    state.textContent = `${statusName(e.state)} · ${formatPercent(e.progress)}`;
    state.dataset.state = e.state;
    eta.textContent = e.state === 'running' && e.etaSec !== null ? t('source.etaLeft', { time: formatDuration(e.etaSec) }) : '';
  };
  const follow = (jobId: string) =>
    followJob(jobId, ctx.signal, {
      progress: show,
      end: (e) => {
        show(e);
        showJobError(error, e.state === 'failed' ? e.error : undefined);
        ctx.toast(e.state === 'succeeded' ? t('source.transcodeDone') : t('source.transcodeFailed'), e.state === 'succeeded' ? 'ok' : 'error');
      },
    });
  return { el, show, follow };
}

export const sourceSection: ProgrammeSection = {
  id: 'source',
  title: () => t('source.title'),
  permission: 'source:upload',
  render(ctx) {
    const job = jobView(ctx);
    const file = h('input', { type: 'file', id: 'source-file', accept: 'video/*,audio/*,.mxf,.mkv,.mov,.mp4' });
    const start = h('button', { type: 'button', class: 'button', id: 'upload-start', disabled: true }, t('source.upload'));
    const pause = h('button', { type: 'button', class: 'button button--quiet', id: 'upload-pause', hidden: true }, t('source.pause'));
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
          const progress = t('source.sent', { sent: formatBytes(sent), total: formatBytes(total), percent: formatPercent(total ? sent / total : 0) });
          text.textContent = sent < total && rate > 0 ? `${progress} · ${t('source.etaLeft', { time: formatDuration((total - sent) / rate) })}` : progress;
        },
        onSuccess({ lastResponse }) {
          pause.hidden = true;
          text.textContent = t('source.uploaded', { size: formatBytes(f.size) });
          ctx.toast(t('source.uploadDone'));
          const jobId = lastResponse.getHeader('Podium-Job-Id');
          if (jobId) {
            job.show({ id: jobId, state: 'queued', progress: 0, etaSec: null });
            job.follow(jobId);
          }
          file.disabled = false;
        },
        onError(err) {
          error.textContent = t('source.uploadStopped');
          error.title = err.message.split('\n')[0]!;
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
      pause.textContent = paused ? t('source.resume') : t('source.pause');
      if (paused) void upload.abort();
      else upload.start();
    });
    ctx.signal.addEventListener('abort', () => void upload?.abort(), { once: true });

    ctx.el.append(
      h('p', { class: 'muted' }, t('source.help')),
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
      else if (latest.state === 'failed') showJobError(job.el.querySelector<HTMLElement>('#job-error')!, latest.error);
    }
  },
};
