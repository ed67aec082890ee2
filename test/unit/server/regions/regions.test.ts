import { expect } from 'chai';
import {
  RegionTable,
  SEED_REGIONS,
  createRegionResolver,
  regionSelectable,
  normalizeRegionCode,
  ISO_3166_ALPHA2,
} from '../../../../server/regions/index.js';
import { localeKey } from '../../../../server/locale-fallback/index.js';

describe('regions', () => {
  const table = new RegionTable();

  it('seeds every territory the issue names, plus WW', () => {
    for (const c of ['CN', 'HK', 'MO', 'TW', 'SG', 'JP', 'KR', 'FR', 'CH', 'DE', 'ES', 'GB', 'US', 'BR', 'SA', 'WW']) {
      expect(table.has(c), c).to.equal(true);
    }
  });

  it('gives Macao and Hong Kong Traditional Chinese and mainland China Simplified', () => {
    expect(localeKey(table.get('MO')!.defaultLocale)).to.equal('zh-Hant-MO');
    expect(localeKey(table.get('HK')!.defaultLocale)).to.equal('zh-Hant-HK');
    expect(localeKey(table.get('TW')!.defaultLocale)).to.equal('zh-Hant-TW');
    expect(localeKey(table.get('CN')!.defaultLocale)).to.equal('zh-Hans-CN');
    expect(table.get('SG')!.locales.map(localeKey)).to.include('zh-Hans-SG');
    expect(table.get('CH')!.locales.map((l) => l.slice(0, 2))).to.include.members(['de', 'fr', 'it']);
    expect(table.get('SA')!.defaultLocale.startsWith('ar')).to.equal(true);
  });

  it('has valid locales and IANA timezones for every seeded region', () => {
    for (const r of SEED_REGIONS) {
      expect(r.locales[0]).to.equal(r.defaultLocale);
      for (const l of r.locales) expect(localeKey(l), `${r.code} ${l}`).to.be.a('string');
      expect(() => new Intl.DateTimeFormat('en', { timeZone: r.timezone }), r.timezone).not.to.throw();
      expect(Object.isFrozen(r)).to.equal(true);
    }
  });

  it('looks up case-insensitively and falls back to WW for assigned but unseeded countries', () => {
    expect(table.get('fr')!.code).to.equal('FR');
    expect(table.get('IT')).to.equal(undefined);
    expect(table.profile('IT').code).to.equal('WW');
    expect(table.profile('garbage').code).to.equal('WW');
    expect(table.get(undefined)).to.equal(undefined);
    expect(table.get({})).to.equal(undefined);
  });

  it('validates the alpha-2 shape and the assignment', () => {
    expect(ISO_3166_ALPHA2.size).to.equal(249);
    expect(normalizeRegionCode('mo')).to.equal('MO');
    expect(normalizeRegionCode('WW')).to.equal('WW');
    expect(normalizeRegionCode('WW', { allowWorldwide: false })).to.equal(null);
    for (const bad of ['ZZ', 'XX', 'T1', 'EU', 'FRA', 'F', '', 'é1', null, 42, ['FR']]) {
      expect(normalizeRegionCode(bad), String(bad)).to.equal(null);
    }
  });

  it('rejects malformed tables', () => {
    expect(() => new RegionTable([])).to.throw(/WW/);
    expect(() => new RegionTable([...SEED_REGIONS, SEED_REGIONS[1]!])).to.throw(/duplicate/);
    expect(() => new RegionTable([{ ...SEED_REGIONS[0]!, code: 'XX' }])).to.throw(/bad code/);
  });
});

describe('region resolver', () => {
  const resolve = createRegionResolver({ trustedHeader: 'CloudFront-Viewer-Country', defaultRegion: 'fr' });

  it('with a trusted header: the header, then the default; ?region= never decides', () => {
    expect(resolve({ query: { region: 'hk' }, headers: { 'cloudfront-viewer-country': 'CN' } })).to.deep.equal({ region: 'CN', source: 'header' });
    expect(resolve({ query: {}, headers: { 'cloudfront-viewer-country': 'CN' } })).to.deep.equal({ region: 'CN', source: 'header' });
    // the CDN could not place the viewer (or the header is missing): the default, not the query's pick
    expect(resolve({ query: { region: 'HK' }, headers: { 'cloudfront-viewer-country': 'XX' } })).to.deep.equal({ region: 'FR', source: 'default' });
    expect(resolve({ query: { region: 'HK' } })).to.deep.equal({ region: 'FR', source: 'default' });
    expect(resolve({})).to.deep.equal({ region: 'FR', source: 'default' });
    expect(regionSelectable('CloudFront-Viewer-Country')).to.equal(false);
  });

  it('without a trusted header: ?region=, then the default', () => {
    const r = createRegionResolver({ defaultRegion: 'WW' });
    expect(r({ query: { region: 'hk' } })).to.deep.equal({ region: 'HK', source: 'query' });
    expect(r({ query: {} })).to.deep.equal({ region: 'WW', source: 'default' });
    expect(regionSelectable(null)).to.equal(true);
  });

  it('skips invalid values instead of failing', () => {
    const r = createRegionResolver({ defaultRegion: 'FR' });
    expect(r({ query: { region: 'ZZ' } }).source).to.equal('default');
    expect(r({ query: { region: ['MO', 'HK'] } }).region).to.equal('MO');
    expect(r({ query: { region: { $gt: '' } } }).source).to.equal('default');
    expect(resolve({ headers: { 'cloudfront-viewer-country': 'XX' } }).source).to.equal('default');
    expect(resolve({ headers: { 'cloudfront-viewer-country': ['JP', 'CN'] } }).region).to.equal('JP');
    expect(resolve({ headers: { 'cloudfront-viewer-country': 'WW' } }).source).to.equal('default');
  });

  it('ignores CDN headers unless one is configured as trusted', () => {
    const r = createRegionResolver({ defaultRegion: 'WW' });
    expect(r({ headers: { 'cf-ipcountry': 'CN' } })).to.deep.equal({ region: 'WW', source: 'default' });
  });

  it('refuses a bad default at construction', () => {
    expect(() => createRegionResolver({ defaultRegion: 'Europe' })).to.throw(/default region/);
  });
});
