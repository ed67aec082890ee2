// An in-memory copy of the published catalog for the viewer's list (GET /api/programmes): each
// published programme with its localizations and availability windows, oldest first, and per
// region the programmes it may watch now. A list request then runs no query at all.
//
// Freshness:
// - writes through this process's models (programmes, localizations, windows) mark the copy
//   stale at once (model hooks, and again after the write's transaction commits);
// - another process's writes (several servers on one database) are seen after at most `ttlMs`;
// - rights are decided against the clock on every request: a region's list is recomputed when a
//   window of any programme opens or closes for it (the earliest `changesAt`), so a window edge
//   takes effect at that instant, as without the copy.
import { Op, type Transaction } from 'sequelize';
import type { LocalizationRow, Models, ProgrammeRow } from '../db/models.js';
import { decide, type AvailabilityWindow } from '../rights/index.js';
import { rowToWindow } from './availability.js';

export interface SnapshotEntry {
  /** The programme's columns (plain values, as the list presents them). */
  row: ProgrammeRow;
  localizations: LocalizationRow[];
  windows: AvailabilityWindow[];
  /** createdAt in ms, the first sort key (then id). */
  createdMs: number;
}

interface Snapshot {
  version: number;
  loadedAt: number;
  entries: Promise<SnapshotEntry[]>;
  /** Region → the entries it may watch, valid until `until` (ms since epoch; Infinity = until the next change). */
  regions: Map<string, { computedAt: number; until: number; entries: SnapshotEntry[] }>;
  /** id → entry, built on the first lookup. */
  byId?: Map<string, SnapshotEntry>;
  /** `entries` once loaded, for lookups that cannot wait (peekPublished). */
  loaded?: SnapshotEntry[];
}

export interface PublishedSnapshotDeps {
  models: Models;
  /** Longest life of a copy (ms): how late another process's writes may appear. */
  ttlMs: number;
  /** Monotonic clock for the copy's age (default performance.now). */
  monotonic?: () => number;
}

const HOOKS = ['afterCreate', 'afterBulkCreate', 'afterUpdate', 'afterBulkUpdate', 'afterDestroy', 'afterBulkDestroy', 'afterUpsert', 'afterSave'] as const;

export class PublishedSnapshot {
  private version = 0;
  private current: Snapshot | null = null;
  /** A reload of an aged copy, swapped in when loaded. */
  private refresh: Snapshot | null = null;
  private readonly monotonic: () => number;

  constructor(private readonly deps: PublishedSnapshotDeps) {
    this.monotonic = deps.monotonic ?? (() => performance.now());
    // Bulk hooks get (options), the others (instance(s), options).
    const changed = (a: unknown, b?: unknown) => {
      this.version++;
      const transaction = ((b ?? a) as { transaction?: Transaction | null } | undefined)?.transaction;
      // What another connection reads before the commit is the old state: mark it stale again after.
      transaction?.afterCommit(() => {
        this.version++;
      });
    };
    for (const model of [deps.models.Programme, deps.models.Localization, deps.models.AvailabilityWindow]) {
      for (const hook of HOOKS) (model.addHook as (name: string, fn: typeof changed) => void)(hook, changed);
    }
  }

  /** Published programmes the region may watch at `now`, oldest first (then by id). */
  async availableNow(region: string, now: Date): Promise<SnapshotEntry[]> {
    const snap = this.snapshot();
    const entries = await snap.entries;
    const t = now.getTime();
    const cached = snap.regions.get(region);
    if (cached && t >= cached.computedAt && t < cached.until) return cached.entries;
    let until = Infinity;
    const mine: SnapshotEntry[] = [];
    for (const e of entries) {
      const d = decide(e.windows, region, now);
      if (d.available) mine.push(e);
      if (d.changesAt && d.changesAt.getTime() < until) until = d.changesAt.getTime();
    }
    if (snap === this.current) snap.regions.set(region, { computedAt: t, until, entries: mine });
    return mine;
  }

  /** One published programme (null when there is none with that id), whatever the region. */
  async published(id: string): Promise<SnapshotEntry | null> {
    const snap = this.snapshot();
    return this.lookup(snap, await snap.entries, id);
  }

  /**
   * As published(), without waiting: undefined while the current copy is still loading (after a
   * write through this server, say). For the delivery fast path, which answers only what it can
   * answer at once and leaves the rest to the routes.
   */
  peekPublished(id: string): SnapshotEntry | null | undefined {
    const snap = this.snapshot();
    return snap.loaded ? this.lookup(snap, snap.loaded, id) : undefined;
  }

  private lookup(snap: Snapshot, entries: SnapshotEntry[], id: string): SnapshotEntry | null {
    snap.byId ??= new Map(entries.map((e) => [e.row.id, e]));
    return snap.byId.get(id) ?? null;
  }

  private snapshot(): Snapshot {
    const cur = this.current;
    if (cur && cur.version === this.version) {
      if (this.monotonic() - cur.loadedAt < this.deps.ttlMs) return cur;
      // Only the age is past (no write here): keep answering from it while a fresh copy loads,
      // so requests never queue behind the reload; another server's writes show one load later.
      if (!this.refresh) {
        const next = this.fresh();
        this.refresh = next;
        next.entries.then(
          () => this.swap(next),
          () => {
            if (this.refresh === next) this.refresh = null; // keep the old copy; try again on a later request
          },
        );
      }
      return cur;
    }
    // A write through this server: the next answer must include it.
    const snap = this.fresh();
    this.current = snap;
    this.refresh = null;
    snap.entries.catch(() => {
      if (this.current === snap) this.current = null; // the next request tries again
    });
    return snap;
  }

  private fresh(): Snapshot {
    const snap: Snapshot = { version: this.version, loadedAt: this.monotonic(), entries: this.load(), regions: new Map() };
    snap.entries.then(
      (entries) => {
        snap.loaded = entries;
      },
      () => undefined, // handled where the copy is taken into use
    );
    return snap;
  }

  private swap(snap: Snapshot): void {
    if (snap === this.refresh) {
      this.refresh = null;
      // Unless a write came meanwhile (its own load is then current, or will be on the next request).
      if (this.current && snap.version === this.current.version) this.current = snap;
    }
  }

  /** Three queries, plain rows (no model instances: a large catalog loads in a fraction of the time). */
  private async load(): Promise<SnapshotEntry[]> {
    const { Programme, Localization, AvailabilityWindow } = this.deps.models;
    // Whole tables rather than `IN (<every published id>)`: drafts are few, and the SQL stays short.
    const [rows, locs, windows] = await Promise.all([
      Programme.findAll({ where: { publishedAt: { [Op.ne]: null } }, raw: true }) as unknown as Promise<ProgrammeRow[]>,
      Localization.findAll({ order: [['id', 'ASC']], raw: true }) as unknown as Promise<LocalizationRow[]>,
      AvailabilityWindow.findAll({ order: [['startAt', 'ASC'], ['id', 'ASC']], raw: true }),
    ]);
    const byId = new Map<string, SnapshotEntry>();
    for (const row of rows) byId.set(row.id, { row, localizations: [], windows: [], createdMs: new Date(row.createdAt).getTime() });
    for (const l of locs) byId.get(l.programmeId)?.localizations.push(l);
    for (const w of windows) byId.get(w.programmeId)?.windows.push(rowToWindow(w));
    return [...byId.values()].sort((a, b) => a.createdMs - b.createdMs || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
  }
}
