// The compiled timeline: what each region airs in each slot of the segment grid (live-types.ts),
// as a pure function of the schedule, the rights and the slot number. No state advances with the
// clock: a replica that compiled the same input answers the same slots, sequence numbers and
// discontinuity counts for any instant, past or future, so playlists never drift or go back.
//
// Per slot of an entry (j = slot − the entry's first slot), a region airs:
//   the entry's programme, segment j, if its rights cover the region at the slot's start;
//   else the entry's alternative for the region, segment j, if available and j is within it;
//   else the slate, segment j mod its length.
// Between entries (and before the first) the slate airs; in loop mode the entries repeat.
// Rights change only at window boundaries (TimelineRights.changes), so an entry is cut into a few
// pieces where one rule holds, and the discontinuity count of a whole loop cycle is the same for
// every cycle between two rights changes: counting from slot 0 (1970) costs O(changes × entries).
// A live channel compiles one of these per schedule era (eras.ts) and joins them
// (era-timeline.ts), so an edit decides only the slots from its era on.
import type { AiredSlot, Airing, CompiledTimeline, TimelineEntry, TimelineInput } from './live-types.js';

/** A run of slots [from, to) where one rule holds: programme `programmeId`, segment = slot − origin (slate: modulo its length). */
interface Piece {
  from: number;
  to: number;
  programmeId: string;
  slate: boolean;
  entryId: string | null;
  replaced: boolean;
  origin: number;
}

/** An entry placed on the grid: slots [from, to) of cycle 0. */
interface Placed {
  entry: TimelineEntry;
  from: number;
  to: number;
}

const PIECES_CACHE_MAX = 4096;
const mod = (a: number, n: number) => ((a % n) + n) % n;

/** An airing's id (its DATERANGE ID): programme, first slot and length, so an airing cut short by an edit is a new one. */
export function airingId(programmeId: string, fromSlot: number, toSlot: number): string {
  return `${programmeId.slice(0, 8)}-${fromSlot}-${toSlot - fromSlot}`;
}

export function compileTimeline(input: TimelineInput): CompiledTimeline {
  return new Timeline(input);
}

class Timeline implements CompiledTimeline {
  readonly version: number;
  readonly segmentMs: number;
  private readonly placed: Placed[];
  /** First slot of cycle 0 and the cycle's length in slots (0: no entries). */
  private readonly start: number;
  private readonly cycle: number;
  private readonly slateLen: number;
  /** Cycles (index k) whose slots contain a rights change: only they (and the next) differ from their neighbours. */
  private readonly changeCycles: number[];
  private readonly piecesCache = new Map<string, Piece[]>();
  private readonly ccCache = new Map<string, { k: number; cc: number }>();
  /**
   * The discontinuity sequence number of the slot before the first entry: counts start there, not in
   * 1970, so they stay small (hls.js 1.7 walks an array indexed by this number on every playlist
   * refresh, and plays nothing past 2^31). The margin covers the slate's restarts before a first
   * entry scheduled up to ~7 days ahead (a 10 s slate restarts 8,640 times a day).
   */
  private readonly ccBase = 2 ** 16;

  constructor(private readonly input: TimelineInput) {
    this.version = input.version;
    this.segmentMs = input.segmentMs;
    this.slateLen = Math.max(1, input.slate.segments);
    const seg = input.segmentMs;
    const sorted = [...input.entries].sort((a, b) => a.start.getTime() - b.start.getTime());
    const placed: Placed[] = [];
    for (const e of sorted) {
      const from = Math.ceil(e.start.getTime() / seg);
      const count = input.segmentCounts.get(e.programmeId) ?? Math.max(1, Math.round((e.end.getTime() - e.start.getTime()) / seg));
      const prev = placed.at(-1);
      if (prev && prev.to > from) prev.to = from; // an entry ends where the next one begins
      placed.push({ entry: e, from, to: from + count });
    }
    this.placed = placed.filter((p) => p.to > p.from);
    this.start = this.placed[0]?.from ?? 0;
    this.cycle = this.placed.length ? this.placed.at(-1)!.to - this.start : 0;
    const ks = new Set<number>();
    if (input.loop && this.cycle > 0) {
      for (const id of this.programmeIds()) {
        for (const c of input.rights.changes(id)) {
          const k = Math.floor((Math.ceil(c / seg) - this.start) / this.cycle);
          if (k >= 0) ks.add(k);
        }
      }
    }
    this.changeCycles = [...ks].sort((a, b) => a - b);
  }

