// Writes of one programme's localizations (title, short title, synopsis, event per BCP 47 locale). The
// search index row of a localization is written in the same transaction as the localization,
// so search never finds text the catalog no longer has, nor misses text it has.
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Logger } from 'pino';
import type { Models } from '../db/models.js';
import { canonicalTag } from '../i18n/locale.js';
import type { MediaStore } from '../media/store.js';
import type { SearchIndex } from '../search/index.js';
import { CatalogError } from './errors.js';
import { localizationColumns, type LocalizedText } from './programmes.js';

export type LocalizationInput = LocalizedText;

export interface LocalizationDeps {
  sequelize: Sequelize;
  models: Models;
  search: SearchIndex;
  /** Where per-locale posters live: a removed localization's poster file goes with it. */
  media?: Pick<MediaStore, 'removePoster'>;
}

export class LocalizationStore {
  constructor(private readonly deps: LocalizationDeps) {}

  /**
   * Creates or replaces one localization; `created` tells which. An input without `event` keeps
   * the stored one (clients that know only title, short title and synopsis — the translate
   * editor — must not erase it); the event stored is returned.
   */
  async put(programmeId: string, tag: string, input: LocalizationInput): Promise<{ locale: string; created: boolean; event: string }> {
    const locale = canonicalTag(tag);
    if (!locale) throw new CatalogError('invalid_locale', `not a BCP 47 locale: ${JSON.stringify(tag)}`, 'locale');
    const { sequelize, models, search } = this.deps;
    const fields = localizationColumns(locale, input);
    return sequelize.transaction(async (transaction) => {
      if ((await models.Programme.count({ where: { id: programmeId }, transaction })) === 0) throw new CatalogError('not_found', `no programme ${programmeId}`);
      const existing = await models.Localization.findOne({ where: { programmeId, locale }, transaction });
      if (existing && input.event === undefined) fields.event = existing.event;
      if (existing) await existing.update(fields, { transaction });
      else await models.Localization.create({ programmeId, locale, ...fields }, { transaction });
      await search.upsert(programmeId, locale, fields, { transaction });
      return { locale, created: !existing, event: fields.event };
    });
  }

  /**
   * Adds the localizations a programme does not have yet (by canonical tag) and leaves the ones it
   * has as they are (an editor may have changed them). Returns the tags added.
   */
  async addMissing(programmeId: string, texts: Record<string, LocalizationInput>): Promise<string[]> {
    const wanted = Object.entries(texts).map(([tag, input]) => {
      const locale = canonicalTag(tag);
      if (!locale) throw new CatalogError('invalid_locale', `not a BCP 47 locale: ${JSON.stringify(tag)}`, 'locale');
      return { locale, fields: localizationColumns(locale, input, `${tag}.`) };
    });
    const { sequelize, models, search } = this.deps;
    return sequelize.transaction(async (transaction) => {
      if ((await models.Programme.count({ where: { id: programmeId }, transaction })) === 0) throw new CatalogError('not_found', `no programme ${programmeId}`);
      const have = new Set((await models.Localization.findAll({ where: { programmeId }, attributes: ['locale'], transaction })).map((l) => l.locale));
      const missing = wanted.filter((w) => !have.has(w.locale));
      if (missing.length === 0) return [];
      await models.Localization.bulkCreate(
        missing.map((m) => ({ programmeId, locale: m.locale, ...m.fields })),
        { transaction },
      );
      await search.upsertMany(
        missing.map((m) => ({ programmeId, locale: m.locale, fields: m.fields })),
        { transaction },
      );
      return missing.map((m) => m.locale);
    });
  }

  /** Removes one localization; the last one of a programme cannot be removed (it would have no title). */
  async remove(programmeId: string, tag: string): Promise<void> {
    const locale = canonicalTag(tag);
    if (!locale) throw new CatalogError('not_found', `no localization ${JSON.stringify(tag)}`);
    const { sequelize, models, search } = this.deps;
    const poster = await sequelize.transaction(async (transaction) => {
      const all = await models.Localization.findAll({ where: { programmeId }, attributes: ['id', 'locale', 'poster'], transaction });
      const mine = all.find((l) => l.locale === locale);
      if (!mine) throw new CatalogError('not_found', `programme ${programmeId} has no ${locale} localization`);
      if (all.length === 1) throw new CatalogError('last_localization', `${locale} is the programme's only localization`);
      await mine.destroy({ transaction });
      await search.remove(programmeId, locale, { transaction });
      return mine.poster;
    });
    if (poster) await this.deps.media?.removePoster(programmeId, poster);
  }
}

/** Fills an empty search index from the localizations (first start after the search migration). */
export async function backfillSearchIndex(deps: LocalizationDeps, logger?: Logger): Promise<number> {
  const { sequelize, models, search } = deps;
  const [{ n }] = await sequelize.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM search_documents', { type: QueryTypes.SELECT });
  if (Number(n) > 0) return 0;
  const rows = await models.Localization.findAll({ attributes: ['programmeId', 'locale', 'title', 'shortTitle', 'synopsis'] });
  if (rows.length === 0) return 0;
  await sequelize.transaction((transaction) =>
    search.upsertMany(
      rows.map((r) => ({ programmeId: r.programmeId, locale: r.locale, fields: { title: r.title, shortTitle: r.shortTitle, synopsis: r.synopsis } })),
      { transaction },
    ),
  );
  logger?.info({ localizations: rows.length }, 'search index backfilled');
  return rows.length;
}
