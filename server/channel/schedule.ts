// A channel's schedule (issue 12): read it, and replace it from a start onward. A write carries
// the version it was made from (If-Match); it is checked and applied in ONE transaction, so a
// refused write (stale version, unknown or not-ready programme, overlap, bad region) changes
// nothing. Times are computed once here (schedule-plan.ts) and stored with ms precision. The
// schedule is what the channel will air: an accepted write records an era (eras.ts) that decides
// from the next slot boundary on, so entries written over the past change the stored schedule (and
// the studio's plan) but never what has aired.
import { randomUUID } from 'node:crypto';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { Models, ScheduleEntryRow } from '../db/models.js';
import { normalizeRegionCode } from '../regions/index.js';
import type { ChannelEras } from './eras.js';
import { ChannelError } from './errors.js';
import { assertAfterKept, assertBeforeNext, assertInRange, clampToRange, planEntries, type EntryInput, type ReplaceRange } from './schedule-plan.js';

export interface ScheduleEntry {
  id: string;
  programmeId: string;
  start: Date;
  end: Date;
  alternatives: Record<string, string | null>;
}

export interface Schedule {
  version: number;
  entries: ScheduleEntry[];
}

export interface ScheduleServiceDeps {
  sequelize: Sequelize;
  models: Models;
  /** Each accepted write records the channel's next era (eras.ts): it decides from the next slot on, never the past. */
  eras: ChannelEras;
}

const invalid = (field: string, message: string) => new ChannelError('invalid', `${field}: ${message}`, field);

function entryOf(row: ScheduleEntryRow): ScheduleEntry {
  return { id: row.id, programmeId: row.programmeId, start: new Date(row.startAt), end: new Date(row.endAt), alternatives: JSON.parse(row.alternatives) as Record<string, string | null> };
}

/** An entry's alternatives keyed by upper-case ISO 3166-1 alpha-2 codes (WW is no region: the entry itself is for every region). */
function regionAlternatives(alternatives: Record<string, string | null>, i: number): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, alt] of Object.entries(alternatives)) {
    const field = `entries.${i}.alternatives.${key}`;
    const region = normalizeRegionCode(key, { allowWorldwide: false });
    if (!region) throw invalid(field, `not an ISO 3166-1 alpha-2 region code (e.g. CN): ${JSON.stringify(key)}`);
    if (region in out) throw invalid(field, `${region} is given twice`);
    out[region] = alt;
  }
  return out;
}

export class ScheduleService {
  constructor(private readonly deps: ScheduleServiceDeps) {}

  /** The entries that overlap [from, to) (all when unbounded), in order. Throws ChannelError('not_found'). */
  async getSchedule(channelId: string, from?: Date, to?: Date, transaction?: Transaction): Promise<Schedule> {
    const { models } = this.deps;
    const channel = await models.Channel.findByPk(channelId, { transaction });
    if (!channel) throw new ChannelError('not_found', `no channel ${channelId}`);
    const where: Record<string | symbol, unknown> = { channelId };
    if (from) where.endAt = { [Op.gt]: clampToRange(from) };
    if (to) where.startAt = { [Op.lt]: clampToRange(to) };
    const rows = await models.ScheduleEntry.findAll({ where, order: [['startAt', 'ASC']], transaction });
    return { version: channel.scheduleVersion, entries: rows.map(entryOf) };
  }

