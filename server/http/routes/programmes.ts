// /api/programmes: auth → validate → thin handler → Catalog.
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Catalog } from '../../catalog/programmes.js';
import { canonicalTag, preferredLocales } from '../../i18n/locale.js';
import type { MediaStore } from '../../media/store.js';
import { requireRole, type Authenticator } from '../auth.js';
import { receiveBody } from '../upload.js';
import { validateBody, validateParam } from '../validate.js';

export const idSchema = z.uuid();

const localizedText = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(300),
  synopsis: z.string().max(5000).optional(),
});

export const createProgrammeSchema = z.strictObject({
  localizations: z
    .record(z.string(), localizedText)
    .check((ctx) => {
      for (const tag of Object.keys(ctx.value)) {
        if (!canonicalTag(tag)) ctx.issues.push({ code: 'custom', message: 'not a BCP 47 locale', input: tag, path: [tag] });
      }
    })
    .refine((v) => Object.keys(v).length > 0, 'at least one localization is required'),
});

export interface ProgrammeRoutesDeps {
  catalog: Catalog;
  media: MediaStore;
  auth: Authenticator;
  uploadMaxBytes: number;
}

function preferences(req: Request) {
  return preferredLocales(req.query.lang, req.get('accept-language'));
}

export function programmeRoutes({ catalog, media, auth, uploadMaxBytes }: ProgrammeRoutesDeps): Router {
  const router = Router();
  const editor = requireRole(auth, 'editor');
  const json = express.json({ limit: '256kb' });
  const programmeId = validateParam('id', idSchema, 'programme');

  router.get('/', async (req, res) => {
    res.vary('Accept-Language');
    res.json({ items: await catalog.list(preferences(req)) });
  });

  router.get('/:id', programmeId, async (req, res) => {
    res.vary('Accept-Language');
    res.json(await catalog.get(req.params.id as string, preferences(req)));
  });

  router.post('/', editor, json, validateBody(createProgrammeSchema), async (req, res) => {
    const { id } = await catalog.createProgramme(req.body as z.infer<typeof createProgrammeSchema>);
    res.status(201).location(`/api/programmes/${id}`).json({ id });
  });

  router.put('/:id/source', editor, programmeId, async (req, res) => {
    const id = req.params.id as string;
    await catalog.assertExists(id); // 404 before reading the body
    const temp = await media.incomingSourcePath(id);
    try {
      await receiveBody(req, res, temp, uploadMaxBytes);
    } catch (err) {
      await media.discard(temp);
      throw err;
    }
    const { jobId } = await catalog.submitSource(id, temp);
    res.status(202).location(`/api/jobs/${jobId}`).json({ jobId });
  });

  return router;
}
