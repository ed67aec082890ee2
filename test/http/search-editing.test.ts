// GET /api/search (CJK, accents, ranking, availability, publication) and the editing routes
// (PUT/DELETE localizations, PUT availability, publish) with their validation errors naming
// the field, plus the OpenAPI document generated from the same schemas.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createProgramme, getItem, iso, JSON_HEADERS } from './viewer-helpers.js';

interface Hit {
  id: string;
  title: string;
  locale: string;
  matchedLocale: string;
}

describe('HTTP: search and editing', () => {
  let app: TestApp;
  let judo: string;
  let athletics: string;
  let hkOnly: string;
  let synopsisOnly: string;
  let draft: string;

  before(async () => {
    app = await startTestApp();
    judo = await createProgramme(app, {
      en: { title: 'Judo: women’s final', synopsis: 'Ippon in the last second.' },
      'zh-Hans': { title: '柔道：女子决赛', synopsis: '最后一秒一本胜。' },
      ja: { title: '柔道 女子決勝', synopsis: '最後の一秒で一本勝ち。' },
      ko: { title: '유도 여자 결승' },
    });
    athletics = await createProgramme(app, { fr: { title: 'Athlétisme : finale du 100 m', synopsis: 'Neuf secondes et demie.' }, en: { title: 'Athletics: 100 m final' } });
    hkOnly = await createProgramme(app, { en: { title: 'Judo mixed team final' }, 'zh-Hant-HK': { title: '柔道混合團體決賽' } }, { windows: [{ regions: ['HK'], start: iso(-60_000) }] });
    synopsisOnly = await createProgramme(app, { en: { title: 'Best of the Games', synopsis: 'From judo to rowing, the moments that mattered.' } });
    draft = await createProgramme(app, { en: { title: 'Judo draft' } }, { publish: false });
  });
  after(() => app?.close());

  const search = async (q: string, query = '', headers: Record<string, string> = {}) => {
    const res = await app.api(`/api/search?q=${encodeURIComponent(q)}${query}`, { headers });
    expect(res.status, q).to.equal(200);
    return ((await res.json()) as { items: Hit[] }).items;
  };
  const ids = (hits: Hit[]) => hits.map((h) => h.id);

  describe('search', () => {
    it('finds Chinese, Japanese and Korean text without spaces (1–2 and ≥3 characters)', async () => {
      expect(ids(await search('柔道'))).to.include(judo);
      expect(ids(await search('女子决赛'))).to.include(judo);
      expect(ids(await search('決勝'))).to.include(judo);
      expect(ids(await search('결승'))).to.include(judo);
      expect(ids(await search('一本勝ち'))).to.include(judo);
    });

    it('is accent- and case-insensitive for Latin scripts', async () => {
      expect(ids(await search('athletisme'))).to.deep.equal([athletics]);
      expect(ids(await search('ATHLÉTISME finale'))).to.deep.equal([athletics]);
    });

    it('ranks title matches above synopsis matches, and serves items in the viewer language', async () => {
      const hits = await search('judo', '', { 'accept-language': 'zh-CN' });
      expect(ids(hits)[0]).to.equal(judo);
      expect(ids(hits).indexOf(synopsisOnly)).to.be.greaterThan(ids(hits).indexOf(judo));
      expect(hits[0]).to.include({ locale: 'zh-Hans', title: '柔道：女子决赛' });
    });

    it('honours availability and publication', async () => {
      expect(ids(await search('judo'))).not.to.include(hkOnly);
      expect(ids(await search('judo'))).not.to.include(draft);
      expect(ids(await search('judo', '&region=HK'))).to.include(hkOnly);
      expect(ids(await search('柔道混合', '&region=FR'))).to.deep.equal([]);
      expect(ids(await search('柔道混合', '&region=HK'))).to.deep.equal([hkOnly]);
    });

    it('an empty or odd query → no hits, never an error; an over-long one → 400 naming q', async () => {
      expect(await search('')).to.deep.equal([]);
      expect(await search('"*) OR 1=1 --')).to.be.an('array');
      expect(await search('NEAR(judo final)')).to.be.an('array');
      const res = await app.api(`/api/search?q=${'x'.repeat(2000)}`);
      expect(res.status).to.equal(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).to.equal('q');
    });
  });

  describe('PUT/DELETE /api/programmes/:id/localizations/:locale', () => {
    const put = (id: string, locale: string, body: unknown, auth = true) =>
      app.api(`/api/programmes/${id}/localizations/${locale}`, { method: 'PUT', auth, headers: JSON_HEADERS, body: JSON.stringify(body) });

    it('creates (201), replaces (200), and search sees the new text at once', async () => {
      const created = await put(athletics, 'zh-Hant-HK', { title: '田徑：100米決賽', shortTitle: '100米決賽', synopsis: '九秒半。' });
      expect(created.status).to.equal(201);
      expect(await created.json()).to.deep.equal({ locale: 'zh-Hant-HK', title: '田徑：100米決賽', shortTitle: '100米決賽', synopsis: '九秒半。', event: '' });
      expect((await put(athletics, 'zh-hant-hk', { title: '田徑：男子100米決賽' })).status).to.equal(200);
      const item = await getItem(app, athletics, '', { 'accept-language': 'zh-HK' });
      expect(item.body).to.include({ title: '田徑：男子100米決賽', locale: 'zh-Hant-HK', fallback: false });
      expect(ids(await search('男子100米'))).to.deep.equal([athletics]);
      expect(ids(await search('九秒半'))).to.deep.equal([], 'the replaced synopsis is gone from the index');
    });

    const invalid: [string, string, unknown, string][] = [
      ['an empty title', 'fr', { title: '  ' }, 'title'],
      ['a missing title', 'fr', { synopsis: 'x' }, 'title'],
      ['a too long short title', 'fr', { title: 'x', shortTitle: 'y'.repeat(200) }, 'shortTitle'],
      ['an unknown field', 'fr', { title: 'x', subtitle: 'y' }, ''],
      ['an unknown locale', 'not_a_locale!', { title: 'x' }, 'locale'],
    ];
    for (const [what, locale, body, field] of invalid) {
      it(`${what} → 400 validation_failed naming the field`, async () => {
        const res = await put(judo, encodeURIComponent(locale), body);
        expect(res.status).to.equal(400);
        const { error } = (await res.json()) as { error: { code: string; field: string } };
        expect(error.code).to.equal('validation_failed');
        if (field) expect(error.field).to.equal(field);
      });
    }

    it('a translator may write localizations but not availability or publication (accounts permissions)', async () => {
      const { store, service } = app.podium.accounts;
      const account = await service.createAccount({ email: 'translator@example.org', role: 'translator', password: 'a long enough passphrase 42' });
      const { token } = await store.createApiToken(account.id, 'test');
      const as = (method: string, path: string, body?: unknown) =>
        app.api(path, { method, headers: { authorization: `Bearer ${token}`, ...JSON_HEADERS }, body: body === undefined ? undefined : JSON.stringify(body) });
      expect((await as('PUT', `/api/programmes/${judo}/localizations/de`, { title: 'Judo: Finale der Frauen' })).status).to.equal(201);
      expect((await as('DELETE', `/api/programmes/${judo}/localizations/de`)).status).to.equal(204);
      const refused = await as('PUT', `/api/programmes/${judo}/availability`, { windows: [] });
      expect(refused.status).to.equal(403);
      expect((await as('POST', `/api/programmes/${judo}/unpublish`)).status).to.equal(403);
    });

    it('needs a token; unknown programme → 404', async () => {
      expect((await put(judo, 'fr', { title: 'x' }, false)).status).to.equal(401);
      expect((await put('7b0f3f7e-2d0a-4d7a-9d55-8f0e3c2b1a00', 'fr', { title: 'x' })).status).to.equal(404);
    });

    it('DELETE removes one (204, then 404), never the last one (409); search forgets it', async () => {
      const id = await createProgramme(app, { en: { title: 'Canoe slalom' }, fr: { title: 'Canoë slalom' } });
      expect(ids(await search('canoe slalom'))).to.include(id);
      const del = (locale: string) => app.api(`/api/programmes/${id}/localizations/${locale}`, { method: 'DELETE', auth: true });
      expect((await del('fr')).status).to.equal(204);
      expect((await del('fr')).status).to.equal(404);
      expect((await del('en')).status).to.equal(409);
      expect((await getItem(app, id, '?lang=fr')).body.locale).to.equal('en');
    });
  });

  describe('PUT /api/programmes/:id/availability', () => {
    const put = (body: unknown, headers: Record<string, string> = JSON_HEADERS) =>
      app.api(`/api/programmes/${judo}/availability`, { method: 'PUT', auth: true, headers, body: JSON.stringify(body) });
    const invalid: [string, unknown, string][] = [
      ['end before start', { windows: [{ regions: ['CN'], start: '2026-07-24T00:00:00Z', end: '2026-07-01T00:00:00Z' }] }, 'windows[0].end'],
      ['an unknown region', { windows: [{ regions: ['CN', 'XX'], start: '2026-07-24T00:00:00Z' }] }, 'windows[0].regions[1]'],
      ['an unknown excluded region', { windows: [{ regions: ['WW'], exclude: ['EU'], start: '2026-07-24T00:00:00Z' }] }, 'windows[0].exclude[0]'],
      ['a date without timezone', { windows: [{ regions: ['FR'], start: '2026-07-24' }] }, 'windows[0].start'],
      ['no regions', { windows: [{ regions: [], start: '2026-07-24T00:00:00Z' }] }, 'windows[0].regions'],
      ['WW with others', { windows: [{ regions: ['WW', 'FR'], start: '2026-07-24T00:00:00Z' }] }, 'windows[0].regions'],
      ['a second bad window', { windows: [{ regions: ['FR'], start: '2026-07-24T00:00:00Z' }, { regions: ['FR'], start: 'soon' }] }, 'windows[1].start'],
      ['no windows field', {}, 'windows'],
    ];
    for (const [what, body, field] of invalid) {
      it(`${what} → 400 naming ${field}`, async () => {
        const res = await put(body);
        expect(res.status).to.equal(400);
        const { error } = (await res.json()) as { error: { code: string; field: string } };
        expect(error).to.include({ code: 'validation_failed', field });
      });
    }

    it('stores normalized windows and answers them; a non-JSON body → 415', async () => {
      const res = await put({ windows: [{ regions: ['cn', 'mo'], start: '2024-07-24T02:00:00+02:00', end: null }, { regions: ['WW'], exclude: ['fr'], start: '2024-07-24T00:00:00Z' }] });
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({
        windows: [
          { regions: ['CN', 'MO'], exclude: [], start: '2024-07-24T00:00:00.000Z', end: null },
          { regions: ['WW'], exclude: ['FR'], start: '2024-07-24T00:00:00.000Z', end: null },
        ],
      });
      expect((await put({ windows: [] }, { 'content-type': 'text/plain' })).status).to.equal(415);
      expect((await getItem(app, judo, '?region=FR')).status).to.equal(451);
      await put({ windows: [{ regions: ['WW'], start: '2024-01-01T00:00:00Z' }] });
    });
  });

  describe('OpenAPI', () => {
    it('GET /api/openapi.json describes the routes from the same zod schemas', async () => {
      const res = await app.api('/api/openapi.json');
      expect(res.status).to.equal(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; parameters?: { name: string }[] }>> };
      expect(doc.openapi).to.match(/^3\.1/);
      const expected: [string, string][] = [
        ['/api/programmes', 'get'],
        ['/api/programmes', 'post'],
        ['/api/programmes/{id}', 'get'],
        ['/api/programmes/{id}/source', 'put'],
        ['/api/programmes/{id}/localizations/{locale}', 'put'],
        ['/api/programmes/{id}/localizations/{locale}', 'delete'],
        ['/api/programmes/{id}/availability', 'put'],
        ['/api/programmes/{id}/publish', 'post'],
        ['/api/programmes/{id}/unpublish', 'post'],
        ['/api/regions', 'get'],
        ['/api/search', 'get'],
      ];
      for (const [p, m] of expected) expect(doc.paths[p]?.[m], `${m} ${p}`).to.be.an('object');
      const body = doc.paths['/api/programmes/{id}/availability']!.put!.requestBody!.content['application/json']!.schema as { properties: { windows: { items: { required: string[] } } } };
      expect(body.properties.windows.items.required).to.include.members(['regions', 'start']);
      const loc = doc.paths['/api/programmes/{id}/localizations/{locale}']!.put!.requestBody!.content['application/json']!.schema as { required: string[] };
      expect(loc.required).to.deep.equal(['title']);
      expect(doc.paths['/api/search']!.get!.parameters!.map((p) => p.name)).to.include.members(['q', 'region', 'lang']);
    });
  });
});
