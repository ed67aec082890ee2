// A channel's compiled live state: its schedule eras (eras.ts: each a snapshot of the schedule and
// of the rights and publication of every programme it names), the published renditions of those
// programmes as each era names them, and the timeline compiled from them (one per era, joined by
// era-timeline.ts). Every
// playlist, now/next and guide answer is a pure function of this state and the clock, so replicas
// reading the same database answer the same bytes. The state is re-read at most every `refreshMs`
// (another server's edit shows within it: eras.ts makes an edit take effect after that) and
// recompiled only when what it was compiled from changed, so the timeline's caches survive the
// refresh. Rights and renditions are read from the eras, never fresh: a window edited or a
// programme re-packaged after the fact must not re-derive what has aired (eras.ts says why).
import { Op } from 'sequelize';
import type { LocalizationAttrs, Models } from '../db/models.js';
import { POSTERS_DIR } from '../media/store.js';
import { isAvailable, type AvailabilityWindow } from '../rights/index.js';
import { channelOf, type Channel } from './channels.js';
import { joinEras, OTHER_REGIONS, type TimelineEra } from './era-timeline.js';
import { regionsNamed, type ChannelEras, type EraRecord, type EraRendition, type EraSnapshot } from './eras.js';
import { ChannelError } from './errors.js';
import type { GuideProgramme } from './guide.js';
import type { CompiledTimeline, ProgrammeMedia, RenditionTrack, TimelineInput } from './live-types.js';
import type { ProgrammeMediaReader, PublishedRendition } from './programme-media.js';
import { compileTimeline } from './timeline.js';

/** The grid every ladder of the transcoder cuts (transcoder/ladder.ts SEGMENT_SEC). */
export const SEGMENT_MS = 2000;
/** A programme's segments may differ from the grid by this much (EXTINF rounding) and still air. */
const GRID_TOLERANCE_SEC = 0.01;
/**
 * Eras that stopped deciding this long before the DVR window's start are pruned: the JSON guide
 * looks 3 h back by default (channel-viewing.ts), an hour past the default 2 h window.
 */
const ERA_MARGIN_MS = 3600_000;

export interface LiveState {
  channel: Channel;
  version: number;
  timeline: CompiledTimeline;
  /** Every programme that can air, slate included, by id: its rendition as the last era naming it has it. */
  media: ReadonlyMap<string, ProgrammeMedia>;
  /** Every rendition some era airs (a programme re-packaged on air has two): what the master's variants must carry. */
  lineup: readonly ProgrammeMedia[];
  /** The programme's rendition as the era in effect at `atMs` names it (so a slot's segments never change with a re-package). */
  mediaAt(programmeId: string, atMs: number): ProgrammeMedia | undefined;
  /** A programme's rights windows as the era in effect at `atMs` holds them (so a slot's signed URLs never change with a later edit). */
  windowsAt(programmeId: string, atMs: number): readonly AvailabilityWindow[];
  slateId: string;
  /** Each programme's localizations and guide metadata (re-read on every refresh: a text edit needs no recompilation). */
  programmes: ReadonlyMap<string, GuideProgramme>;
}

export interface LiveStateDeps {
  models: Models;
  reader: ProgrammeMediaReader;
  /** The slate's published rendition (server/channel/slate.ts), or null while it is not packaged yet. */
  slate: () => Promise<PublishedRendition | null>;
  now: () => Date;
  /** How long a read state serves before the database is asked again (PODIUM_CATALOG_CACHE_SEC). */
  refreshMs: number;
  /** The schedule eras' store. */
  eras: ChannelEras;
  /** PODIUM_CHANNEL_DVR_SEC in ms: eras that stopped deciding before the window (and ERA_MARGIN_MS) are pruned. */
  dvrMs: number;
  logger?: { warn(obj: object, msg: string): void };
}

/** An era with its snapshot (id 0: a channel without eras, read from its tables). */
interface Era extends EraRecord {
  snapshot: EraSnapshot;
}

interface Cached {
  readAt: number;
  fingerprint: string;
  state: LiveState;
}

/**
 * True when the programme can air as is: a video and an audio track, each segment one grid slot
 * long but the last (which may be shorter: a programme rarely lasts a whole number of slots), the
 * same count in every track, and an init segment for every fMP4 track.
 */
