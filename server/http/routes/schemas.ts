// zod schemas shared by the viewer and editing routes and by the OpenAPI document.
import { PROGRAMME_FIELD_RULES, type ProgrammeField } from '../../i18n/check/programme.js';
import { z } from 'zod';
import type { Agrees, Assert, ProgrammeItem } from '../../contracts/index.js';
import { canonicalTag } from '../../i18n/locale.js';
import { text } from '../../text.js';

/** ?region= and ?lang= accepted by every viewer route (invalid values are ignored; control characters are refused, as in every query). */
export const viewerQuery = {
  region: z.string().max(8).optional().describe('ISO 3166-1 alpha-2 code or WW; overrides the CDN header and the default region'),
  lang: z.string().max(64).optional().describe('BCP 47 locale; before the podium_lang cookie and Accept-Language'),
};

const shortText = (max: number) => text({ max, nonEmpty: true });

export const sportsMetadataSchema = z.object({
  sport: shortText(80).nullable().optional(),
  discipline: shortText(80).nullable().optional(),
  event: shortText(160).nullable().optional(),
  gamesEdition: shortText(80).nullable().optional(),
  recordedAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a timezone' })
    .transform((s) => new Date(s))
    .nullable()
    .optional(),
  tags: z.array(shortText(40)).max(30).optional(),
});

/** A localized field's schema from its one declaration (PROGRAMME_FIELD_RULES); the catalog checks the rest on write. */
function localizedField(field: ProgrammeField) {
  const r = PROGRAMME_FIELD_RULES[field];
  return text({ max: r.maxCodeUnits, multiline: r.multiline, trim: !r.multiline, nonEmpty: r.required });
}

export const localizationBodySchema = z.strictObject({
  title: localizedField('title'),
  shortTitle: localizedField('shortTitle').optional(),
  // The one multi-line field: paragraphs (line feeds, tabs) are the editor's.
  synopsis: localizedField('synopsis').optional(),
  event: localizedField('event').optional(),
});

/** A BCP 47 tag in the path (canonicalized by the store). */
export const localeParamSchema = z.string().max(35).refine((t) => canonicalTag(t) !== null, 'not a BCP 47 locale');

export const programmeItemSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  shortTitle: z.string(),
  synopsis: z.string(),
  locale: z.string().nullable().describe('the localization served'),
  fallback: z.boolean().describe('true when that is not the locale the viewer asked for first'),
  status: z.enum(['draft', 'processing', 'ready', 'failed']),
  durationSec: z.number().nullable(),
  poster: z.string().nullable(),
  hls: z.string().nullable().describe('signed master playlist URL, bound to the programme and the region'),
  sport: z.string().nullable(),
  sportCode: z.string().nullable().describe('code of the sport in the Olympic vocabulary (its name in the viewer\'s language: sports.<code> in the player\'s locales); null outside it'),
  discipline: z.string().nullable(),
  disciplineCode: z.string().nullable().describe('code of the discipline in the same vocabulary, or null'),
  event: z.string().nullable().describe('the event as the editor typed it (one language)'),
  localizedEvent: z.string().nullable().describe('the event in the served localization, or null'),
  gamesEdition: z.string().nullable(),
  recordedAt: z.string().nullable(),
  tags: z.array(z.string()),
  audio: z.array(z.object({ locale: z.string(), role: z.enum(['main', 'commentary', 'description']), name: z.string() })).describe('audio languages in menu order; the first main track is the DEFAULT'),
  subtitles: z.array(z.object({ locale: z.string(), name: z.string() })),
  thumbnails: z.string().nullable().describe('signed URL of the storyboard WebVTT (sprite cues by relative URI) for seek previews'),
});

/** tsc fails here when the documented item and the served one (server/contracts) drift apart. */
export type ProgrammeItemSchemaAgrees = Assert<Agrees<z.output<typeof programmeItemSchema>, ProgrammeItem>>;

/** An instant in a query or body: ISO 8601 with its offset (channels' schedules, plans and guides). */
export const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a timezone, e.g. 2026-07-24T18:00:00Z' });

/** A channel as editors write and read it (POST /api/channels, the studio's channel list). */
export const channelSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  names: z.record(z.string(), z.string()),
  languages: z.array(z.string()),
  subtitleLanguages: z.array(z.string()),
  regions: z.array(z.string()),
  timezone: z.string(),
  loop: z.boolean(),
});