  /**
   * Replaces the entries starting in [from, to) (default: from the first entry's start to the end
   * of time; no `from` and an empty list clears the whole schedule), if the stored version is still
   * `ifMatchVersion`. Entries starting earlier or later stay, and the new ones must fit between
   * them. A range lets the studio rewrite one day, even empty it, without resending what follows.
   * Returns the whole stored schedule with its new version.
   */
  async replaceSchedule(channelId: string, input: readonly EntryInput[], ifMatchVersion: number, range: ReplaceRange = {}): Promise<Schedule> {
    const { sequelize, models } = this.deps;
    const entries = input.map((e, i) => ({ ...e, alternatives: regionAlternatives(e.alternatives ?? {}, i) }));
    const durations = await this.readyDurations(entries);
    const planned = planEntries(entries, (id) => durations.get(id)!);
    assertInRange(planned, range);
    return sequelize.transaction(async (transaction) => {
      const channel = await models.Channel.findByPk(channelId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!channel) throw new ChannelError('not_found', `no channel ${channelId}`);
      const version = channel.scheduleVersion;
      if (version !== ifMatchVersion) {
        throw new ChannelError('version_mismatch', `the schedule changed since you read it (it is now version "v${version}"): nothing was written; read it again and reapply your change`, undefined, version);
      }
      const firstStart = range.from ? clampToRange(range.from) : planned[0]?.start;
      const to = range.to ? clampToRange(range.to) : undefined;
      const kept = firstStart ? await models.ScheduleEntry.findOne({ where: { channelId, startAt: { [Op.lt]: firstStart } }, order: [['startAt', 'DESC']], transaction }) : null;
      assertAfterKept(planned, kept ? { end: new Date(kept.endAt) } : null);
      const next = to ? await models.ScheduleEntry.findOne({ where: { channelId, startAt: { [Op.gte]: to } }, order: [['startAt', 'ASC']], transaction }) : null;
      assertBeforeNext(planned, next ? { start: new Date(next.startAt) } : null);
      const keptCount = firstStart ? await models.ScheduleEntry.count({ where: { channelId, startAt: { [Op.lt]: firstStart } }, transaction }) : 0;
      const replaced = firstStart ? { [Op.gte]: firstStart, ...(to ? { [Op.lt]: to } : {}) } : undefined;
      // Whatever the entries' times, what has aired stays: the write is a new era from the next slot on.
      await this.deps.eras.recording([channelId], 'schedule', transaction, async () => {
        const removed = await models.ScheduleEntry.destroy({ where: replaced ? { channelId, startAt: replaced } : { channelId }, transaction });
        // Entries after the range keep their order behind the new ones.
        if (to && planned.length !== removed) await models.ScheduleEntry.increment('position', { by: planned.length - removed, where: { channelId, startAt: { [Op.gte]: to } }, transaction });
        await models.ScheduleEntry.bulkCreate(
          planned.map((e, i) => ({ id: randomUUID(), channelId, position: keptCount + i, programmeId: e.programmeId, startAt: e.start, endAt: e.end, alternatives: JSON.stringify(e.alternatives) })),
          { transaction },
        );
        // The conditional update makes a concurrent writer that read the same version fail too (SQLite takes no row lock).
        const [changed] = await models.Channel.update({ scheduleVersion: version + 1 }, { where: { id: channelId, scheduleVersion: version }, transaction });
        if (changed !== 1) throw new ChannelError('version_mismatch', 'the schedule changed while this write was applied: nothing was written; read it again', undefined, version + 1);
      });
      return this.getSchedule(channelId, undefined, undefined, transaction);
    });
  }

  /**
   * Each programme and alternative named, with its published rendition's duration in ms; throws
   * ChannelError('invalid') naming the entry and field of the first unknown or not-ready one.
   */
  private async readyDurations(entries: readonly EntryInput[]): Promise<Map<string, number>> {
    const ids = new Set<string>();
    for (const e of entries) {
      ids.add(e.programmeId);
      for (const alt of Object.values(e.alternatives ?? {})) if (alt) ids.add(alt);
    }
    const rows = ids.size ? await this.deps.models.Programme.findAll({ where: { id: [...ids] }, attributes: ['id', 'renditionId', 'durationSec'] }) : [];
    const found = new Map(rows.map((r) => [r.id, r]));
    const durations = new Map<string, number>();
    const check = (id: string, field: string) => {
      const row = found.get(id);
      if (!row) throw invalid(field, `no programme ${id}`);
      if (!row.renditionId || !row.durationSec || row.durationSec <= 0) throw invalid(field, `programme ${id} is not ready (it has no published rendition yet)`);
      durations.set(id, Math.round(row.durationSec * 1000));
    };
    entries.forEach((e, i) => {
      check(e.programmeId, `entries.${i}.programmeId`);
      for (const [region, alt] of Object.entries(e.alternatives ?? {})) if (alt) check(alt, `entries.${i}.alternatives.${region}`);
    });
    return durations;
  }
}
