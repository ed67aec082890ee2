// Linear channels (issue 12): create, list, get. Every field is checked here, whoever calls (the
// HTTP routes, a demo seed): slug shape and uniqueness, names per BCP 47 locale under the text
// rules, canonical audio and subtitle languages, ISO 3166 regions or WW, an IANA timezone.
import { randomUUID } from 'node:crypto';
import { col, fn, UniqueConstraintError } from 'sequelize';
import type { ChannelRow, Models } from '../db/models.js';
import { canonicalTag } from '../i18n/locale.js';
import { normalizeRegionCode, WORLDWIDE } from '../regions/index.js';
import { textProblem } from '../text.js';
import { ChannelError } from './errors.js';

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const CHANNEL_NAME_MAX = 100;

export interface NewChannel {
  slug: string;
  names: Record<string, string>;
  languages: readonly string[];
  subtitleLanguages?: readonly string[];
  regions?: readonly string[];
  timezone?: string;
  loop?: boolean;
}

export interface Channel {
  id: string;
  slug: string;
  names: Record<string, string>;
  languages: string[];
  subtitleLanguages: string[];
  regions: string[];
  timezone: string;
  loop: boolean;
}

/** A channel as the studio lists it: its schedule's version (the ETag a write must match) and size. */
export interface EditorChannel extends Channel {
  scheduleVersion: number;
  entryCount: number;
  /** The first entry's start and the last one's end (ISO 8601), or null for an empty schedule. */
  firstStart: string | null;
  lastEnd: string | null;
}

export interface ChannelServiceDeps {
  models: Models;
}

const invalid = (field: string, message: string) => new ChannelError('invalid', `${field}: ${message}`, field);

/** Canonical BCP 47 tags, each once. */
function languageList(tags: readonly string[], field: string, { required }: { required: boolean }): string[] {
  if (required && tags.length === 0) throw invalid(field, 'list at least one language');
  const seen = new Set<string>();
  tags.forEach((tag, i) => {
    const canonical = canonicalTag(tag);
    if (!canonical) throw invalid(`${field}.${i}`, `not a BCP 47 language tag: ${JSON.stringify(tag)}`);
    if (seen.has(canonical)) throw invalid(`${field}.${i}`, `${canonical} is listed twice`);
    seen.add(canonical);
  });
  return [...seen];
}

function regionList(codes: readonly string[]): string[] {
  if (codes.length === 0) throw invalid('regions', `list at least one region (or ${WORLDWIDE})`);
  const out = codes.map((code, i) => {
    const region = normalizeRegionCode(code);
    if (!region) throw invalid(`regions.${i}`, `not an ISO 3166-1 alpha-2 code or ${WORLDWIDE}: ${JSON.stringify(code)}`);
    return region;
  });
  if (out.includes(WORLDWIDE) && out.length > 1) throw invalid('regions', `${WORLDWIDE} (every region) stands alone`);
  if (new Set(out).size !== out.length) throw invalid('regions', 'a region is listed twice');
  return out;
}

/** Throws unless `zone` is an IANA time zone this runtime knows. */
function timezoneOf(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw invalid('timezone', `not an IANA time zone: ${JSON.stringify(zone)} (e.g. Europe/Paris)`);
  }
}

function nameMap(names: Record<string, string>): Record<string, string> {
  const entries = Object.entries(names);
  if (entries.length === 0) throw invalid('names', 'give the name in at least one language');
  const out: Record<string, string> = {};
  for (const [tag, raw] of entries) {
    const field = `names.${tag}`;
    const locale = canonicalTag(tag);
    if (!locale) throw invalid(field, `not a BCP 47 locale: ${JSON.stringify(tag)}`);
    if (locale in out) throw invalid(field, `${locale} is given twice`);
    const name = raw.trim();
    const problem = textProblem(name);
    if (problem) throw invalid(field, problem);
    if (!name) throw invalid(field, 'must not be empty');
    if (name.length > CHANNEL_NAME_MAX) throw invalid(field, `at most ${CHANNEL_NAME_MAX} characters`);
    out[locale] = name;
  }
  return out;
}

