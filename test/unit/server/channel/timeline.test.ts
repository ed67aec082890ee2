// The compiled timeline against a slot-by-slot reference: the rule applied literally to
// every slot (programme if its rights cover the region then; else the region's alternative at the
// same offset while it lasts; else the slate), and discontinuities counted one slot at a time from
// slot 1. The compiled timeline counts whole loop cycles at once; both must agree everywhere.
import { expect } from 'chai';
import { compileTimeline } from '../../../../server/channel/timeline.js';
import type { TimelineEntry, TimelineInput } from '../../../../server/channel/live-types.js';

const SEG = 2000;
const SLATE = 'slate-0000';

interface Window { programmeId: string; regions: string[]; start: number; end: number | null }

function rightsOf(windows: Window[]): TimelineInput['rights'] {
  return {
    available: (id, region, at) => windows.some((w) => w.programmeId === id && w.regions.includes(region) && w.start <= at && (w.end === null || at < w.end)),
    changes: (id) => windows.filter((w) => w.programmeId === id).flatMap((w) => (w.end === null ? [w.start] : [w.start, w.end])),
  };
}

/** The rule applied to one slot, from scratch. */
function reference(input: TimelineInput, region: string, slot: number): { programmeId: string; segment: number } {
  const L = input.slate.segments;
  const placed = [...input.entries]
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((e) => ({ e, from: Math.ceil(e.start.getTime() / SEG), n: input.segmentCounts.get(e.programmeId)! }));
  placed.forEach((p, i) => {
    const next = placed[i + 1];
    if (next) p.n = Math.min(p.n, next.from - p.from);
  });
  const first = placed[0]!.from;
  const cycle = placed.at(-1)!.from + placed.at(-1)!.n - first;
  if (slot < first) return { programmeId: SLATE, segment: ((slot % L) + L) % L };
  let local = slot;
  if (input.loop) local = first + ((slot - first) % cycle);
  else if (slot >= first + cycle) return { programmeId: SLATE, segment: (slot - first - cycle) % L };
  const shift = slot - local;
  for (let i = 0; i < placed.length; i++) {
    const p = placed[i]!;
    const a = p.from + shift;
    if (slot >= a && slot < a + p.n) {
      const j = slot - a;
      const t = slot * SEG;
      if (input.rights.available(p.e.programmeId, region, t)) return { programmeId: p.e.programmeId, segment: j };
      const alt = p.e.alternatives[region];
      if (alt && input.rights.available(alt, region, t) && j < input.segmentCounts.get(alt)!) return { programmeId: alt, segment: j };
      return { programmeId: SLATE, segment: j % L };
    }
    const nextFrom = placed[i + 1] ? placed[i + 1]!.from + shift : Infinity;
    if (slot >= a + p.n && slot < nextFrom) return { programmeId: SLATE, segment: (slot - a - p.n) % L };
  }
  throw new Error(`slot ${slot} not placed`);
}

const entry = (id: string, programmeId: string, startSec: number, lenSegs: number, alternatives: Record<string, string | null> = {}): TimelineEntry => ({
  id,
  programmeId,
  start: new Date(startSec * 1000),
  end: new Date(startSec * 1000 + lenSegs * SEG),
  alternatives,
});

