// /api/studio/channels: the studio's channel screens (issue 12), read like the rest of /api/studio
// (programme:read, checked by studio.ts before these routes). Writes stay on /api/channels.
//   GET /api/studio/channels                  → { items: EditorChannel[] } by slug, with each schedule's version and extent
//   GET /api/studio/channels/:id              → EditorChannel
//   GET /api/studio/channels/:id/plan?from&to → SchedulePlan: each entry's readiness and what each region airs, a loop's repeats
//                                                likewise, the slate between them; ETag "v<version>-<digest>", If-None-Match → 304
import { Router } from 'express';
import { z } from 'zod';
import type { Agrees, Assert } from '../../contracts/index.js';
import type { ChannelService } from '../../channel/channels.js';
import { OTHER_REGIONS, PLAN_MAX_MS, PLAN_MAX_REPEATS, type SchedulePlan, type SchedulePlanView } from '../../channel/schedule-plan-view.js';
import { planEtag } from '../../channel/schedule-plan.js';
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
const entryNumber = z.number().int().min(1).describe('the entry’s place in the stored schedule, from 1');
/** What airs during an entry's run (its own or a repeat). */
const runOut = {
  status: z.enum(['ready', 'not_ready']),
  problems,
  regions: z.array(z.object({ region: z.string(), airs: z.array(z.object({ programmeId: z.uuid().nullable().describe('null: the slate'), replaced: z.boolean(), start: z.string(), end: z.string() })) })),
  conflicts: z.array(z.string()).describe('regions where something other than the entry’s programme airs for some of it'),
};
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
      number: entryNumber,
      programmeId: z.uuid(),
      start: z.string().describe('as stored (it airs from the first 2 s boundary at or after it)'),
      end: z.string(),
      alternatives: z.record(z.string(), z.uuid().nullable()),
      ...runOut,
    }),
  ),
  repeats: z
    .array(
      z.object({
        entryId: z.uuid().describe('the stored entry repeated (edit it there)'),
        number: entryNumber,
        programmeId: z.uuid(),
        entryStart: z.string().describe('the stored entry’s start'),
        start: z.string().describe('as it airs'),
        end: z.string(),
        ...runOut,
      }),
    )
    .describe(`in loop mode, the stored entries' repeats overlapping [from, to), in order, at most ${PLAN_MAX_REPEATS}`),
  repeatsLeftOut: z.number().int().describe('repeats overlapping [from, to) after those listed'),
  gaps: z.array(z.object({ start: z.string(), end: z.string() })).describe('the slate between entries'),
  programmes: z.record(z.string(), z.object({ id: z.uuid(), titles: z.record(z.string(), z.string()), durationSec: z.number().nullable(), status: z.enum(['ready', 'not_ready']), problems })),
});

/** The documented plan is the plan sent: tsc fails when they differ. */
export type PlanSchemaAgrees = Assert<Agrees<z.output<typeof planOut>, SchedulePlan>>;

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
    const plan = await channels.plans.plan(req.params.id as string, new Date(parsed.data.from), new Date(parsed.data.to));
    const body = JSON.stringify(plan);
    // express answers 304 to an If-None-Match naming this ETag.
    res.set('ETag', planEtag(plan.version, body)).set('Cache-Control', 'no-store').type('json').send(body);
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
      `by the programmes' rights windows now in the database; in loop mode, the entries' repeats in the range likewise, with their times as they air; the slate between them. ` +
      `At most ${PLAN_MAX_MS / 86_400_000} days. ETag header: "v<schedule version>-<digest of the answer>" (rights change it too; If-None-Match → 304); a write's If-Match is the schedule's own ETag.`,
    tags,
    auth: 'programme:read',
    params: { id: idSchema },
    query: { from: instant, to: instant },
    responses: { 200: { description: 'the plan', schema: planOut }, 304: { description: 'If-None-Match names the plan as it is' }, 400: { description: 'validation_failed: from or to missing or malformed, to not after from, or the range too long' }, 404: { description: 'no such channel' } },
  });
  return router;
}
