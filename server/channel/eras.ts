// Schedule eras (issue 12): an edit never changes what a channel has already aired. Every change
// that can alter what a channel airs — a schedule write, the availability windows or publication
// of a programme the schedule names — records in its own transaction an era: a snapshot of the
// timeline's inputs, deciding from its effective slot until the next era's. The live state
// (live-state.ts) compiles one timeline per era and joins them (era-timeline.ts), so a slot airs
// what the era in effect at it says, whatever was written since: a player holding the DVR window
// keeps its segments, discontinuity numbers and dates, and the guide keeps its past.
//
// The effective slot is the first slot boundary at or after the write's instant plus `leadMs`, on
// the writing server's clock alone; replicas read the slot from the row, so they agree. `leadMs`
// is how long another server may keep answering from what it read before the write
// (PODIUM_CATALOG_CACHE_SEC): a slot is listed in a playlist only once it has fully aired, so with
// the lead every server has read the new era before listing a slot it decides (within a commit
// that takes under one slot). With no cache (0) it is exactly "the next boundary".
//
// Why the snapshot holds the rights windows and publication, not only the schedule: the timeline
// reads rights at each slot's time (a window that opens or closes mid-programme switches at the
// next boundary: that stays, the era holds the window with its future end), and a segment's signed
// URL expires no later than the window's end. Read fresh, a window edited after the fact (an
// exclusion back-dated to yesterday, an end moved) would re-derive past slots and re-sign past
// URLs — what hls.js rejects. So an era keeps every window of every programme it names as they were
// when it was recorded; a later change takes effect at its own era's slot, for the future only. The
// same for publication: an unpublished programme's past airings stay in the DVR window (their URLs
// were handed out already); from the switch the slate airs instead.
//
// The same for renditions: a re-upload of a programme's source, or an audio language or subtitles
// added or removed (catalog/tracks.ts), publishes a new rendition folder: other segment URLs,
// perhaps other durations. The era names each programme's rendition, so the slots it decides air
// from that folder however often the programme is re-packaged since; the switch records an era
// (cause "rendition") and airs from its slot on. An old folder stays while an era names it:
// renditionKeys() feeds the object store's orphan sweep (server/podium.ts); the disk store keeps
// replaced folders anyway. An era recorded before renditions were pinned names none: its slots air
// the programme's current rendition, as they did then.
//
// Exceptions, on purpose: a channel's first schedule decides from the beginning (before it the
// channel aired nothing but its slate, and a new channel — the demo's loop from 2026-01-01 — opens
// with a DVR window to seek back in). A channel's regions decide who receives it, not what a
// region airs, so they need no era; loop mode is in the snapshot for an edit of it to come.
import type { Transaction } from 'sequelize';
import { Op } from 'sequelize';
import type { AvailabilityEdits, ProgrammeEdit } from '../catalog/availability.js';
import type { ChannelEraRow, Models } from '../db/models.js';

/** A rights window as an era keeps it (ms since the epoch). */
export interface EraWindow {
  regions: string[];
  exclude: string[];
  start: number;
  end: number | null;
}

/** A programme's published rendition as an era names it (programmes.rendition_id and rendition_path). */
export interface EraRendition {
  id: string;
  /** The MediaStore key of its folder ("<programmeId>/<renditionId>"). */
  key: string;
}

/** What decides a channel's airing, as of one write. */
export interface EraSnapshot {
  scheduleVersion: number;
  loop: boolean;
  entries: { id: string; programmeId: string; start: number; end: number; alternatives: Record<string, string | null> }[];
  /**
   * Every programme the entries name (programmes and alternatives), by id in id order: published
   * then, its windows then, and the rendition it had then (null: none yet; absent in an era
   * recorded before renditions were pinned: the current one airs).
   */
  programmes: Record<string, { published: boolean; windows: EraWindow[]; rendition?: EraRendition | null }>;
}

/** An era as the live state lists it (the snapshot is read once per era: it never changes). */
export interface EraRecord {
  id: number;
  fromSlot: number;
  /** The discontinuity sequence of its first slot per region ("*": any other), once the eras before it were pruned. */
  ccBase: Record<string, number> | null;
}

export type EraCause = 'schedule' | ProgrammeEdit;

export interface ChannelErasDeps {
  models: Models;
  /** The writing server's clock. */
  now: () => Date;
  /** The slot grid (live-state.ts SEGMENT_MS). */
  segmentMs: number;
  /** PODIUM_CATALOG_CACHE_SEC in ms: how long another server may answer from what it read before a write. */
  leadMs: number;
}

