import { expect } from 'chai';
import {
  isAvailable,
  nextOpening,
  availableUntil,
  decide,
  defaultWindows,
  parseDefaultAvailability,
  defaultAvailabilitySchema,
  type AvailabilityWindow,
} from '../../../../server/rights/index.js';

const d = (s: string) => new Date(s);
const w = (regions: string[], start: string, end: string | null, exclude: string[] = []): AvailabilityWindow => ({
  regions,
  exclude,
  start: d(start),
  end: end ? d(end) : null,
});

describe('rights windows', () => {
  // Paris 2024: CN and MO share a rights territory; HK has its own holder, later.
  const paris = [w(['CN', 'MO'], '2024-07-26T00:00:00Z', '2024-08-12T00:00:00Z'), w(['HK'], '2024-08-01T00:00:00Z', null)];

  it('covers listed regions inside the window only', () => {
    const mid = d('2024-07-30T12:00:00Z');
    expect(isAvailable(paris, 'CN', mid)).to.equal(true);
    expect(isAvailable(paris, 'MO', mid)).to.equal(true);
    expect(isAvailable(paris, 'mo', mid)).to.equal(true);
    expect(isAvailable(paris, 'HK', mid)).to.equal(false);
    expect(isAvailable(paris, 'FR', mid)).to.equal(false);
  });

  it('start is inclusive, end exclusive', () => {
    expect(isAvailable(paris, 'CN', d('2024-07-26T00:00:00Z'))).to.equal(true);
    expect(isAvailable(paris, 'CN', d('2024-07-25T23:59:59.999Z'))).to.equal(false);
    expect(isAvailable(paris, 'CN', d('2024-08-12T00:00:00Z'))).to.equal(false);
  });

  it('WW with exclusions', () => {
    const ww = [w(['WW'], '2024-01-01T00:00:00Z', null, ['CN', 'MO'])];
    const now = d('2025-01-01T00:00:00Z');
    expect(isAvailable(ww, 'FR', now)).to.equal(true);
    expect(isAvailable(ww, 'IT', now)).to.equal(true);
    expect(isAvailable(ww, 'CN', now)).to.equal(false);
    expect(decide(ww, 'CN', now).reason).to.equal('region_excluded');
  });

  it('reports the next opening for availableFrom', () => {
    const now = d('2024-07-30T00:00:00Z');
    expect(nextOpening(paris, 'HK', now)).to.deep.equal(d('2024-08-01T00:00:00Z'));
    expect(nextOpening(paris, 'FR', now)).to.equal(null);
    expect(nextOpening(paris, 'CN', now)).to.equal(null);
    const two = [w(['FR'], '2030-01-01T00:00:00Z', null), w(['FR'], '2029-01-01T00:00:00Z', '2029-02-01T00:00:00Z')];
    expect(nextOpening(two, 'FR', now)).to.deep.equal(d('2029-01-01T00:00:00Z'));
  });

  it('decides with reasons and when the answer changes', () => {
    const before = d('2024-07-01T00:00:00Z');
    expect(decide(paris, 'HK', before)).to.deep.equal({
      available: false,
      reason: 'not_yet_open',
      availableFrom: d('2024-08-01T00:00:00Z'),
      changesAt: d('2024-08-01T00:00:00Z'),
    });
    expect(decide(paris, 'CN', d('2024-08-20T00:00:00Z')).reason).to.equal('expired');
    expect(decide(paris, 'FR', before).reason).to.equal('region_not_licensed');
    expect(decide([], 'FR', before).reason).to.equal('no_windows');
    const open = decide(paris, 'CN', d('2024-07-30T00:00:00Z'));
    expect(open).to.deep.include({ available: true, reason: 'open', availableFrom: null });
    expect(open.changesAt).to.deep.equal(d('2024-08-12T00:00:00Z'));
    expect(decide(paris, 'HK', d('2024-09-01T00:00:00Z')).changesAt).to.equal(null);
  });

  it('availableUntil chains overlapping and adjacent windows', () => {
    const chain = [
      w(['FR'], '2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'),
      w(['WW'], '2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z'),
      w(['FR'], '2024-02-15T00:00:00Z', '2024-04-01T00:00:00Z'),
      w(['FR'], '2024-05-01T00:00:00Z', null),
    ];
    expect(availableUntil(chain, 'FR', d('2024-01-10T00:00:00Z'))).to.deep.equal(d('2024-04-01T00:00:00Z'));
    expect(availableUntil(chain, 'DE', d('2024-02-10T00:00:00Z'))).to.deep.equal(d('2024-03-01T00:00:00Z'));
    expect(availableUntil(chain, 'FR', d('2024-06-01T00:00:00Z'))).to.equal(null);
  });
});

describe('default availability policy', () => {
  it('defaults to worldwide, open-ended from creation', () => {
    const now = d('2026-07-24T00:00:00Z');
    expect(parseDefaultAvailability(undefined)).to.equal('worldwide');
    expect(parseDefaultAvailability('')).to.equal('worldwide');
    expect(parseDefaultAvailability(' None ')).to.equal('none');
    expect(defaultWindows('worldwide', now)).to.deep.equal([{ regions: ['WW'], exclude: [], start: now, end: null }]);
    expect(defaultWindows('none', now)).to.deep.equal([]);
    expect(isAvailable(defaultWindows('worldwide', now), 'KR', now)).to.equal(true);
  });

  it('rejects other values naming the variable', () => {
    expect(() => parseDefaultAvailability('everywhere')).to.throw(/PODIUM_DEFAULT_AVAILABILITY/);
    expect(defaultAvailabilitySchema.safeParse('CN').success).to.equal(false);
  });
});
