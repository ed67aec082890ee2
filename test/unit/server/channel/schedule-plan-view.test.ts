// The studio's plan (buildPlan), pure: readiness per entry, what each served region airs (the
// programme, the entry's alternative while it lasts, the slate), the "*" key for every other
// region on a worldwide channel, a regional channel's own regions only, rights that change
// within an entry, and the slate between entries clipped to the range; in loop mode, the
// entries' repeats in the range with their aired times, their numbers, what each region gets then
// (an alternative, a rights gap), the slate between them, and the cap on how many are listed.
import { expect } from 'chai';
import { buildPlan, OTHER_REGIONS, PLAN_MAX_REPEATS, type PlanInput, type PlanProgrammeFacts } from '../../../../server/channel/schedule-plan-view.js';
import type { Channel } from '../../../../server/channel/channels.js';
import type { TimelineEntry } from '../../../../server/channel/live-types.js';
import type { AvailabilityWindow } from '../../../../server/rights/index.js';

const T0 = Date.parse('2026-07-24T18:00:00.000Z');
const at = (sec: number) => new Date(T0 + sec * 1000);
const iso = (sec: number) => at(sec).toISOString();
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const A = ID(1);
const B = ID(2);
const C = ID(3);
const D = ID(4);

const channel = (over: Partial<Channel> = {}): Channel => ({ id: ID(100), slug: 'olympics', names: { en: 'Olympics' }, languages: ['en'], subtitleLanguages: [], regions: ['WW'], timezone: 'Europe/Paris', loop: false, ...over });
const ready = (id: string, durationSec: number, over: Partial<PlanProgrammeFacts> = {}): [string, PlanProgrammeFacts] => [id, { id, titles: { en: `title ${id.slice(-1)}` }, durationSec, hasRendition: true, published: true, unreadable: false, ...over }];
const open = (regions: string[], exclude: string[] = [], start = at(-86_400), end: Date | null = null): AvailabilityWindow => ({ regions, exclude, start, end });
const entry = (id: string, programmeId: string, startSec: number, durationSec: number, alternatives: Record<string, string | null> = {}): TimelineEntry => ({ id, programmeId, start: at(startSec), end: at(startSec + durationSec), alternatives });

function plan(over: Partial<PlanInput> & Pick<PlanInput, 'entries'>) {
  return buildPlan({
    channel: channel(),
    version: 3,
    programmes: new Map([ready(A, 600), ready(B, 300), ready(C, 300), ready(D, 600)]),
    windows: new Map([
      [A, [open(['WW'], ['CN'])]],
      [B, [open(['CN'])]],
      [C, [open(['FR'])]],
      [D, [open(['WW'])]],
    ]),
    from: at(-3600),
    to: at(3600),
    ...over,
  });
}

