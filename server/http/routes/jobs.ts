// /api/jobs/:id — the state of a transcode, as an editor follows it: programme:read, like the
// job's programme in the studio (anonymous 401); the error names the problem, never a server path.
import { Router } from 'express';
import { shownJobError } from '../../jobs/job-error.js';
import type { JobQueue } from '../../jobs/queue.js';
import { ApiError } from '../errors.js';
import { requirePermission } from '../middleware/session-auth.js';
import { validateParam } from '../middleware/validate.js';
import { idSchema } from './programmes.js';

export function jobRoutes({ queue }: { queue: JobQueue }): Router {
  const router = Router();
  router.get('/:id', requirePermission('programme:read'), validateParam('id', idSchema, 'job'), async (req, res) => {
    const job = await queue.get(req.params.id as string);
    if (!job) throw new ApiError('not_found', `no job ${req.params.id}`);
    res.set('Cache-Control', 'no-store');
    res.json({ id: job.id, programmeId: job.programmeId, state: job.state, progress: job.progress, etaSec: job.etaSec, error: shownJobError(job.error) });
  });
  return router;
}
