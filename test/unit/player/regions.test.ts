// The player's built-in region table is a copy of the server's seed (the player may not import
// server code): this test is what keeps the copy true.
import { expect } from 'chai';
import { BUILT_IN_REGIONS, normalizeRegions, timezoneOf } from '../../../player/src/core/regions.js';
import { SEED_REGIONS } from '../../../server/regions/regions.js';

describe('player built-in regions', () => {
  it('equal the server seed, region for region (code, timezone, default locale, locales)', () => {
    const seed = SEED_REGIONS.map((r) => ({ code: r.code, timezone: r.timezone, defaultLocale: r.defaultLocale, locales: [...r.locales] }));
    expect(BUILT_IN_REGIONS).to.deep.equal(seed);
  });

  it('give a region its timezone until /api/regions answers', () => {
    expect(timezoneOf('JP', [])).to.equal('Asia/Tokyo');
    expect(timezoneOf('FR', normalizeRegions({ items: [{ code: 'FR', timezone: 'UTC' }] })!)).to.equal('UTC');
    expect(timezoneOf(null, BUILT_IN_REGIONS)).to.equal(undefined);
  });
});
