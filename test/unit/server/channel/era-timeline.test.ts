// A channel's timeline across schedule eras (server/channel/era-timeline.ts): an edit is a new era
// from its slot on, so every slot before it airs exactly what it aired (programme, segment,
// discontinuity, discontinuity number), the slots from it on air what the new schedule says, the
// discontinuity sequence runs on across the switch (one more only where what airs changes) and
// never goes back, airings untouched by an edit keep their extent and id, and numbers stored when
// old eras are pruned (ccBase) give the same slots as the eras they replace.
import { expect } from 'chai';
import { joinEras, OTHER_REGIONS, type TimelineEra } from '../../../../server/channel/era-timeline.js';
import type { AiredSlot, CompiledTimeline, TimelineEntry, TimelineInput } from '../../../../server/channel/live-types.js';
import { compileTimeline } from '../../../../server/channel/timeline.js';

const SEG = 2000;
const SLATE = 'slate-0000';
const REGIONS = ['FR', 'CN', 'HK', 'US'];

interface Window { programmeId: string; regions: string[]; start: number; end: number | null }

const rightsOf = (windows: Window[]): TimelineInput['rights'] => ({
  available: (id, region, at) => windows.some((w) => w.programmeId === id && (w.regions.includes(region) || w.regions.includes('WW')) && w.start <= at && (w.end === null || at < w.end)),
  changes: (id) => windows.filter((w) => w.programmeId === id).flatMap((w) => (w.end === null ? [w.start] : [w.start, w.end])),
});

const entry = (id: string, programmeId: string, startSec: number, lenSegs: number, alternatives: Record<string, string | null> = {}): TimelineEntry => ({
  id,
  programmeId,
  start: new Date(startSec * 1000),
  end: new Date(startSec * 1000 + lenSegs * SEG),
  alternatives,
});

const COUNTS = new Map([['A', 7], ['B', 5], ['C', 4], ['D', 6]]);
const WINDOWS: Window[] = [
  { programmeId: 'A', regions: ['FR', 'CN', 'HK'], start: 0, end: null },
  { programmeId: 'B', regions: ['FR'], start: 0, end: null },
  { programmeId: 'B', regions: ['HK'], start: 0, end: 1_000_000 + 13_000 },
  { programmeId: 'C', regions: ['CN'], start: 1_000_300, end: 1_150_000 },
  { programmeId: 'D', regions: ['WW'], start: 0, end: null },
];

/** Version 1: a loop of A, B (CN: C, HK: slate) and a gap, then A again, from 1000.5 s. */
const V1: TimelineInput = {
  version: 1,
  loop: true,
  segmentMs: SEG,
  entries: [entry('e1', 'A', 1000.5, 7), entry('e2', 'B', 1015, 5, { CN: 'C', HK: null }), entry('e3', 'A', 1037, 7)],
  slate: { programmeId: SLATE, segments: 3 },
  segmentCounts: COUNTS,
  rights: rightsOf(WINDOWS),
};
/** Version 2, written later: the loop is now D, C, B from the same start (a shorter cycle: every past cycle would move). */
const V2: TimelineInput = { ...V1, version: 2, entries: [entry('f1', 'D', 1000.5, 6), entry('f2', 'C', 1013, 4), entry('f3', 'B', 1021, 5, { CN: 'A' })] };
/** Version 3: one-off, A then D, long after. */
const V3: TimelineInput = { ...V1, version: 3, loop: false, entries: [entry('g1', 'A', 9000, 7), entry('g2', 'D', 9014, 6)] };

const era = (input: TimelineInput, fromSlot: number, ccBase: Record<string, number> | null = null): TimelineEra => ({ fromSlot, timeline: compileTimeline(input), ccBase });
const what = (s: AiredSlot) => `${s.programmeId}:${s.segment}`;

