// The programme service (ProgrammeService): programmes and their localizations. Every catalog write lives here; HTTP
// handlers, the demo seeder and the transcode job call these functions.
import { checkProgrammeText } from '../i18n/check/programme.js';
import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { ProgrammeItem } from '../contracts/index.js';
import type { LocalizationRow, Models, ProgrammeRow, ProgrammeStatus } from '../db/models.js';
import type { JobLease, JobQueue } from '../jobs/queue.js';
import { finishOwnedJob } from '../jobs/sql-queue.js';
import { POSTERS_DIR, type MediaStore } from '../media/store.js';
import { canonicalTag } from '../i18n/locale.js';
import { chooseLocalization, createLocaleKeyer } from '../locale-fallback/index.js';
import { defaultWindows, type AvailabilityWindow, type DefaultAvailability } from '../rights/index.js';
import type { SearchIndex } from '../search/index.js';
import type { AvailabilityEdits } from './availability.js';
import { CatalogError } from './errors.js';
import { viewerTracks } from './media-tracks.js';
import { programmeText } from './localized-text.js';
import { sportCode } from './sports.js';

export interface LocalizedText {
  title: string;
  /** For cards and narrow layouts; empty = use the title. */
  shortTitle?: string;
  synopsis?: string;
  /** The event's name in this language ("Women's 400 m hurdles final"). */
  event?: string;
}

/**
 * A localization's columns from its text (absent fields stored empty), once the text passes the
 * programme checks (i18n/check/programme.ts: empty title, the wrong Chinese script, each field's
 * length): every write of a localization comes through here, so every path refuses alike.
 * `field` names a refused field as the caller's request does (`localizations.en.` on creation).
 * The search index reads the text fields of the same object.
 */
export function localizationColumns(locale: string, text: LocalizedText, fieldPrefix = ''): { title: string; shortTitle: string; synopsis: string; event: string } {
  const problem = checkProgrammeText(locale, text).find((i) => i.severity === 'error');
  if (problem) {
    const field = `${fieldPrefix}${problem.field}`;
    throw new CatalogError('invalid_text', `${field}: ${problem.message} (fix: ${problem.fix})`, field, problem.check);
  }
  return { title: text.title, shortTitle: text.shortTitle ?? '', synopsis: text.synopsis ?? '', event: text.event ?? '' };
}

/** What a sports channel says about a programme besides its localized text. */
export interface SportsMetadata {
  sport?: string | null;
  discipline?: string | null;
  event?: string | null;
  /** e.g. "Paris 2024". */
  gamesEdition?: string | null;
  recordedAt?: Date | null;
  tags?: string[];
}

/** The sports metadata as stored (PATCH /api/programmes/:id answers it). */
export interface ProgrammeMetadata {
  id: string;
  sport: string | null;
  discipline: string | null;
  event: string | null;
  gamesEdition: string | null;
  recordedAt: string | null;
  tags: string[];
}

/**
 * The externalId of the channel slate's programme (server/channel/slate.ts): packaged through the
 * ordinary transcode job, but never published, so no viewer list, search or sitemap shows it and
 * editors' lists leave it out. Its media reach viewers only through tokens a channel mints.
 */
export const SLATE_EXTERNAL_ID = 'podium-slate';

/** The slate is never published (availability.ts refuses it) and aired only by channels. */
export function isSlate(row: { externalId?: string | null }): boolean {
  return row.externalId === SLATE_EXTERNAL_ID;
}

/** A programme found by its externalId: enough to tell whether it is packaged and what it carries. */
export interface ExternalProgramme {
  id: string;
  status: ProgrammeStatus;
  /** null until a rendition is published. */
  renditionId: string | null;
  /** The MediaStore key of that rendition's folder. */
  renditionPath: string | null;
  /** JSON MediaTracks (catalog/media-tracks.ts) of that rendition. */
  mediaTracks: string | null;
}

