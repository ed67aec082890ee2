// Linear channels, viewers' side (issue 12): GET /api/channels, /api/channels/:id and its guide,
// and the guide files IPTV clients read (GET /api/epg.xml, /api/channels.m3u). Region and language
// come from the viewer context like every viewer route; the answers are functions of the database
// and the clock (server/channel/channel-viewing.ts), cacheable for a couple of seconds.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Agrees, Assert, ChannelGuide, ChannelItem, ChannelList } from '../../contracts/index.js';
import { GUIDE_MAX_MS, type ChannelViewing } from '../../channel/channel-viewing.js';
import type { OpenApiRegistry } from '../openapi.js';
import { asViewer, viewerOf } from '../middleware/viewer.js';
import { validateParam, validationError } from '../middleware/validate.js';
import { idSchema } from './programmes.js';
import { instant, viewerQuery } from './schemas.js';

export interface ChannelViewingRouteDeps {
  viewing: ChannelViewing;
  openapi: OpenApiRegistry;
}

/** now/next and the signed master change at most every couple of seconds: a CDN may share them that long. */
const LIVE_CACHE = 'public, max-age=2';
const guideQuery = z.object({ ...viewerQuery, from: instant.optional(), to: instant.optional() });

const airingSchema = z.object({ programmeId: z.uuid(), title: z.string(), start: z.string(), end: z.string() });
const channelSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  locale: z.string(),
  timezone: z.string(),
  hls: z.string().describe("the region's signed master playlist"),
  dvrSec: z.number().int(),
  now: airingSchema.nullable(),
  next: airingSchema.nullable(),
});
const listSchema = z.object({ items: z.array(channelSchema) });
const guideSchema = z.object({
  items: z.array(z.object({ programmeId: z.uuid(), title: z.string(), synopsis: z.string(), locale: z.string().nullable(), fallback: z.boolean(), start: z.string(), end: z.string(), sportCode: z.string().nullable() })),
});
/** tsc fails here when the documented answers and the served ones (server/contracts) drift apart. */
export type ChannelSchemaAgrees = Assert<Agrees<z.output<typeof channelSchema>, ChannelItem>>;
export type ChannelGuideSchemaAgrees = Assert<Agrees<z.output<typeof guideSchema>, ChannelGuide>>;

const origin = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** Mounted at /api/channels. */
export function channelViewingRoutes({ viewing, openapi }: ChannelViewingRouteDeps): Router {
  const router = Router();
  const channelId = validateParam('id', idSchema, 'channel');

  router.get('/', async (_req, res) => {
    const items = await viewing.list(asViewer(viewerOf(res)));
    res.set('Cache-Control', LIVE_CACHE).json({ items } satisfies ChannelList);
  });
  router.get('/:id', channelId, async (req, res) => {
    res.set('Cache-Control', LIVE_CACHE).json(await viewing.get(req.params.id as string, asViewer(viewerOf(res))));
  });
  router.get('/:id/guide', channelId, async (req, res) => {
    const parsed = guideQuery.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error);
    const { from, to } = parsed.data;
    const items = await viewing.guide(req.params.id as string, asViewer(viewerOf(res)), { fromMs: from ? Date.parse(from) : undefined, toMs: to ? Date.parse(to) : undefined });
    res.set('Cache-Control', LIVE_CACHE).json({ items } satisfies ChannelGuide);
  });

  const tags = ['viewer', 'channels'];
  openapi.add({ method: 'get', path: '/api/channels', summary: 'The linear channels the region receives, each with its signed master playlist and now/next in the viewer\'s language', tags, query: viewerQuery, responses: { 200: { description: 'channels', schema: listSchema } } });
  openapi.add({
    method: 'get',
    path: '/api/channels/:id',
    summary: "One channel: the region's signed master playlist (live, with a DVR window of dvrSec) and now/next",
    tags,
    params: { id: idSchema },
    query: viewerQuery,
    responses: { 200: { description: 'the channel', schema: channelSchema }, 404: { description: 'no such channel' }, 451: { description: 'not offered in this region' }, 503: { description: 'not_ready: the slate is being packaged (Retry-After)' } },
  });
  openapi.add({
    method: 'get',
    path: '/api/channels/:id/guide',
    summary: `What the region sees on the channel between from (default: 3 h ago) and to (default: a day after from; at most ${GUIDE_MAX_MS / 86_400_000} days), alternatives and blackouts applied`,
    tags,
    params: { id: idSchema },
    query: guideQuery.shape,
    responses: { 200: { description: 'guide items in order', schema: guideSchema }, 400: { description: 'validation_failed (from, to)' }, 404: { description: 'no such channel' }, 451: { description: 'not offered in this region' } },
  });
  return router;
}

/** Mounted at /api: the guide files (XMLTV, M3U) for IPTV clients such as Kodi's IPTV Simple. */
export function guideFileRoutes({ viewing, openapi }: ChannelViewingRouteDeps): Router {
  const router = Router();
  router.get('/epg.xml', async (req, res) => {
    const xml = await viewing.xmltv(viewerOf(res).region, origin(req));
    res.removeHeader('Content-Language');
    res.set({ 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=60' }).send(xml);
  });
  router.get('/channels.m3u', async (req, res) => {
    const list = await viewing.m3u(viewerOf(res).region, origin(req));
    res.removeHeader('Content-Language');
    res.set({ 'Content-Type': 'audio/x-mpegurl; charset=utf-8', 'Cache-Control': 'public, max-age=60' }).send(list);
  });
  openapi.add({ method: 'get', path: '/api/epg.xml', summary: 'XMLTV guide of every channel the region receives (valid against the XMLTV DTD), from the DVR window to a day ahead, every localization', tags: ['viewer', 'channels'], query: viewerQuery, responses: { 200: { description: 'application/xml' } } });
  openapi.add({ method: 'get', path: '/api/channels.m3u', summary: "M3U list of the region's channels (tvg-id matches the XMLTV channel ids)", tags: ['viewer', 'channels'], query: viewerQuery, responses: { 200: { description: 'audio/x-mpegurl' } } });
  return router;
}