function onGrid(m: ProgrammeMedia): boolean {
  const n = m.variants[0]?.track.segments.length ?? 0;
  if (n === 0 || m.audio.length === 0) return false;
  const slot = SEGMENT_MS / 1000;
  // AAC frames do not divide 2 s: audio segments last 1.984 or 2.005 s around the grid.
  const fits = (d: number, last: boolean, tolerance: number) => (last ? d <= slot + tolerance : Math.abs(d - slot) <= tolerance);
  const on = (t: RenditionTrack, tolerance: number) => t.map !== null && t.segments.length === n && t.segments.every((s, i) => fits(s.durationSec, i === n - 1, tolerance));
  return m.variants.every((v) => on(v.track, GRID_TOLERANCE_SEC)) && m.audio.every((a) => on(a.track, GRID_TOLERANCE_SEC + 0.03));
}

/** The programme's own poster as a store folder and file (per-locale posters live under <id>/posters/, the frame in its rendition). */
function posterOf(p: { id: string; renditionPath: string | null; poster: string | null }): GuideProgramme['poster'] {
  if (!p.poster || /^https?:\/\//.test(p.poster)) return null;
  if (p.poster.startsWith(`${POSTERS_DIR}/`)) return { renditionKey: `${p.id}/${POSTERS_DIR}`, file: p.poster.slice(POSTERS_DIR.length + 1) };
  return p.renditionPath ? { renditionKey: p.renditionPath, file: p.poster } : null;
}

export class LiveStates {
  private readonly cache = new Map<string, Cached>();
  private readonly loading = new Map<string, Promise<LiveState>>();
  /** Era snapshots per channel, by era id: an era row never changes (but for its ccBase, listed apart). */
  private readonly snapshots = new Map<string, Map<number, EraSnapshot>>();

  constructor(private readonly deps: LiveStateDeps) {}

  /** The channel's live state; throws ChannelError('not_found'), or ('not_ready') while the slate is not packaged. */
  async get(channelId: string): Promise<LiveState> {
    const hit = this.cache.get(channelId);
    if (hit && this.deps.now().getTime() - hit.readAt < this.deps.refreshMs) return hit.state;
    let p = this.loading.get(channelId);
    if (!p) {
      p = this.load(channelId).finally(() => this.loading.delete(channelId));
      this.loading.set(channelId, p);
    }
    return p;
  }

  private async load(channelId: string): Promise<LiveState> {
    const { models } = this.deps;
    const readAt = this.deps.now().getTime();
    const row = await models.Channel.findByPk(channelId);
    if (!row) throw new ChannelError('not_found', `no channel ${channelId}`);
    const slate = await this.deps.slate();
    if (!slate) throw new ChannelError('not_ready', 'the channel slate is not packaged yet: try again in a minute');
    const eras = await this.readEras(channelId);
    const ids = new Set<string>([slate.programmeId]);
    const publishedSomewhere = new Set<string>();
    for (const { snapshot } of eras) {
      for (const e of snapshot.entries) for (const id of [e.programmeId, ...Object.values(e.alternatives)]) if (id) ids.add(id);
      for (const [id, p] of Object.entries(snapshot.programmes)) if (p.published) publishedSomewhere.add(id);
    }
    const [programmes, texts] = await Promise.all([
      models.Programme.findAll({ where: { id: [...ids] }, attributes: ['id', 'renditionId', 'renditionPath', 'publishedAt', 'sport', 'poster'], raw: true }),
      models.Localization.findAll({ where: { programmeId: { [Op.in]: [...ids] } }, order: [['id', 'ASC']], raw: true }) as unknown as Promise<LocalizationAttrs[]>,
    ]);
    const guide = new Map<string, GuideProgramme>();
    for (const p of programmes) {
      guide.set(p.id, { id: p.id, sport: p.sport, poster: posterOf(p), localizations: texts.filter((t) => t.programmeId === p.id) });
    }
    const fingerprint = JSON.stringify([
      row.scheduleVersion,
      row.languages,
      row.subtitleLanguages,
      slate.renditionKey,
      // An era row never changes but for its ccBase; a channel without eras is its tables' snapshot.
      eras.map((e) => [e.id, e.fromSlot, e.ccBase, e.id === 0 ? e.snapshot : null]),
      programmes.map((p) => [p.id, p.renditionPath, publishedSomewhere.has(p.id)]).sort(),
    ]);
    const cached = this.cache.get(channelId);
    if (cached && cached.fingerprint === fingerprint) {
      const state = { ...cached.state, channel: channelOf(row), programmes: guide };
      this.cache.set(channelId, { readAt, fingerprint, state });
      await this.prune(channelId, eras, state.timeline, readAt);
      return state;
    }
    // Each era's programmes from the rendition it names (the current one for an era recorded before renditions were pinned).
    const current = new Map(programmes.map((p) => [p.id, p.renditionId && p.renditionPath ? { id: p.renditionId, key: p.renditionPath } : null]));
    const renditionsByEra = eras.map((e) => {
      const named = new Map<string, EraRendition>();
      for (const [id, p] of Object.entries(e.snapshot.programmes)) {
        const r = p.rendition === undefined ? current.get(id) : p.rendition;
        // Published in none of the channel's eras: never shown to viewers, on demand or live.
        if (r && publishedSomewhere.has(id)) named.set(id, r);
      }
      const s = current.get(slate.programmeId);
      if (s) named.set(slate.programmeId, s);
      return named;
    });
    const read = await this.readRenditions(renditionsByEra);
    const mediaByEra = renditionsByEra.map((named) => {
      const out = new Map<string, ProgrammeMedia>();
      for (const [id, r] of named) {
        const m = read.get(r.key);
        if (m) out.set(id, m);
      }
      return out;
    });
    const media = new Map<string, ProgrammeMedia>();
    for (const m of mediaByEra) for (const [id, x] of m) media.set(id, x);
    if (!media.has(slate.programmeId)) throw new ChannelError('not_ready', 'the channel slate cannot be read: try again in a minute');
    const lineup = [...new Set(mediaByEra.flatMap((m) => [...m.values()]))];
    const slateInput = { programmeId: slate.programmeId, segments: media.get(slate.programmeId)!.variants[0]!.track.segments.length };
    const windowsByEra = eras.map((e) => windowsOf(e.snapshot));
    const compiled: TimelineEra[] = eras.map((e, i) => ({
      fromSlot: e.fromSlot,
      ccBase: e.ccBase,
      timeline: compileTimeline(timelineInput(e.snapshot, windowsByEra[i]!, mediaByEra[i]!, slateInput)),
      rendition: (programmeId) => mediaByEra[i]!.get(programmeId)?.renditionId,
    }));
    const timeline = joinEras(compiled, row.scheduleVersion);
    const windowsAt = (programmeId: string, atMs: number) => windowsByEra[eraAt(eras, Math.floor(atMs / SEGMENT_MS))]!.get(programmeId) ?? [];
    const mediaAt = (programmeId: string, atMs: number) => mediaByEra[eraAt(eras, Math.floor(atMs / SEGMENT_MS))]!.get(programmeId);
    const state: LiveState = { channel: channelOf(row), version: row.scheduleVersion, timeline, media, lineup, mediaAt, windowsAt, slateId: slate.programmeId, programmes: guide };
    this.cache.set(channelId, { readAt, fingerprint, state });
    await this.prune(channelId, eras, timeline, readAt);
    return state;
  }

  /** Every rendition the eras name, read once each (ProgrammeMediaReader keeps them); one that cannot air is left out (the slate airs instead). */
  private async readRenditions(renditionsByEra: readonly ReadonlyMap<string, EraRendition>[]): Promise<Map<string, ProgrammeMedia>> {
    const wanted = new Map<string, PublishedRendition>();
    for (const named of renditionsByEra) for (const [id, r] of named) wanted.set(r.key, { programmeId: id, renditionId: r.id, renditionKey: r.key });
    const out = new Map<string, ProgrammeMedia>();
    await Promise.all(
      [...wanted.values()].map(async (r) => {
        try {
          const m = await this.deps.reader.read(r);
          if (onGrid(m)) out.set(r.renditionKey, m);
          else this.deps.logger?.warn({ programmeId: r.programmeId, rendition: r.renditionKey }, 'channel: programme segments are not on the 2-second grid; the slate airs instead');
        } catch (err) {
          this.deps.logger?.warn({ programmeId: r.programmeId, rendition: r.renditionKey, err: (err as Error).message }, 'channel: rendition unreadable; the slate airs instead');
        }
      }),
    );
    return out;
  }

  /** The channel's eras with their snapshots; a channel without eras yet is one era from the beginning, read from its tables. */
  private async readEras(channelId: string): Promise<Era[]> {
    const list = await this.deps.eras.list(channelId);
    if (list.length === 0) {
      const snapshot = await this.deps.eras.snapshot(channelId);
      if (!snapshot) throw new ChannelError('not_found', `no channel ${channelId}`);
      // A write committed between the two reads recorded the eras this snapshot might already show the end of.
      if ((await this.deps.eras.list(channelId)).length > 0) return this.readEras(channelId);
      return [{ id: 0, fromSlot: 0, ccBase: null, snapshot }];
    }
    const known = this.snapshots.get(channelId) ?? new Map<number, EraSnapshot>();
    const read = await this.deps.eras.snapshots(list.filter((e) => !known.has(e.id)).map((e) => e.id));
    // Only the listed eras' snapshots stay: a pruned era's goes.
    const kept = new Map<number, EraSnapshot>();
    for (const e of list) {
      const snapshot = known.get(e.id) ?? read.get(e.id);
      if (snapshot) kept.set(e.id, snapshot);
    }
    this.snapshots.set(channelId, kept);
    // An era pruned between the two reads: the list is read again, with the ccBase the pruning stored in the same transaction.
    if (kept.size !== list.length) return this.readEras(channelId);
    return list.map((e) => ({ ...e, snapshot: kept.get(e.id)! }));
  }

  /**
   * Forgets the eras that stopped deciding before the DVR window (and ERA_MARGIN_MS), keeping the
   * one in effect at its start with the discontinuity numbers they led to: from then on the state
   * is compiled from fewer eras to the same slots and numbers. A failure only leaves them for later.
   */
  private async prune(channelId: string, eras: readonly Era[], timeline: CompiledTimeline, nowMs: number): Promise<void> {
    const cutoff = Math.floor((nowMs - this.deps.dvrMs - ERA_MARGIN_MS) / SEGMENT_MS);
    const keep = eraAt(eras, cutoff);
    if (keep === 0 || eras[keep]!.id === 0) return;
    const era = eras[keep]!;
    const regions = new Set<string>([OTHER_REGIONS]);
    for (const e of eras) for (const r of regionsNamed(e.snapshot)) regions.add(r);
    const ccBase: Record<string, number> = {};
    for (const r of regions) ccBase[r] = timeline.slots(r, era.fromSlot, era.fromSlot + 1)[0]!.cc;
    try {
      await this.deps.eras.prune(channelId, { id: era.id, ccBase }, eras.slice(0, keep).map((e) => e.id));
    } catch (err) {
      this.deps.logger?.warn({ channelId, err: (err as Error).message }, 'channel: old schedule eras could not be pruned; trying again later');
    }
  }
}

/** The index of the era deciding `slot` (the first decides all before it). */
function eraAt(eras: readonly { fromSlot: number }[], slot: number): number {
  let i = 0;
  while (i + 1 < eras.length && eras[i + 1]!.fromSlot <= slot) i++;
  return i;
}

function windowsOf(snapshot: EraSnapshot): Map<string, AvailabilityWindow[]> {
  const out = new Map<string, AvailabilityWindow[]>();
  for (const [id, p] of Object.entries(snapshot.programmes)) {
    out.set(
      id,
      p.windows.map((w) => ({ regions: w.regions, exclude: w.exclude, start: new Date(w.start), end: w.end === null ? null : new Date(w.end) })),
    );
  }
  return out;
}

/** What one era's timeline is compiled from: its schedule, its rights and publication, and the renditions it names. */
function timelineInput(snapshot: EraSnapshot, windows: ReadonlyMap<string, readonly AvailabilityWindow[]>, media: ReadonlyMap<string, ProgrammeMedia>, slate: TimelineInput['slate']): TimelineInput {
  const segmentCounts = new Map<string, number>();
  for (const id of Object.keys(snapshot.programmes)) {
    const m = media.get(id);
    // A programme that cannot air keeps its scheduled length (the slate fills it).
    const entry = snapshot.entries.find((e) => e.programmeId === id);
    segmentCounts.set(id, m ? m.variants[0]!.track.segments.length : entry ? Math.max(1, Math.round((entry.end - entry.start) / SEGMENT_MS)) : 1);
  }
  const changes = new Map<string, number[]>();
  for (const [id, ws] of windows) changes.set(id, ws.flatMap((w) => (w.end ? [w.start.getTime(), w.end.getTime()] : [w.start.getTime()])));
  return {
    version: snapshot.scheduleVersion,
    loop: snapshot.loop,
    segmentMs: SEGMENT_MS,
    entries: snapshot.entries.map((e) => ({ id: e.id, programmeId: e.programmeId, start: new Date(e.start), end: new Date(e.end), alternatives: e.alternatives })),
    slate,
    segmentCounts,
    rights: {
      available: (programmeId, region, atMs) => media.has(programmeId) && snapshot.programmes[programmeId]?.published === true && isAvailable(windows.get(programmeId) ?? [], region, new Date(atMs)),
      changes: (programmeId) => changes.get(programmeId) ?? [],
    },
  };
}