  slots(region: string, fromSlot: number, toSlot: number): AiredSlot[] {
    const out: AiredSlot[] = [];
    if (toSlot <= fromSlot) return out;
    let prev = this.at(region, fromSlot - 1);
    let cc = this.ccBase + this.ccAt(region, fromSlot - 1) - this.ccAt(region, this.start - 1);
    for (const p of this.pieces(region, fromSlot, toSlot)) {
      for (let s = Math.max(p.from, fromSlot); s < Math.min(p.to, toSlot); s++) {
        const segment = this.segmentOf(p, s);
        const discontinuity = !(prev.programmeId === p.programmeId && prev.segment === segment - 1);
        if (discontinuity) cc++;
        // Not clamped here: era-timeline.ts joins eras by differences of these numbers, and clamps what it answers.
        out.push({ slot: s, startMs: s * this.segmentMs, programmeId: p.programmeId, slate: p.slate, segment, discontinuity, cc });
        prev = { programmeId: p.programmeId, segment };
      }
    }
    return out;
  }

  airings(region: string, fromMs: number, toMs: number): Airing[] {
    const seg = this.segmentMs;
    const from = Math.floor(fromMs / seg);
    const to = Math.ceil(toMs / seg);
    if (to <= from) return [];
    const runs: Piece[] = [];
    for (const p of this.pieces(region, from, to)) {
      const last = runs.at(-1);
      // The slate's pieces within one entry (or one gap) are one airing.
      if (last && last.slate && p.slate && last.entryId === p.entryId && last.to === p.from) runs[runs.length - 1] = { ...last, to: p.to };
      else runs.push(p);
    }
    return runs
      .filter((p) => p.to > from && p.from < to)
      .map((p) => ({
        id: airingId(p.programmeId, p.from, p.to),
        entryId: p.entryId,
        programmeId: p.programmeId,
        slate: p.slate,
        replaced: p.replaced,
        firstSegment: this.segmentOf(p, p.from),
        startMs: p.from * seg,
        endMs: p.to * seg,
      }));
  }

  private segmentOf(p: Piece, slot: number): number {
    return p.slate ? mod(slot - p.origin, this.slateLen) : slot - p.origin;
  }

  private at(region: string, slot: number): { programmeId: string; segment: number } {
    const p = this.pieces(region, slot, slot + 1).find((q) => q.from <= slot && slot < q.to)!;
    return { programmeId: p.programmeId, segment: this.segmentOf(p, slot) };
  }

  private programmeIds(): Set<string> {
    const ids = new Set<string>();
    for (const { entry } of this.placed) {
      ids.add(entry.programmeId);
      for (const alt of Object.values(entry.alternatives)) if (alt) ids.add(alt);
    }
    return ids;
  }

  /** The cycle holding `slot` (−1: before the first entry; in one-off mode, 1: after the last). */
  private cycleOf(slot: number): number {
    if (!this.cycle || slot < this.start) return -1;
    const k = Math.floor((slot - this.start) / this.cycle);
    return this.input.loop ? k : Math.min(k, 1);
  }

  /** The pieces covering [from, to), whole (a piece may start before `from` or end after `to`). */
  private pieces(region: string, from: number, to: number): Piece[] {
    const out: Piece[] = [];
    for (let k = this.cycleOf(from); k <= this.cycleOf(to - 1); k++) {
      for (const p of this.cyclePieces(region, k)) if (p.to > from && p.from < to) out.push(p);
    }
    return out;
  }

  /** Cycle k's pieces; −1 is the slate before the first entry, and in one-off mode 1 is the slate after the last. */
  private cyclePieces(region: string, k: number): Piece[] {
    const key = `${region} ${k}`;
    const hit = this.piecesCache.get(key);
    if (hit) return hit;
    let pieces: Piece[];
    if (k === -1) pieces = [{ from: Number.MIN_SAFE_INTEGER, to: this.cycle ? this.start : Number.MAX_SAFE_INTEGER, programmeId: this.input.slate.programmeId, slate: true, entryId: null, replaced: false, origin: 0 }];
    else if (k === 1 && !this.input.loop) {
      const end = this.start + this.cycle;
      pieces = [{ from: end, to: Number.MAX_SAFE_INTEGER, programmeId: this.input.slate.programmeId, slate: true, entryId: null, replaced: false, origin: end }];
    } else pieces = this.buildCycle(region, k * this.cycle);
    if (this.piecesCache.size >= PIECES_CACHE_MAX) this.piecesCache.clear();
    this.piecesCache.set(key, pieces);
    return pieces;
  }

