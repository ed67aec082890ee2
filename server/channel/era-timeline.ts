// Pure: a channel's timeline across its schedule eras (eras.ts). Each era's timeline
// (timeline.ts) decides the slots from its first slot to the next era's; the first era also decides
// every slot before it. So a slot that has aired keeps what it aired however the schedule is edited
// afterwards: the edit is a new era, from a slot not yet listed in any playlist.
//
// The discontinuity sequence runs on across a switch: the first slot of an era counts one more
// than the last slot of the era before only when what airs changes there (another programme, or a
// segment that does not follow), and never goes back. An era's own numbers (timeline.ts counts
// from its first entry) are shifted by a per-region offset set at its first slot. When the eras
// before one are pruned, that slot's number is stored with it (`ccBase`, per region, "*" for every
// region none of them names) and the offset is taken from it, so the numbers stay as they were.
//
// Airings (guide items, DATERANGEs) are cut at the switches and joined again where the switch
// changed nothing, so an airing that an edit did not touch keeps its extent and id. A programme
// re-packaged on air goes on from its next segment in the new rendition: one airing, but a
// discontinuity (its init segment changes, and a re-upload's timestamps may differ).
import { airingId } from './timeline.js';
import type { AiredSlot, Airing, CompiledTimeline } from './live-types.js';

/** The ccBase key for every region the eras do not name (they all air alike). */
export const OTHER_REGIONS = '*';

export interface TimelineEra {
  /** The first slot the era decides (the first era also decides all before it). */
  fromSlot: number;
  timeline: CompiledTimeline;
  /** The discontinuity sequence of `fromSlot` per region ("*": the others), once the eras before it were pruned; else null. */
  ccBase: Readonly<Record<string, number>> | null;
  /** The rendition the era airs a programme from: a switch to another rendition mid-programme is a discontinuity (new init segment, timestamps may differ). */
  rendition?: (programmeId: string) => string | undefined;
}

interface Join {
  /** Added to the era's own numbers. */
  offset: number;
  /** Whether the era's first slot is a discontinuity after the previous era's last one (null for the first era: its own view). */
  discontinuity: boolean | null;
  /** Whether the era's first slot continues the previous era's run (the same programme's next segment, whatever its rendition): one airing (null for the first era). */
  continues: boolean | null;
}

const CACHE_MAX = 4096;

/** The timeline of a channel with these eras (in slot order; of two at the same slot the later wins). */
export function joinEras(eras: readonly TimelineEra[], version: number): CompiledTimeline {
  if (eras.length === 0) throw new RangeError('a channel timeline needs at least one era');
  const kept = eras.filter((e, i) => i + 1 === eras.length || eras[i + 1]!.fromSlot > e.fromSlot);
  return new ErasTimeline(kept, version);
}

class ErasTimeline implements CompiledTimeline {
  readonly segmentMs: number;
  private readonly joins = new Map<string, Join[]>();

  constructor(
    private readonly eras: readonly TimelineEra[],
    readonly version: number,
  ) {
    this.segmentMs = eras[0]!.timeline.segmentMs;
  }

  slots(region: string, fromSlot: number, toSlot: number): AiredSlot[] {
    const out: AiredSlot[] = [];
    for (let i = this.eraAt(fromSlot); i < this.eras.length && this.lo(i) < toSlot; i++) {
      const a = Math.max(fromSlot, this.lo(i));
      const b = Math.min(toSlot, this.hi(i));
      if (b <= a) continue;
      const join = this.join(region, i);
      const slots = this.eras[i]!.timeline.slots(region, a, b);
      if (a === this.lo(i) && join.discontinuity !== null) slots[0]!.discontinuity = join.discontinuity;
      // Fresh objects from the era's timeline: adjusted in place.
      for (const s of slots) s.cc = Math.max(0, s.cc + join.offset);
      out.push(...slots);
    }
    return out;
  }