export interface NewProgramme extends SportsMetadata {
  /** Stable id from an outside system (the demo catalog); unique. */
  externalId?: string;
  /** BCP 47 locale → text. */
  localizations: Record<string, LocalizedText>;
  /** Availability windows; default: PODIUM_DEFAULT_AVAILABILITY. */
  windows?: AvailabilityWindow[];
  /** Visible to viewers at once (the demo catalog); default false (a draft). */
  published?: boolean;
}

/** The viewer-facing shape of a programme (GET /api/programmes items): the shared contract. */
export type ProgrammeView = ProgrammeItem;

/** How to present a programme: the viewer's CLDR fallback chain and how media URLs are made. */
export interface ViewOptions {
  chain: readonly string[];
  /** The programme's localizations, when not loaded on the row (`localizations` include). */
  localizations?: readonly LocalizationRow[];
  /** URL of a file of the programme's current rendition (signed for the viewer's region). */
  mediaUrl: (programmeId: string, renditionKey: string, file: string) => string;
}

export interface PublishedRendition {
  renditionId: string;
  renditionKey: string;
  durationSec: number;
  poster: string;
  /** JSON MediaTracks (catalog/media-tracks.ts) of the new folder */
  mediaTracks?: string;
}

export interface TranscodePayload extends Record<string, unknown> {
  source: string;
}

export interface ProgrammeServiceDeps {
  sequelize: Sequelize;
  models: Models;
  media: MediaStore;
  queue: JobQueue;
  /** Kept in step with localization writes (same transaction). */
  search?: SearchIndex;
  /** PODIUM_DEFAULT_AVAILABILITY. Default 'worldwide'. */
  defaultAvailability?: DefaultAvailability;
  /** Told of a rendition switch in its transaction (the channels that air the programme switch from their next slot on). */
  edits?: AvailabilityEdits;
  now?: () => Date;
}

export class ProgrammeService {
  /** Memoized BCP 47 keys of stored locales (Intl.Locale work once per tag, not per item and request). */
  private readonly keyer = createLocaleKeyer();
  constructor(private readonly deps: ProgrammeServiceDeps) {}

  async createProgramme(input: NewProgramme): Promise<{ id: string }> {
    const { sequelize, models } = this.deps;
    const localizations = Object.entries(input.localizations).map(([tag, text]) => {
      const locale = canonicalTag(tag);
      if (!locale) throw new CatalogError('invalid_locale', `not a BCP 47 locale: ${JSON.stringify(tag)}`, `localizations.${tag}`);
      return { locale, ...localizationColumns(locale, text, `localizations.${tag}.`) };
    });
    const id = randomUUID();
    const now = this.deps.now?.() ?? new Date();
    const windows = input.windows ?? defaultWindows(this.deps.defaultAvailability ?? 'worldwide', now);
    await sequelize.transaction(async (transaction) => {
      await models.Programme.create(
        {
          id,
          externalId: input.externalId ?? null,
          status: 'draft',
          sport: input.sport ?? null,
          discipline: input.discipline ?? null,
          event: input.event ?? null,
          gamesEdition: input.gamesEdition ?? null,
          recordedAt: input.recordedAt ?? null,
          tags: JSON.stringify(input.tags ?? []),
          publishedAt: input.published ? now : null,
        },
        { transaction },
      );
      await models.Localization.bulkCreate(
        localizations.map((l) => ({ ...l, programmeId: id })),
        { transaction },
      );
      if (windows.length) {
        await models.AvailabilityWindow.bulkCreate(
          windows.map((w) => ({ programmeId: id, regions: JSON.stringify(w.regions), exclude: JSON.stringify(w.exclude), startAt: w.start, endAt: w.end })),
          { transaction },
        );
      }
      await this.deps.search?.upsertMany(
        localizations.map((l) => ({ programmeId: id, locale: l.locale, fields: l })),
        { transaction },
      );
    });
    return { id };
  }