interface Mark {
  channelId: string;
  last: ChannelEraRow | null;
  /** The snapshot before the change, for a channel without eras. */
  before: EraSnapshot | null;
}

/** The regions an era's timeline can tell apart (the others all air alike, as "*"). */
export function regionsNamed(s: EraSnapshot): string[] {
  const named = new Set<string>();
  for (const e of s.entries) for (const r of Object.keys(e.alternatives)) named.add(r);
  for (const p of Object.values(s.programmes)) for (const w of p.windows) for (const r of [...w.regions, ...w.exclude]) if (r !== 'WW') named.add(r);
  return [...named].sort();
}

export class ChannelEras implements AvailabilityEdits {
  constructor(private readonly deps: ChannelErasDeps) {}

  /** The channel's timeline inputs as the database holds them now (in `transaction`), or null when there is no such channel. */
  async snapshot(channelId: string, transaction?: Transaction): Promise<EraSnapshot | null> {
    const { models } = this.deps;
    const row = await models.Channel.findByPk(channelId, { transaction });
    if (!row) return null;
    const rows = await models.ScheduleEntry.findAll({ where: { channelId }, order: [['startAt', 'ASC']], raw: true, transaction });
    const entries = rows.map((e) => ({ id: e.id, programmeId: e.programmeId, start: new Date(e.startAt).getTime(), end: new Date(e.endAt).getTime(), alternatives: JSON.parse(e.alternatives) as Record<string, string | null> }));
    const ids = new Set<string>();
    for (const e of entries) for (const id of [e.programmeId, ...Object.values(e.alternatives)]) if (id) ids.add(id);
    const [programmes, windows] = ids.size
      ? await Promise.all([
          models.Programme.findAll({ where: { id: [...ids] }, attributes: ['id', 'publishedAt', 'renditionId', 'renditionPath'], raw: true, transaction }),
          models.AvailabilityWindow.findAll({ where: { programmeId: [...ids] }, order: [['startAt', 'ASC'], ['id', 'ASC']], raw: true, transaction }),
        ])
      : [[], []];
    const byId = new Map(programmes.map((p) => [p.id, p]));
    const out: EraSnapshot['programmes'] = {};
    for (const id of [...ids].sort()) {
      const p = byId.get(id);
      out[id] = {
        published: p !== undefined && p.publishedAt !== null,
        rendition: p?.renditionId && p.renditionPath ? { id: p.renditionId, key: p.renditionPath } : null,
        windows: windows
          .filter((w) => w.programmeId === id)
          .map((w) => ({ regions: JSON.parse(w.regions) as string[], exclude: JSON.parse(w.exclude) as string[], start: new Date(w.startAt).getTime(), end: w.endAt === null ? null : new Date(w.endAt).getTime() })),
      };
    }
    return { scheduleVersion: row.scheduleVersion, loop: row.loop, entries, programmes: out };
  }

  /**
   * Runs `change` in `transaction` and records, for each channel, the era it leads to (none when
   * what decides the channel's airing did not change). Era recording is serialized per channel:
   * its row is locked first (SQLite's transactions are serialized already).
   */
  async recording<T>(channelIds: readonly string[], cause: EraCause, transaction: Transaction, change: () => Promise<T>): Promise<T> {
    const { models } = this.deps;
    const marks: Mark[] = [];
    for (const channelId of [...new Set(channelIds)].sort()) {
      await models.Channel.findByPk(channelId, { transaction, lock: transaction.LOCK.UPDATE, attributes: ['id'] });
      const last = await models.ChannelEra.findOne({ where: { channelId }, order: [['id', 'DESC']], transaction });
      marks.push({ channelId, last, before: last ? null : await this.snapshot(channelId, transaction) });
    }
    const result = await change();
    for (const mark of marks) await this.record(mark, cause, transaction);
    return result;
  }

  /** AvailabilityEdits: a change of `programmeId`'s windows, publication or rendition, recorded on every channel whose schedule names it. */
  async around<T>(programmeId: string, cause: ProgrammeEdit, transaction: Transaction, change: () => Promise<T>): Promise<T> {
    return this.recording(await this.channelsNaming(programmeId, transaction), cause, transaction, change);
  }

