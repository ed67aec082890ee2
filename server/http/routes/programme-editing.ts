// Editing a programme's localizations, availability and publication:
// auth → validate (zod) → thin handler → catalog domain (LocalizationStore, AvailabilityStore).
import express, { Router } from 'express';
import { z } from 'zod';
import type { AvailabilityStore } from '../../catalog/availability.js';
import type { LocalizationStore } from '../../catalog/localizations.js';
import { availabilityBodySchema, parseAvailabilityBody, serializeWindows } from '../../rights/index.js';
import { jsonBody, KiB } from '../middleware/body-limits.js';
import { ApiError } from '../errors.js';
import type { OpenApiRegistry } from '../openapi.js';
import { requirePermission } from '../middleware/session-auth.js';
import { validateBody, validateParam } from '../middleware/validate.js';
import { idSchema } from './programmes.js';
import { localeParamSchema, localizationBodySchema } from './schemas.js';

export interface ProgrammeEditingDeps {
  localizations: LocalizationStore;
  availability: AvailabilityStore;
  openapi: OpenApiRegistry;
  now: () => Date;
}

const windowOut = z.object({ regions: z.array(z.string()), exclude: z.array(z.string()), start: z.string(), end: z.string().nullable() });

export function programmeEditingRoutes({ localizations, availability, openapi, now }: ProgrammeEditingDeps): Router {
  const router = Router();
  // The accounts permission model (server/accounts/roles.ts): translators write localizations
  // only; editors and admins everything. API tokens or a studio session with its CSRF token.
  const localizationWrite = requirePermission('localization:write');
  const availabilityWrite = requirePermission('availability:write');
  const publish = requirePermission('programme:publish');
  const read = requirePermission('programme:read');
  const json = jsonBody(256 * KiB);
  const programmeId = validateParam('id', idSchema, 'programme');
  const locale = (req: express.Request, _res: express.Response, next: express.NextFunction) => {
    const r = localeParamSchema.safeParse(req.params.locale);
    if (!r.success) throw new ApiError('validation_failed', `locale: ${r.error.issues[0]!.message}`, { field: 'locale' });
    next();
  };

  router.put('/:id/localizations/:locale', localizationWrite, programmeId, locale, json, validateBody(localizationBodySchema), async (req, res) => {
    const body = req.body as z.output<typeof localizationBodySchema>;
    const r = await localizations.put(req.params.id as string, req.params.locale as string, body);
    res.status(r.created ? 201 : 200).json({ locale: r.locale, title: body.title, shortTitle: body.shortTitle ?? '', synopsis: body.synopsis ?? '', event: r.event });
  });

  router.delete('/:id/localizations/:locale', localizationWrite, programmeId, locale, async (req, res) => {
    await localizations.remove(req.params.id as string, req.params.locale as string);
    res.status(204).end();
  });

  router.get('/:id/availability', read, programmeId, async (req, res) => {
    res.json({ windows: serializeWindows(await availability.windows(req.params.id as string)) });
  });

  router.put('/:id/availability', availabilityWrite, programmeId, json, async (req, res) => {
    if (!req.is('application/json')) throw new ApiError('unsupported_media_type', 'the body must be JSON (Content-Type: application/json)');
    const parsed = parseAvailabilityBody(req.body);
    if (!parsed.ok) throw new ApiError('validation_failed', parsed.message, { field: parsed.field });
    await availability.replace(req.params.id as string, parsed.value.windows);
    res.json({ windows: serializeWindows(parsed.value.windows) });
  });

  for (const action of ['publish', 'unpublish'] as const) {
    router.post(`/:id/${action}`, publish, programmeId, async (req, res) => {
      const publishedAt = await availability.setPublished(req.params.id as string, action === 'publish', now());
      res.json({ id: req.params.id, published: publishedAt !== null, publishedAt: publishedAt?.toISOString() ?? null });
    });
  }

  const params = { id: idSchema, locale: localeParamSchema };
  const locOut = localizationBodySchema.extend({ locale: z.string() });
  openapi.add({
    method: 'put',
    path: '/api/programmes/:id/localizations/:locale',
    summary: 'Create or replace one localization (title, short title, synopsis, event); the search index follows in the same transaction',
    tags: ['editor'],
    auth: 'localization:write',
    params,
    body: localizationBodySchema,
    responses: { 200: { description: 'replaced', schema: locOut }, 201: { description: 'created', schema: locOut }, 400: { description: 'validation_failed (field names the offender)' }, 404: { description: 'no such programme' } },
  });
  openapi.add({
    method: 'delete',
    path: '/api/programmes/:id/localizations/:locale',
    summary: 'Remove one localization (not the last one)',
    tags: ['editor'],
    auth: 'localization:write',
    params,
    responses: { 204: { description: 'removed' }, 404: { description: 'no such localization' }, 409: { description: 'it is the only localization' } },
  });
  openapi.add({
    method: 'get',
    path: '/api/programmes/:id/availability',
    summary: "The programme's availability windows",
    tags: ['editor'],
    auth: 'programme:read',
    params: { id: idSchema },
    responses: { 200: { description: 'the windows', schema: z.object({ windows: z.array(windowOut) }) } },
  });
  openapi.add({
    method: 'put',
    path: '/api/programmes/:id/availability',
    summary: 'Replace the availability windows (regions or ["WW"] with exclusions, start, end or null); a channel airing the programme applies them from its next 2 s slot on, never to what it has aired',
    tags: ['editor'],
    auth: 'availability:write',
    params: { id: idSchema },
    body: availabilityBodySchema,
    responses: { 200: { description: 'stored', schema: z.object({ windows: z.array(windowOut) }) }, 400: { description: 'validation_failed, e.g. field windows[0].end' } },
  });
  const published = z.object({ id: z.uuid(), published: z.boolean(), publishedAt: z.string().nullable() });
  for (const action of ['publish', 'unpublish'] as const) {
    openapi.add({
      method: 'post',
      path: `/api/programmes/:id/${action}`,
      summary: action === 'publish' ? 'Show the programme to viewers (within its availability windows)' : 'Hide the programme from viewers',
      tags: ['editor'],
      auth: 'programme:publish',
      params: { id: idSchema },
      responses:
        action === 'publish'
          ? { 200: { description: 'done', schema: published }, 409: { description: 'conflict: the channel slate, which is never published' } }
          : { 200: { description: 'done', schema: published } },
    });
  }
  return router;
}
