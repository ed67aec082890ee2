// /api/programmes: auth → validate → thin handler → ProgrammeService.
import { Router } from 'express';
import { z } from 'zod';
import type { Agrees, Assert, ProgrammeItem, ProgrammeListPage } from '../../contracts/index.js';
import type { ProgrammeService } from '../../catalog/programmes.js';
import { decodeListCursor, encodeListCursor, type ViewerCatalog } from '../../catalog/viewer.js';
import { canonicalTag } from '../../i18n/locale.js';
import type { MediaStore } from '../../media/store.js';
import { jsonBody, KiB } from '../middleware/body-limits.js';
import { recordKey } from '../../text.js';
import type { OpenApiRegistry } from '../openapi.js';
import { requirePermission } from '../middleware/session-auth.js';
import { receiveBody } from '../upload.js';
import { validateBody, validateParam, validationError } from '../middleware/validate.js';
import { asViewer, viewerOf } from '../middleware/viewer.js';
import { localizationBodySchema, programmeItemSchema, sportsMetadataSchema, viewerQuery } from './schemas.js';

export const idSchema = z.uuid();

const listPageSchema = z.object({ items: z.array(programmeItemSchema), nextCursor: z.string().nullable(), next: z.string().nullable() });
/** tsc fails here when the documented page and the served one (server/contracts) drift apart. */
export type ListPageSchemaAgrees = Assert<Agrees<z.output<typeof listPageSchema>, ProgrammeListPage>>;

export const createProgrammeSchema = z.strictObject({
  localizations: z
    .record(recordKey(35), localizationBodySchema)
    .check((ctx) => {
      for (const tag of Object.keys(ctx.value)) {
        if (!canonicalTag(tag)) ctx.issues.push({ code: 'custom', message: 'not a BCP 47 locale', input: tag, path: [tag] });
      }
    })
    .refine((v) => Object.keys(v).length > 0, 'at least one localization is required'),
  ...sportsMetadataSchema.shape,
});

/** ?limit= and ?cursor= of the viewer's list (GET /api/programmes). */
export const listQuerySchema = z.object({
  limit: z.coerce.number({ error: 'must be a whole number from 1 to 100' }).int('must be a whole number from 1 to 100').min(1, 'must be at least 1').max(100, 'must be at most 100').default(24),
  cursor: z
    .string()
    .max(200)
    .transform((token, ctx) => decodeListCursor(token) ?? (ctx.addIssue({ code: 'custom', message: 'not a cursor of this list (take `nextCursor` from the previous page)' }), z.NEVER))
    .optional(),
});

/** The URL of the next page: the request's own path and query (region, lang …) with the new cursor. */
function nextPageUrl(originalUrl: string, cursor: string): string {
  const url = new URL(originalUrl, 'http://x');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

export interface ProgrammeRoutesDeps {
  catalog: ProgrammeService;
  media: MediaStore;
  uploadMaxBytes: number;
  /** Rights-aware reads for viewers (lists, detail). */
  viewer: ViewerCatalog;
  openapi: OpenApiRegistry;
}

export function programmeRoutes({ catalog, media, uploadMaxBytes, viewer, openapi }: ProgrammeRoutesDeps): Router {
  const router = Router();
  // The accounts permission model (server/accounts/roles.ts): editors and admins, never translators.
  const create = requirePermission('programme:create');
  const upload = requirePermission('source:upload');
  const json = jsonBody(256 * KiB);
  const programmeId = validateParam('id', idSchema, 'programme');

  // Viewer routes: res.locals.viewer (region, locale chain) is set by the viewer-context middleware.
  router.get('/', async (req, res) => {
    const parsed = listQuerySchema.safeParse({ limit: req.query.limit, cursor: req.query.cursor });
    if (!parsed.success) throw validationError(parsed.error);
    const { limit, cursor } = parsed.data;
    const page = await viewer.page(asViewer(viewerOf(res)), { limit, after: cursor });
    const nextCursor = page.next ? encodeListCursor(page.next) : null;
    res.json({ items: page.items, nextCursor, next: nextCursor ? nextPageUrl(req.originalUrl, nextCursor) : null } satisfies ProgrammeListPage);
  });

  router.get('/:id', programmeId, async (req, res) => {
    res.json((await viewer.get(req.params.id as string, asViewer(viewerOf(res)))) satisfies ProgrammeItem);
  });

  openapi.add({
    method: 'get',
    path: '/api/programmes',
    summary: "Published programmes the viewer's region may watch now, each in the best locale of the viewer's languages",
    tags: ['viewer'],
    query: { ...viewerQuery, limit: listQuerySchema.shape.limit.describe('page size (default 24, at most 100)'), cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page') },
    responses: {
      200: {
        description: 'one page of the list; `next` is the URL of the following page (null on the last one)',
        schema: listPageSchema,
      },
      400: { description: 'validation_failed: `field` is limit or cursor' },
    },
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

  router.post('/', create, json, validateBody(createProgrammeSchema), async (req, res) => {
    const { id } = await catalog.createProgramme(req.body as z.infer<typeof createProgrammeSchema>);
    res.status(201).location(`/api/programmes/${id}`).json({ id });
  });

  router.put('/:id/source', upload, programmeId, async (req, res) => {
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
