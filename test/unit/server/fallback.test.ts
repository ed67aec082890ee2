import { expect } from 'chai';
import {
  fallbackChain,
  localeKey,
  createLocaleKeyer,
  negotiate,
  chooseLocalization,
  parseAcceptLanguage,
  localeHeaders,
} from '../../../server/locale-fallback/index.js';
import { RegionTable } from '../../../server/regions/index.js';

describe('locale fallback (CLDR parents)', () => {
  const cases: [string, string[]][] = [
    ['zh-HK', ['zh-Hant-HK', 'zh-Hant']],
    ['zh-MO', ['zh-Hant-MO', 'zh-Hant-HK', 'zh-Hant']],
    ['zh-TW', ['zh-Hant-TW', 'zh-Hant']],
    ['zh', ['zh-Hans']],
    ['zh-CN', ['zh-Hans-CN', 'zh-Hans']],
    ['zh-SG', ['zh-Hans-SG', 'zh-Hans']],
    ['zh-Hant', ['zh-Hant']],
    ['zh-Hans', ['zh-Hans']],
    ['ZH-hant-hk', ['zh-Hant-HK', 'zh-Hant']],
    ['zh_TW', ['zh-Hant-TW', 'zh-Hant']],
    ['en-GB', ['en-GB', 'en-001', 'en']],
    ['en-US', ['en-US', 'en']],
    ['en-Latn-GB', ['en-GB', 'en-001', 'en']],
    ['fr-CA', ['fr-CA', 'fr']],
    ['pt-BR', ['pt-BR', 'pt']],
    ['pt-MO', ['pt-MO', 'pt-PT', 'pt']],
    ['es-MX', ['es-MX', 'es-419', 'es']],
    ['de-CH', ['de-CH', 'de']],
    ['sr-Latn-RS', ['sr-Latn-RS', 'sr-Latn']],
    ['en-u-ca-gregory', ['en']],
    ['ja', ['ja']],
  ];
  for (const [tag, chain] of cases) {
    it(`${tag} → ${chain.join(' → ')}`, () => expect(fallbackChain(tag)).to.deep.equal(chain));
  }

  it('never crosses between Traditional and Simplified Chinese', () => {
    for (const t of ['zh-Hant', 'zh-HK', 'zh-MO', 'zh-TW', 'zh-Hant-CN']) {
      expect(fallbackChain(t).some((k) => k.startsWith('zh-Hans') || k === 'zh'), t).to.equal(false);
    }
    for (const t of ['zh', 'zh-Hans', 'zh-CN', 'zh-SG', 'zh-Hans-HK']) {
      expect(fallbackChain(t).some((k) => k.startsWith('zh-Hant')), t).to.equal(false);
    }
  });

  it('rejects malformed tags without throwing', () => {
    for (const bad of ['', '*', 'x-foo', 'und', 'zh-yue', 'a'.repeat(100), 'en--GB', 'en_GB;', '<script>', null, 42, {}, ['en']]) {
      expect(() => fallbackChain(bad)).not.to.throw();
      expect(fallbackChain(bad), String(bad)).to.deep.equal([]);
    }
  });

  it('memoized keyer agrees with localeKey and stays bounded', () => {
    const k = createLocaleKeyer(4);
    for (let i = 0; i < 50; i++) expect(k(`en-${['GB', 'US', 'FR', 'DE', 'CA'][i % 5]}`)).to.equal(localeKey(`en-${['GB', 'US', 'FR', 'DE', 'CA'][i % 5]}`));
    expect(k('zh-HK')).to.equal('zh-Hant-HK');
    expect(k('bad tag')).to.equal(null);
  });
});

describe('Accept-Language parser', () => {
  it('orders by q and keeps header order on ties', () => {
    expect(parseAcceptLanguage('fr;q=0.5, zh-HK, en;q=0.8, de;q=0.8')).to.deep.equal([
      { tag: 'zh-HK', q: 1 },
      { tag: 'en', q: 0.8 },
      { tag: 'de', q: 0.8 },
      { tag: 'fr', q: 0.5 },
    ]);
  });

  it('drops garbage, q=0, wildcards and malformed weights', () => {
    expect(parseAcceptLanguage('*;q=0.1, de;q=0, fr;q=abc, es;q=1.5, ;;, 12, ja ; q=0.3, ko')).to.deep.equal([
      { tag: 'ko', q: 1 },
      { tag: 'ja', q: 0.3 },
    ]);
    for (const h of [undefined, null, 42, '', ',,,', ';q=1', {}, '\u0000\u00ff, ,,,']) expect(parseAcceptLanguage(h)).to.deep.equal([]);
    // (carried over from the second parser that server/i18n/locale.ts had: same header, same order)
    expect(parseAcceptLanguage('fr;q=0.5, zh-Hant-HK, en;q=0.8, de').map((r) => r.tag)).to.deep.equal(['zh-Hant-HK', 'de', 'en', 'fr']);
    expect(parseAcceptLanguage('en;q=0, *, ;;;, fr;q=abc, de;q=2, ja;q=0.1').map((r) => r.tag)).to.deep.equal(['ja']);
  });

  it('bounds oversized headers and entry counts', () => {
    const huge = Array.from({ length: 5000 }, (_, i) => `x${i % 10}x;q=0.${i % 9}`).join(',');
    const r = parseAcceptLanguage(`en-GB,${huge}`);
    expect(r.length).to.be.at.most(12);
    expect(r[0]).to.deep.equal({ tag: 'en-GB', q: 1 });
    expect(parseAcceptLanguage(`${'a'.repeat(2000)},en`)).to.deep.equal([]);
  });
});

