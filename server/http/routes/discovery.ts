// Viewer discovery: GET /api/regions and GET /api/search (same region and language rules as
// the programme list; only what the region may watch now).
import { Router } from 'express';
import { z } from 'zod';
import type { Agrees, Assert, RegionItem, RegionsResponse, SearchResults } from '../../contracts/index.js';
import type { ViewerCatalog } from '../../catalog/viewer.js';
import { regionSelectable, type RegionTable } from '../../regions/index.js';
import { MAX_QUERY_LENGTH } from '../../search/index.js';
import { text } from '../../text.js';
import { ApiError } from '../errors.js';
import type { OpenApiRegistry } from '../openapi.js';
import { asViewer, viewerOf } from '../middleware/viewer.js';
import { programmeItemSchema, viewerQuery } from './schemas.js';

export interface DiscoveryDeps {
  regions: RegionTable;
  viewer: ViewerCatalog;
  openapi: OpenApiRegistry;
  /** Trusted CDN country header: when set, the region is the CDN's to decide, not the viewer's. */
  regionHeader: string | null;
}

const searchQuery = z.object({
  q: text({ max: MAX_QUERY_LENGTH * 4, trim: false }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

const regionSchema = z.object({ code: z.string(), name: z.string(), defaultLocale: z.string(), locales: z.array(z.string()), timezone: z.string() });
const regionsSchema = z.object({ current: z.string(), source: z.enum(['query', 'header', 'default']), selectable: z.boolean(), items: z.array(regionSchema) });
const searchResultsSchema = z.object({ query: z.string(), items: z.array(programmeItemSchema.extend({ matchedLocale: z.string() })) });
/** tsc fails here when the documented answers and the served ones (server/contracts) drift apart. */
export type RegionsSchemaAgrees = Assert<Agrees<z.output<typeof regionsSchema>, RegionsResponse>>;
export type SearchSchemaAgrees = Assert<Agrees<z.output<typeof searchResultsSchema>, SearchResults>>;

export function discoveryRoutes({ regions, viewer, openapi, regionHeader }: DiscoveryDeps): Router {
  const router = Router();
  const list = regions.list().map((r): RegionItem => ({ code: r.code, name: r.name, defaultLocale: r.defaultLocale, locales: [...r.locales], timezone: r.timezone }));

  // `selectable: false`: the player shows the region it was given and offers no choice (a
  // `?region=` would be ignored, see regions/resolve.ts).
  const selectable = regionSelectable(regionHeader);
  router.get('/regions', (_req, res) => {
    const v = viewerOf(res);
    res.set('Cache-Control', 'public, max-age=300').json({ current: v.region, source: v.regionSource, selectable, items: list } satisfies RegionsResponse);
  });

  router.get('/search', async (req, res) => {
    const parsed = searchQuery.safeParse({ q: req.query.q ?? '', limit: req.query.limit, offset: req.query.offset });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.map(String).join('.') || 'q';
      throw new ApiError('validation_failed', `${field}: ${issue.message}`, { field });
    }
    const { q, limit, offset } = parsed.data;
    res.set('Cache-Control', 'no-cache');
    res.json({ query: q, items: await viewer.search(q, asViewer(viewerOf(res)), { limit, offset }) } satisfies SearchResults);
  });

  openapi.add({
    method: 'get',
    path: '/api/regions',
    summary: 'Seeded regions with their default and offered locales, and the region this request resolved to',
    tags: ['viewer'],
    query: viewerQuery,
    responses: { 200: { description: 'regions', schema: regionsSchema } },
  });
  openapi.add({
    method: 'get',
    path: '/api/search',
    summary: "Ranked search over every localization (CJK without spaces, accent-insensitive); only what the viewer's region may watch now",
    tags: ['viewer'],
    query: { ...viewerQuery, q: searchQuery.shape.q, limit: searchQuery.shape.limit, offset: searchQuery.shape.offset },
    responses: {
      200: { description: 'hits, best first', schema: searchResultsSchema },
      400: { description: 'validation_failed' },
    },
  });
  return router;
}
