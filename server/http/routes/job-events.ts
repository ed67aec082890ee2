// GET /api/jobs/:id/events: a transcode followed live as server-sent events (text/event-stream).
//   event: progress   data: { id, state, progress (0..1), etaSec }   whenever one of them changes
//   event: end        data: { id, state: "succeeded" | "failed", progress, etaSec, error }  then the stream closes
// The queue is read every `pollMs` (the job may run in another process: the database is the
// truth). The stream's framing and keep-alive: ../sse.ts.
import { Router } from 'express';
import { shownJobError } from '../../jobs/job-error.js';
import type { Job, JobQueue } from '../../jobs/queue.js';
import { ApiError } from '../errors.js';
import { requirePermission } from '../middleware/session-auth.js';
import { openEventStream } from '../sse.js';
import { validateParam } from '../middleware/validate.js';
import { idSchema } from './programmes.js';

const TERMINAL = new Set(['succeeded', 'failed']);

export interface JobEventDeps {
  queue: JobQueue;
  /** How often the job is read (default 500 ms). */
  jobEventsPollMs?: number;
}

function view(job: Job) {
  return { id: job.id, state: job.state, progress: job.progress, etaSec: job.etaSec };
}

export function jobEventRoutes({ queue, jobEventsPollMs = 500 }: JobEventDeps): Router {
  const router = Router();
  router.get('/:id/events', requirePermission('programme:read'), validateParam('id', idSchema, 'job'), async (req, res) => {
    const id = req.params.id as string;
    let job = await queue.get(id);
    if (!job) throw new ApiError('not_found', `no job ${id}`);
    const stream = openEventStream(req, res);
    let timer: ReturnType<typeof setTimeout> | undefined;
    stream.onClose(() => clearTimeout(timer));

    let last = '';
    const tick = async () => {
      if (stream.closed) return;
      try {
        job = (await queue.get(id)) ?? job!;
      } catch {
        // a transient database error: try again on the next tick
      }
      const current = JSON.stringify(view(job!));
      if (current !== last) {
        last = current;
        stream.send('progress', view(job!));
      }
      if (TERMINAL.has(job!.state)) {
        stream.send('end', { ...view(job!), error: shownJobError(job!.error) });
        stream.close();
        return;
      }
      timer = setTimeout(() => void tick(), jobEventsPollMs);
    };
    await tick();
  });
  return router;
}
