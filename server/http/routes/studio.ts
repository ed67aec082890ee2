// /api/studio: what the studio's screens read (programme:read — editors, translators, admins).
//   GET /api/studio/programmes       → { items: StudioProgramme[] } every programme, newest first
//   GET /api/studio/programmes?q=…   → { items: StudioProgramme[] } the ones matching q, best first (all regions, drafts included)
//   GET /api/studio/programmes/:id   → StudioProgramme (all localizations, windows, latest job)
//   /api/studio/channels…            → studio-channels.ts
import { Router } from 'express';
import { z } from 'zod';
import { STUDIO_SEARCH_MAX, type StudioCatalogView } from '../../catalog/studio-view.js';
import { MAX_QUERY_LENGTH } from '../../search/index.js';
import { text } from '../../text.js';
import { requirePermission } from '../middleware/session-auth.js';
import { validateParam, validationError } from '../middleware/validate.js';
import { idSchema } from './programmes.js';
import { studioChannelRoutes, type StudioChannelDeps } from './studio-channels.js';

/** Other parameters are ignored, as before search existed (a cache-buster must not break the list). */
export const studioListQuery = z.object({
  q: text({ max: MAX_QUERY_LENGTH * 4, trim: false }).optional(),
  limit: z.coerce.number().int().min(1).max(STUDIO_SEARCH_MAX).default(20),
});

export function studioApiRoutes({ studioView, channels, openapi }: { studioView: StudioCatalogView } & StudioChannelDeps): Router {
  const router = Router();
  router.use(requirePermission('programme:read'), (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/programmes', async (req, res) => {
    const parsed = studioListQuery.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error);
    const { q, limit } = parsed.data;
    res.json({ items: q === undefined ? await studioView.list() : await studioView.search(q, limit) });
  });
  router.get('/programmes/:id', validateParam('id', idSchema, 'programme'), async (req, res) => {
    res.json(await studioView.get(req.params.id as string));
  });
  router.use('/channels', studioChannelRoutes({ channels, openapi }));
  return router;
}
