// Domain logic for programmes and their localizations. Every catalog write lives here; HTTP
// handlers, the demo seeder and the transcode job call these functions.
import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { Models, ProgrammeRow, ProgrammeStatus } from '../db/models.js';
import type { JobQueue } from '../jobs/queue.js';
import type { MediaStore } from '../media/store.js';
import { canonicalTag, chooseLocale } from '../i18n/locale.js';

export interface LocalizedText {
  title: string;
  synopsis?: string;
}

export interface NewProgramme {
  /** Stable id from an outside system (the demo catalog); unique. */
  externalId?: string;
  /** BCP 47 locale → text. */
  localizations: Record<string, LocalizedText>;
}

/** The viewer-facing shape of a programme (GET /api/programmes items). */
export interface ProgrammeView {
  id: string;
  title: string;
  synopsis: string;
  locale: string | null;
  status: ProgrammeStatus;
  durationSec: number | null;
  poster: string | null;
  hls: string | null;
}

export interface PublishedRendition {
  renditionId: string;
  renditionKey: string;
  durationSec: number;
  poster: string;
}

export interface TranscodePayload extends Record<string, unknown> {
  source: string;
}

export class CatalogError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_locale',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface CatalogDeps {
  sequelize: Sequelize;
  models: Models;
  media: MediaStore;
  queue: JobQueue;
}

export class Catalog {
  constructor(private readonly deps: CatalogDeps) {}

  async createProgramme(input: NewProgramme): Promise<{ id: string }> {
    const { sequelize, models } = this.deps;
    const localizations = Object.entries(input.localizations).map(([tag, text]) => {
      const locale = canonicalTag(tag);
      if (!locale) throw new CatalogError('invalid_locale', `not a BCP 47 locale: ${JSON.stringify(tag)}`, `localizations.${tag}`);
      return { locale, title: text.title, synopsis: text.synopsis ?? '' };
    });
    const id = randomUUID();
    await sequelize.transaction(async (transaction) => {
      await models.Programme.create({ id, externalId: input.externalId ?? null, status: 'draft' }, { transaction });
      await models.Localization.bulkCreate(
        localizations.map((l) => ({ ...l, programmeId: id })),
        { transaction },
      );
    });
    return { id };
  }

  /** Throws CatalogError('not_found') unless the programme exists. */
  async assertExists(id: string): Promise<void> {
    if ((await this.deps.models.Programme.count({ where: { id } })) === 0) throw new CatalogError('not_found', `no programme ${id}`);
  }

  async findByExternalId(externalId: string): Promise<{ id: string; status: ProgrammeStatus } | null> {
    const row = await this.deps.models.Programme.findOne({ where: { externalId } });
    return row ? { id: row.id, status: row.status } : null;
  }

  async list(preferences: readonly string[]): Promise<ProgrammeView[]> {
    const rows = await this.deps.models.Programme.findAll({
      include: [{ model: this.deps.models.Localization, as: 'localizations' }],
      order: [['createdAt', 'ASC'], ['id', 'ASC']],
    });
    return rows.map((row) => this.view(row, preferences));
  }

  async get(id: string, preferences: readonly string[]): Promise<ProgrammeView> {
    const row = await this.deps.models.Programme.findByPk(id, {
      include: [{ model: this.deps.models.Localization, as: 'localizations' }],
    });
    if (!row) throw new CatalogError('not_found', `no programme ${id}`);
    return this.view(row, preferences);
  }

  /**
   * Takes a completely received source (a temp file from the MediaStore), moves it into place
   * and enqueues its transcode. The programme stays playable on its current rendition meanwhile.
   */
  async submitSource(programmeId: string, tempPath: string, opts: { audioLanguage?: string } = {}): Promise<{ jobId: string }> {
    const { models, media, queue } = this.deps;
    const programme = await models.Programme.findByPk(programmeId);
    if (!programme) {
      await media.discard(tempPath);
      throw new CatalogError('not_found', `no programme ${programmeId}`);
    }
    const jobId = randomUUID();
    const source = await media.commitSource(tempPath, programmeId, jobId);
    const payload: TranscodePayload = { source, ...(opts.audioLanguage ? { audioLanguage: opts.audioLanguage } : {}) };
    await queue.enqueue({ id: jobId, programmeId, type: 'transcode', payload });
    if (programme.status !== 'ready') await models.Programme.update({ status: 'processing' }, { where: { id: programmeId } });
    return { jobId };
  }

  /** Switches the programme to a new rendition in one update. */
  async publishRendition(programmeId: string, r: PublishedRendition): Promise<void> {
    await this.deps.models.Programme.update(
      { status: 'ready', renditionId: r.renditionId, renditionPath: r.renditionKey, durationSec: r.durationSec, poster: r.poster },
      { where: { id: programmeId } },
    );
  }

  /** A failed transcode marks the programme failed unless it still has a published rendition. */
  async transcodeFailed(programmeId: string): Promise<void> {
    await this.deps.models.Programme.update({ status: 'failed' }, { where: { id: programmeId, renditionId: null } });
  }

  private view(row: ProgrammeRow, preferences: readonly string[]): ProgrammeView {
    const locs = (row as ProgrammeRow & { localizations?: { locale: string; title: string; synopsis: string }[] }).localizations ?? [];
    const locale = chooseLocale(preferences, locs.map((l) => l.locale));
    const loc = locs.find((l) => l.locale === locale);
    const ready = row.status === 'ready' || Boolean(row.renditionPath);
    const key = row.renditionPath;
    return {
      id: row.id,
      title: loc?.title ?? '',
      synopsis: loc?.synopsis ?? '',
      locale,
      status: row.status,
      durationSec: row.durationSec === null ? null : Number(row.durationSec),
      poster: key && row.poster ? this.deps.media.publicUrl(key, row.poster) : null,
      hls: ready && key ? this.deps.media.publicUrl(key, 'master.m3u8') : null,
    };
  }
}
