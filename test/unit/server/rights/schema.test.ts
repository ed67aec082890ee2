import { expect } from 'chai';
import { parseAvailabilityBody, serializeWindows, deserializeWindows, formatPath } from '../../../../server/rights/index.js';

const ok = { windows: [{ regions: ['CN', 'mo'], exclude: [], start: '2026-07-24T00:00:00Z', end: null }] };

describe('availability body schema', () => {
  it('accepts the documented shape and normalizes codes and dates', () => {
    const r = parseAvailabilityBody(ok);
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.value.windows[0]).to.deep.equal({ regions: ['CN', 'MO'], exclude: [], start: new Date('2026-07-24T00:00:00Z'), end: null });
    const ww = parseAvailabilityBody({ windows: [{ regions: ['WW'], exclude: ['CN'], start: '2026-07-24T08:00:00+08:00' }] });
    expect(ww.ok && ww.value.windows[0]!.start.toISOString()).to.equal('2026-07-24T00:00:00.000Z');
    expect(parseAvailabilityBody({ windows: [] }).ok).to.equal(true);
  });

  const bad: [string, unknown, string][] = [
    ['end before start', { windows: [{ regions: ['CN'], start: '2026-07-24T00:00:00Z', end: '2026-07-01T00:00:00Z' }] }, 'windows[0].end'],
    ['end equal to start', { windows: [ok.windows[0], { regions: ['FR'], start: '2026-07-24T00:00:00Z', end: '2026-07-24T00:00:00Z' }] }, 'windows[1].end'],
    ['unknown region', { windows: [{ regions: ['CN', 'ZZ'], start: '2026-07-24T00:00:00Z' }] }, 'windows[0].regions[1]'],
    ['unknown excluded region', { windows: [{ regions: ['WW'], exclude: ['XX'], start: '2026-07-24T00:00:00Z' }] }, 'windows[0].exclude[0]'],
    ['WW excluded', { windows: [{ regions: ['WW'], exclude: ['WW'], start: '2026-07-24T00:00:00Z' }] }, 'windows[0].exclude'],
    ['WW mixed with regions', { windows: [{ regions: ['WW', 'FR'], start: '2026-07-24T00:00:00Z' }] }, 'windows[0].regions'],
    ['no region', { windows: [{ regions: [], start: '2026-07-24T00:00:00Z' }] }, 'windows[0].regions'],
    ['date without zone', { windows: [{ regions: ['FR'], start: '2026-07-24T00:00:00' }] }, 'windows[0].start'],
    ['not a date', { windows: [{ regions: ['FR'], start: 'tomorrow' }] }, 'windows[0].start'],
    ['missing start', { windows: [{ regions: ['FR'] }] }, 'windows[0].start'],
    ['unknown key', { windows: [{ regions: ['FR'], start: '2026-07-24T00:00:00Z', country: 'FR' }] }, 'windows[0]'],
    ['windows not an array', { windows: {} }, 'windows'],
    ['no body', null, 'body'],
  ];
  for (const [name, body, field] of bad) {
    it(`rejects ${name} naming ${field}`, () => {
      const r = parseAvailabilityBody(body);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.field).to.equal(field);
      expect(r.message.startsWith(`${field}: `)).to.equal(true);
    });
  }

  it('round-trips through storage JSON', () => {
    const r = parseAvailabilityBody(ok);
    if (!r.ok) throw new Error('expected ok');
    const json = JSON.stringify(serializeWindows(r.value.windows));
    expect(deserializeWindows(json)).to.deep.equal(r.value.windows);
    expect(() => deserializeWindows('[{"regions":["QQ"],"start":"2026-07-24T00:00:00Z"}]')).to.throw(/\[0\]\.regions\[0\]/);
  });

  it('formats paths', () => {
    expect(formatPath(['windows', 3, 'exclude', 0])).to.equal('windows[3].exclude[0]');
    expect(formatPath([])).to.equal('');
  });
});