describe('channel timeline (compiled) vs the slot-by-slot rule', () => {
  // Programme A: 7 segments, B: 5, C: 4 (C is B's alternative in CN, shorter than B), a gap after B, slate of 3.
  const counts = new Map([['A', 7], ['B', 5], ['C', 4]]);
  const windows: Window[] = [
    { programmeId: 'A', regions: ['FR', 'CN', 'HK'], start: 0, end: null },
    // B: everywhere but CN, and in HK only until a cut that falls mid-programme in some later cycle.
    { programmeId: 'B', regions: ['FR'], start: 0, end: null },
    { programmeId: 'B', regions: ['HK'], start: 0, end: 1_000_000 + 13_000 },
    { programmeId: 'C', regions: ['CN'], start: 1_000_300, end: 1_150_000 },
  ];
  const input: TimelineInput = {
    version: 1,
    loop: true,
    segmentMs: SEG,
    // A starts at 1000.5 s (aired from the next boundary), B follows, then a 6-segment gap.
    entries: [entry('e1', 'A', 1000.5, 7), entry('e2', 'B', 1015, 5, { CN: 'C', HK: null })],
    slate: { programmeId: SLATE, segments: 3 },
    segmentCounts: counts,
    rights: rightsOf(windows),
  };
  input.entries = [...input.entries, entry('e3', 'A', 1037, 7)];

  for (const loop of [true, false]) {
    it(`${loop ? 'loop' : 'one-off'}: every slot, discontinuity and discontinuity count agree with the reference over 4000 slots`, () => {
      const tl = compileTimeline({ ...input, loop });
      for (const region of ['FR', 'CN', 'HK', 'US']) {
        let cc = 0;
        let prev = reference({ ...input, loop }, region, 0);
        const from = 1;
        const to = 4000;
        const refs: { programmeId: string; segment: number; disc: boolean; cc: number }[] = [];
        for (let s = from; s < to; s++) {
          const r = reference({ ...input, loop }, region, s);
          const disc = !(r.programmeId === prev.programmeId && r.segment === prev.segment + 1);
          if (disc) cc++;
          refs.push({ ...r, disc, cc });
          prev = r;
        }
        // Windows of several sizes starting anywhere: each must match the reference (cc counted from slot 1).
        // The count's origin: the slot before the first entry (501) is 2^16.
        const origin = refs[500 - from]!.cc;
        const base = 2 ** 16;
        for (const [a, n] of [[1, 3999], [495, 40], [540, 300], [1234, 77], [3900, 99]] as const) {
          const got = tl.slots(region, a, a + n).map((g) => ({ ...g, cc: g.cc - base + origin }));
          expect(got.map((g) => g.slot)).to.deep.equal(Array.from({ length: n }, (_, i) => a + i));
          got.forEach((g, i) => {
            const r = refs[a + i - from]!;
            expect([g.programmeId, g.segment, g.discontinuity, g.cc, g.slate], `${region} slot ${g.slot}`).to.deep.equal([r.programmeId, r.segment, r.disc, r.cc, r.programmeId === SLATE]);
            expect(g.startMs).to.equal(g.slot * SEG);
          });
        }
      }
    });
  }

  it('the rule holds in the region that sees a programme replaced: CN gets C then the slate for B; HK gets the slate after its cut', () => {
    const tl = compileTimeline(input);
    // A airs from slot 501 (1000.5 s rounded up to the grid) for 7 slots: B's entry from slot 508.
    const b0 = 508;
    // Cycle 0: C opens at 1_000_300 ms (slot 500.15 → 501): B's slots in CN air C at offsets 0..3, then slate.
    const cn = tl.slots('CN', b0, b0 + 5).map((s) => `${s.programmeId}:${s.segment}`);
    expect(cn).to.deep.equal(['C:0', 'C:1', 'C:2', 'C:3', `${SLATE}:1`]);
    const hk = tl.slots('HK', b0, b0 + 5).map((s) => `${s.programmeId}:${s.segment}`);
    // B in HK until 1_013 000 ms → before B airs at all (slot 507 = 1014 s): the slate (null alternative).
    expect(hk).to.deep.equal([`${SLATE}:0`, `${SLATE}:1`, `${SLATE}:2`, `${SLATE}:0`, `${SLATE}:1`]);
  });

  it('airings: one per programme run, slate runs merged per entry, ids unique, times on the grid', () => {
    const tl = compileTimeline(input);
    const list = tl.airings('CN', 1000_000, 1100_000);
    expect(new Set(list.map((a) => a.id)).size).to.equal(list.length);
    for (let i = 1; i < list.length; i++) expect(list[i]!.startMs).to.equal(list[i - 1]!.endMs);
    const c = list.find((a) => a.programmeId === 'C')!;
    expect(c).to.include({ entryId: 'e2', replaced: true, slate: false, firstSegment: 0, startMs: 1016_000, endMs: 1024_000 });
    // B's slot after C is the slate within entry e2, then the gap's slate (entry null): two airings.
    const after = list.filter((a) => a.startMs >= 1024_000 && a.slate).slice(0, 2);
    expect(after.map((a) => a.entryId)).to.deep.equal(['e2', null]);
  });

  it('a loop started a year ago answers at once and its count never goes back', () => {
    const year = 365 * 86400_000;
    const now = Date.UTC(2026, 11, 3);
    const tl = compileTimeline({
      ...input,
      entries: [entry('e1', 'A', (now - year) / 1000, 7), entry('e2', 'B', (now - year) / 1000 + 14, 5, { CN: 'C' })],
      rights: rightsOf([{ programmeId: 'A', regions: ['FR'], start: 0, end: null }, { programmeId: 'B', regions: ['FR'], start: now - 86400_000, end: now - 3600_000 }]),
    });
    const edge = Math.floor(now / SEG);
    const w1 = tl.slots('FR', edge - 3600, edge);
    const w2 = tl.slots('FR', edge - 3599, edge + 1);
    expect(w2[0]).to.deep.equal(w1[1]);
    expect(w2.at(-1)!.cc).to.be.at.least(w1.at(-1)!.cc);
    // Counted from another starting slot (another cycle), the same slot gets the same number.
    expect(tl.slots('FR', edge - 1, edge)[0]).to.deep.equal(w1.at(-1));
    expect(tl.slots('FR', edge - 1801, edge - 1800)[0]).to.deep.equal(w1[1799]);
    // B's rights ended an hour ago: the last hour airs the slate in B's slots; the hour before it airs B.
    expect(w1.slice(-1790).some((s) => s.programmeId === 'B')).to.equal(false);
    expect(w1.slice(0, 1790).some((s) => s.programmeId === 'B')).to.equal(true);
  });

  it('an edit of what has not aired keeps every aired slot’s number, and the numbers stay small', () => {
    const v1 = compileTimeline({ ...input, loop: false });
    // Version 2 adds an entry after the last one: what aired before it is unchanged, to its numbers.
    const v2 = compileTimeline({ ...input, loop: false, version: 2, entries: [...input.entries, entry('e4', 'B', 1060, 5)] });
    expect(v2.slots('FR', 400, 530)).to.deep.equal(v1.slots('FR', 400, 530));
    // Counted from the first entry, not from 1970: a year of a 38-slot loop stays far below 2^31.
    const [late] = compileTimeline(input).slots('FR', 501 + 365 * 43_200, 501 + 365 * 43_200 + 1);
    expect(late!.cc).to.be.within(2 ** 16, 2 ** 31);
  });
});
