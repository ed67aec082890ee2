// A channel's compiled live state: its schedule, the published renditions and rights windows of
// every programme it names, and the timeline compiled from them (timeline.ts). Every playlist,
// now/next and guide answer is a pure function of this state and the clock, so replicas reading
// the same database answer the same bytes. The state is re-read at most every `refreshMs`
// (another server's schedule or rights edit shows within it) and recompiled only when what it
// was compiled from changed, so the timeline's caches survive the refresh.
import { Op } from 'sequelize';
import type { LocalizationAttrs, Models } from '../db/models.js';
import { rowToWindow } from '../catalog/availability.js';
import { POSTERS_DIR } from '../media/store.js';
import { isAvailable, type AvailabilityWindow } from '../rights/index.js';
import { channelOf, type Channel } from './channels.js';
import { ChannelError } from './errors.js';
import type { GuideProgramme } from './guide.js';
import type { CompiledTimeline, ProgrammeMedia, RenditionTrack } from './live-types.js';
import type { ProgrammeMediaReader, PublishedRendition } from './programme-media.js';
import { compileTimeline } from './timeline.js';

/** The grid every ladder of the transcoder cuts (transcoder/ladder.ts SEGMENT_SEC). */
export const SEGMENT_MS = 2000;
/** A programme's segments may differ from the grid by this much (EXTINF rounding) and still air. */
const GRID_TOLERANCE_SEC = 0.01;

export interface LiveState {
  channel: Channel;
  version: number;
  timeline: CompiledTimeline;
  /** Every programme that can air, slate included, by id. */
  media: ReadonlyMap<string, ProgrammeMedia>;
  windows: ReadonlyMap<string, readonly AvailabilityWindow[]>;
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
  logger?: { warn(obj: object, msg: string): void };
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
    const entries = await models.ScheduleEntry.findAll({ where: { channelId }, order: [['startAt', 'ASC']], raw: true });
    const ids = new Set<string>([slate.programmeId]);
    for (const e of entries) {
      ids.add(e.programmeId);
      for (const alt of Object.values(JSON.parse(e.alternatives) as Record<string, string | null>)) if (alt) ids.add(alt);
    }
    const [programmes, windowRows, texts] = await Promise.all([
      models.Programme.findAll({ where: { id: [...ids] }, attributes: ['id', 'renditionId', 'renditionPath', 'publishedAt', 'sport', 'poster'], raw: true }),
      models.AvailabilityWindow.findAll({ where: { programmeId: { [Op.in]: [...ids] } }, order: [['startAt', 'ASC'], ['id', 'ASC']], raw: true }),
      models.Localization.findAll({ where: { programmeId: { [Op.in]: [...ids] } }, order: [['id', 'ASC']], raw: true }) as unknown as Promise<LocalizationAttrs[]>,
    ]);
    const guide = new Map<string, GuideProgramme>();
    for (const p of programmes) {
      guide.set(p.id, { id: p.id, sport: p.sport, poster: posterOf(p), localizations: texts.filter((t) => t.programmeId === p.id) });
    }
    const fingerprint = JSON.stringify([
      row.scheduleVersion,
      row.loop,
      row.languages,
      row.subtitleLanguages,
      slate.renditionKey,
      entries.map((e) => [e.id, e.programmeId, new Date(e.startAt).getTime(), e.alternatives]),
      programmes.map((p) => [p.id, p.renditionPath, p.publishedAt ? 1 : 0]).sort(),
      windowRows.map((w) => [w.programmeId, w.regions, w.exclude, new Date(w.startAt).getTime(), w.endAt ? new Date(w.endAt).getTime() : null]),
    ]);
    const cached = this.cache.get(channelId);
    if (cached && cached.fingerprint === fingerprint) {
      const state = { ...cached.state, channel: channelOf(row), programmes: guide };
      this.cache.set(channelId, { readAt, fingerprint, state });
      return state;
    }
    const media = new Map<string, ProgrammeMedia>();
    await Promise.all(
      programmes.map(async (p) => {
        if (!p.renditionId || !p.renditionPath) return;
        if (!p.publishedAt && p.id !== slate.programmeId) return; // unpublished: never shown to viewers, on demand or live
        try {
          const m = await this.deps.reader.read({ programmeId: p.id, renditionId: p.renditionId, renditionKey: p.renditionPath });
          if (onGrid(m)) media.set(p.id, m);
          else this.deps.logger?.warn({ programmeId: p.id }, 'channel: programme segments are not on the 2-second grid; the slate airs instead');
        } catch (err) {
          this.deps.logger?.warn({ programmeId: p.id, err: (err as Error).message }, 'channel: rendition unreadable; the slate airs instead');
        }
      }),
    );
    if (!media.has(slate.programmeId)) throw new ChannelError('not_ready', 'the channel slate cannot be read: try again in a minute');
    const windows = new Map<string, AvailabilityWindow[]>();
    for (const w of windowRows) {
      const list = windows.get(w.programmeId) ?? [];
      list.push(rowToWindow(w));
      windows.set(w.programmeId, list);
    }
    const segmentCounts = new Map<string, number>();
    for (const id of ids) {
      const m = media.get(id);
      // A programme that cannot air keeps its scheduled length (the slate fills it).
      const entry = entries.find((e) => e.programmeId === id);
      segmentCounts.set(id, m ? m.variants[0]!.track.segments.length : entry ? Math.max(1, Math.round((new Date(entry.endAt).getTime() - new Date(entry.startAt).getTime()) / SEGMENT_MS)) : 1);
    }
    const changes = new Map<string, number[]>();
    for (const [id, ws] of windows) changes.set(id, ws.flatMap((w) => (w.end ? [w.start.getTime(), w.end.getTime()] : [w.start.getTime()])));
    const timeline = compileTimeline({
      version: row.scheduleVersion,
      loop: row.loop,
      segmentMs: SEGMENT_MS,
      entries: entries.map((e) => ({ id: e.id, programmeId: e.programmeId, start: new Date(e.startAt), end: new Date(e.endAt), alternatives: JSON.parse(e.alternatives) as Record<string, string | null> })),
      slate: { programmeId: slate.programmeId, segments: media.get(slate.programmeId)!.variants[0]!.track.segments.length },
      segmentCounts,
      rights: {
        available: (programmeId, region, atMs) => media.has(programmeId) && isAvailable(windows.get(programmeId) ?? [], region, new Date(atMs)),
        changes: (programmeId) => changes.get(programmeId) ?? [],
      },
    });
    const state: LiveState = { channel: channelOf(row), version: row.scheduleVersion, timeline, media, windows, slateId: slate.programmeId, programmes: guide };
    this.cache.set(channelId, { readAt, fingerprint, state });
    return state;
  }
}
