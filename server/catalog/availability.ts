// Availability windows and publication: where and when a programme may be watched, and whether
// viewers see it at all. Rights are evaluated per request against a clock (server/rights/), so
// a window that opens or closes takes effect without a restart.
import type { Sequelize, Transaction } from 'sequelize';
import type { AvailabilityWindowRow, Models } from '../db/models.js';
import { WORLDWIDE } from '../regions/index.js';
import type { AvailabilityWindow } from '../rights/index.js';
import { CatalogError } from './errors.js';
import { isSlate } from './programmes.js';

export function rowToWindow(row: Pick<AvailabilityWindowRow, 'regions' | 'exclude' | 'startAt' | 'endAt'>): AvailabilityWindow {
  return {
    regions: JSON.parse(row.regions) as string[],
    exclude: JSON.parse(row.exclude) as string[],
    start: new Date(row.startAt),
    end: row.endAt === null ? null : new Date(row.endAt),
  };
}

/**
 * SQL condition on `<alias>.programme_id` (or `<alias>.id` for programmes): published and with a
 * window open now for `region`. The same rule as rights/windows.ts isAvailable(); regions are
 * stored as JSON arrays of upper-case codes, so `LIKE '%"CN"%'` is an exact membership test.
 */
export function availableNowSql(column: string, region: string, now: Date, dialect = 'sqlite'): { where: string; replacements: Record<string, unknown> } {
  // search_documents.programme_id is text; programmes.id is a uuid on PostgreSQL.
  if (dialect === 'postgres') column = `CAST(${column} AS uuid)`;
  return {
    where:
      `EXISTS (SELECT 1 FROM programmes rp WHERE rp.id = ${column} AND rp.published_at IS NOT NULL) AND ` +
      `EXISTS (SELECT 1 FROM availability_windows rw WHERE rw.programme_id = ${column} AND rw.start_at <= :rnow ` +
      `AND (rw.end_at IS NULL OR rw.end_at > :rnow) AND (rw.regions LIKE :rww OR rw.regions LIKE :rregion) AND rw.exclude NOT LIKE :rregion)`,
    replacements: { rnow: now, rww: `%"${WORLDWIDE}"%`, rregion: `%"${region.toUpperCase()}"%` },
  };
}

/** A change of a programme that can alter what a channel airs: its windows, its publication, its rendition (a re-package, a track added or removed). */
export type ProgrammeEdit = 'availability' | 'publication' | 'rendition';

/**
 * Told of every change of a programme's windows, publication or rendition, around it and in its
 * transaction: the channels that air the programme record what decided their airing until then,
 * so the change takes effect on a channel from the next slot on and never re-derives what has
 * aired (server/channel/eras.ts implements it).
 */
export interface AvailabilityEdits {
  around<T>(programmeId: string, cause: ProgrammeEdit, transaction: Transaction, change: () => Promise<T>): Promise<T>;
}

export class AvailabilityStore {
  constructor(private readonly deps: { sequelize: Sequelize; models: Models; edits?: AvailabilityEdits }) {}

  /** `change` in `transaction`, told to the edits' observer when there is one. */
  private edit<T>(programmeId: string, cause: 'availability' | 'publication', transaction: Transaction, change: () => Promise<T>): Promise<T> {
    return this.deps.edits ? this.deps.edits.around(programmeId, cause, transaction, change) : change();
  }

  /** Windows of each programme (programmes without any map to []). */
  async windowsOf(programmeIds: readonly string[], transaction?: Transaction): Promise<Map<string, AvailabilityWindow[]>> {
    const out = new Map<string, AvailabilityWindow[]>(programmeIds.map((id) => [id, []]));
    if (programmeIds.length === 0) return out;
    const rows = await this.deps.models.AvailabilityWindow.findAll({
      where: { programmeId: [...programmeIds] },
      order: [['startAt', 'ASC'], ['id', 'ASC']],
      transaction,
    });
    for (const r of rows) out.get(r.programmeId)?.push(rowToWindow(r));
    return out;
  }

  async windows(programmeId: string): Promise<AvailabilityWindow[]> {
    return (await this.windowsOf([programmeId])).get(programmeId) ?? [];
  }

  /** Replaces every window of the programme in one transaction (the caller's, or a new one). */
  async replace(programmeId: string, windows: readonly AvailabilityWindow[], transaction?: Transaction): Promise<void> {
    const run = async (t: Transaction) => {
      const { models } = this.deps;
      if ((await models.Programme.count({ where: { id: programmeId }, transaction: t })) === 0) throw new CatalogError('not_found', `no programme ${programmeId}`);
      await this.edit(programmeId, 'availability', t, async () => {
        await models.AvailabilityWindow.destroy({ where: { programmeId }, transaction: t });
        if (windows.length === 0) return;
        await models.AvailabilityWindow.bulkCreate(
          windows.map((w) => ({
            programmeId,
            regions: JSON.stringify([...w.regions].map((r) => r.toUpperCase())),
            exclude: JSON.stringify([...w.exclude].map((r) => r.toUpperCase())),
            startAt: w.start,
            endAt: w.end,
          })),
          { transaction: t },
        );
      });
    };
    if (transaction) await run(transaction);
    else await this.deps.sequelize.transaction(run);
  }

  /** Publishes (now) or unpublishes; returns the new publishedAt. */
  async setPublished(programmeId: string, published: boolean, now: Date): Promise<Date | null> {
    const { sequelize, models } = this.deps;
    return sequelize.transaction(async (transaction) => {
      const row = await models.Programme.findByPk(programmeId, { transaction });
      if (!row) throw new CatalogError('not_found', `no programme ${programmeId}`);
      if (published && isSlate(row)) throw new CatalogError('not_publishable', 'the channel slate airs only where a channel has nothing else to show: it is never published');
      const publishedAt = published ? (row.publishedAt ?? now) : null;
      await this.edit(programmeId, 'publication', transaction, () => models.Programme.update({ publishedAt }, { where: { id: programmeId }, transaction }));
      return publishedAt;
    });
  }
}