describe('channel: the studio plan (buildPlan)', () => {
  it('shows per served region what airs: the programme, the alternative while it lasts then the slate, or the slate; and the conflicts', () => {
    const p = plan({ entries: [entry(ID(11), A, 0, 600, { CN: B }), entry(ID(12), C, 700, 300)] });
    expect(p.regions).to.deep.equal(['CN', 'FR', OTHER_REGIONS]);
    const [first, second] = p.entries;
    expect(first!.status).to.equal('ready');
    expect(first!.regions).to.deep.equal([
      {
        region: 'CN',
        airs: [
          { programmeId: B, replaced: true, start: iso(0), end: iso(300) },
          { programmeId: null, replaced: true, start: iso(300), end: iso(600) },
        ],
      },
      { region: 'FR', airs: [{ programmeId: A, replaced: false, start: iso(0), end: iso(600) }] },
      { region: OTHER_REGIONS, airs: [{ programmeId: A, replaced: false, start: iso(0), end: iso(600) }] },
    ]);
    expect(first!.conflicts).to.deep.equal(['CN']);
    // C is licensed in FR alone: every other region gets the slate.
    expect(second!.conflicts).to.deep.equal(['CN', OTHER_REGIONS]);
    expect(second!.regions.find((r) => r.region === 'FR')!.airs).to.deep.equal([{ programmeId: C, replaced: false, start: iso(700), end: iso(1000) }]);
    expect(second!.regions.find((r) => r.region === 'CN')!.airs).to.deep.equal([{ programmeId: null, replaced: true, start: iso(700), end: iso(1000) }]);
    expect(p.gaps).to.deep.equal([
      { start: iso(-3600), end: iso(0) },
      { start: iso(600), end: iso(700) },
      { start: iso(1000), end: iso(3600) },
    ]);
    expect(Object.keys(p.programmes).sort()).to.deep.equal([A, B, C].sort());
    expect(p.programmes[B]).to.deep.equal({ id: B, titles: { en: 'title 2' }, durationSec: 300, status: 'ready', problems: [] });
    expect(p.version).to.equal(3);
    expect(p.timezone).to.equal('Europe/Paris');
  });

  it('flags a programme that is not ready, and shows the slate (or the alternative) wherever it was to air', () => {
    const programmes = new Map([ready(A, 600, { published: false }), ready(B, 300), ready(C, 300, { hasRendition: false }), ready(D, 600, { unreadable: true })]);
    const p = plan({ programmes, entries: [entry(ID(11), A, 0, 600, { CN: B }), entry(ID(12), C, 600, 300), entry(ID(13), D, 900, 600)] });
    expect(p.entries.map((e) => [e.status, e.problems])).to.deep.equal([
      ['not_ready', ['unpublished']],
      ['not_ready', ['no_rendition']],
      ['not_ready', ['unreadable']],
    ]);
    expect(p.entries[0]!.regions.find((r) => r.region === 'CN')!.airs[0]).to.deep.equal({ programmeId: B, replaced: true, start: iso(0), end: iso(300) });
    expect(p.entries[0]!.regions.find((r) => r.region === OTHER_REGIONS)!.airs).to.deep.equal([{ programmeId: null, replaced: true, start: iso(0), end: iso(600) }]);
    for (const e of p.entries.slice(1)) expect(e.conflicts).to.deep.equal(p.regions);
    expect(p.programmes[A]!.status).to.equal('not_ready');
  });

  it('shows a regional channel its own regions only, with no "*"', () => {
    const p = plan({ channel: channel({ regions: ['FR', 'DE'] }), entries: [entry(ID(11), C, 0, 300, { CN: B })] });
    expect(p.regions).to.deep.equal(['FR', 'DE']);
    expect(p.entries[0]!.conflicts).to.deep.equal(['DE']);
  });

  it('cuts an entry where its rights change: the programme, then the slate', () => {
    const windows = new Map([[A, [open(['WW'], [], at(-86_400), at(200))]]]);
    const p = plan({ windows, entries: [entry(ID(11), A, 0, 600)] });
    expect(p.regions).to.deep.equal([OTHER_REGIONS]);
    expect(p.entries[0]!.regions[0]!.airs).to.deep.equal([
      { programmeId: A, replaced: false, start: iso(0), end: iso(200) },
      { programmeId: null, replaced: true, start: iso(200), end: iso(600) },
    ]);
  });

  it('lists only the entries that overlap the range, and the slate there', () => {
    const entries = [entry(ID(11), D, 0, 600), entry(ID(12), D, 600, 600), entry(ID(13), D, 3000, 600)];
    const p = plan({ entries, from: at(900), to: at(2000) });
    expect(p.entries.map((e) => e.id)).to.deep.equal([ID(12)]);
    expect(p.gaps).to.deep.equal([{ start: iso(1200), end: iso(2000) }]);
    const empty = plan({ entries: [], from: at(0), to: at(60) });
    expect(empty.entries).to.deep.equal([]);
    expect(empty.gaps).to.deep.equal([{ start: iso(0), end: iso(60) }]);
    expect(empty.regions).to.deep.equal([OTHER_REGIONS]);
  });

  it('in loop mode, the schedule repeats after its last entry: no slate there', () => {
    const entries = [entry(ID(11), D, 0, 600), entry(ID(12), D, 600, 600)];
    const p = plan({ channel: channel({ loop: true }), entries, from: at(0), to: at(3600) });
    expect(p.gaps).to.deep.equal([]);
    expect(p.loop).to.equal(true);
  });

  describe('in loop mode, the repeats', () => {
    const loop = channel({ loop: true });
    // Entry 1: D (everywhere), 600 s; entry 2: A (not in CN; B there, 300 s), 600 s after a 100 s gap. The cycle: 1300 s.
    const entries = [entry(ID(11), D, 0, 600), entry(ID(12), A, 700, 600, { CN: B })];

    it('lists each repeat in the range with its times as it airs, its entry and number, and the slate between', () => {
      const p = plan({ channel: loop, entries, from: at(2600), to: at(4000) });
      expect(p.entries).to.deep.equal([]);
      expect(p.repeats.map((r) => [r.entryId, r.number, r.programmeId, r.entryStart, r.start, r.end])).to.deep.equal([
        [ID(11), 1, D, iso(0), iso(2600), iso(3200)],
        [ID(12), 2, A, iso(700), iso(3300), iso(3900)],
        [ID(11), 1, D, iso(0), iso(3900), iso(4500)],
      ]);
      expect(p.repeatsLeftOut).to.equal(0);
      expect(p.gaps).to.deep.equal([{ start: iso(3200), end: iso(3300) }]);
      expect(p.regions).to.deep.equal(['CN', OTHER_REGIONS]);
      // China gets the alternative, then the slate, during the repeat of entry 2 as during entry 2.
      const second = p.repeats[1]!;
      expect(second.conflicts).to.deep.equal(['CN']);
      expect(second.regions).to.deep.equal([
        {
          region: 'CN',
          airs: [
            { programmeId: B, replaced: true, start: iso(3300), end: iso(3600) },
            { programmeId: null, replaced: true, start: iso(3600), end: iso(3900) },
          ],
        },
        { region: OTHER_REGIONS, airs: [{ programmeId: A, replaced: false, start: iso(3300), end: iso(3900) }] },
      ]);
      expect(p.repeats[0]).to.deep.include({ status: 'ready', problems: [], conflicts: [] });
      expect(Object.keys(p.programmes).sort()).to.deep.equal([A, B, D].sort());
    });

    it('shows what a region gets instead where a repeat falls in a gap of its rights', () => {
      // D's rights close at 2800 and reopen at 3000: the repeat of entry 1 at 2600 airs D, the slate, D again.
      const windows = new Map([
        [A, [open(['WW'], ['CN'])]],
        [B, [open(['CN'])]],
        [D, [open(['WW'], [], at(-86_400), at(2800)), open(['WW'], [], at(3000))]],
      ]);
      const p = plan({ channel: loop, entries, windows, from: at(2600), to: at(3200) });
      expect(p.repeats).to.have.length(1);
      expect(p.regions).to.deep.equal([OTHER_REGIONS]);
      expect(p.repeats[0]!.conflicts).to.deep.equal([OTHER_REGIONS]);
      expect(p.repeats[0]!.regions.find((r) => r.region === OTHER_REGIONS)!.airs).to.deep.equal([
        { programmeId: D, replaced: false, start: iso(2600), end: iso(2800) },
        { programmeId: null, replaced: true, start: iso(2800), end: iso(3000) },
        { programmeId: D, replaced: false, start: iso(3000), end: iso(3200) },
      ]);
      // The stored entry itself, in the first cycle, is untouched by that gap.
      const first = plan({ channel: loop, entries, windows, from: at(0), to: at(600) });
      expect(first.entries[0]).to.deep.include({ number: 1, conflicts: [] });
      expect(first.repeats).to.deep.equal([]);
    });

    it('tells the stored entries from their repeats in one day, and lists a repeat that began before the range whole', () => {
      const p = plan({ channel: loop, entries, from: at(1000), to: at(1400) });
      expect(p.entries.map((e) => [e.id, e.number])).to.deep.equal([[ID(12), 2]]);
      expect(p.repeats.map((r) => [r.number, r.start, r.end])).to.deep.equal([[1, iso(1300), iso(1900)]]);
      const later = plan({ channel: loop, entries, from: at(1500), to: at(1600) });
      expect(later.repeats.map((r) => [r.number, r.start, r.end])).to.deep.equal([[1, iso(1300), iso(1900)]]);
      expect(later.repeats[0]!.regions).to.have.length(1);
      expect(later.repeats[0]!.regions[0]!.airs).to.deep.equal([{ programmeId: D, replaced: false, start: iso(1300), end: iso(1900) }]);
    });

    it('a one-entry loop off the grid: the entry airs from the next 2 s boundary and its repeats abut, each with its own airing', () => {
      const p = plan({ channel: loop, entries: [entry(ID(11), D, 1, 600)], from: at(0), to: at(1300) });
      expect(p.entries[0]!.regions[0]!.airs).to.deep.equal([{ programmeId: D, replaced: false, start: iso(2), end: iso(602) }]);
      expect(p.repeats.map((r) => [r.start, r.end, r.regions[0]!.airs.length])).to.deep.equal([
        [iso(602), iso(1202), 1],
        [iso(1202), iso(1802), 1],
      ]);
      expect(p.gaps).to.deep.equal([{ start: iso(0), end: iso(2) }]);
    });

    it(`lists at most ${PLAN_MAX_REPEATS} repeats and counts the others`, () => {
      const short = new Map([ready(D, 10)]);
      const p = plan({ channel: loop, programmes: short, entries: [entry(ID(11), D, 0, 10)], from: at(10), to: at(10 + 10 * (PLAN_MAX_REPEATS + 240)) });
      expect(p.repeats).to.have.length(PLAN_MAX_REPEATS);
      expect(p.repeatsLeftOut).to.equal(240);
      expect(p.repeats.at(-1)!.end).to.equal(iso(10 + 10 * PLAN_MAX_REPEATS));
    });

    it('are none without loop mode; entries are numbered over the whole schedule', () => {
      const p = plan({ entries, numberOffset: 4, from: at(1300), to: at(4000) });
      expect(p.repeats).to.deep.equal([]);
      expect(p.gaps).to.deep.equal([{ start: iso(1300), end: iso(4000) }]);
      expect(plan({ entries, numberOffset: 4 }).entries.map((e) => e.number)).to.deep.equal([5, 6]);
    });
  });
});