/** Every slot's number follows from the one before it: one more at a discontinuity, else the same. */
function expectContinuous(slots: readonly AiredSlot[], label: string): void {
  for (let i = 1; i < slots.length; i++) {
    const [a, b] = [slots[i - 1]!, slots[i]!];
    expect(b.slot, label).to.equal(a.slot + 1);
    expect(b.discontinuity, `${label} slot ${b.slot}: ${what(a)} → ${what(b)}`).to.equal(!(a.programmeId === b.programmeId && a.segment === b.segment - 1));
    expect(b.cc, `${label} slot ${b.slot}`).to.equal(a.cc + (b.discontinuity ? 1 : 0));
  }
}

describe('channel timeline across schedule eras', () => {
  // The edit is written in cycle 40 of the loop, in the middle of a programme.
  const S = 501 + 40 * 38 + 3;

  it('an edit changes no slot before its era’s first slot, and the new schedule airs from exactly that slot', () => {
    const before = joinEras([era(V1, 0)], 1);
    const after = joinEras([era(V1, 0), era(V2, S)], 2);
    const v2 = compileTimeline(V2);
    for (const region of REGIONS) {
      // Past slots, in windows starting anywhere before the switch (the DVR window and further back).
      for (const [a, b] of [[S - 1800, S], [S - 3, S], [501, 700]] as const) expect(after.slots(region, a, b), `${region} [${a}, ${b})`).to.deep.equal(before.slots(region, a, b));
      // From the switch on: what version 2 airs there, slot for slot.
      expect(after.slots(region, S, S + 600).map(what), region).to.deep.equal(v2.slots(region, S, S + 600).map(what));
      // Windows that span the switch: consistent numbering, one more at the switch since what airs changes.
      const across = after.slots(region, S - 60, S + 60);
      expectContinuous(across, region);
      if (region === 'FR') expect(across[60]!.discontinuity, `${what(across[59]!)} then ${what(across[60]!)}`).to.equal(true);
      // Numbers do not depend on where a window starts.
      expect(after.slots(region, S + 100, S + 101)[0]).to.deep.equal(after.slots(region, S - 60, S + 101).at(-1));
    }
  });

  it('the discontinuity sequence never goes back over several edits, each deciding from its own slot', () => {
    const S2 = S + 777;
    const S3 = S2 + 5000;
    const eras = [era(V1, 0), era(V2, S), era(V1, S2), era(V3, S3)];
    const joined = joinEras(eras, 4);
    for (const region of REGIONS) {
      const slots = joined.slots(region, S - 100, S3 + 400);
      expectContinuous(slots, region);
      for (const [i, e] of eras.entries()) {
        const lo = Math.max(e.fromSlot, S - 100);
        const hi = i + 1 < eras.length ? eras[i + 1]!.fromSlot : S3 + 400;
        expect(slots.filter((s) => s.slot >= lo && s.slot < hi).map(what), `${region} era ${i}`).to.deep.equal(e.timeline.slots(region, lo, hi).map(what));
      }
    }
  });

  it('a switch where nothing changes is no discontinuity and keeps every airing whole, with its id', () => {
    // Version 1 again, with an entry added far ahead: the slots are the same, so are the numbers.
    const later: TimelineInput = { ...V1, loop: false, entries: [...V1.entries, entry('e4', 'D', 900_000, 6)] };
    const one = joinEras([era({ ...V1, loop: false }, 0)], 1);
    const two = joinEras([era({ ...V1, loop: false }, 0), era(later, 505)], 2);
    for (const region of REGIONS) {
      expect(two.slots(region, 400, 700), region).to.deep.equal(one.slots(region, 400, 700));
      // A's run 501…507 spans the switch at 505: one airing, as before; a guide range that ends before the switch sees it whole.
      // (The slate after the last entry ends where version 2's new entry begins, far ahead: left out.)
      const ended = (tl: CompiledTimeline, a: number, b: number) => tl.airings(region, a, b).filter((x) => x.endMs < 2_000_000);
      expect(ended(two, 990_000, 1_100_000), region).to.deep.equal(ended(one, 990_000, 1_100_000));
      expect(ended(two, 1_002_000, 1_004_000), region).to.deep.equal(ended(one, 1_002_000, 1_004_000));
      expect(ended(two, 1_012_000, 1_014_000), region).to.deep.equal(ended(one, 1_012_000, 1_014_000));
      expect(ended(two, 1_002_000, 1_004_000)[0], region).to.include({ startMs: 1_002_000, endMs: 1_016_000 });
    }
  });

  it('an airing an edit cuts ends at the switch, and the guide before it keeps its items', () => {
    const before = joinEras([era(V1, 0)], 1);
    const after = joinEras([era(V1, 0), era(V2, S)], 2);
    const atMs = S * SEG;
    for (const region of REGIONS) {
      const past = before.airings(region, atMs - 7200_000, atMs + 3600_000).filter((a) => a.endMs <= atMs);
      expect(past.length, region).to.be.greaterThan(100);
      expect(after.airings(region, atMs - 7200_000, atMs + 3600_000), region).to.deep.include.members(past);
      const cut = after.airings(region, atMs - SEG, atMs).at(-1)!;
      const next = after.airings(region, atMs, atMs + SEG)[0]!;
      if (after.slots(region, S, S + 1)[0]!.discontinuity) {
        // What aired at the switch changed: the run before it ends there (a new id: it is shorter than planned), the next begins.
        expect([cut.endMs, next.startMs], region).to.deep.equal([atMs, atMs]);
        expect(before.airings(region, atMs - SEG, atMs).at(-1)!.endMs, region).to.be.greaterThan(atMs);
        expect(next.id).to.not.equal(cut.id);
      } else {
        // The US airs the slate on both sides: one run across the switch.
        expect(region).to.equal('US');
        expect(next).to.deep.equal(cut);
      }
      const ids = after.airings(region, atMs - 7200_000, atMs + 7200_000).map((a) => a.id);
      expect(new Set(ids).size, region).to.equal(ids.length);
    }
  });

  it('numbers stored when the eras before one are pruned give the same slots as those eras did', () => {
    const S2 = S + 900;
    const full = joinEras([era(V1, 0), era(V2, S), era(V3, S2)], 3);
    // What LiveStates stores when it prunes era 0: the number of era 1's first slot per named region and "*" for the others.
    const base: Record<string, number> = {};
    for (const r of [OTHER_REGIONS, 'CN', 'HK', 'FR']) base[r] = full.slots(r, S, S + 1)[0]!.cc;
    const pruned = joinEras([era(V2, S, base), era(V3, S2)], 3);
    // US and DE are named by no era: they air as "*". (Only the first slot's discontinuity flag, and the
    // start of the airing running at it, were the pruned eras' to tell: both older than the DVR window by then.)
    for (const region of [...REGIONS, 'DE']) {
      expect(pruned.slots(region, S, S + 1)[0]!.cc, region).to.equal(full.slots(region, S, S + 1)[0]!.cc);
      expect(pruned.slots(region, S + 1, S2 + 300), region).to.deep.equal(full.slots(region, S + 1, S2 + 300));
      expect(pruned.airings(region, S * SEG, (S2 + 300) * SEG).slice(1), region).to.deep.equal(full.airings(region, S * SEG, (S2 + 300) * SEG).slice(1));
    }
  });

  it('of two eras at the same slot the later decides; a single era answers as its own timeline', () => {
    const joined = joinEras([era(V1, 0), era(V3, S), era(V2, S)], 3);
    expect(joined.slots('FR', S, S + 50).map(what)).to.deep.equal(compileTimeline(V2).slots('FR', S, S + 50).map(what));
    const alone = compileTimeline(V1);
    expect(joinEras([era(V1, 0)], 1).slots('CN', 400, 900)).to.deep.equal(alone.slots('CN', 400, 900));
    expect(joinEras([era(V1, 0)], 1).airings('CN', 0, 2_000_000)).to.deep.equal(alone.airings('CN', 0, 2_000_000));
  });
});