  private buildCycle(region: string, shift: number): Piece[] {
    const out: Piece[] = [];
    const push = (p: Piece) => {
      const last = out.at(-1);
      if (last && last.to === p.from && last.programmeId === p.programmeId && last.origin === p.origin && last.entryId === p.entryId) last.to = p.to;
      else if (p.to > p.from) out.push(p);
    };
    const slate = this.input.slate.programmeId;
    this.placed.forEach(({ entry, from, to }, i) => {
      const a = from + shift;
      const b = to + shift;
      const next = i + 1 < this.placed.length ? this.placed[i + 1]!.from + shift : null;
      const alt = Object.hasOwn(entry.alternatives, region) ? entry.alternatives[region]! : undefined;
      for (const [cut, y] of this.split(a, b, [entry.programmeId, ...(alt ? [alt] : [])])) {
        let x = cut;
        const t = x * this.segmentMs;
        if (this.input.rights.available(entry.programmeId, region, t)) {
          push({ from: x, to: y, programmeId: entry.programmeId, slate: false, entryId: entry.id, replaced: false, origin: a });
          continue;
        }
        if (alt && this.input.rights.available(alt, region, t)) {
          const altEnd = Math.min(y, a + (this.input.segmentCounts.get(alt) ?? 0));
          push({ from: x, to: Math.max(x, altEnd), programmeId: alt, slate: false, entryId: entry.id, replaced: true, origin: a });
          x = Math.max(x, altEnd);
        }
        push({ from: x, to: y, programmeId: slate, slate: true, entryId: entry.id, replaced: true, origin: a });
      }
      if (next !== null && next > b) push({ from: b, to: next, programmeId: slate, slate: true, entryId: null, replaced: false, origin: b });
    });
    return out;
  }

  /** [a, b) cut at the first slot after each rights change of `ids` inside it. */
  private split(a: number, b: number, ids: string[]): [number, number][] {
    const cuts = new Set<number>();
    for (const id of ids) {
      for (const c of this.input.rights.changes(id)) {
        const s = Math.ceil(c / this.segmentMs);
        if (s > a && s < b) cuts.add(s);
      }
    }
    const points = [a, ...[...cuts].sort((x, y) => x - y), b];
    return points.slice(1).map((p, i) => [points[i]!, p]);
  }

  /** Discontinuities in slots [from, to), each slot compared with the one before it. */
  private countRange(region: string, from: number, to: number): number {
    if (to <= from) return 0;
    let n = 0;
    let prev = this.at(region, from - 1);
    for (const p of this.pieces(region, from, to)) {
      const x = Math.max(p.from, from);
      const y = Math.min(p.to, to);
      if (y <= x) continue;
      const first = this.segmentOf(p, x);
      if (!(prev.programmeId === p.programmeId && prev.segment === first - 1)) n++;
      if (p.slate) {
        // Inside a slate piece timestamps restart each time its segment 0 comes round again.
        const firstWrap = x + 1 + mod(p.origin - (x + 1), this.slateLen);
        if (firstWrap < y) n += Math.floor((y - 1 - firstWrap) / this.slateLen) + 1;
      }
      prev = { programmeId: p.programmeId, segment: this.segmentOf(p, y - 1) };
    }
    return n;
  }

  /** The discontinuity sequence number of `slot`: discontinuities in slots 1…slot. */
  private ccAt(region: string, slot: number): number {
    if (slot <= 0) return 0;
    // Before the first entry the slate repeats from slot 0: a restart every slateLen slots.
    const pre = Math.floor(Math.min(slot, this.cycle ? this.start - 1 : slot) / this.slateLen);
    if (!this.cycle || slot < this.start) return pre;
    if (!this.input.loop) return pre + this.countRange(region, this.start, slot + 1);
    const k = Math.floor((slot - this.start) / this.cycle);
    const cycleStart = this.start + k * this.cycle;
    return pre + this.ccBeforeCycle(region, k) + this.countRange(region, cycleStart, slot + 1);
  }

  /** Discontinuities in cycles 0…k−1 (loop mode), cycles between rights changes counted once and multiplied. */
  private ccBeforeCycle(region: string, k: number): number {
    const hit = this.ccCache.get(region);
    if (hit && hit.k === k) return hit.cc;
    const count = (c: number) => this.countRange(region, this.start + c * this.cycle, this.start + (c + 1) * this.cycle);
    const special = new Set<number>([0]);
    for (const c of this.changeCycles) {
      special.add(c);
      special.add(c + 1);
    }
    const marks = [...special].filter((c) => c < k).sort((a, b) => a - b);
    let total = 0;
    let c = 0;
    for (const m of marks) {
      // Cycles c…m−1 hold no rights change and follow a cycle without one: identical counts.
      if (m > c) total += (m - c) * count(c);
      total += count(m);
      c = m + 1;
    }
    if (k > c) total += (k - c) * count(c);
    this.ccCache.set(region, { k, cc: total });
    if (this.ccCache.size > PIECES_CACHE_MAX) this.ccCache.clear();
    return total;
  }
}
