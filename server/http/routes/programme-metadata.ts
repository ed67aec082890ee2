// Editing a programme after its creation (editors: programme:update):
//   PATCH  /api/programmes/:id                    sport, discipline, event, Games edition, recording date, tags
//   PUT    /api/programmes/:id/posters/:locale    the poster of one localization (raw JPEG, PNG or WebP body)
//   DELETE /api/programmes/:id/posters/:locale
// auth → validate (the zod schemas programme creation uses) → thin handler → ProgrammeService / PosterStore.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ProgrammeService } from '../../catalog/programmes.js';
import { POSTER_MAX_BYTES, POSTER_TYPES, type PosterStore } from '../../catalog/posters.js';
import { canonicalTag } from '../../i18n/locale.js';
import { jsonBody, KiB, rawBody } from '../middleware/body-limits.js';
import { ApiError } from '../errors.js';
import type { OpenApiRegistry } from '../openapi.js';
import { requirePermission } from '../middleware/session-auth.js';
import { validateBody, validateParam } from '../middleware/validate.js';
import { idSchema } from './programmes.js';
import { localeParamSchema, sportsMetadataSchema } from './schemas.js';

/** PATCH body: the creation schema's metadata fields, every one optional, at least one given. */
export const metadataPatchSchema = z
  .strictObject(sportsMetadataSchema.shape)
  .refine((v) => Object.keys(v).length > 0, `send at least one of ${Object.keys(sportsMetadataSchema.shape).join(', ')}`);

const metadataOut = z.object({
  id: z.uuid(),
  sport: z.string().nullable(),
  discipline: z.string().nullable(),
  event: z.string().nullable(),
  gamesEdition: z.string().nullable(),
  recordedAt: z.string().nullable(),
  tags: z.array(z.string()),
});
const posterOut = z.object({ locale: z.string(), type: z.enum(Object.keys(POSTER_TYPES) as [keyof typeof POSTER_TYPES]), bytes: z.number() });

export interface ProgrammeMetadataDeps {
  catalog: ProgrammeService;
  posters: PosterStore;
  openapi: OpenApiRegistry;
}

export function programmeMetadataRoutes({ catalog, posters, openapi }: ProgrammeMetadataDeps): Router {
  const router = Router();
  const update = requirePermission('programme:update');
  const json = jsonBody(64 * KiB);
  const programmeId = validateParam('id', idSchema, 'programme');
  const locale = (req: Request, _res: Response, next: NextFunction) => {
    const r = localeParamSchema.safeParse(req.params.locale);
    if (!r.success) throw new ApiError('validation_failed', `locale: ${r.error.issues[0]!.message}`, { field: 'locale' });
    req.params.locale = canonicalTag(req.params.locale as string)!;
    next();
  };
  // A declared size past the limit is refused before the body is read; a chunked one is cut off.
  const posterBody = rawBody(POSTER_MAX_BYTES, 'a poster');

  router.patch('/:id', update, programmeId, json, validateBody(metadataPatchSchema), async (req, res) => {
    res.json(await catalog.updateMetadata(req.params.id as string, req.body as z.output<typeof metadataPatchSchema>));
  });

  router.put('/:id/posters/:locale', update, programmeId, locale, posterBody, async (req, res) => {
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const p = await posters.put(req.params.id as string, req.params.locale as string, bytes, req.get('content-type'));
    res.json({ locale: p.locale, type: p.type, bytes: p.bytes });
  });

  router.delete('/:id/posters/:locale', update, programmeId, locale, async (req, res) => {
    await posters.remove(req.params.id as string, req.params.locale as string);
    res.status(204).end();
  });

  openapi.add({
    method: 'patch',
    path: '/api/programmes/:id',
    summary: 'Change the sports metadata (sport, discipline, event, Games edition, recording date, tags); fields left out stay, null clears one',
    tags: ['editor'],
    auth: 'programme:update',
    params: { id: idSchema },
    body: metadataPatchSchema,
    responses: { 200: { description: 'the stored metadata', schema: metadataOut }, 400: { description: 'validation_failed (field names the offender)' }, 404: { description: 'no such programme' } },
  });
  const posterParams = { id: idSchema, locale: localeParamSchema };
  openapi.add({
    method: 'put',
    path: '/api/programmes/:id/posters/:locale',
    summary: `The poster of one localization (raw body: JPEG, PNG or WebP, at most ${POSTER_MAX_BYTES} bytes, Content-Type naming its type). Viewers get the first poster along their language fallback chain, else the programme's own`,
    tags: ['editor'],
    auth: 'programme:update',
    params: posterParams,
    responses: {
      200: { description: 'stored', schema: posterOut },
      400: { description: 'bad_request: an empty body' },
      404: { description: 'no such programme, or no localization in that locale yet' },
      413: { description: 'payload_too_large' },
      415: { description: 'unsupported_media_type: not a JPEG, PNG or WebP image, or not the declared type' },
    },
  });
  openapi.add({
    method: 'delete',
    path: '/api/programmes/:id/posters/:locale',
    summary: 'Remove the poster of one localization',
    tags: ['editor'],
    auth: 'programme:update',
    params: posterParams,
    responses: { 204: { description: 'removed' }, 404: { description: 'no poster in that locale' } },
  });
  return router;
}