export function channelOf(row: ChannelRow): Channel {
  return {
    id: row.id,
    slug: row.slug,
    names: JSON.parse(row.names) as Record<string, string>,
    languages: JSON.parse(row.languages) as string[],
    subtitleLanguages: JSON.parse(row.subtitleLanguages) as string[],
    regions: JSON.parse(row.regions) as string[],
    timezone: row.timezone,
    loop: row.loop,
  };
}

export class ChannelService {
  constructor(private readonly deps: ChannelServiceDeps) {}

  async create(input: NewChannel): Promise<Channel> {
    if (!SLUG.test(input.slug)) throw invalid('slug', 'use 1–64 lower-case letters, digits and hyphens, starting and ending with a letter or digit');
    const channel: Channel = {
      id: randomUUID(),
      slug: input.slug,
      names: nameMap(input.names),
      languages: languageList(input.languages, 'languages', { required: true }),
      subtitleLanguages: languageList(input.subtitleLanguages ?? [], 'subtitleLanguages', { required: false }),
      regions: regionList(input.regions ?? [WORLDWIDE]),
      timezone: timezoneOf(input.timezone ?? 'UTC'),
      loop: input.loop ?? false,
    };
    const { Channel: table } = this.deps.models;
    const taken = () => new ChannelError('slug_taken', `slug: another channel is called ${JSON.stringify(input.slug)}`, 'slug');
    if ((await table.count({ where: { slug: channel.slug } })) > 0) throw taken();
    try {
      await table.create({
        ...channel,
        names: JSON.stringify(channel.names),
        languages: JSON.stringify(channel.languages),
        subtitleLanguages: JSON.stringify(channel.subtitleLanguages),
        regions: JSON.stringify(channel.regions),
      });
    } catch (err) {
      // Two creations of the same slug at once: the unique index decides.
      if (err instanceof UniqueConstraintError) throw taken();
      throw err;
    }
    return channel;
  }

  async list(): Promise<Channel[]> {
    return (await this.deps.models.Channel.findAll({ order: [['slug', 'ASC']] })).map(channelOf);
  }

  /** Every channel with its schedule's version and extent, by slug (the studio's list). */
  async listForEditors(): Promise<EditorChannel[]> {
    return this.editorChannels(await this.deps.models.Channel.findAll({ order: [['slug', 'ASC']] }));
  }

  /** Throws ChannelError('not_found'). */
  async getForEditors(id: string): Promise<EditorChannel> {
    const row = await this.deps.models.Channel.findByPk(id);
    if (!row) throw new ChannelError('not_found', `no channel ${id}`);
    return (await this.editorChannels([row]))[0]!;
  }

  private async editorChannels(rows: ChannelRow[]): Promise<EditorChannel[]> {
    if (rows.length === 0) return [];
    const stats = (await this.deps.models.ScheduleEntry.findAll({
      attributes: ['channelId', [fn('COUNT', col('id')), 'n'], [fn('MIN', col('start_at')), 'first'], [fn('MAX', col('end_at')), 'last']],
      where: { channelId: rows.map((r) => r.id) },
      group: ['channelId'],
      raw: true,
    })) as unknown as { channelId: string; n: number | string; first: Date | string | null; last: Date | string | null }[];
    const by = new Map(stats.map((s) => [s.channelId, s]));
    // SQLite answers MIN/MAX of a DATE column as text ('2026-07-24 18:00:00.000 +00:00'), PostgreSQL as a Date.
    const iso = (v: Date | string | null | undefined) => (v == null ? null : new Date(typeof v === 'string' ? v.replace(' ', 'T').replace(' ', '') : v).toISOString());
    return rows.map((row) => {
      const s = by.get(row.id);
      return { ...channelOf(row), scheduleVersion: row.scheduleVersion, entryCount: Number(s?.n ?? 0), firstStart: iso(s?.first), lastEnd: iso(s?.last) };
    });
  }

  /** The channel called `slug`, or null. */
  async findBySlug(slug: string): Promise<Channel | null> {
    const row = await this.deps.models.Channel.findOne({ where: { slug } });
    return row ? channelOf(row) : null;
  }

  /** Throws ChannelError('not_found'). */
  async get(id: string): Promise<Channel> {
    const row = await this.deps.models.Channel.findByPk(id);
    if (!row) throw new ChannelError('not_found', `no channel ${id}`);
    return channelOf(row);
  }
}
