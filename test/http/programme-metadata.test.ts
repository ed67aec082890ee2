// Editing a programme after its creation, against the real app on a real SQLite file:
// PATCH /api/programmes/:id (sports metadata, validated by the creation schemas, seen at once in
// the viewer's detail, list and search) and per-locale posters (PUT/DELETE
// /api/programmes/:id/posters/:locale: checked by their first bytes, type and size, stored under
// PODIUM_DATA_DIR, served to viewers through signed URLs along their language fallback chain).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runFfmpeg } from '../../transcoder/ffmpeg/command.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { tempDir, testBinaries } from '../helpers/media.js';
import { body, createAccount, signIn, type Session } from '../helpers/studio.js';
import { JSON_HEADERS, createProgramme, getItem } from './viewer-helpers.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function jpeg(): Promise<Buffer> {
  const out = path.join(await tempDir('podium-poster-'), 'poster.jpg');
  await runFfmpeg(await testBinaries(), {
    inputs: [{ path: 'color=c=red:s=32x48', options: ['-f', 'lavfi'] }],
    globalOptions: ['-nostats', '-loglevel', 'error'],
    output: { path: out, options: ['-frames:v', '1'] },
  });
  return fs.readFileSync(out);
}

describe('HTTP: editing a programme after creation (metadata, per-locale posters)', function () {
  let app: TestApp;
  let translator: Session;
  let id: string;
  let JPEG: Buffer;

  const patch = (pid: string, payload: unknown) => app.api(`/api/programmes/${pid}`, { method: 'PATCH', auth: true, headers: JSON_HEADERS, body: JSON.stringify(payload) });
  const putPoster = (locale: string, bytes: Buffer, type = 'image/png', pid = id) =>
    app.api(`/api/programmes/${pid}/posters/${locale}`, { method: 'PUT', auth: true, headers: { 'content-type': type }, body: new Uint8Array(bytes) });
  const posterFiles = () => {
    const dir = path.join(app.dataDir, 'media', id, 'posters');
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  };

  before(async () => {
    app = await startTestApp();
    JPEG = await jpeg();
    translator = await signIn(app, (await createAccount(app, 'translator')).email);
    id = await createProgramme(
      app,
      { en: { title: 'Track cycling: keirin final' }, 'zh-Hant': { title: '場地單車：凱林賽決賽' }, 'zh-Hans': { title: '场地自行车：凯林赛决赛' }, fr: { title: 'Cyclisme sur piste : finale du keirin' } },
      { extra: { sport: 'Cycling Track', discipline: 'Keirin', event: "Men's keirin", gamesEdition: 'Paris 2024', recordedAt: '2024-08-11T15:00:00Z', tags: ['final'] } },
    );
  });
  after(() => app?.close());

  describe('PATCH /api/programmes/:id', () => {
    it('changes every metadata field; the viewer sees it at once in the detail, the list and search', async () => {
      const res = await patch(id, { sport: 'Track Cycling', discipline: 'Keirin (men)', event: 'Final 1–6', gamesEdition: 'Paris 2024 Olympic Games', recordedAt: '2024-08-11T17:30:00+02:00', tags: ['final', 'medal'] });
      const out = await body<Record<string, unknown>>(res);
      expect(res.status, JSON.stringify(out)).to.equal(200);
      const expected = { sport: 'Track Cycling', discipline: 'Keirin (men)', event: 'Final 1–6', gamesEdition: 'Paris 2024 Olympic Games', recordedAt: '2024-08-11T15:30:00.000Z', tags: ['final', 'medal'] };
      expect(out).to.deep.equal({ id, ...expected });
      expect((await getItem(app, id)).body).to.include({ sport: 'Track Cycling', event: 'Final 1–6' });
      const list = await body<{ items: Record<string, unknown>[] }>(await app.api('/api/programmes?limit=100'));
      expect(list.items.find((i) => i.id === id)).to.deep.include(expected);
      const hits = await body<{ items: Record<string, unknown>[] }>(await app.api(`/api/search?q=${encodeURIComponent('keirin')}`));
      expect(hits.items.find((i) => i.id === id)).to.deep.include(expected);
    });

    it('leaves out fields it is not sent, and clears one sent as null', async () => {
      expect((await patch(id, { tags: ['replay'] })).status).to.equal(200);
      let item = (await getItem(app, id)).body as unknown as Record<string, unknown>;
      expect(item).to.deep.include({ sport: 'Track Cycling', tags: ['replay'] });
      const res = await patch(id, { event: null, recordedAt: null });
      expect(await body(res)).to.deep.include({ event: null, recordedAt: null, sport: 'Track Cycling' });
      item = (await getItem(app, id)).body as unknown as Record<string, unknown>;
      expect(item).to.deep.include({ event: null, recordedAt: null, tags: ['replay'] });
    });

    for (const [payload, field] of [
      [{ sport: '' }, 'sport'],
      [{ sport: '   ' }, 'sport'],
      [{ discipline: 'x'.repeat(81) }, 'discipline'],
      [{ recordedAt: 'last Sunday' }, 'recordedAt'],
      [{ recordedAt: '2024-08-11T15:00:00' }, 'recordedAt'],
      [{ tags: 'final' }, 'tags'],
      [{ tags: ['ok', ''] }, 'tags.1'],
      [{ tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, 'tags'],
      [{ gamesEdition: 2024 }, 'gamesEdition'],
      [{ localizations: { en: { title: 'Not here' } } }, 'localizations'],
      [{ status: 'ready' }, 'status'],
    ] as const) {
      it(`${JSON.stringify(payload).slice(0, 60)} → 400 naming ${field}`, async () => {
        const res = await patch(id, payload);
        const b = await body<{ error: { code: string; field: string; message: string } }>(res);
        expect(res.status, JSON.stringify(b)).to.equal(400);
        expect(b.error).to.include({ code: 'validation_failed', field });
        expect(b.error.message.startsWith(`${field}: `), b.error.message).to.equal(true);
      });
    }

    it('refuses an empty change, a body that is not JSON, an unknown programme, and a translator', async () => {
      const empty = await patch(id, {});
      expect(empty.status).to.equal(400);
      expect((await body<{ error: { message: string } }>(empty)).error.message).to.match(/at least one of sport/);
      expect((await app.api(`/api/programmes/${id}`, { method: 'PATCH', auth: true, headers: { 'content-type': 'text/plain' }, body: 'sport=x' })).status).to.equal(415);
      expect((await patch('00000000-0000-4000-8000-000000000000', { sport: 'Judo' })).status).to.equal(404);
      const t = await translator.fetch(`/api/programmes/${id}`, { method: 'PATCH', json: { sport: 'Judo' } });
      expect(t.status).to.equal(403);
      expect((await body<{ error: { message: string } }>(t)).error.message).to.include('programme:update');
      expect((await app.api(`/api/programmes/${id}`, { method: 'PATCH', headers: JSON_HEADERS, body: '{"sport":"Judo"}' })).status).to.equal(401);
      expect((await getItem(app, id)).body).to.include({ sport: 'Track Cycling' });
    });
  });

  describe('the event per language', () => {
    const putLoc = (locale: string, payload: unknown) => app.api(`/api/programmes/${id}/localizations/${locale}`, { method: 'PUT', auth: true, headers: JSON_HEADERS, body: JSON.stringify(payload) });

    it('a localization carries its event; readers get the one of the localization they are served, beside the typed one', async () => {
      const res = await putLoc('zh-Hant', { title: '場地單車：凱林賽決賽', event: '男子凱林賽' });
      expect(res.status).to.equal(200);
      expect(await body(res)).to.deep.equal({ locale: 'zh-Hant', title: '場地單車：凱林賽決賽', shortTitle: '', synopsis: '', event: '男子凱林賽' });
      const hk = (await getItem(app, id, '?lang=zh-HK')).body as unknown as Record<string, unknown>;
      expect(hk).to.include({ locale: 'zh-Hant', localizedEvent: '男子凱林賽' });
      expect(hk, 'the typed event stays beside it (for readers of English)').to.have.property('event');
      const fr = (await getItem(app, id, '?lang=fr')).body as unknown as Record<string, unknown>;
      expect(fr).to.include({ locale: 'fr', localizedEvent: null }); // French has none
      // lists (the in-memory copy) and search say the same
      const list = (await body<{ items: Record<string, unknown>[] }>(await app.api('/api/programmes?lang=zh-Hant'))).items.find((i) => i.id === id)!;
      expect(list).to.include({ localizedEvent: '男子凱林賽' });
      // the studio shows it to editors
      const studio = await body<{ localizations: { locale: string; event: string }[] }>(await app.api(`/api/studio/programmes/${id}`, { auth: true }));
      expect(studio.localizations.find((l) => l.locale === 'zh-Hant')).to.include({ event: '男子凱林賽' });
    });

    it('a write without the event (the translate editor’s) keeps it; an empty one clears it', async () => {
      const keep = await putLoc('zh-Hant', { title: '場地單車：男子凱林賽決賽' });
      expect(await body(keep)).to.include({ title: '場地單車：男子凱林賽決賽', event: '男子凱林賽' });
      expect((await getItem(app, id, '?lang=zh-Hant')).body).to.include({ localizedEvent: '男子凱林賽' });
      const cleared = await putLoc('zh-Hant', { title: '場地單車：男子凱林賽決賽', event: '' });
      expect(await body(cleared)).to.include({ event: '' });
      expect((await getItem(app, id, '?lang=zh-Hant')).body).to.include({ localizedEvent: null });
      expect((await putLoc('zh-Hant', { title: '場地單車：凱林賽決賽', event: '男子凱林賽' })).status).to.equal(200);
    });

    it('an event over 200 characters → 400 naming it, and nothing is written', async () => {
      const res = await putLoc('zh-Hant', { title: '另一個標題', event: 'x'.repeat(201) });
      const b = await body<{ error: { code: string; field: string } }>(res);
      expect(res.status).to.equal(400);
      expect(b.error).to.include({ code: 'validation_failed', field: 'event' });
      expect((await getItem(app, id, '?lang=zh-Hant')).body).to.include({ title: '場地單車：凱林賽決賽' });
    });
  });

  describe('per-locale posters', () => {
    const posterOf = async (query: string) => (await getItem(app, id, query)).body.poster;

    it('stores a PNG for zh-Hant under PODIUM_DATA_DIR and serves it to Traditional Chinese readers through a signed URL', async () => {
      const res = await putPoster('zh-hant', PNG);
      const b = await body(res);
      expect(res.status, JSON.stringify(b)).to.equal(200);
      expect(b).to.deep.equal({ locale: 'zh-Hant', type: 'image/png', bytes: PNG.length });
      expect(posterFiles()).to.have.length(1);
      expect(posterFiles()[0]).to.match(/^zh-Hant\.[0-9a-f]{16}\.png$/);

      for (const q of ['?region=HK&lang=zh-HK', '?region=TW&lang=zh-TW', '?region=MO&lang=zh-Hant']) {
        const url = await posterOf(q);
        expect(url, q).to.match(new RegExp(`^/media/t/[^/]+/${id}/posters/zh-Hant\\.[0-9a-f]{16}\\.png$`));
        const img = await app.api(url!);
        expect(img.status).to.equal(200);
        expect(img.headers.get('content-type')).to.equal('image/png');
        expect(img.headers.get('cache-control')).to.include('immutable');
        expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).to.equal(true);
      }
      // Simplified and other readers: no poster in their chain, no rendition poster, and the
      // localization they are served has none.
      expect(await posterOf('?region=CN&lang=zh-CN')).to.equal(null);
      expect(await posterOf('?region=FR&lang=fr')).to.equal(null);
    });

    it('an English poster: English readers get it, and so does everyone whose chain ends in English (as titles do)', async () => {
      expect((await putPoster('en', JPEG, 'image/jpeg')).status).to.equal(200);
      expect(await posterOf('?region=GB&lang=en-GB')).to.match(/\/posters\/en\.[0-9a-f]{16}\.jpg$/);
      expect(await posterOf('?region=HK&lang=zh-HK')).to.match(/\/posters\/zh-Hant\./); // the chain first
      expect(await posterOf('?region=DE&lang=de')).to.match(/\/posters\/en\./);
      expect(await posterOf('?region=FR&lang=fr')).to.match(/\/posters\/en\./); // French title, no French poster
      const list = await body<{ items: { id: string; poster: string | null }[] }>(await app.api('/api/programmes?region=HK&lang=zh-HK&limit=100'));
      expect(list.items.find((i) => i.id === id)!.poster).to.match(/\/posters\/zh-Hant\./);
    });

    it('replacing a poster serves the new image and removes the old file', async () => {
      const before = posterFiles();
      expect((await putPoster('zh-Hant', JPEG, 'image/jpeg; charset=binary')).status).to.equal(200);
      const after = posterFiles();
      expect(after).to.have.length(2); // en + zh-Hant
      expect(after.filter((f) => f.startsWith('zh-Hant.'))).to.have.length(1);
      expect(after).not.to.deep.equal(before);
      const url = await posterOf('?region=HK&lang=zh-HK');
      expect(url).to.match(/\/posters\/zh-Hant\.[0-9a-f]{16}\.jpg$/);
      expect(Buffer.from(await (await app.api(url!)).arrayBuffer()).equals(JPEG)).to.equal(true);
    });

    it('refuses what is not the declared image (415), an empty body (400), too large a body (413), a locale without a localization (404)', async () => {
      const count = posterFiles().length;
      const refused = async (res: Response, status: number, code: string) => {
        const b = await body<{ error: { code: string } }>(res);
        expect(res.status, JSON.stringify(b)).to.equal(status);
        expect(b.error.code).to.equal(code);
      };
      await refused(await putPoster('fr', PNG, 'image/jpeg'), 415, 'unsupported_media_type');
      await refused(await putPoster('fr', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'), 415, 'unsupported_media_type');
      await refused(await putPoster('fr', Buffer.from('GIF89a\x01\x00\x01\x00'), 'image/gif'), 415, 'unsupported_media_type');
      await refused(await putPoster('fr', PNG, 'application/octet-stream'), 415, 'unsupported_media_type');
      await refused(await putPoster('fr', Buffer.alloc(0)), 400, 'bad_request');
      const huge = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
      await refused(await putPoster('fr', huge), 413, 'payload_too_large');
      await refused(await putPoster('ja', PNG), 404, 'not_found');
      await refused(await putPoster('en', PNG, 'image/png', '00000000-0000-4000-8000-000000000000'), 404, 'not_found');
      const bad = await putPoster('not a locale', PNG);
      expect(bad.status).to.equal(400);
      expect((await body<{ error: { field: string } }>(bad)).error.field).to.equal('locale');
      const t = await translator.fetch(`/api/programmes/${id}/posters/fr`, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: new Uint8Array(PNG) });
      expect(t.status).to.equal(403);
      expect(posterFiles()).to.have.length(count);
      expect(await posterOf('?region=FR&lang=fr')).not.to.match(/\/posters\/fr\./);
    });

    it('DELETE removes the poster and its file; viewers fall back along their chain', async () => {
      expect((await putPoster('zh-Hans', PNG)).status).to.equal(200);
      expect(await posterOf('?region=CN&lang=zh-CN')).to.match(/\/posters\/zh-Hans\./);
      expect((await app.api(`/api/programmes/${id}/posters/zh-Hant`, { method: 'DELETE', auth: true })).status).to.equal(204);
      expect(posterFiles().filter((f) => f.startsWith('zh-Hant.'))).to.deep.equal([]);
      expect(await posterOf('?region=HK&lang=zh-HK')).to.match(/\/posters\/en\./); // along the chain: never a Simplified one
      expect((await app.api(`/api/programmes/${id}/posters/zh-Hant`, { method: 'DELETE', auth: true })).status).to.equal(404);
    });

    it('removing a localization removes its poster file', async () => {
      expect((await putPoster('fr', PNG)).status).to.equal(200);
      expect(posterFiles().some((f) => f.startsWith('fr.'))).to.equal(true);
      expect((await app.api(`/api/programmes/${id}/localizations/fr`, { method: 'DELETE', auth: true })).status).to.equal(204);
      expect(posterFiles().some((f) => f.startsWith('fr.'))).to.equal(false);
    });

    it('is described in the OpenAPI document', async () => {
      const doc = await body<{ paths: Record<string, Record<string, { 'x-podium-permission'?: string }>> }>(await app.api('/api/openapi.json'));
      expect(doc.paths['/api/programmes/{id}']!.patch!['x-podium-permission']).to.equal('programme:update');
      expect(doc.paths['/api/programmes/{id}/posters/{locale}']).to.have.keys('put', 'delete');
    });
  });
});
