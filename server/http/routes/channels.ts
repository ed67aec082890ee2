// Linear channels, editors' side (issue 12): create a channel, read and replace its schedule.
// auth → validate (zod) → thin handler → channel domain (server/channel/). Schedule writes carry
// If-Match with the schedule's ETag ("v<version>"): 428 without it, 409 when it is stale.
import { Router } from 'express';
import { z } from 'zod';
import type { ChannelService } from '../../channel/channels.js';
import type { Schedule, ScheduleService } from '../../channel/schedule.js';
import { scheduleEtag, versionOfEtag } from '../../channel/schedule-plan.js';
import { recordKey, text } from '../../text.js';
import { jsonBody, KiB } from '../middleware/body-limits.js';
import { ApiError } from '../errors.js';
import type { OpenApiRegistry } from '../openapi.js';
import { requirePermission } from '../middleware/session-auth.js';
import { validateBody, validateParam, validationError } from '../middleware/validate.js';
import { idSchema } from './programmes.js';
import { channelSchema, instant } from './schemas.js';

export interface ChannelRouteDeps {
  channels: ChannelService;
  schedules: ScheduleService;
  openapi: OpenApiRegistry;
}

const tag = text({ max: 35, nonEmpty: true });

export const channelBodySchema = z.strictObject({
  slug: text({ max: 64, trim: false, nonEmpty: true }),
  names: z.record(recordKey(35), text({ max: 100, nonEmpty: true })),
  languages: z.array(tag).min(1).max(32),
  subtitleLanguages: z.array(tag).max(64).optional(),
  regions: z.array(text({ max: 2, nonEmpty: true })).min(1).max(300).optional(),
  timezone: text({ max: 64, nonEmpty: true }).optional(),
  loop: z.boolean().optional(),
});

/** A week of 30-second clips fits; the limit bounds one write's transaction. */
const MAX_ENTRIES = 5000;
export const scheduleBodySchema = z.strictObject({
  /** Replace the entries starting in [from, to) (default: from the first entry's start on): the studio rewrites one day, even empties it. */
  from: instant.optional(),
  to: instant.optional(),
  entries: z
    .array(
      z.strictObject({
        programmeId: idSchema,
        start: instant.optional(),
        alternatives: z.record(recordKey(2), idSchema.nullable()).optional(),
      }),
    )
    .max(MAX_ENTRIES),
});

const scheduleQuery = z.strictObject({ from: instant.optional(), to: instant.optional() });

const scheduleOut = z.object({
  entries: z.array(z.object({ id: z.uuid(), programmeId: z.uuid(), start: z.string(), end: z.string(), alternatives: z.record(z.string(), z.uuid().nullable()) })),
});

function scheduleJson(s: Schedule): z.output<typeof scheduleOut> {
  return { entries: s.entries.map((e) => ({ id: e.id, programmeId: e.programmeId, start: e.start.toISOString(), end: e.end.toISOString(), alternatives: e.alternatives })) };
}

export function channelRoutes({ channels, schedules, openapi }: ChannelRouteDeps): Router {
  const router = Router();
  const write = requirePermission('channel:write');
  const read = requirePermission('programme:read');
  const channelId = validateParam('id', idSchema, 'channel');

  router.post('/', write, jsonBody(64 * KiB), validateBody(channelBodySchema), async (req, res) => {
    const channel = await channels.create(req.body as z.output<typeof channelBodySchema>);
    res.status(201).location(`/api/channels/${channel.id}`).json(channel);
  });

  router.get('/:id/schedule', read, channelId, async (req, res) => {
    const parsed = scheduleQuery.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error);
    const { from, to } = parsed.data;
    const schedule = await schedules.getSchedule(req.params.id as string, from ? new Date(from) : undefined, to ? new Date(to) : undefined);
    res.set('ETag', scheduleEtag(schedule.version)).set('Cache-Control', 'no-store').json(scheduleJson(schedule));
  });

  router.put('/:id/schedule', write, channelId, jsonBody(2048 * KiB), validateBody(scheduleBodySchema), async (req, res) => {
    const ifMatch = req.get('if-match')?.trim();
    if (!ifMatch) throw new ApiError('precondition_required', 'send If-Match with the ETag of the schedule you edited (GET /api/channels/:id/schedule first), so a colleague’s edit is never overwritten');
    const body = req.body as z.output<typeof scheduleBodySchema>;
    const entries = body.entries.map((e) => ({ programmeId: e.programmeId, start: e.start ? new Date(e.start) : undefined, alternatives: e.alternatives }));
    // An If-Match naming no version of ours cannot match: the domain answers it as stale (409).
    const schedule = await schedules.replaceSchedule(req.params.id as string, entries, versionOfEtag(ifMatch) ?? -1, {
      from: body.from ? new Date(body.from) : undefined,
      to: body.to ? new Date(body.to) : undefined,
    });
    res.set('ETag', scheduleEtag(schedule.version)).set('Cache-Control', 'no-store').json(scheduleJson(schedule));
  });

  const tags = ['editor', 'channels'];
  openapi.add({
    method: 'post',
    path: '/api/channels',
    summary: 'Create a linear channel: slug, name per locale, audio and subtitle languages, regions (default WW), IANA timezone, loop mode',
    tags,
    auth: 'channel:write',
    body: channelBodySchema,
    responses: { 201: { description: 'created', schema: channelSchema }, 400: { description: 'validation_failed (field names the offender)' }, 409: { description: 'conflict: the slug is taken' } },
  });
  openapi.add({
    method: 'get',
    path: '/api/channels/:id/schedule',
    summary: "The channel's schedule entries overlapping [from, to) (all when unbounded); ETag header is its version",
    tags,
    auth: 'programme:read',
    params: { id: idSchema },
    query: { from: instant.optional(), to: instant.optional() },
    responses: { 200: { description: 'the entries, in order', schema: scheduleOut }, 404: { description: 'no such channel' } },
  });
  openapi.add({
    method: 'put',
    path: '/api/channels/:id/schedule',
    summary: "Replace the entries starting in [from, to) (default: from the first entry's start on; the others stay, and the new ones must fit between them); an entry without start follows the previous one; If-Match: the ETag read. The channel airs the change from the first 2 s slot at or after the write (plus PODIUM_CATALOG_CACHE_SEC), never before",
    tags,
    auth: 'channel:write',
    params: { id: idSchema },
    body: scheduleBodySchema,
    responses: {
      200: { description: 'stored: the whole schedule; ETag header is the new version', schema: scheduleOut },
      400: { description: 'validation_failed naming the entry and field, e.g. entries.3.programmeId (unknown or not ready), entries.2.start (overlap), entries.0.start (before from), entries.N.start (at or after to, or ending after the next kept entry begins), to (before from, or without from); nothing was written' },
      404: { description: 'no such channel' },
      409: { description: 'conflict: the schedule changed since the If-Match version (`current` is its ETag); nothing was written' },
      428: { description: 'precondition_required: If-Match missing' },
    },
  });
  return router;
}