  /** Throws CatalogError('not_found') unless the programme exists. */
  async assertExists(id: string): Promise<void> {
    if ((await this.deps.models.Programme.count({ where: { id } })) === 0) throw new CatalogError('not_found', `no programme ${id}`);
  }

  async findByExternalId(externalId: string): Promise<ExternalProgramme | null> {
    const row = await this.deps.models.Programme.findOne({ where: { externalId }, attributes: ['id', 'status', 'renditionId', 'renditionPath', 'mediaTracks'] });
    return row ? { id: row.id, status: row.status, renditionId: row.renditionId ?? null, renditionPath: row.renditionPath ?? null, mediaTracks: row.mediaTracks ?? null } : null;
  }

  /**
   * Takes a completely received source (a temp file from the MediaStore), moves it into place
   * and enqueues its transcode. The programme stays playable on its current rendition meanwhile.
   */
  async submitSource(programmeId: string, tempPath: string, opts: { audioLanguage?: string; jobId?: string } = {}): Promise<{ jobId: string }> {
    const { models, media, queue } = this.deps;
    const programme = await models.Programme.findByPk(programmeId);
    if (!programme) {
      await media.discard(tempPath);
      throw new CatalogError('not_found', `no programme ${programmeId}`);
    }
    // A caller-chosen id makes a second submission of the same attempt fail at enqueue (the slate,
    // when two processes start at once); its source lands on the same key, so nothing is left over.
    const jobId = opts.jobId ?? randomUUID();
    const source = await media.commitSource(tempPath, programmeId, jobId);
    const payload: TranscodePayload = { source, ...(opts.audioLanguage ? { audioLanguage: opts.audioLanguage } : {}) };
    await queue.enqueue({ id: jobId, programmeId, type: 'transcode', payload });
    if (programme.status !== 'ready') await models.Programme.update({ status: 'processing' }, { where: { id: programmeId } });
    return { jobId };
  }

  /**
   * Switches the programme to a new rendition. With the job's lease, the job is recorded as
   * succeeded in the same transaction, so that a job taken over by another worker meanwhile
   * publishes nothing (LeaseLostError) and one that published cannot be taken over: at most once.
   * The channels airing it are told in the same transaction (they keep what aired on the old one).
   */
  async publishRendition(programmeId: string, r: PublishedRendition, lease?: JobLease): Promise<void> {
    const { models, sequelize, edits } = this.deps;
    await sequelize.transaction(async (transaction) => {
      if (lease) await finishOwnedJob(models, lease, transaction);
      const change = () =>
        models.Programme.update(
          { status: 'ready', renditionId: r.renditionId, renditionPath: r.renditionKey, durationSec: r.durationSec, poster: r.poster, mediaTracks: r.mediaTracks ?? null },
          { where: { id: programmeId }, transaction },
        );
      await (edits ? edits.around(programmeId, 'rendition', transaction, change) : change());
    });
  }

  /** Every rendition a programme names (the media store's orphan sweep keeps these). */
  async renditionKeys(): Promise<Set<string>> {
    const rows = await this.deps.models.Programme.findAll({ attributes: ['renditionPath'], raw: true });
    return new Set(rows.map((r) => r.renditionPath).filter((k): k is string => Boolean(k)));
  }

