// /api/qoe: players post beacons (no auth: anonymous figures only, validated and clamped);
// editors read the summary (the studio's /studio/qoe page shows it: server/studio/client/pages/qoe.ts).
import { Router } from 'express';
import { z } from 'zod';
import { jsonBody, KiB } from '../middleware/body-limits.js';
import { requirePermission } from '../middleware/session-auth.js';
import { validateBody, validationError } from '../middleware/validate.js';
import { beaconBatchSchema, type BeaconBatch } from '../../qoe/schema.js';
import type { QoeStore } from '../../qoe/store.js';

const summaryQuery = z.strictObject({
  programmeId: z.uuid().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});

export function qoeRoutes({ qoe }: { qoe: QoeStore }): Router {
  const router = Router();
  // sendBeacon posts a Blob with its own type; text/plain is accepted too (a CORS-simple beacon).
  const json = jsonBody(32 * KiB, { type: ['application/json', 'text/plain'] });

  router.post('/', json, (req, _res, next) => {
    if (req.is('text/plain')) req.headers['content-type'] = 'application/json';
    next();
  }, validateBody(beaconBatchSchema), async (req, res) => {
    await qoe.record((req.body as BeaconBatch).beacons);
    res.status(204).end();
  });

  router.get('/summary', requirePermission('qoe:read'), async (req, res) => {
    const parsed = summaryQuery.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error);
    const { programmeId, since } = parsed.data;
    res.set('Cache-Control', 'no-store');
    res.json({ generatedAt: new Date().toISOString(), items: await qoe.summary({ programmeId, since: since ? new Date(since) : undefined }) });
  });
  return router;
}
