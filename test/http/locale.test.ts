// Locale and region per request, through the real API: CLDR parent locales (not truncation),
// `locale`/`fallback` on every item, Content-Language and Vary, and malformed input never 500s.
import { expect } from 'chai';
import { rawRequest, startTestApp, type TestApp } from '../helpers/app.js';
import { createProgramme, getItem, listIds } from './viewer-helpers.js';

describe('HTTP: locale and region of viewer requests', () => {
  let app: TestApp;
  let full: string; // en, fr, pt, zh-Hans, zh-Hant, zh-Hant-HK
  let noHk: string; // en, zh-Hans, zh-Hant
  let hansOnly: string; // en, zh-Hans
  let hantOnly: string; // en, zh-Hant

  before(async () => {
    app = await startTestApp({ settings: { regionHeader: 'CloudFront-Viewer-Country' } });
    full = await createProgramme(app, {
      en: { title: 'Table tennis final', shortTitle: 'TT final' },
      fr: { title: 'Finale de tennis de table' },
      pt: { title: 'Final de tênis de mesa' },
      'zh-Hans': { title: '乒乓球决赛' },
      'zh-Hant': { title: '桌球決賽' },
      'zh-Hant-HK': { title: '乒乓球決賽' },
    });
    noHk = await createProgramme(app, { en: { title: 'Judo' }, 'zh-Hans': { title: '柔道（简）' }, 'zh-Hant': { title: '柔道（繁）' } });
    hansOnly = await createProgramme(app, { en: { title: 'Fencing' }, 'zh-Hans': { title: '击剑' } });
    hantOnly = await createProgramme(app, { en: { title: 'Rowing' }, 'zh-Hant': { title: '賽艇' } });
  });
  after(() => app?.close());

  const served = async (id: string, acceptLanguage: string, query = '') => {
    const r = await getItem(app, id, query, { 'accept-language': acceptLanguage });
    expect(r.status).to.equal(200);
    return [r.body.locale, r.body.fallback];
  };

  const cases: [string, () => string, string, [string, boolean]][] = [
    ['zh-HK → zh-Hant-HK', () => full, 'zh-HK', ['zh-Hant-HK', false]],
    ['zh-MO → zh-Hant-HK (CLDR parent of zh-Hant-MO)', () => full, 'zh-MO', ['zh-Hant-HK', true]],
    ['zh-HK without a Hong Kong override → zh-Hant', () => noHk, 'zh-HK', ['zh-Hant', true]],
    ['zh-MO without a Hong Kong override → zh-Hant', () => noHk, 'zh-MO', ['zh-Hant', true]],
    ['zh-TW → zh-Hant', () => full, 'zh-TW', ['zh-Hant', true]],
    ['zh-CN → zh-Hans', () => full, 'zh-CN', ['zh-Hans', true]],
    ['zh-SG → zh-Hans', () => full, 'zh-SG', ['zh-Hans', true]],
    ['bare zh → zh-Hans', () => full, 'zh', ['zh-Hans', false]],
    ['zh-Hant never → zh-Hans (English instead)', () => hansOnly, 'zh-Hant', ['en', true]],
    ['zh-HK never → zh-Hans', () => hansOnly, 'zh-HK, zh;q=0.9', ['en', true]],
    ['zh-Hans never → zh-Hant', () => hantOnly, 'zh-CN, zh;q=0.8', ['en', true]],
    ['en-GB → en', () => full, 'en-GB', ['en', true]],
    ['fr-CA → fr', () => full, 'fr-CA', ['fr', true]],
    ['pt-BR → pt', () => full, 'pt-BR', ['pt', true]],
    ['q-values order the candidates', () => full, 'de;q=0.9, pt;q=0.95, fr;q=0.5', ['pt', false]],
  ];
  for (const [what, id, header, expected] of cases) {
    it(what, async () => {
      expect(await served(id(), header)).to.deep.equal(expected);
    });
  }

  it('lists carry locale and fallback on every item, and the short title', async () => {
    const res = await app.api('/api/programmes', { headers: { 'accept-language': 'zh-HK' } });
    const items = ((await res.json()) as { items: { id: string; locale: string; fallback: boolean; shortTitle: string }[] }).items;
    expect(items.find((i) => i.id === full)).to.include({ locale: 'zh-Hant-HK', fallback: false, shortTitle: '乒乓球決賽' });
    expect(items.find((i) => i.id === noHk)).to.include({ locale: 'zh-Hant', fallback: true });
    expect(items.find((i) => i.id === hansOnly)).to.include({ locale: 'en', fallback: true });
    const en = await getItem(app, full, '?lang=en');
    expect(en.body.shortTitle).to.equal('TT final');
  });

  it('?lang= beats the cookie, which beats Accept-Language; then the region default, then English', async () => {
    expect(await served(full, 'fr', '?lang=zh-Hant')).to.deep.equal(['zh-Hant', false]);
    const cookie = await getItem(app, full, '', { cookie: 'other=1; podium_lang=pt-BR', 'accept-language': 'fr' });
    expect(cookie.body.locale).to.equal('pt');
    expect((await getItem(app, full, '', { 'cloudfront-viewer-country': 'FR' })).body.locale).to.equal('fr');
    expect((await getItem(app, full, '', { 'cloudfront-viewer-country': 'HK' })).body.locale).to.equal('zh-Hant-HK');
    // Macao reads Traditional Chinese (default zh-Hant-MO → zh-Hant-HK)
    expect((await getItem(app, full, '', { 'cloudfront-viewer-country': 'MO' })).body.locale).to.equal('zh-Hant-HK');
    expect((await getItem(app, full, '', { 'cloudfront-viewer-country': 'CN' })).body.locale).to.equal('zh-Hans');
    expect((await getItem(app, full, '')).body.locale).to.equal('en');
  });

  it('answers Content-Language (the UI locale) and Vary (Accept-Language, Cookie, the CDN header)', async () => {
    const r = await getItem(app, full, '', { 'accept-language': 'zh-HK' });
    expect(r.headers.get('content-language')).to.equal('zh-Hant-HK');
    const vary = r.headers.get('vary')!.toLowerCase();
    for (const h of ['accept-language', 'cookie', 'cloudfront-viewer-country']) expect(vary).to.include(h);
    const list = await app.api('/api/programmes?lang=fr-CA');
    expect(list.headers.get('content-language')).to.equal('fr');
  });

  it('takes the region from the trusted CDN header, then the default (WW); ?region= cannot override it', async () => {
    const region = async (query: string, headers: Record<string, string> = {}) =>
      ((await (await app.api(`/api/regions${query}`, { headers })).json()) as { current: string; source: string; selectable: boolean });
    expect(await region('', { 'cloudfront-viewer-country': 'HK' })).to.include({ current: 'HK', source: 'header', selectable: false });
    expect(await region('?region=CN', { 'cloudfront-viewer-country': 'HK' })).to.include({ current: 'HK', source: 'header' });
    expect(await region('?region=mo')).to.include({ current: 'WW', source: 'default', selectable: false });
    expect(await region('?region=CN', { 'cloudfront-viewer-country': 'T1' })).to.include({ current: 'WW', source: 'default' });
  });

  it('GET /api/regions lists the seeded regions with their default and offered locales', async () => {
    const body = (await (await app.api('/api/regions')).json()) as { items: { code: string; defaultLocale: string; locales: string[] }[] };
    const codes = body.items.map((r) => r.code);
    for (const c of ['CN', 'HK', 'MO', 'TW', 'SG', 'JP', 'KR', 'FR', 'CH', 'DE', 'ES', 'GB', 'US', 'BR', 'SA', 'WW']) expect(codes).to.include(c);
    expect(body.items.find((r) => r.code === 'MO')).to.deep.include({ defaultLocale: 'zh-Hant-MO' });
    expect(body.items.find((r) => r.code === 'HK')!.locales).to.include('zh-Hant-HK');
  });

  it('malformed Accept-Language, cookies, ?lang=, ?region= and CDN headers never cause a 500', async () => {
    const headerSets: Record<string, string>[] = [
      { 'accept-language': '\u00ff\u00fe;;;q=' },
      { 'accept-language': 'zh-Hant-HK-x-y-z-q-w;q=0.5;q=0.9, *;q=2, en;q=NaN' },
      { 'accept-language': `${'zh-'.repeat(3000)}HK` },
      { 'accept-language': ','.repeat(5000) },
      { cookie: 'podium_lang=%%%; podium_lang=' + 'x'.repeat(5000) },
      { cookie: '\u00ff=\u00fe;;;=' },
      { 'cloudfront-viewer-country': '\u00ff\u00fe' },
      { 'cloudfront-viewer-country': 'X'.repeat(5000) },
    ];
    const paths = ['/api/programmes', `/api/programmes/${full}`, '/api/search?q=judo', '/api/regions'];
    for (const headers of headerSets) {
      for (const p of paths) {
        const res = await rawRequest(app.baseUrl, { path: p, headers });
        expect(res.status, `${p} ${JSON.stringify(headers).slice(0, 60)}`).to.equal(200);
      }
    }
    for (const q of ['?lang=%E0%A4%A', '?lang[]=x&lang[]=y', '?region=%00%00', '?region[a]=1', `?lang=${'a-'.repeat(500)}a`]) {
      const res = await rawRequest(app.baseUrl, { path: `/api/programmes${q}` });
      expect(res.status, q).to.be.oneOf([200, 400]);
    }
  });

  it('lists only published programmes: a draft is never shown to viewers', async () => {
    const draft = await createProgramme(app, { en: { title: 'Draft' } }, { publish: false });
    expect(await listIds(app, '')).not.to.include(draft);
    expect((await getItem(app, draft)).status).to.equal(404);
  });
});
