// The studio's plan of a channel's schedule over a time range (issue 12): for each entry, whether
// its programme is ready, and what airs in each region the channel serves (the programme, the
// entry's alternative, or the slate), plus the slate between entries; in loop mode, the entries'
// repeats in the range too, each with its real times and what each region gets then
// (schedule-plan-runs.ts), so the day view shows the day as it airs. The regions shown are the
// channel's own, or, for a channel offered everywhere (WW), every region the involved rights
// windows and alternatives name, and "*" for all the others.
//
// What airs is compiled by the live channel's own rule (timeline.ts) but from rights and
// readiness read fresh from the database, not from the live state (live-state.ts): the live state
// is re-read at most every PODIUM_CATALOG_CACHE_SEC, so an editor would see the plan before their
// own save, and it needs the slate packaged. The one thing only the live state knows is whether a
// ready programme's rendition can be read and fits the 2 s grid; when it has read the programme
// and could not air it, the plan says so (`unreadable`) and shows the slate, as the channel does.
import { Op } from 'sequelize';
import type { Models } from '../db/models.js';
import { rowToWindow } from '../catalog/availability.js';
import { WORLDWIDE } from '../regions/index.js';
import { isAvailable, type AvailabilityWindow } from '../rights/index.js';
import { channelOf, type Channel } from './channels.js';
import { ChannelError } from './errors.js';
import { SEGMENT_MS, type LiveState } from './live-state.js';
import type { TimelineEntry } from './live-types.js';
import { clampToRange } from './schedule-plan.js';
import { airsDuring, entryRuns, type EntryRun } from './schedule-plan-runs.js';
import { compileTimeline } from './timeline.js';

/** The plan's key for "every region not listed" on a channel offered everywhere. */
export const OTHER_REGIONS = '*';
/** A plan covers at most this much (a week and a day: a day view, a week view, their time-zone edges). */
export const PLAN_MAX_MS = 8 * 86_400_000;
/**
 * A plan lists at most this many repeats: a day of a loop of one-minute clips fits (1,440), and an
 * answer stays under ~700 kB. A day of the demo channel's 46-second loop (7,500 runs) would be 3 MB
 * of rows no one reads; the plan counts the rest instead (repeatsLeftOut).
 */
export const PLAN_MAX_REPEATS = 1500;

/** Why a programme is not ready: never packaged, not published, or packaged but unreadable on the channel's grid. */
export type PlanProblem = 'no_rendition' | 'unpublished' | 'unreadable';

/** A run of one programme (null: the slate) in one region. */
export interface PlanAiring {
  programmeId: string | null;
  /** Something other than the entry's own programme airs (its alternative, or the slate). */
  replaced: boolean;
  start: string;
  end: string;
}

/** What airs during one run of an entry (its own or a repeat). */
export interface PlanRun {
  /** The entry's place in the stored schedule, from 1: "entry N". */
  number: number;
  programmeId: string;
  status: 'ready' | 'not_ready';
  problems: PlanProblem[];
  /** What each of the plan's regions airs during the run, in the plan's region order. */
  regions: { region: string; airs: PlanAiring[] }[];
  /** The regions where something else airs for some of the run. */
  conflicts: string[];
}

export interface PlanEntry extends PlanRun {
  id: string;
  /** As stored (the entry airs from the first segment boundary at or after its start). */
  start: string;
  end: string;
  alternatives: Record<string, string | null>;
}

/** A loop's repeat of a stored entry: read-only, edited through its entry. */
export interface PlanRepeat extends PlanRun {
  entryId: string;
  /** The stored entry's start (the day it is edited on). */
  entryStart: string;
  /** As it airs. */
  start: string;
  end: string;
}

export interface PlanProgramme {
  id: string;
  /** { <locale>: title } */
  titles: Record<string, string>;
  durationSec: number | null;
  status: 'ready' | 'not_ready';
  problems: PlanProblem[];
}

export interface SchedulePlan {
  channelId: string;
  timezone: string;
  loop: boolean;
  version: number;
  from: string;
  to: string;
  /** Region codes, then OTHER_REGIONS on a channel offered everywhere. */
  regions: string[];
  /** The stored entries overlapping [from, to), in order. */
  entries: PlanEntry[];
  /** In loop mode, the entries' repeats overlapping [from, to), in order (at most PLAN_MAX_REPEATS). */
  repeats: PlanRepeat[];
  /** How many more repeats overlap [from, to) after those listed. */
  repeatsLeftOut: number;
  /** The slate between entries (and repeats), within [from, to). */
  gaps: { start: string; end: string }[];
  /** Every programme the entries and repeats name (theirs and their alternatives). */
  programmes: Record<string, PlanProgramme>;
}

export interface PlanProgrammeFacts {
  id: string;
  titles: Record<string, string>;
  durationSec: number | null;
  hasRendition: boolean;
  published: boolean;
  /** The live channel read its rendition and cannot air it. */
  unreadable: boolean;
}

