// The catalog API against the real app (temp data dir, temp SQLite file): auth, validation,
// locale choice and the 4xx cases a client can provoke.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { rawRequest, startTestApp, type TestApp } from '../helpers/app.js';

const json = { 'content-type': 'application/json' };
const body = (v: unknown) => JSON.stringify(v);

describe('HTTP: catalog API', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  async function countRows() {
    const [p, l, j] = await Promise.all([app.podium.models.Programme.count(), app.podium.models.Localization.count(), app.podium.models.Job.count()]);
    return p + l + j;
  }

  async function create(localizations: Record<string, { title: string; synopsis?: string }>) {
    const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: json, body: body({ localizations }) });
    expect(res.status).to.equal(201);
    const { id } = (await res.json()) as { id: string };
    expect((await app.api(`/api/programmes/${id}/publish`, { method: 'POST', auth: true })).status).to.equal(200);
    return id;
  }

  it('GET /healthz → 200', async () => {
    const res = await app.api('/healthz');
    expect(res.status).to.equal(200);
  });

  describe('auth', () => {
    const attempts: [string, Record<string, string>][] = [
      ['no token', {}],
      ['a wrong token', { authorization: 'Bearer not-the-admin-token-at-all' }],
      ['a malformed header', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
      ['an empty bearer', { authorization: 'Bearer ' }],
    ];
    for (const [what, headers] of attempts) {
      it(`POST /api/programmes with ${what} → 401, nothing written`, async () => {
        const before = await countRows();
        const res = await app.api('/api/programmes', { method: 'POST', headers: { ...json, ...headers }, body: body({ localizations: { en: { title: 'x' } } }) });
        expect(res.status).to.equal(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('unauthorized');
        expect(await countRows()).to.equal(before);
      });
    }

    it('PUT …/source with a wrong token → 401, no job and no file written', async () => {
      const id = await create({ en: { title: 'Auth target' } });
      const before = await countRows();
      const res = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', headers: { authorization: 'Bearer wrong-token-wrong-token' }, body: 'x'.repeat(1000) });
      expect(res.status).to.equal(401);
      expect(await countRows()).to.equal(before);
      const uploads = path.join(app.dataDir, 'uploads', id);
      expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []).to.deep.equal([]);
    });
  });

  describe('create and read', () => {
    it('POST → 201 {id}; GET lists it with the shapes of the contract', async () => {
      const id = await create({ en: { title: 'Relay final', synopsis: 'Four by one hundred.' }, fr: { title: 'Finale du relais', synopsis: 'Quatre fois cent.' } });
      const list = (await (await app.api('/api/programmes')).json()) as { items: Record<string, unknown>[] };
      const item = list.items.find((i) => i.id === id);
      expect(item).to.deep.equal({
        id,
        title: 'Relay final',
        shortTitle: 'Relay final',
        synopsis: 'Four by one hundred.',
        locale: 'en',
        fallback: false,
        status: 'draft',
        durationSec: null,
        poster: null,
        hls: null,
        sport: null,
        sportCode: null,
        discipline: null,
        disciplineCode: null,
        event: null,
        localizedEvent: null,
        gamesEdition: null,
        recordedAt: null,
        tags: [],
        audio: [],
        subtitles: [],
        thumbnails: null,
      });
      const one = await app.api(`/api/programmes/${id}?lang=fr`);
      expect(one.status).to.equal(200);
      expect(await one.json()).to.include({ id, title: 'Finale du relais', locale: 'fr' });
    });

    it('chooses the locale from ?lang=, then Accept-Language with q-values, then English', async () => {
      const id = await create({ en: { title: 'Judo' }, fr: { title: 'Judo (fr)' }, 'zh-Hans': { title: '柔道' }, 'zh-Hant': { title: '柔道（繁）' } });
      const get = async (query: string, acceptLanguage?: string) => {
        const res = await app.api(`/api/programmes/${id}${query}`, { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });
        return ((await res.json()) as { locale: string }).locale;
      };
      expect(await get('?lang=zh-Hant')).to.equal('zh-Hant');
      expect(await get('?lang=zh-hant-tw', 'fr')).to.equal('zh-Hant');
      expect(await get('', 'de, fr;q=0.5, zh-Hans;q=0.7')).to.equal('zh-Hans');
      expect(await get('', 'fr-CA')).to.equal('fr');
      expect(await get('', 'ja')).to.equal('en');
      expect(await get('?lang=@@')).to.equal('en');
    });

    it('malformed Accept-Language headers never cause a 500', async () => {
      for (const header of ['\u00ff\u00fe;;;q=', 'en;q=NaN, *;q=2', ','.repeat(5000), 'a'.repeat(8000), 'zh-Hant-HK-x-y-z-q-w;q=0.5;q=0.9']) {
        const res = await rawRequest(app.baseUrl, { path: '/api/programmes', headers: { 'accept-language': header } });
        expect(res.status, JSON.stringify(header.slice(0, 20))).to.equal(200);
      }
    });
  });

  describe('4xx cases', () => {
    it('bad JSON → 400 bad_request', async () => {
      const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: json, body: '{"localizations": {' });
      expect(res.status).to.equal(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('bad_request');
    });

    it('a body that is not JSON → 415', async () => {
      const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'text/plain' }, body: 'hello' });
      expect(res.status).to.equal(415);
    });

    const invalid: [string, unknown, string][] = [
      ['missing localizations', {}, 'localizations'],
      ['a missing title', { localizations: { en: { synopsis: 'no title' } } }, 'localizations.en.title'],
      ['an empty title', { localizations: { fr: { title: '   ' } } }, 'localizations.fr.title'],
      ['a malformed locale', { localizations: { 'not a locale!': { title: 'x' } } }, 'localizations.not a locale!'],
      ['no localization at all', { localizations: {} }, 'localizations'],
      ['an unknown field', { localizations: { en: { title: 'x' } }, extra: 1 }, ''],
      ['an array body', [1, 2], ''],
    ];
    for (const [what, payload, field] of invalid) {
      it(`${what} → 400 validation_failed naming the field`, async () => {
        const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: json, body: body(payload) });
        expect(res.status).to.equal(400);
        const { error } = (await res.json()) as { error: { code: string; field: string; message: string } };
        expect(error.code).to.equal('validation_failed');
        if (field) expect(error.field).to.equal(field);
        expect(error.message).to.be.a('string').and.not.empty;
      });
    }

    it('unknown or malformed ids → 404 JSON', async () => {
      for (const p of ['/api/programmes/7b0f3f7e-2d0a-4d7a-9d55-8f0e3c2b1a00', '/api/programmes/not-a-uuid', '/api/jobs/nope', '/api/jobs/7b0f3f7e-2d0a-4d7a-9d55-8f0e3c2b1a00', '/api/nothing-here']) {
        const res = await app.api(p, { auth: p.startsWith('/api/jobs/') }); // job status is for the studio (programme:read)
        expect(res.status, p).to.equal(404);
        expect(res.headers.get('content-type'), p).to.match(/^application\/json/);
        expect(((await res.json()) as { error: { code: string } }).error.code, p).to.equal('not_found');
      }
    });

    it('a malformed percent-encoding in the path → 400 JSON, not 500', async () => {
      const res = await rawRequest(app.baseUrl, { path: '/api/programmes/%E0%A4%A' });
      expect(res.status).to.equal(400);
      expect(JSON.parse(res.body).error.code).to.equal('bad_request');
    });

    it('PUT source for an unknown programme → 404, nothing kept', async () => {
      const res = await app.api('/api/programmes/7b0f3f7e-2d0a-4d7a-9d55-8f0e3c2b1a00/source', { method: 'PUT', auth: true, body: 'abc' });
      expect(res.status).to.equal(404);
      expect(fs.existsSync(path.join(app.dataDir, 'uploads', '7b0f3f7e-2d0a-4d7a-9d55-8f0e3c2b1a00'))).to.equal(false);
    });

    it('an empty upload → 400', async () => {
      const id = await create({ en: { title: 'Empty' } });
      const res = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: '' });
      expect(res.status).to.equal(400);
    });

    it('sets security headers with a CSP that lets the player run', async () => {
      const res = await app.api('/healthz');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).to.include("script-src 'self'");
      expect(csp).to.include("media-src 'self' blob: data:");
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('x-powered-by')).to.equal(null);
    });
  });
});