  /** Every rendition folder an era names (of every channel): the orphan sweep keeps them while the eras are not pruned. */
  async renditionKeys(): Promise<Set<string>> {
    const rows = await this.deps.models.ChannelEra.findAll({ attributes: ['snapshot'], raw: true });
    const out = new Set<string>();
    for (const r of rows) for (const p of Object.values((JSON.parse(r.snapshot) as EraSnapshot).programmes)) if (p.rendition) out.add(p.rendition.key);
    return out;
  }

  /** The channel's eras in order (without their snapshots). */
  async list(channelId: string): Promise<EraRecord[]> {
    const rows = await this.deps.models.ChannelEra.findAll({ where: { channelId }, attributes: ['id', 'effectiveAt', 'ccBase'], order: [['effectiveAt', 'ASC'], ['id', 'ASC']], raw: true });
    return rows.map((r) => ({ id: r.id, fromSlot: Math.round(new Date(r.effectiveAt).getTime() / this.deps.segmentMs), ccBase: r.ccBase === null ? null : (JSON.parse(r.ccBase) as Record<string, number>) }));
  }

  /** The snapshots of these eras, by id (gone ones left out). */
  async snapshots(ids: readonly number[]): Promise<Map<number, EraSnapshot>> {
    if (ids.length === 0) return new Map();
    const rows = await this.deps.models.ChannelEra.findAll({ where: { id: [...ids] }, attributes: ['id', 'snapshot'], raw: true });
    return new Map(rows.map((r) => [r.id, JSON.parse(r.snapshot) as EraSnapshot]));
  }

  /**
   * Forgets the eras `older` (all before `keep`), once `keep` carries the discontinuity numbers they
   * led to. Idempotent: replicas pruning at once write the same base (a function of the same rows).
   */
  async prune(channelId: string, keep: { id: number; ccBase: Record<string, number> }, older: readonly number[]): Promise<void> {
    const { models } = this.deps;
    await models.ChannelEra.sequelize!.transaction(async (transaction) => {
      await models.ChannelEra.update({ ccBase: JSON.stringify(keep.ccBase) }, { where: { id: keep.id, channelId }, transaction });
      await models.ChannelEra.destroy({ where: { channelId, id: { [Op.in]: [...older] } }, transaction });
    });
  }

  /** The first slot a write at `at` may decide. */
  effectiveSlot(at: Date): number {
    return Math.ceil((at.getTime() + this.deps.leadMs) / this.deps.segmentMs);
  }

  private async record({ channelId, last, before }: Mark, cause: EraCause, transaction: Transaction): Promise<void> {
    const after = await this.snapshot(channelId, transaction);
    if (!after) return;
    const text = JSON.stringify(after);
    const recordedAt = this.deps.now();
    const insert = (snapshot: string, slot: number, why: string) =>
      this.deps.models.ChannelEra.create({ channelId, effectiveAt: new Date(slot * this.deps.segmentMs), recordedAt, cause: why, snapshot }, { transaction });
    const slot = this.effectiveSlot(recordedAt);
    if (!last) {
      if (!before || before.entries.length === 0) {
        // The channel's first schedule: it aired only the slate until now (see the file's comment).
        if (after.entries.length > 0) await insert(text, 0, cause);
      } else if (JSON.stringify(before) !== text) {
        // A channel scheduled before eras existed: what it aired so far is the schedule it had.
        await insert(JSON.stringify(before), 0, 'initial');
        await insert(text, slot, cause);
      }
      return;
    }
    if (last.snapshot === text) return;
    const lastSlot = Math.round(new Date(last.effectiveAt).getTime() / this.deps.segmentMs);
    // Never before the last era's slot (another server's clock may be behind): eras decide in the order they were written.
    const from = Math.max(slot, lastSlot);
    // Two writes before the same boundary: the earlier never took effect, the later replaces it.
    if (from === lastSlot && lastSlot > 0) await last.destroy({ transaction });
    await insert(text, from, cause);
  }

  /** The channels whose schedule names the programme (as an entry's or an alternative). */
  private async channelsNaming(programmeId: string, transaction: Transaction): Promise<string[]> {
    // Programme ids are UUIDs: nothing in one is a LIKE wildcard; anything else names no entry.
    if (!/^[0-9a-f-]{36}$/i.test(programmeId)) return [];
    const rows = await this.deps.models.ScheduleEntry.findAll({
      where: { [Op.or]: [{ programmeId }, { alternatives: { [Op.like]: `%"${programmeId}"%` } }] },
      attributes: ['channelId'],
      raw: true,
      transaction,
    });
    return [...new Set(rows.map((r) => r.channelId))];
  }
}
