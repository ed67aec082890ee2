// /api/studio/channels: the studio's channel screens (issue 12), read like the rest of /api/studio
// (programme:read, checked by studio.ts before these routes). Writes stay on /api/channels.
//   GET /api/studio/channels                  → { items: EditorChannel[] } by slug, with each schedule's version and extent
//   GET /api/studio/channels/:id              → EditorChannel
//   GET /api/studio/channels/:id/plan?from&to → SchedulePlan: each entry's readiness and what each region airs, the slate between entries
import { Router } from 'express';
import { z } from 'zod';
import type { ChannelService } from '../../channel/channels.js';
import { OTHER_REGIONS, PLAN_MAX_MS, type SchedulePlanView } from '../../channel/schedule-plan-view.js';
import type { OpenApiRegistry } from '../openapi.js';
import { validateParam, validationError } from '../middleware/validate.js';
import { idSchema } from './programmes.js';
import { channelSchema, instant } from './schemas.js';

export interface StudioChannelDeps {
  channels: { channels: ChannelService; plans: SchedulePlanView };
  openapi: OpenApiRegistry;
}

const planQuery = z.strictObject({ from: instant, to: instant });

const editorChannel = channelSchema.extend({
  scheduleVersion: z.number().int().describe('the schedule ETag is "v<scheduleVersion>"'),
  entryCount: z.number().int(),
  firstStart: z.string().nullable(),
  lastEnd: z.string().nullable(),
});
const problems = z.array(z.enum(['no_rendition', 'unpublished', 'unreadable']));
const planOut = z.object({
  channelId: z.uuid(),
  timezone: z.string(),
  loop: z.boolean(),
  version: z.number().int(),
  from: z.string(),
  to: z.string(),
  regions: z.array(z.string()).describe(`region codes, then "${OTHER_REGIONS}" (every other region) on a channel offered worldwide`),
  entries: z.array(
    z.object({
      id: z.uuid(),
      programmeId: z.uuid(),
      start: z.string(),
      end: z.string(),
      alternatives: z.record(z.string(), z.uuid().nullable()),
      status: z.enum(['ready', 'not_ready']),
      problems,
      regions: z.array(z.object({ region: z.string(), airs: z.array(z.object({ programmeId: z.uuid().nullable().describe('null: the slate'), replaced: z.boolean(), start: z.string(), end: z.string() })) })),
      conflicts: z.array(z.string()).describe('regions where something other than the entry’s programme airs for some of it'),
    }),
  ),
  gaps: z.array(z.object({ start: z.string(), end: z.string() })).describe('the slate between entries'),
  programmes: z.record(z.string(), z.object({ id: z.uuid(), titles: z.record(z.string(), z.string()), durationSec: z.number().nullable(), status: z.enum(['ready', 'not_ready']), problems })),
});

export function studioChannelRoutes({ channels, openapi }: StudioChannelDeps): Router {
  const router = Router();
  const channelId = validateParam('id', idSchema, 'channel');

  router.get('/', async (_req, res) => {
    res.json({ items: await channels.channels.listForEditors() });
  });
  router.get('/:id', channelId, async (req, res) => {
    res.json(await channels.channels.getForEditors(req.params.id as string));
  });
  router.get('/:id/plan', channelId, async (req, res) => {
    const parsed = planQuery.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error);
    res.json(await channels.plans.plan(req.params.id as string, new Date(parsed.data.from), new Date(parsed.data.to)));
  });

  const SESSION = 'Studio session cookie or Authorization: Bearer. ';
  const tags = ['studio', 'channels'];
  openapi.add({
    method: 'get',
    path: '/api/studio/channels',
    summary: `${SESSION}Every channel by slug, with its schedule's version (the ETag a write must match) and extent`,
    tags,
    auth: 'programme:read',
    responses: { 200: { description: 'channels', schema: z.object({ items: z.array(editorChannel) }) } },
  });
  openapi.add({
    method: 'get',
    path: '/api/studio/channels/:id',
    summary: `${SESSION}One channel with its schedule's version and extent`,
    tags,
    auth: 'programme:read',
    params: { id: idSchema },
    responses: { 200: { description: 'the channel', schema: editorChannel }, 404: { description: 'no such channel' } },
  });
  openapi.add({
    method: 'get',
    path: '/api/studio/channels/:id/plan',
    summary:
      `${SESSION}The schedule's entries overlapping [from, to) with their readiness and, per region the channel serves, what airs (the programme, the entry's alternative, or the slate) ` +
      `by the programmes' rights windows now in the database; the slate between entries. At most ${PLAN_MAX_MS / 86_400_000} days.`,
    tags,
    auth: 'programme:read',
    params: { id: idSchema },
    query: { from: instant, to: instant },
    responses: { 200: { description: 'the plan', schema: planOut }, 400: { description: 'validation_failed: from or to missing or malformed, to not after from, or the range too long' }, 404: { description: 'no such channel' } },
  });
  return router;
}
