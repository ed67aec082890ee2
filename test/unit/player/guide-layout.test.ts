// The live page's guide grid as data (player/src/core/guide-layout.ts): days and times on the
// channel's clock in the viewer's language, row states, start-over inside the DVR window only,
// the cut around "now" for a guide of many short programmes.
import { expect } from 'chai';
import { guideFormats, layoutGuide, rowState, zoneName } from '../../../player/src/core/guide-layout.js';
import type { GuideItem } from '../../../server/contracts/index.js';

const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;
// 22:30 UTC on 24 July: already 25 July in Tokyo, still 24 July in Paris and New York
const NOW = Date.parse('2026-07-24T22:30:00Z');

function item(n: number, startMs: number, endMs: number): GuideItem {
  return { programmeId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, title: `P${n}`, synopsis: '', locale: 'en', fallback: false, start: iso(startMs), end: iso(endMs), sportCode: null };
}

describe('player: guide grid layout', () => {
  const items = [
    item(1, NOW - 180 * MIN, NOW - 150 * MIN), // before the 2 h DVR window
    item(2, NOW - 90 * MIN, NOW - 30 * MIN), // past, inside the window
    item(3, NOW - 30 * MIN, NOW + 30 * MIN), // on air
    item(4, NOW + 30 * MIN, NOW + 90 * MIN), // to come
  ];

  it('rows are past, on air or to come; start-over only for what began inside the DVR window', () => {
    const [day] = layoutGuide(items, { locale: 'en', timeZone: 'UTC', nowMs: NOW, dvrSec: 7200 });
    expect(day!.rows.map((r) => [r.item.title, r.state, r.startOver])).to.deep.equal([
      ['P1', 'past', false],
      ['P2', 'past', true],
      ['P3', 'now', true],
      ['P4', 'future', false],
    ]);
    // the boundary: a programme that began exactly dvrSec ago can still be started over, one ms earlier not
    expect(rowState(NOW - 7200_000, NOW - 60_000, NOW, 7200).startOver).to.equal(true);
    expect(rowState(NOW - 7200_001, NOW - 60_000, NOW, 7200).startOver).to.equal(false);
    // ended exactly now: past; starts exactly now: on air
    expect(rowState(NOW - MIN, NOW, NOW, 7200).state).to.equal('past');
    expect(rowState(NOW, NOW + MIN, NOW, 7200).state).to.equal('now');
  });

  it('times and days are on the channel’s clock, in the viewer’s language', () => {
    const paris = layoutGuide(items, { locale: 'en-GB', timeZone: 'Europe/Paris', nowMs: NOW, dvrSec: 7200 });
    // Paris is UTC+2 in July: P3 runs 00:00–01:00 on 25 July, P1 and P2 on the 24th
    expect(paris.map((d) => d.key)).to.deep.equal(['2026-07-24', '2026-07-25']);
    expect(paris[0]!.label).to.equal('Friday 24 July');
    expect(paris[1]!.rows[0]!.startLabel).to.match(/^0?0:00$/);
    expect(paris[1]!.rows[0]!.time).to.match(/^0?0:00\s*–\s*0?1:00$/);
    const ny = layoutGuide(items, { locale: 'en-US', timeZone: 'America/New_York', nowMs: NOW, dvrSec: 7200 });
    expect(ny.map((d) => d.key)).to.deep.equal(['2026-07-24']);
    expect(ny[0]!.rows[2]!.startLabel).to.equal('6:00 PM');
    const tokyo = layoutGuide(items, { locale: 'ja', timeZone: 'Asia/Tokyo', nowMs: NOW, dvrSec: 7200 });
    expect(tokyo.map((d) => d.key)).to.deep.equal(['2026-07-25']);
    expect(tokyo[0]!.label).to.equal('7月25日土曜日');
    expect(tokyo[0]!.rows[2]!.startLabel).to.equal('7:00');
    const riyadh = layoutGuide(items, { locale: 'ar', timeZone: 'Asia/Riyadh', nowMs: NOW, dvrSec: 7200 });
    expect(riyadh[0]!.label).to.match(/[\u0600-\u06FF]/);
  });

  it('names the zone in the viewer’s language', () => {
    expect(zoneName('en', 'Europe/Paris', NOW)).to.equal('Central European Time');
    expect(zoneName('fr', 'Europe/Paris', NOW)).to.equal('heure d’Europe centrale');
    expect(zoneName('en', 'UTC', NOW)).to.equal('Coordinated Universal Time');
    expect(zoneName('zh-Hant', 'Asia/Taipei', NOW)).to.match(/^台北.*時間$/);
    expect(zoneName('en', 'Not/AZone', NOW)).to.equal('Not/AZone');
  });

  it('an unknown zone falls back to the device’s rather than failing', () => {
    const f = guideFormats('en', 'Not/AZone');
    expect(f.time(NOW)).to.be.a('string').and.not.equal('');
  });

  it('marks the programme being watched (behind the live edge) apart from the one on air', () => {
    const [day] = layoutGuide(items, { locale: 'en', timeZone: 'UTC', nowMs: NOW, dvrSec: 7200, playingMs: NOW - 60 * MIN });
    expect(day!.rows.filter((r) => r.playing).map((r) => r.item.title)).to.deep.equal(['P2']);
    expect(day!.rows.filter((r) => r.state === 'now').map((r) => r.item.title)).to.deep.equal(['P3']);
  });

  it('a guide of many short programmes is cut around what airs now; broken entries are left out', () => {
    const clips = Array.from({ length: 200 }, (_, i) => item(i, NOW + (i - 100) * MIN, NOW + (i - 99) * MIN));
    const broken = { ...item(999, NOW, NOW), start: 'not a date' };
    const days = layoutGuide([...clips, broken], { locale: 'en', timeZone: 'UTC', nowMs: NOW + 30_000, dvrSec: 7200, maxPastRows: 5, maxRows: 12 });
    const rows = days.flatMap((d) => d.rows);
    expect(rows).to.have.length(12);
    expect(rows[0]!.item.title).to.equal('P95');
    expect(rows[5]!.state).to.equal('now');
    expect(rows[5]!.item.title).to.equal('P100');
  });
});