export interface PlanInput {
  channel: Channel;
  version: number;
  /** In order: the entries overlapping [from, to) and, in loop mode, all the others (the cycle repeats them). */
  entries: readonly TimelineEntry[];
  /** How many stored entries come before `entries[0]` (0 in loop mode, where `entries` are all of them). */
  numberOffset?: number;
  programmes: ReadonlyMap<string, PlanProgrammeFacts>;
  windows: ReadonlyMap<string, readonly AvailabilityWindow[]>;
  from: Date;
  to: Date;
}

const SLATE = 'slate';

function problemsOf(p: PlanProgrammeFacts | undefined): PlanProblem[] {
  if (!p || !p.hasRendition) return ['no_rendition'];
  if (!p.published) return ['unpublished'];
  return p.unreadable ? ['unreadable'] : [];
}

/** The regions a plan shows (see the file's comment). */
export function planRegions(channel: Channel, entries: readonly TimelineEntry[], windows: ReadonlyMap<string, readonly AvailabilityWindow[]>): string[] {
  if (!channel.regions.includes(WORLDWIDE)) return [...channel.regions];
  const named = new Set<string>();
  for (const e of entries) {
    for (const region of Object.keys(e.alternatives)) named.add(region);
    for (const id of [e.programmeId, ...Object.values(e.alternatives)]) {
      for (const w of (id && windows.get(id)) || []) for (const r of [...w.regions, ...w.exclude]) if (r !== WORLDWIDE) named.add(r);
    }
  }
  return [...[...named].sort(), OTHER_REGIONS];
}

/** Pure: the plan of `input`'s entries that overlap [from, to). */
export function buildPlan(input: PlanInput): SchedulePlan {
  const { channel, from, to } = input;
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const inRange = input.entries.filter((e) => e.end.getTime() > fromMs && e.start.getTime() < toMs);
  const ready = (id: string) => problemsOf(input.programmes.get(id)).length === 0;
  const segmentCounts = new Map<string, number>();
  for (const [id, p] of input.programmes) if (p.durationSec && p.durationSec > 0) segmentCounts.set(id, Math.max(1, Math.ceil(Math.round(p.durationSec * 1000) / SEGMENT_MS)));
  const changes = new Map<string, number[]>();
  for (const [id, ws] of input.windows) changes.set(id, ws.flatMap((w) => (w.end ? [w.start.getTime(), w.end.getTime()] : [w.start.getTime()])));
  const schedule = { version: input.version, loop: channel.loop, segmentMs: SEGMENT_MS, entries: input.entries, slate: { programmeId: SLATE, segments: 1 }, segmentCounts };
  const timeline = compileTimeline({
    ...schedule,
    rights: {
      available: (id, region, atMs) => ready(id) && isAvailable(input.windows.get(id) ?? [], region, new Date(atMs)),
      changes: (id) => changes.get(id) ?? [],
    },
  });
  const runs = entryRuns(schedule, fromMs, toMs, PLAN_MAX_REPEATS);
  // A stored entry's own run; one the grid leaves no slot (the next entry starts within its first segment) keeps its stored times.
  const ownRuns = inRange.map((e): EntryRun => runs.own.get(e.id) ?? { entry: e, startMs: e.start.getTime(), endMs: e.end.getTime() });
  const shown = [...new Map([...inRange, ...runs.repeats.map((r) => r.entry)].map((e) => [e.id, e])).values()];
  const regions = planRegions(channel, shown, input.windows);
  const iso = (ms: number) => new Date(ms).toISOString();
  const all = [...ownRuns, ...runs.repeats].sort((x, y) => x.startMs - y.startMs);
  const byRegion = regions.map((region) => airsDuring(timeline, region, all));
  const airs = new Map(all.map((run, i) => [run, regions.map((region, r) => ({ region, airs: byRegion[r]![i]!.map((a) => ({ programmeId: a.programmeId, replaced: a.replaced, start: iso(a.startMs), end: iso(a.endMs) })) }))]));
  const numbers = new Map(input.entries.map((e, i) => [e.id, (input.numberOffset ?? 0) + i + 1]));
  const describe = (run: EntryRun): PlanRun => {
    const problems = problemsOf(input.programmes.get(run.entry.programmeId));
    const perRegion = airs.get(run)!;
    return {
      number: numbers.get(run.entry.id)!,
      programmeId: run.entry.programmeId,
      status: problems.length ? 'not_ready' : 'ready',
      problems,
      regions: perRegion,
      conflicts: perRegion.filter((r) => r.airs.some((a) => a.replaced)).map((r) => r.region),
    };
  };
  const entries = ownRuns.map(
    (run): PlanEntry => ({ id: run.entry.id, start: run.entry.start.toISOString(), end: run.entry.end.toISOString(), alternatives: { ...run.entry.alternatives }, ...describe(run) }),
  );
  const repeats = runs.repeats.map((run): PlanRepeat => ({ entryId: run.entry.id, entryStart: run.entry.start.toISOString(), start: iso(run.startMs), end: iso(run.endMs), ...describe(run) }));
  // The slate between entries airs alike in every region.
  const gaps = timeline
    .airings(regions[0]!, fromMs, toMs)
    .filter((a) => a.slate && a.entryId === null)
    .map((a) => ({ start: iso(Math.max(a.startMs, fromMs)), end: iso(Math.min(a.endMs, toMs)) }))
    .filter((g) => g.start < g.end);
  const programmes: Record<string, PlanProgramme> = {};
  for (const e of shown) {
    for (const id of [e.programmeId, ...Object.values(e.alternatives)]) {
      if (!id || programmes[id]) continue;
      const p = input.programmes.get(id);
      const problems = problemsOf(p);
      programmes[id] = { id, titles: p?.titles ?? {}, durationSec: p?.durationSec ?? null, status: problems.length ? 'not_ready' : 'ready', problems };
    }
  }
  return {
    channelId: channel.id,
    timezone: channel.timezone,
    loop: channel.loop,
    version: input.version,
    from: from.toISOString(),
    to: to.toISOString(),
    regions,
    entries,
    repeats,
    repeatsLeftOut: runs.leftOut,
    gaps,
    programmes,
  };
}

