// The whole app on PostgreSQL (DATABASE_URL → a throw-away schema on 127.0.0.1:5432/test, or
// PODIUM_TEST_POSTGRES_URL): migrations, accounts, the job queue and its worker, the catalog,
// search (pg_trgm) and rights, through HTTP only. An editor creates a programme, localizes it
// in zh-Hans and zh-Hant, sets its availability, uploads a tiny clip (transcoded by the worker
// through the PostgreSQL queue) and publishes it; viewers list and search it by region and
// language, and a region outside its windows gets 451.
import fs from 'node:fs';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startTestApp, waitForJob, type TestApp } from '../helpers/app.js';
import { postgresTestSchema } from '../helpers/databases.js';
import { makeClip } from '../helpers/media.js';
import { JSON_HEADERS, iso, type Item } from './viewer-helpers.js';

describe('HTTP: the whole app on PostgreSQL', function () {
  this.timeout(180_000);
  let app: TestApp;
  let pg: Awaited<ReturnType<typeof postgresTestSchema>>;
  let id: string;
  let other: string;
  const hkOpens = '2031-07-24T00:00:00.000Z';

  const editor = (path: string, method: string, payload?: unknown) =>
    app.api(path, { method, auth: true, headers: JSON_HEADERS, body: payload === undefined ? undefined : JSON.stringify(payload) });
  const ok = async <T>(res: Promise<Response>, status = 200): Promise<T> => {
    const r = await res;
    const b = (await r.json()) as T;
    expect(r.status, JSON.stringify(b)).to.equal(status);
    return b;
  };
  type Page = { items: (Item & { sport: string | null; matchedLocale?: string })[]; next: string | null };
  const viewer = (path: string, headers: Record<string, string> = {}) => ok<Page>(app.api(path, { headers }));

  before(async () => {
    pg = await postgresTestSchema('podium_http');
    app = await startTestApp({ settings: { databaseUrl: pg.url } });
  });
  after(async () => {
    await app?.close();
    await pg?.drop();
  });

  it('runs on PostgreSQL, in its own schema, with every migration applied', async () => {
    const { sequelize } = app.podium;
    expect(sequelize.getDialect()).to.equal('postgres');
    const [row] = await sequelize.query<{ s: string }>('SELECT current_schema() AS s', { type: QueryTypes.SELECT });
    expect(row!.s).to.equal(pg.schema);
    const tables = await sequelize.query<{ t: string }>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = :s', { type: QueryTypes.SELECT, replacements: { s: pg.schema } });
    expect(tables.map((t) => t.t)).to.include.members(['programmes', 'localizations', 'availability_windows', 'jobs', 'search_documents', 'podium_migrations']);
  });

  it('an editor creates, localizes (zh-Hans, zh-Hant), sets availability, uploads and publishes', async () => {
    ({ id } = await ok<{ id: string }>(
      editor('/api/programmes', 'POST', { localizations: { en: { title: 'Speed climbing final' } }, sport: 'Sport Climbing', gamesEdition: 'Paris 2024', tags: ['final'] }),
      201,
    ));
    expect(await ok(editor(`/api/programmes/${id}/localizations/zh-Hans`, 'PUT', { title: '攀岩速度赛决赛', shortTitle: '速度赛决赛' }), 201)).to.include({ locale: 'zh-Hans' });
    expect(await ok(editor(`/api/programmes/${id}/localizations/zh-Hant`, 'PUT', { title: '攀岩速度賽決賽', shortTitle: '速度賽決賽' }), 201)).to.include({ locale: 'zh-Hant' });
    const windows = [
      { regions: ['CN', 'MO'], exclude: [], start: iso(-86_400_000), end: null },
      { regions: ['TW'], exclude: [], start: iso(-86_400_000), end: iso(30 * 86_400_000) },
      { regions: ['HK'], exclude: [], start: hkOpens, end: null },
    ];
    expect((await ok<{ windows: unknown[] }>(editor(`/api/programmes/${id}/availability`, 'PUT', { windows }))).windows).to.have.length(3);

    const clip = await makeClip({ width: 320, height: 180, fps: 25, durationSec: 1, label: 'postgres' });
    const put = await app.api(`/api/programmes/${id}/source`, { method: 'PUT', auth: true, body: fs.readFileSync(clip) });
    const { jobId } = (await put.json()) as { jobId: string };
    expect(put.status).to.equal(202);
    const job = await waitForJob(app, jobId, 150_000);
    expect(job.state, job.error ?? '').to.equal('succeeded');

    expect(await ok(editor(`/api/programmes/${id}/publish`, 'POST'))).to.include({ published: true });
    ({ id: other } = await ok<{ id: string }>(editor('/api/programmes', 'POST', { localizations: { en: { title: 'Marathon swimming' }, 'zh-Hant': { title: '公開水域游泳' } } }), 201));
    await ok(editor(`/api/programmes/${other}/publish`, 'POST')); // PODIUM_DEFAULT_AVAILABILITY: worldwide
  });

  it('viewers: Simplified in CN, Traditional in MO (under the CN rights) and TW, not listed in HK or FR', async () => {
    const cn = await viewer('/api/programmes?region=CN', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(cn.items.find((i) => i.id === id)).to.include({ title: '攀岩速度赛决赛', shortTitle: '速度赛决赛', locale: 'zh-Hans', status: 'ready', sport: 'Sport Climbing' });
    const mo = await viewer('/api/programmes?region=MO', { 'accept-language': 'zh-MO' });
    expect(mo.items.find((i) => i.id === id)).to.include({ title: '攀岩速度賽決賽', locale: 'zh-Hant' });
    const tw = await viewer('/api/programmes?region=TW&lang=zh-TW');
    expect(tw.items.find((i) => i.id === id)).to.include({ title: '攀岩速度賽決賽', locale: 'zh-Hant' });
    for (const q of ['?region=HK&lang=zh-HK', '?region=FR&lang=en']) {
      const page = await viewer(`/api/programmes${q}`);
      expect(page.items.map((i) => i.id), q).not.to.include(id);
      expect(page.items.map((i) => i.id), q).to.include(other);
    }
    // pages on PostgreSQL too
    const first = await viewer('/api/programmes?region=CN&limit=1');
    expect(first.items.map((i) => i.id)).to.deep.equal([id]);
    const second = await viewer(first.next!);
    expect(second.items.map((i) => i.id)).to.deep.equal([other]);
    expect(second.next).to.equal(null);
  });

  it('search by region and language: CJK without spaces, only where the rights allow', async () => {
    const cn = await viewer(`/api/search?q=${encodeURIComponent('速度赛')}&region=CN&lang=zh-CN`);
    expect(cn.items.map((i) => i.id)).to.deep.equal([id]);
    expect(cn.items[0]).to.include({ title: '攀岩速度赛决赛', locale: 'zh-Hans', matchedLocale: 'zh-Hans' });
    const tw = await viewer(`/api/search?q=${encodeURIComponent('速度賽')}&region=TW&lang=zh-TW`);
    expect(tw.items[0]).to.include({ id, title: '攀岩速度賽決賽', locale: 'zh-Hant' });
    expect((await viewer(`/api/search?q=${encodeURIComponent('速度賽')}&region=HK&lang=zh-HK`)).items).to.deep.equal([]);
    expect((await viewer('/api/search?q=climbing&region=FR')).items).to.deep.equal([]);
    expect((await viewer('/api/search?q=climbing&region=MO')).items.map((i) => i.id)).to.deep.equal([id]);
  });

  it('451 outside the windows (message in the viewer language, availableFrom); a URL signed for CN fails in HK', async () => {
    const res = await app.api(`/api/programmes/${id}?region=HK&lang=zh-HK`);
    const b = (await res.json()) as { error: { code: string; message: string; availableFrom: string | null } };
    expect(res.status, JSON.stringify(b)).to.equal(451);
    expect(b.error).to.include({ code: 'unavailable_in_region', availableFrom: hkOpens });
    expect(b.error.message).to.match(/[\u4e00-\u9fff]/);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    expect((await app.api(`/api/programmes/${id}?region=FR`)).status).to.equal(451);

    const item = (await (await app.api(`/api/programmes/${id}?region=CN`)).json()) as Item;
    expect(item.hls).to.match(/^\/media\/t\/CN\./);
    expect((await app.api(item.hls!)).status).to.equal(200);
    expect((await app.api(`${item.hls}?region=HK`)).status).to.equal(451);
  });

  it('metadata edits and unpublishing take effect at once', async () => {
    await ok(editor(`/api/programmes/${id}`, 'PATCH', { sport: 'Climbing', tags: ['final', 'speed'] }));
    expect((await viewer('/api/programmes?region=CN')).items.find((i) => i.id === id)).to.include({ sport: 'Climbing' });
    await ok(editor(`/api/programmes/${id}/unpublish`, 'POST'));
    expect((await viewer('/api/programmes?region=CN')).items.map((i) => i.id)).not.to.include(id);
    expect((await app.api(`/api/programmes/${id}?region=CN`)).status).to.equal(404);
  });
});