describe('negotiate', () => {
  const regions = new RegionTable();
  const available = ['en', 'fr', 'zh-Hans', 'zh-Hant', 'zh-Hant-HK', 'ja'];

  it('?lang= beats cookie beats Accept-Language beats region default beats en', () => {
    const base = { acceptLanguage: 'ja', region: regions.profile('FR'), available };
    expect(negotiate({ ...base, query: 'zh-HK', cookie: 'fr' })).to.include({ locale: 'zh-Hant-HK', source: 'query', fallback: false });
    expect(negotiate({ ...base, cookie: 'fr' })).to.include({ locale: 'fr', source: 'cookie' });
    expect(negotiate(base)).to.include({ locale: 'ja', source: 'accept-language' });
    expect(negotiate({ region: regions.profile('FR'), available })).to.include({ locale: 'fr', source: 'region', fallback: true }); // fr-FR → fr
    expect(negotiate({ region: regions.profile('HK'), available })).to.include({ locale: 'zh-Hant-HK', source: 'region', fallback: false });
    expect(negotiate({ region: regions.profile('KR'), available })).to.include({ locale: 'en', source: 'default', fallback: true });
  });

  it('skips malformed values at each step', () => {
    const n = negotiate({ query: '../../etc', cookie: 'zz-😀', acceptLanguage: 'q=;;,,\u0000', region: regions.profile('HK'), available });
    expect(n).to.include({ locale: 'zh-Hant-HK', source: 'region' });
    expect(negotiate({ query: ['fr', 'en'], available }).locale).to.equal('fr');
  });

  it('serves HK Traditional, CN Simplified and MO Traditional', () => {
    expect(negotiate({ acceptLanguage: 'zh-HK', available: ['en', 'zh-Hans', 'zh-Hant'] }).locale).to.equal('zh-Hant');
    expect(negotiate({ acceptLanguage: 'zh-CN,zh;q=0.9', available: ['en', 'zh-Hans', 'zh-Hant'] }).locale).to.equal('zh-Hans');
    expect(negotiate({ region: regions.profile('MO'), available: ['en', 'zh-Hans', 'zh-Hant'] }).locale).to.equal('zh-Hant');
    expect(negotiate({ region: regions.profile('MO'), available: ['en', 'zh-Hans'] }).locale).to.equal('en');
  });

  it('a bare "zh" after a Traditional tag stays Traditional', () => {
    const n = negotiate({ acceptLanguage: 'zh-HK,zh;q=0.9,en;q=0.8', available: ['zh-Hans', 'en'] });
    expect(n.locale).to.equal('en');
    expect(n.chain).to.deep.equal(['zh-Hant-HK', 'zh-Hant', 'en']);
  });

  it('always ends the chain with the default and reports a fallback', () => {
    const n = negotiate({ acceptLanguage: 'en-GB', available: ['en', 'fr'] });
    expect(n).to.deep.include({ locale: 'en', fallback: true, chain: ['en-GB', 'en-001', 'en'] });
    expect(negotiate({ available: [] })).to.deep.include({ locale: 'en', fallback: true });
  });

  it('chooses each item\'s localization along the chain', () => {
    const { chain } = negotiate({ acceptLanguage: 'zh-MO', available });
    expect(chooseLocalization(chain, { en: 'E', 'zh-HK': 'HK', 'zh-Hant': 'T' })).to.deep.equal({ locale: 'zh-HK', value: 'HK', fallback: true });
    expect(chooseLocalization(chain, { en: 'E', 'zh-Hant-MO': 'MO' })).to.deep.equal({ locale: 'zh-Hant-MO', value: 'MO', fallback: false });
    expect(chooseLocalization(chain, new Map([['zh-Hans', 'S'], ['en', 'E']]))).to.deep.equal({ locale: 'en', value: 'E', fallback: true });
    expect(chooseLocalization(chain, { 'zh-Hans': 'S' })).to.deep.equal({ locale: 'zh-Hans', value: 'S', fallback: true });
    expect(chooseLocalization(chain, { 'zh-Hans': 'S' }, { lastResort: false })).to.equal(null);
    expect(chooseLocalization(chain, {})).to.equal(null);
    expect(chooseLocalization(['fr'], { 'bad tag': 1, FR: 2 })).to.deep.equal({ locale: 'FR', value: 2, fallback: false });
  });

  it('builds Content-Language and Vary', () => {
    expect(localeHeaders({ locale: 'zh-Hant' }, ['CloudFront-Viewer-Country'])).to.deep.equal({
      'Content-Language': 'zh-Hant',
      Vary: 'Accept-Language, Cookie, CloudFront-Viewer-Country',
    });
  });
});
