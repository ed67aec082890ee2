// /api/programmes: auth → validate → thin handler → Catalog.
import express, { Router } from 'express';
import { z } from 'zod';
import type { Catalog } from '../../catalog/programmes.js';
import type { ViewerCatalog } from '../../catalog/viewer.js';
import { canonicalTag } from '../../i18n/locale.js';
import type { MediaStore } from '../../media/store.js';
import { requireRole, type Authenticator } from '../auth.js';
import type { OpenApiRegistry } from '../openapi.js';
import { receiveBody } from '../upload.js';
import { validateBody, validateParam } from '../validate.js';
import { asViewer, viewerOf } from '../viewer.js';
import { programmeItemSchema, sportsMetadataSchema, viewerQuery } from './schemas.js';

export const idSchema = z.uuid();

const localizedText = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(300),
  shortTitle: z.string().trim().max(120).optional(),
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
  ...sportsMetadataSchema.shape,
});

export interface ProgrammeRoutesDeps {
  catalog: Catalog;
  media: MediaStore;
  auth: Authenticator;
  uploadMaxBytes: number;
  /** Rights-aware reads for viewers (lists, detail). */
  viewer: ViewerCatalog;
  openapi: OpenApiRegistry;
}

export function programmeRoutes({ catalog, media, auth, uploadMaxBytes, viewer, openapi }: ProgrammeRoutesDeps): Router {
  const router = Router();
  const editor = requireRole(auth, 'editor');
  const json = express.json({ limit: '256kb' });
  const programmeId = validateParam('id', idSchema, 'programme');

  // Viewer routes: res.locals.viewer (region, locale chain) is set by the viewer-context middleware.
  router.get('/', async (_req, res) => {
    res.json({ items: await viewer.list(asViewer(viewerOf(res))) });
  });

  router.get('/:id', programmeId, async (req, res) => {
    res.json(await viewer.get(req.params.id as string, asViewer(viewerOf(res))));
  });

  openapi.add({
    method: 'get',
    path: '/api/programmes',
    summary: "Published programmes the viewer's region may watch now, each in the best locale of the viewer's languages",
    tags: ['viewer'],
    query: viewerQuery,
    responses: { 200: { description: 'the list', schema: z.object({ items: z.array(programmeItemSchema) }) } },
  });
  openapi.add({
    method: 'get',
    path: '/api/programmes/:id',
    summary: 'One programme (451 when its rights do not cover the region now)',
    tags: ['viewer'],
    params: { id: idSchema },
    query: viewerQuery,
    responses: { 200: { description: 'the programme', schema: programmeItemSchema }, 404: { description: 'no such published programme' }, 451: { description: 'unavailable_in_region' } },
  });
  openapi.add({
    method: 'post',
    path: '/api/programmes',
    summary: 'Create a programme (a draft, with PODIUM_DEFAULT_AVAILABILITY windows)',
    tags: ['editor'],
    auth: 'programme:create',
    body: createProgrammeSchema,
    responses: { 201: { description: 'created', schema: z.object({ id: z.uuid() }) }, 400: { description: 'validation_failed' } },
  });
  openapi.add({
    method: 'put',
    path: '/api/programmes/:id/source',
    summary: 'Upload the source video (raw body); enqueues its transcode',
    tags: ['editor'],
    auth: 'source:upload',
    params: { id: idSchema },
    responses: { 202: { description: 'transcode queued', schema: z.object({ jobId: z.uuid() }) }, 413: { description: 'payload_too_large' } },
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
