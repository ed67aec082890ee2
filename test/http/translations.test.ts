// The translator's API against the real app, on a temporary copy of locales/ (the repository's
// files are never written): coverage, the namespace view, saving with If-Match (200 + new ETag,
// 409 with both versions, 428), checks refusing a bad value (400 naming the key), history, roles,
// versioned bundles and the server's own messages changing without a restart.
import { expect } from 'chai';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { tempLocales } from '../helpers/locales.js';
import { body, createAccount, signIn, type Session } from '../helpers/studio.js';
import { createProgramme, getItem, iso } from './viewer-helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface KeyView {
  key: string;
  plural: { category: string; example: number } | null;
  source: string;
  value: string | null;
  inherited: { locale: string; value: string } | null;
  issues: Array<{ severity: string; check: string }>;
}
interface UnitView {
  base: string;
  plural: string;
  meta: { note?: string; maxLength?: number };
  usedIn: string[];
  keys: KeyView[];
  missing: boolean;
  failing: boolean;
  stale: boolean;
}
interface NamespaceView {
  etag: string;
  dir: string;
  chain: string[];
  pluralCategories: Array<{ category: string; example: number }>;
  units: UnitView[];
  stale: Array<{ key: string }>;
}

describe('HTTP translations API (translator editor)', function () {
  let app: TestApp;
  let localesDir: string;
  let translator: Session;
  const originalFr = readFileSync(path.join(ROOT, 'locales/fr/player.json'), 'utf8');

  before(async () => {
    localesDir = tempLocales();
    app = await startTestApp({ localesDir });
    const acct = await createAccount(app, 'translator');
    translator = await signIn(app, acct.email);
  });
  after(async () => {
    await app?.close();
    rmSync(path.dirname(localesDir), { recursive: true, force: true });
    // the repository's files were never touched
    expect(readFileSync(path.join(ROOT, 'locales/fr/player.json'), 'utf8')).to.equal(originalFr);
  });

  const get = async (p: string) => translator.fetch(p);
  const put = (locale: string, ns: string, changes: Record<string, string | null>, ifMatch?: string) =>
    translator.fetch(`/api/translations/${locale}/${ns}`, { method: 'PUT', json: { changes }, headers: ifMatch ? { 'if-match': ifMatch } : {} });

  it('lists locales × namespaces with effective coverage (zh-Hant-HK covered through zh-Hant)', async () => {
    const res = await get('/api/translations');
    expect(res.status).to.equal(200);
    const b = await body<{ sourceLocale: string; locales: Array<{ locale: string; chain: string[]; dir: string; namespaces: Array<{ namespace: string; own: number; effective: number; total: number; errors: number }> }> }>(res);
    expect(b.sourceLocale).to.equal('en');
    const locales = b.locales.map((l) => l.locale);
    expect(locales).to.include.members(['fr', 'zh-Hant', 'zh-Hant-HK', 'ar']).and.not.include('en');
    const hk = b.locales.find((l) => l.locale === 'zh-Hant-HK')!;
    expect(hk.chain).to.deep.equal(['zh-Hant-HK', 'zh-Hant', 'en']);
    const hkPlayer = hk.namespaces.find((n) => n.namespace === 'player')!;
    expect(hkPlayer.effective).to.equal(hkPlayer.total);
    expect(hkPlayer.own).to.be.below(hkPlayer.total);
    expect(b.locales.find((l) => l.locale === 'ar')!.dir).to.equal('rtl');
    for (const l of b.locales) for (const n of l.namespaces) expect(n.errors, `${l.locale}/${n.namespace}`).to.equal(0);
  });

  it('GET a namespace: source beside target, meta, where used, CLDR plural forms with examples, checks, ETag', async () => {
    const res = await get('/api/translations/ar/server');
    expect(res.status).to.equal(200);
    const etag = res.headers.get('etag');
    const v = await body<NamespaceView>(res);
    expect(etag).to.equal(v.etag).and.match(/^"[A-Za-z0-9_-]+"$/);
    expect(v.dir).to.equal('rtl');
    expect(v.pluralCategories.map((c) => c.category)).to.deep.equal(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(v.pluralCategories.find((c) => c.category === 'few')!.example).to.equal(3);
    const tooMany = v.units.find((u) => u.base === 'errors.too_many_requests')!;
    expect(tooMany.plural).to.equal('cardinal');
    expect(tooMany.meta.note).to.match(/seconds/);
    expect(tooMany.keys.map((k) => k.key)).to.deep.equal(['zero', 'one', 'two', 'few', 'many', 'other'].map((c) => `errors.too_many_requests_${c}`));
    expect(tooMany.keys[3]!.source).to.equal('Too many requests. Try again in {{count}} seconds.');
    expect(tooMany.keys.every((k) => k.value !== null && k.issues.length === 0)).to.equal(true);
    const here = v.units.find((u) => u.base === 'errors.unavailable_here')!;
    expect(here.usedIn.join(' ')).to.include('server/http/middleware/viewer.ts');

    const player = await body<NamespaceView>(await get('/api/translations/fr/player'));
    const auto = player.units.find((u) => u.base === 'player.auto')!;
    expect(auto.meta.maxLength).to.equal(14);
    expect(auto.usedIn.some((u) => u.startsWith('player/src/'))).to.equal(true);
  });

  it('PUT with If-Match saves: new ETag, pretty stable file, history, and the bundle version changes', async () => {
    const before = await get('/api/translations/fr/player');
    const etag = before.headers.get('etag')!;
    const versionBefore = ((await (await app.api('/api/i18n/version')).json()) as { versions: Record<string, Record<string, string>> }).versions.fr!.player!;
    expect(`"${versionBefore}"`).to.equal(etag);

    const res = await put('fr', 'player', { 'home.latest': 'Les nouveautés' }, etag);
    expect(res.status, await res.clone().text()).to.equal(200);
    const newEtag = res.headers.get('etag')!;
    expect(newEtag).to.match(/^"/).and.not.equal(etag);
    expect((await body<{ changed: string[] }>(res)).changed).to.deep.equal(['home.latest']);

    const text = readFileSync(path.join(localesDir, 'fr/player.json'), 'utf8');
    const original = originalFr;
    expect(text).to.equal(original.replace(/"latest": "[^"]*"/, '"latest": "Les nouveautés"'));
    expect(text.endsWith('}\n')).to.equal(true);

    const history = await body<{ items: Array<{ key: string; old: string; new: string; author: string; source: string }> }>(await get('/api/translations/fr/player/history?key=home.latest'));
    expect(history.items).to.have.length(1);
    expect(history.items[0]).to.include({ key: 'home.latest', new: 'Les nouveautés', source: 'Latest' });
    expect(history.items[0]!.old).to.be.a('string').and.not.equal('Les nouveautés');

    const bundle = await app.api(`/locales/fr/player.json?v=${newEtag.slice(1, -1)}`);
    expect(bundle.headers.get('cache-control')).to.include('immutable');
    expect(((await bundle.json()) as { home: { latest: string } }).home.latest).to.equal('Les nouveautés');
    const plain = await app.api('/locales/en/player.json');
    expect(plain.headers.get('cache-control')).to.equal('no-cache');
    expect(JSON.stringify(await plain.json())).not.to.include('@auto'); // @meta never reaches players
  });

  it('PUT from an older ETag → 409 with both versions; nothing is overwritten', async () => {
    const old = (await get('/api/translations/de/player')).headers.get('etag')!;
    const first = await put('de', 'player', { 'home.latest': 'Neueste Sendungen' }, old);
    expect(first.status).to.equal(200);
    const fileAfterFirst = readFileSync(path.join(localesDir, 'de/player.json'), 'utf8');

    const second = await put('de', 'player', { 'home.latest': 'Das Neueste' }, old);
    expect(second.status).to.equal(409);
    const b = await body<{ error: { code: string; message: string; current: { etag: string; values: Record<string, string> }; yours: Record<string, string>; conflicts: string[] } }>(second);
    expect(b.error.code).to.equal('conflict');
    expect(b.error.current.values['home.latest']).to.equal('Neueste Sendungen');
    expect(b.error.current.etag).to.equal(first.headers.get('etag'));
    expect(b.error.yours).to.deep.equal({ 'home.latest': 'Das Neueste' });
    expect(b.error.conflicts).to.deep.equal(['home.latest']);
    expect(readFileSync(path.join(localesDir, 'de/player.json'), 'utf8')).to.equal(fileAfterFirst);
  });

  it('PUT without If-Match → 428', async () => {
    const res = await put('de', 'player', { 'home.latest': 'Neu' });
    expect(res.status).to.equal(428);
    expect((await body<{ error: { code: string } }>(res)).error.code).to.equal('precondition_required');
  });

  it('a failing check → 400 naming the key: placeholder mismatch, Simplified characters in zh-Hant', async () => {
    const fr = (await get('/api/translations/fr/player')).headers.get('etag')!;
    const bad = await put('fr', 'player', { 'home.posterAlt': 'Affiche de {{titre}}' }, fr);
    expect(bad.status).to.equal(400);
    const b = await body<{ error: { code: string; message: string; key: string; field: string; issues: Array<{ check: string }> } }>(bad);
    expect(b.error).to.include({ code: 'validation_failed', key: 'home.posterAlt', field: 'home.posterAlt' });
    expect(b.error.message).to.include('{{title}}');
    expect(b.error.issues.map((i) => i.check)).to.include('placeholders');

    const zh = (await get('/api/translations/zh-Hant/player')).headers.get('etag')!;
    const simplified = await put('zh-Hant', 'player', { 'home.latest': '最新节目' }, zh);
    expect(simplified.status).to.equal(400);
    const s = await body<{ error: { key: string; message: string } }>(simplified);
    expect(s.error.key).to.equal('home.latest');
    expect(s.error.message).to.include('节').and.include('節');
    expect(readFileSync(path.join(localesDir, 'zh-Hant/player.json'), 'utf8')).to.include('"latest": "最新節目"');

    // the same checks for scripts and other tools, without saving
    const check = await translator.fetch('/api/translations/check', { method: 'POST', json: { locale: 'zh-Hant', namespace: 'player', key: 'home.posterAlt', value: '{{title}}海报' } });
    expect(check.status).to.equal(200);
    expect((await body<{ issues: Array<{ check: string }> }>(check)).issues.map((i) => i.check)).to.deep.equal(['script']);

    const unknown = await put('fr', 'player', { 'home.nonsense': 'x' }, fr);
    expect(unknown.status).to.equal(400);
    expect((await body<{ error: { key: string } }>(unknown)).error.key).to.equal('home.nonsense');
  });

  it('roles: a translator may read and write; anonymous callers get 401; a session without CSRF token 403', async () => {
    expect((await fetch(`${app.baseUrl}/api/translations`)).status).to.equal(401);
    expect((await fetch(`${app.baseUrl}/api/translations/fr/player`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': '"x"' }, body: '{"changes":{"home.latest":"x"}}' })).status).to.equal(401);
    const noCsrf = await translator.fetch('/api/translations/fr/player', { method: 'PUT', csrf: false, json: { changes: { 'home.latest': 'x' } }, headers: { 'if-match': '"x"' } });
    expect(noCsrf.status).to.equal(403);
    expect((await app.api('/api/translations', { auth: true })).status).to.equal(200); // admin token
  });

  it('changes the server’s own messages without a restart (i18next reloads the saved bundle)', async () => {
    const id = await createProgramme(app, { en: { title: 'Sailing: 49er' } }, { windows: [{ regions: ['FR'], start: iso(-60_000), end: null }] });
    const before = await getItem(app, id, '?region=DE&lang=fr');
    expect(before.status).to.equal(451);
    const frServer = JSON.parse(readFileSync(path.join(localesDir, 'fr/server.json'), 'utf8')) as { errors: { unavailable_here: string } };
    expect(before.body.error!.message).to.equal(frServer.errors.unavailable_here);
    const etag = (await get('/api/translations/fr/server')).headers.get('etag')!;
    const saved = await put('fr', 'server', { 'errors.unavailable_here': 'Ce programme n’est pas diffusé dans votre région.' }, etag);
    expect(saved.status, await saved.clone().text()).to.equal(200);
    const after = await getItem(app, id, '?region=DE&lang=fr');
    expect(after.status).to.equal(451);
    expect(after.body.error!.message).to.equal('Ce programme n’est pas diffusé dans votre région.');
  });

  it('announces a save on /api/i18n/events', async () => {
    const ac = new AbortController();
    const res = await fetch(`${app.baseUrl}/api/i18n/events`, { signal: ac.signal });
    expect(res.headers.get('content-type')).to.include('text/event-stream');
    const reader = res.body!.getReader();
    const etag = (await get('/api/translations/es/player')).headers.get('etag')!;
    const saved = await put('es', 'player', { 'home.latest': 'Novedades de hoy' }, etag);
    const version = (await body<{ version: string }>(saved)).version;
    let text = '';
    while (!text.includes('event: change')) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    const data = JSON.parse(/data: (.*)/.exec(text.slice(text.indexOf('event: change')))![1]!) as Record<string, string>;
    expect(data).to.deep.equal({ locale: 'es', ns: 'player', version });
  });

  it('programme localizations: listed beside the source with checks; PUT refuses Simplified characters in zh-Hant and an empty title', async () => {
    const id = await createProgramme(app, { en: { title: 'Table tennis: final', synopsis: 'Gold medal match.' } });
    const list = await body<{ items: Array<{ id: string; source: { title: string }; target: unknown }> }>(await get('/api/translations/programmes/zh-Hant'));
    const item = list.items.find((i) => i.id === id)!;
    expect(item.source.title).to.equal('Table tennis: final');
    expect(item.target).to.equal(null);
    const bad = await translator.fetch(`/api/programmes/${id}/localizations/zh-Hant`, { method: 'PUT', json: { title: '乒乓球决赛' } });
    expect(bad.status).to.equal(400);
    expect((await body<{ error: { field: string; message: string } }>(bad)).error).to.include({ field: 'title' });
    const ok = await translator.fetch(`/api/programmes/${id}/localizations/zh-Hant`, { method: 'PUT', json: { title: '桌球決賽', synopsis: '金牌戰。' } });
    expect(ok.status, await ok.clone().text()).to.equal(201);
    const again = await body<{ items: Array<{ id: string; target: { title: string } | null; issues: unknown[] }> }>(await get('/api/translations/programmes/zh-Hant'));
    expect(again.items.find((i) => i.id === id)!.target!.title).to.equal('桌球決賽');
  });
});

describe('HTTP translations API: OpenAPI', function () {
  let app: TestApp;
  let localesDir: string;
  before(async () => {
    localesDir = tempLocales();
    app = await startTestApp({ localesDir });
  });
  after(async () => {
    await app?.close();
    rmSync(path.dirname(localesDir), { recursive: true, force: true });
  });
  it('describes the translator routes with their permission', async () => {
    const doc = (await (await app.api('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/translations/{locale}/{ns}']).to.have.keys('get', 'put');
    expect(doc.paths).to.include.keys('/api/translations', '/api/translations/{locale}/{ns}/history', '/api/i18n/events', '/api/i18n/version');
  });
});