  /** A failed transcode marks the programme failed unless it still has a published rendition. */
  /**
   * Changes the sports metadata (sport, discipline, event, Games edition, recording date, tags);
   * fields left out keep their value, null clears one. Returns the stored metadata.
   */
  async updateMetadata(id: string, patch: SportsMetadata): Promise<ProgrammeMetadata> {
    const { models } = this.deps;
    const values: Partial<Pick<ProgrammeRow, 'sport' | 'discipline' | 'event' | 'gamesEdition' | 'recordedAt' | 'tags'>> = {};
    for (const k of ['sport', 'discipline', 'event', 'gamesEdition', 'recordedAt'] as const) {
      if (patch[k] !== undefined) (values as Record<string, unknown>)[k] = patch[k] ?? null;
    }
    if (patch.tags !== undefined) values.tags = JSON.stringify(patch.tags);
    const [n] = await models.Programme.update(values, { where: { id } });
    const row = n ? await models.Programme.findByPk(id) : null;
    if (!row) throw new CatalogError('not_found', `no programme ${id}`);
    return {
      id,
      sport: row.sport ?? null,
      discipline: row.discipline ?? null,
      event: row.event ?? null,
      gamesEdition: row.gamesEdition ?? null,
      recordedAt: row.recordedAt ? new Date(row.recordedAt).toISOString() : null,
      tags: parseTags(row.tags),
    };
  }

  /**
   * The poster a viewer sees, as a URL: the first per-locale poster along the viewer's fallback
   * chain, else the programme's own (its rendition's frame), else the poster of the localization
   * served as the title; an absolute URL stays as it is.
   */
  private posterFor(locs: readonly LocalizationRow[], chain: readonly string[], served: LocalizationRow | undefined, row: ProgrammeRow): string | null {
    const withPoster = locs.filter((l) => l.poster);
    const byChain = withPoster.length ? chooseLocalization(chain, new Map(withPoster.map((l) => [l.locale, l.poster!])), { keyer: this.keyer, lastResort: false })?.value : undefined;
    return byChain ?? row.poster ?? served?.poster ?? null;
  }

  /** A stored poster → its URL: per-locale posters (posters/…) and rendition files signed like the rest of the media. */
  private posterUrl(row: ProgrammeRow, stored: string | null, opts: ViewOptions): string | null {
    if (!stored) return null;
    if (/^https?:\/\//.test(stored)) return stored;
    if (stored.startsWith(`${POSTERS_DIR}/`)) return opts.mediaUrl(row.id, `${row.id}/${POSTERS_DIR}`, stored.slice(POSTERS_DIR.length + 1));
    return row.renditionPath ? opts.mediaUrl(row.id, row.renditionPath, stored) : null;
  }

  async transcodeFailed(programmeId: string): Promise<void> {
    await this.deps.models.Programme.update({ status: 'failed' }, { where: { id: programmeId, renditionId: null } });
  }

  /** A row loaded with its `localizations` → the viewer-facing item, in the best locale of the chain. */
  view(row: ProgrammeRow, opts: ViewOptions): ProgrammeView {
    const locs = opts.localizations ?? (row as ProgrammeRow & { localizations?: LocalizationRow[] }).localizations ?? [];
    const text = programmeText(locs, opts.chain, this.keyer);
    const loc = text.localization ?? undefined;
    const ready = row.status === 'ready' || Boolean(row.renditionPath);
    const key = row.renditionPath;
    const poster = this.posterUrl(row, this.posterFor(locs, opts.chain, loc, row), opts);
    return {
      id: row.id,
      title: text.title,
      shortTitle: text.shortTitle,
      synopsis: text.synopsis,
      locale: text.locale,
      fallback: text.fallback,
      status: row.status,
      durationSec: row.durationSec === null ? null : Number(row.durationSec),
      poster,
      hls: ready && key ? opts.mediaUrl(row.id, key, 'master.m3u8') : null,
      sport: row.sport ?? null,
      sportCode: sportCode(row.sport),
      discipline: row.discipline ?? null,
      disciplineCode: sportCode(row.discipline),
      event: row.event ?? null,
      localizedEvent: text.event,
      gamesEdition: row.gamesEdition ?? null,
      recordedAt: row.recordedAt ? new Date(row.recordedAt).toISOString() : null,
      tags: parseTags(row.tags),
      ...viewerTracks(row.mediaTracks, ready && key ? (file) => opts.mediaUrl(row.id, key, file) : null),
    };
  }
}

function parseTags(json: string | null | undefined): string[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