export interface SchedulePlanViewDeps {
  models: Models;
  /** The live channel's state (server/channel/live-state.ts), asked only which programmes it could not air; absent in tests of the plan alone. */
  states?: { get(channelId: string): Promise<LiveState> };
}

export class SchedulePlanView {
  constructor(private readonly deps: SchedulePlanViewDeps) {}

  /** The plan of [from, to). Throws ChannelError('not_found'), or ('invalid') for a range that is empty or longer than PLAN_MAX_MS. */
  async plan(channelId: string, from: Date, to: Date): Promise<SchedulePlan> {
    if (to.getTime() <= from.getTime()) throw new ChannelError('invalid', 'to: must be after from', 'to');
    if (to.getTime() - from.getTime() > PLAN_MAX_MS) throw new ChannelError('invalid', `to: a plan covers at most ${PLAN_MAX_MS / 86_400_000} days`, 'to');
    const { models } = this.deps;
    const row = await models.Channel.findByPk(channelId);
    if (!row) throw new ChannelError('not_found', `no channel ${channelId}`);
    const channel = channelOf(row);
    // A loop repeats the whole schedule: every entry shapes the cycle. Otherwise the range's neighbours suffice.
    const where = channel.loop ? { channelId } : { channelId, endAt: { [Op.gt]: clampToRange(from) }, startAt: { [Op.lt]: clampToRange(to) } };
    const rows = await models.ScheduleEntry.findAll({ where, order: [['startAt', 'ASC']], raw: true });
    // Entries are numbered over the whole schedule ("entry N"): in loop mode all are here.
    const numberOffset = channel.loop || rows.length === 0 ? 0 : await models.ScheduleEntry.count({ where: { channelId, startAt: { [Op.lt]: new Date(rows[0]!.startAt) } } });
    const entries: TimelineEntry[] = rows.map((e) => ({ id: e.id, programmeId: e.programmeId, start: new Date(e.startAt), end: new Date(e.endAt), alternatives: JSON.parse(e.alternatives) as Record<string, string | null> }));
    const ids = new Set<string>();
    for (const e of entries) for (const id of [e.programmeId, ...Object.values(e.alternatives)]) if (id) ids.add(id);
    const [programmes, windowRows, titles, unreadable] = await Promise.all([
      models.Programme.findAll({ where: { id: [...ids] }, attributes: ['id', 'renditionId', 'durationSec', 'publishedAt'], raw: true }),
      models.AvailabilityWindow.findAll({ where: { programmeId: { [Op.in]: [...ids] } }, order: [['startAt', 'ASC'], ['id', 'ASC']], raw: true }),
      models.Localization.findAll({ where: { programmeId: { [Op.in]: [...ids] } }, attributes: ['programmeId', 'locale', 'title'], order: [['locale', 'ASC']], raw: true }),
      this.unreadable(channelId),
    ]);
    const windows = new Map<string, AvailabilityWindow[]>();
    for (const w of windowRows) windows.set(w.programmeId, [...(windows.get(w.programmeId) ?? []), rowToWindow(w)]);
    const facts = new Map<string, PlanProgrammeFacts>();
    for (const p of programmes) {
      const t: Record<string, string> = {};
      for (const l of titles) if (l.programmeId === p.id) t[l.locale] = l.title;
      facts.set(p.id, { id: p.id, titles: t, durationSec: p.durationSec, hasRendition: !!p.renditionId && !!p.durationSec && p.durationSec > 0, published: !!p.publishedAt, unreadable: unreadable.has(p.id) });
    }
    return buildPlan({ channel, version: row.scheduleVersion, entries, numberOffset, programmes: facts, windows, from, to });
  }

  /** The programmes the live state read and cannot air (empty while it cannot tell, e.g. the slate is still being packaged). */
  private async unreadable(channelId: string): Promise<Set<string>> {
    if (!this.deps.states) return new Set();
    let state: LiveState;
    try {
      state = await this.deps.states.get(channelId);
    } catch (err) {
      if (err instanceof ChannelError && err.code === 'not_ready') return new Set();
      throw err;
    }
    return new Set([...state.programmes.keys()].filter((id) => id !== state.slateId && !state.media.has(id)));
  }
}
