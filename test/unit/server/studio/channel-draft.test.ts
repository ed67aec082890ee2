// The studio's day editor model (server/studio/client/channels/draft.ts) and its time-zone
// arithmetic (zoned-time.ts), pure: stored entries → pinned or following; layout with the slate
// between; reorder keeps the times where they were; removal passes a pin on; the write replaces
// exactly the day; midnight in a zone, across a daylight-saving change too.
import { expect } from 'chai';
import { append, fromStored, layout, move, remove, toWrite, unchanged, type DayFrame } from '../../../../server/studio/client/channels/draft.js';
import { addDays, dateIn, dayStart, timeIn, zonedToUtc, zoneLabel } from '../../../../server/studio/client/channels/zoned-time.js';

const FROM = Date.parse('2030-07-23T15:00:00.000Z'); // midnight in Tokyo
const frame: DayFrame = { from: FROM, to: FROM + 86_400_000, carriedEnd: null };
const at = (sec: number) => FROM + sec * 1000;
const iso = (sec: number) => new Date(at(sec)).toISOString();
const lengths: Record<string, number> = { a: 600_000, b: 300_000, c: 1_200_000 };
const len = (id: string) => lengths[id] ?? 0;
const stored = (id: string, programmeId: string, startSec: number) => ({ id, programmeId, start: iso(startSec), end: iso(startSec + len(programmeId) / 1000), alternatives: {} });

describe('studio: the day editor model', () => {
  it('reads the day’s stored entries: the first pinned, the others pinned after a gap, entries of other days left out', () => {
    const d = fromStored([stored('x', 'a', -60), stored('1', 'a', 0), stored('2', 'b', 600), stored('3', 'c', 1000), stored('y', 'a', 86_400)], { ...frame, carriedEnd: at(540) });
    expect(d.map((e) => [e.storedId, e.start])).to.deep.equal([
      ['1', at(0)],
      ['2', null],
      ['3', at(1000)],
    ]);
    expect(layout(d, len, frame).map((l) => [l.start, l.end, l.gapBefore])).to.deep.equal([
      [at(0), at(600), 0],
      [at(600), at(900), 0],
      [at(1000), at(2200), 100_000],
    ]);
  });

  it('starts an unpinned first entry at midnight, or where the previous day’s entry ends; flags an overlap', () => {
    const d = append(append([], 'a'), 'b');
    expect(layout(d, len, frame).map((l) => l.start)).to.deep.equal([at(0), at(600)]);
    expect(layout(d, len, { ...frame, carriedEnd: at(90) }).map((l) => l.start)).to.deep.equal([at(90), at(690)]);
    const pinned = [d[0]!, { ...d[1]!, start: at(300) }];
    expect(layout(pinned, len, frame).map((l) => l.overlaps)).to.deep.equal([false, true]);
  });

  it('reorders the programmes and keeps the times in place; removal passes a pin to the entry that followed', () => {
    const d = fromStored([stored('1', 'a', 0), stored('2', 'b', 600), stored('3', 'c', 3600)], frame);
    const moved = move(d, 0, 1);
    expect(moved.map((e) => [e.programmeId, e.start])).to.deep.equal([
      ['b', at(0)],
      ['a', null],
      ['c', at(3600)],
    ]);
    expect(move(d, 0, -1)).to.deep.equal(d);
    expect(remove(d, 0).map((e) => [e.programmeId, e.start])).to.deep.equal([
      ['b', at(0)],
      ['c', at(3600)],
    ]);
    expect(remove(d, 1).map((e) => [e.programmeId, e.start])).to.deep.equal([
      ['a', at(0)],
      ['c', at(3600)],
    ]);
  });

  it('writes the day as [from, to): the first entry and pinned ones with their start, the others following', () => {
    const d = fromStored([stored('1', 'a', 0), stored('2', 'b', 600), stored('3', 'c', 3600)], frame);
    d[1]!.alternatives = { CN: null };
    const laid = layout(d, len, frame);
    expect(toWrite(laid, frame)).to.deep.equal({
      from: iso(0),
      to: iso(86_400),
      entries: [
        { programmeId: 'a', start: iso(0), alternatives: {} },
        { programmeId: 'b', alternatives: { CN: null } },
        { programmeId: 'c', start: iso(3600), alternatives: {} },
      ],
    });
    const byId = new Map([stored('1', 'a', 0), stored('2', 'b', 600), stored('3', 'c', 3600)].map((e) => [e.id, e]));
    expect(laid.map((l) => unchanged(l, byId))).to.deep.equal([true, false, true]);
    expect(toWrite(layout([], len, frame), frame).entries).to.deep.equal([]);
  });
});

describe('studio: times in a channel’s zone', () => {
  it('finds midnight and reads wall-clock times in the zone', () => {
    expect(new Date(dayStart('2030-07-24', 'Asia/Tokyo')).toISOString()).to.equal('2030-07-23T15:00:00.000Z');
    expect(new Date(dayStart('2030-07-24', 'America/New_York')).toISOString()).to.equal('2030-07-24T04:00:00.000Z');
    expect(dateIn(Date.parse('2030-07-23T15:00:00Z'), 'Asia/Tokyo')).to.equal('2030-07-24');
    expect(timeIn(Date.parse('2030-07-23T15:20:05Z'), 'Asia/Tokyo')).to.equal('00:20:05');
    expect(new Date(zonedToUtc('2030-01-15', '18:30', 'Europe/Paris')).toISOString()).to.equal('2030-01-15T17:30:00.000Z');
    expect(addDays('2030-12-31', 1)).to.equal('2031-01-01');
    expect(zoneLabel('Asia/Tokyo', FROM)).to.equal('Asia/Tokyo (Japan Standard Time)');
  });

  it('makes a day of 23 or 25 hours across a daylight-saving change', () => {
    const length = (date: string) => (dayStart(addDays(date, 1), 'Europe/Paris') - dayStart(date, 'Europe/Paris')) / 3_600_000;
    expect(length('2030-03-31')).to.equal(23);
    expect(length('2030-10-27')).to.equal(25);
    expect(length('2030-07-24')).to.equal(24);
    // 02:30 does not exist on 31 March in Paris: the time after the gap.
    expect(new Date(zonedToUtc('2030-03-31', '02:30', 'Europe/Paris')).toISOString()).to.equal('2030-03-31T01:30:00.000Z');
  });
});