  airings(region: string, fromMs: number, toMs: number): Airing[] {
    if (this.eras.length === 1) return this.eras[0]!.timeline.airings(region, fromMs, toMs);
    const seg = this.segmentMs;
    const from = Math.floor(fromMs / seg);
    const to = Math.ceil(toMs / seg);
    if (to <= from) return [];
    let list: Airing[] = [];
    for (let i = this.eraAt(from); i < this.eras.length && this.lo(i) < to; i++) {
      const a = Math.max(from, this.lo(i));
      const b = Math.min(to, this.hi(i));
      if (b > a) list.push(...this.eraAirings(region, i, a, b));
    }
    list = this.merge(region, list);
    // An airing cut by the range at a switch it runs across continues in the next (or previous) era.
    while (list.length) {
      const first = list[0]!;
      const i = this.eraAt(first.startMs / seg);
      if (i === 0 || first.startMs / seg !== this.lo(i) || this.join(region, i).continues !== true) break;
      const longer = this.merge(region, [...this.eraAirings(region, i - 1, this.lo(i) - 1, this.lo(i)).slice(-1), ...list]);
      if (longer.length !== list.length) break; // (cannot happen: the run was joined, or the loop would not go on)
      list = longer;
    }
    while (list.length) {
      const last = list.at(-1)!;
      const j = this.eraAt(last.endMs / seg);
      if (j === 0 || last.endMs / seg !== this.lo(j) || this.join(region, j).continues !== true) break;
      const longer = this.merge(region, [...list, ...this.eraAirings(region, j, this.lo(j), this.lo(j) + 1).slice(0, 1)]);
      if (longer.length !== list.length) break;
      list = longer;
    }
    return list.filter((x) => x.endMs > from * seg && x.startMs < to * seg).map((x) => ({ ...x, id: airingId(x.programmeId, x.startMs / seg, x.endMs / seg) }));
  }

  /** Era i's airings over [a, b) (within its own slots), each cut to the slots era i decides. */
  private eraAirings(region: string, i: number, a: number, b: number): Airing[] {
    const seg = this.segmentMs;
    const { timeline } = this.eras[i]!;
    const lo = this.lo(i);
    const hi = this.hi(i);
    return timeline.airings(region, a * seg, b * seg).map((x) => {
      const start = Math.max(x.startMs / seg, lo);
      const end = Math.min(x.endMs / seg, hi);
      if (start * seg === x.startMs && end * seg === x.endMs) return x;
      const firstSegment = start * seg === x.startMs ? x.firstSegment : timeline.slots(region, start, start + 1)[0]!.segment;
      return { ...x, firstSegment, startMs: start * seg, endMs: end * seg };
    });
  }

  /** Joins two airings that meet at a switch where nothing changed (the later era keeps airing the same run). */
  private merge(region: string, list: Airing[]): Airing[] {
    const out: Airing[] = [];
    for (const x of list) {
      const last = out.at(-1);
      const at = x.startMs / this.segmentMs;
      const i = this.eraAt(at);
      if (last && last.endMs === x.startMs && i > 0 && this.lo(i) === at && this.join(region, i).continues === true) out[out.length - 1] = { ...last, endMs: x.endMs };
      else out.push(x);
    }
    return out;
  }

  /** How era i's numbers continue from era i − 1's at its first slot, per region (memoized). */
  private join(region: string, i: number): Join {
    let list = this.joins.get(region);
    if (!list) {
      if (this.joins.size >= CACHE_MAX) this.joins.clear();
      this.joins.set(region, (list = []));
    }
    const hit = list[i];
    if (hit) return hit;
    const era = this.eras[i]!;
    const base = era.ccBase ? (era.ccBase[region] ?? era.ccBase[OTHER_REGIONS]) : undefined;
    const first = era.timeline.slots(region, era.fromSlot, era.fromSlot + 1)[0]!;
    let join: Join;
    if (i === 0) join = { offset: base === undefined ? 0 : base - first.cc, discontinuity: null, continues: null };
    else {
      const [prev] = this.slots(region, era.fromSlot - 1, era.fromSlot);
      const continues = prev!.programmeId === first.programmeId && prev!.segment === first.segment - 1;
      const discontinuity = !continues || this.eras[i - 1]!.rendition?.(first.programmeId) !== era.rendition?.(first.programmeId);
      const cc = base ?? prev!.cc + (discontinuity ? 1 : 0);
      join = { offset: cc - first.cc, discontinuity, continues };
    }
    list[i] = join;
    return join;
  }

  /** The era deciding `slot`. */
  private eraAt(slot: number): number {
    let lo = 0;
    let hi = this.eras.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.eras[mid]!.fromSlot <= slot) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The first slot era i decides (−∞ for the first). */
  private lo(i: number): number {
    return i === 0 ? Number.MIN_SAFE_INTEGER : this.eras[i]!.fromSlot;
  }

  /** The first slot era i no longer decides. */
  private hi(i: number): number {
    return i + 1 < this.eras.length ? this.eras[i + 1]!.fromSlot : Number.MAX_SAFE_INTEGER;
  }
}
