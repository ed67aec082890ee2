// /api/studio: what the studio's screens read (programme:read — editors, translators, admins).
//   GET /api/studio/programmes      → { items: StudioProgramme[] } every programme, newest first
//   GET /api/studio/programmes/:id  → StudioProgramme (all localizations, windows, latest job)
import { Router } from 'express';
import type { StudioCatalogView } from '../../catalog/studio-view.js';
import { requirePermission } from '../middleware/session-auth.js';
import { validateParam } from '../middleware/validate.js';
import { idSchema } from './programmes.js';

export function studioApiRoutes({ studioView }: { studioView: StudioCatalogView }): Router {
  const router = Router();
  router.use(requirePermission('programme:read'), (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/programmes', async (_req, res) => {
    res.json({ items: await studioView.list() });
  });
  router.get('/programmes/:id', validateParam('id', idSchema, 'programme'), async (req, res) => {
    res.json(await studioView.get(req.params.id as string));
  });
  return router;
}
