// Issue 16.2: control characters and lone surrogates are bad input, never a 500 — a NUL in a
// search query, a sign-in e-mail, a title or a synopsis answered 500 (SQLite: `unrecognized token`;
// PostgreSQL refuses NUL in text). Each is now a 400 `validation_failed` naming the field, on
// SQLite and PostgreSQL, and nothing stored changes. Translation values: blank and lone-surrogate
// values are refused, and a key found only on Object.prototype is an unknown key.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { postgresTestSchema } from '../helpers/databases.js';
import { body, createAccount, signIn, type Session } from '../helpers/studio.js';
import { tempLocales } from '../helpers/locales.js';

type ErrorBody = { error: { code: string; message: string; field?: string; key?: string } };

/** Expects 400 validation_failed naming `field`; returns the message. */
async function refused(res: Response | Promise<Response>, field: string): Promise<string> {
  const r = await res;
  const b = await body<ErrorBody>(r);
  expect(r.status, JSON.stringify(b)).to.equal(400);
  expect(b.error.code).to.equal('validation_failed');
  expect(b.error.field, b.error.message).to.equal(field);
  return b.error.message;
}

for (const database of ['SQLite', 'PostgreSQL'] as const) {
  describe(`HTTP text fields refuse control characters and lone surrogates (${database})`, function () {
    this.timeout(120_000);
    let app: TestApp;
    let pg: Awaited<ReturnType<typeof postgresTestSchema>> | undefined;
    let editor: Session;
    let id: string;

    before(async () => {
      if (database === 'PostgreSQL') pg = await postgresTestSchema('podium_text');
      app = await startTestApp(pg ? { settings: { databaseUrl: pg.url } } : {});
      editor = await signIn(app, (await createAccount(app, 'editor')).email);
      const res = await editor.fetch('/api/programmes', { method: 'POST', json: { localizations: { en: { title: 'Relay final', synopsis: 'Four laps.' } } } });
      id = (await body<{ id: string }>(res)).id;
      expect(res.status).to.equal(201);
    });
    after(async () => {
      await app?.close();
      await pg?.drop();
    });

    const stored = async () => (await body<{ localizations: { locale: string; title: string; synopsis: string }[] }>(await editor.fetch(`/api/studio/programmes/${id}`))).localizations;

    it('GET /api/search?q=a%00b → 400 naming q (was a 500), and the same for any query parameter', async () => {
      const message = await refused(app.api('/api/search?q=a%00b'), 'q');
      expect(message).to.include('U+0000');
      await refused(app.api('/api/search?q=a%1Fb'), 'q');
      await refused(app.api('/api/search?q=a%C2%85b'), 'q'); // U+0085, a C1 control
      await refused(app.api('/api/programmes?lang=fr%00'), 'lang');
      await refused(app.api('/api/regions?region=F%00R'), 'region');
      // Ordinary text still searches.
      expect((await app.api('/api/search?q=relay')).status).to.equal(200);
    });

    it('POST /api/auth/login with a NUL in the e-mail → 400 naming email (was a 500)', async () => {
      const res = await fetch(`${app.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'editor\u0000@podium.test', password: 'correct horse battery staple' }),
      });
      await refused(res, 'email');
      const surrogate = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"a@b.c","password":"pass\\ud800word-long-enough"}' });
      expect(await refused(surrogate, 'password')).to.include('lone surrogate');
    });

    it('an editor: a NUL, a C1 control or a lone surrogate in a title or synopsis → 400 naming it, nothing stored (was a 500)', async () => {
      const before = await stored();
      await refused(editor.fetch('/api/programmes', { method: 'POST', json: { localizations: { en: { title: 'Bad\u0000title' } } } }), 'localizations.en.title');
      await refused(editor.fetch(`/api/programmes/${id}/localizations/en`, { method: 'PUT', json: { title: 'Relay final', synopsis: 'Four\u0000laps.' } }), 'synopsis');
      await refused(editor.fetch(`/api/programmes/${id}/localizations/en`, { method: 'PUT', json: { title: 'Relay\u0085final' } }), 'title');
      await refused(editor.fetch(`/api/programmes/${id}/localizations/en`, { method: 'PUT', json: { title: 'Relay final', shortTitle: 'Relay\u007F' } }), 'shortTitle');
      // JSON.stringify writes a lone surrogate as the escape \ud800, as any client would send it.
      const lone = await refused(editor.fetch(`/api/programmes/${id}/localizations/en`, { method: 'PUT', json: { title: 'Relay \ud800 final' } }), 'title');
      expect(lone).to.include('U+D800');
      await refused(editor.fetch(`/api/programmes/${id}`, { method: 'PATCH', json: { sport: 'Athletics', tags: ['ok', 'b\u0000d'] } }), 'tags.1');
      await refused(editor.fetch(`/api/programmes/${id}`, { method: 'PATCH', json: { gamesEdition: 'Paris\u00002024' } }), 'gamesEdition');
      // A tab belongs to no single-line field.
      await refused(editor.fetch(`/api/programmes/${id}/localizations/en`, { method: 'PUT', json: { title: 'Relay\tfinal' } }), 'title');
      expect(await stored()).to.deep.equal(before);
      const patched = await body<{ sport: string | null }>(await editor.fetch(`/api/programmes/${id}`, { method: 'PATCH', json: { gamesEdition: 'Paris 2024' } }));
      expect(patched.sport).to.equal(null);
    });

    it('a synopsis keeps its line breaks and tabs (the one multi-line field)', async () => {
      const synopsis = 'Heat 1:\tJamaica\r\nHeat 2:\tUSA\nFinal at 21:00';
      const res = await editor.fetch(`/api/programmes/${id}/localizations/en`, { method: 'PUT', json: { title: 'Relay final', synopsis } });
      expect(res.status, await res.clone().text()).to.equal(200);
      expect((await stored()).find((l) => l.locale === 'en')!.synopsis).to.equal(synopsis);
    });

    it('a control character in a body key, or a __proto__ key, → 400 naming it (zod would drop __proto__ silently)', async () => {
      await refused(editor.fetch('/api/programmes', { method: 'POST', json: { localizations: { 'e\u0000n': { title: 'x' } } } }), 'localizations.e\\u0000n');
      const proto = await editor.fetch('/api/programmes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"localizations":{"__proto__":{"title":"x"},"en":{"title":"Proto"}}}' });
      await refused(proto, 'localizations.__proto__');
      await refused(editor.fetch('/api/tokens', { method: 'POST', json: { name: 'script\u0007' } }), 'name');
    });
  });
}

describe('HTTP translation values: blank, lone surrogates and prototype keys (#16.2)', function () {
  let app: TestApp;
  let localesDir: string;
  let translator: Session;
  let etag: string;
  before(async () => {
    localesDir = tempLocales();
    app = await startTestApp({ localesDir });
    translator = await signIn(app, (await createAccount(app, 'translator')).email);
  });
  after(async () => {
    await app?.close();
    rmSync(path.dirname(localesDir), { recursive: true, force: true });
  });
  beforeEach(async () => {
    etag = (await translator.fetch('/api/translations/fr/player')).headers.get('etag')!;
  });
  const put = (changes: Record<string, string | null>) =>
    translator.fetch('/api/translations/fr/player', { method: 'PUT', json: { changes }, headers: { 'if-match': etag } });
  const refusedKey = async (res: Promise<Response>, key: string) => {
    const r = await res;
    const b = await body<ErrorBody>(r);
    expect(r.status, JSON.stringify(b)).to.equal(400);
    expect(b.error).to.include({ code: 'validation_failed', field: key, key });
    return b.error.message;
  };

  it('an empty, whitespace-only or lone-surrogate value → 400 naming the key, file unchanged', async () => {
    expect(await refusedKey(put({ 'home.latest': '' }), 'home.latest')).to.include('empty');
    expect(await refusedKey(put({ 'home.latest': ' \t\n ' }), 'home.latest')).to.include('empty');
    expect(await refusedKey(put({ 'home.latest': 'Derni\udc00res' }), 'home.latest')).to.include('lone surrogate');
    expect(await refusedKey(put({ 'home.latest': 'Dernières\u0000' }), 'home.latest')).to.include('U+0000');
    expect((await translator.fetch('/api/translations/fr/player')).headers.get('etag')).to.equal(etag);
  });

  for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
    it(`a null change for ${key} (only on Object.prototype) → 400 unknown key (was 200 changing nothing)`, async () => {
      expect(await refusedKey(put({ [key]: null }), key)).to.include('is not a key');
    });
  }

  it('a __proto__ key → 400 naming it, not dropped', async () => {
    const r = await translator.fetch('/api/translations/fr/player', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      body: '{"changes":{"__proto__":null,"home.latest":"Nouveautés"}}',
    });
    const b = await body<ErrorBody>(r);
    expect(r.status).to.equal(400);
    expect(b.error).to.include({ field: '__proto__', key: '__proto__' });
    expect((await translator.fetch('/api/translations/fr/player')).headers.get('etag')).to.equal(etag);
  });

  it('a value with a line break and edge spaces is still saved as typed', async () => {
    const res = await put({ 'home.latest': 'Les dernières\némissions ' });
    expect(res.status, await res.clone().text()).to.equal(200);
  });
});
