// Issue 12, channels and schedules (editors' side), against the real app on SQLite and
// PostgreSQL: channel creation and its checks, schedule writes with chained starts, the refusals
// that name the entry and field and change nothing, If-Match (428, 409, success), replacing from
// a later start keeps earlier entries, and the permission model (translator 403, anonymous 401).
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { expectJson, startTestApp, type TestApp } from '../helpers/app.js';
import { postgresTestSchema } from '../helpers/databases.js';
import { createAccount } from '../helpers/studio.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string; current?: string };
}
interface Entry {
  id: string;
  programmeId: string;
  start: string;
  end: string;
  alternatives: Record<string, string | null>;
}
interface ScheduleBody {
  entries: Entry[];
}

const T0 = Date.parse('2026-07-24T18:00:00.000Z');
const at = (sec: number) => new Date(T0 + sec * 1000).toISOString();

for (const database of ['SQLite', 'PostgreSQL'] as const) {
  describe(`HTTP: channels and schedules (${database})`, function () {
    this.timeout(120_000);
    let app: TestApp;
    let pg: Awaited<ReturnType<typeof postgresTestSchema>> | undefined;
    const tokens = { editor: '', translator: '' };
    /** Ready programmes (durations 600 s, 90.5 s, 1200 s) and one without a rendition. */
    const p = { a: '', b: '', c: '', draft: '' };

    const call = (who: 'editor' | 'translator' | 'anonymous', pathname: string, init: RequestInit & { json?: unknown; ifMatch?: string } = {}) => {
      const { json, ifMatch, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (who !== 'anonymous') headers.set('authorization', `Bearer ${tokens[who]}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      if (ifMatch !== undefined) headers.set('if-match', ifMatch);
      return app.api(pathname, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    };
    const createProgramme = async (title: string) => (await expectJson<{ id: string }>(await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title } } }) }), 201)).id;
    // Readiness the way the catalog records it once a transcode is published (no need for real segments here).
    const makeReady = (id: string, durationSec: number) => app.podium.catalog.publishRendition(id, { renditionId: 'r1', renditionKey: `${id}/r1`, durationSec, poster: 'poster.jpg' });
    const newChannel = async (slug: string) =>
      (await expectJson<{ id: string }>(await call('editor', '/api/channels', { method: 'POST', json: { slug, names: { en: slug }, languages: ['en'] } }), 201)).id;
    const schedule = async (channelId: string, query = '') => {
      const res = await call('editor', `/api/channels/${channelId}/schedule${query}`);
      const b = await expectJson<ScheduleBody>(res, 200);
      return { etag: res.headers.get('etag'), entries: b.entries };
    };
    const put = (channelId: string, entries: unknown[], ifMatch?: string, who: 'editor' | 'translator' | 'anonymous' = 'editor') =>
      call(who, `/api/channels/${channelId}/schedule`, { method: 'PUT', json: { entries }, ifMatch });
    const refused = async (res: Response, status: number, code: string, field?: string) => {
      const b = await expectJson<ErrorBody>(res, status);
      expect(b.error.code).to.equal(code);
      if (field !== undefined) expect(b.error.field, b.error.message).to.equal(field);
      return b;
    };

    before(async () => {
      if (database === 'PostgreSQL') pg = await postgresTestSchema('podium_channels');
      app = await startTestApp({ settings: { workers: 0, ...(pg ? { databaseUrl: pg.url } : {}) } });
      for (const role of ['editor', 'translator'] as const) {
        const { email } = await createAccount(app, role);
        const account = (await app.podium.accounts.store.findForLogin(email))!.account;
        tokens[role] = (await app.podium.accounts.store.createApiToken(account.id, `channels ${role}`)).token;
      }
      p.a = await createProgramme('Relay final');
      p.b = await createProgramme('Keirin heats');
      p.c = await createProgramme('Marathon');
      p.draft = await createProgramme('Not transcoded yet');
      await makeReady(p.a, 600);
      await makeReady(p.b, 90.5);
      await makeReady(p.c, 1200);
    });
    after(async () => {
      await app?.close();
      await pg?.drop();
    });

    describe('POST /api/channels', () => {
      it('creates a channel with canonical languages and regions, defaults WW, UTC, no loop', async () => {
        const res = await call('editor', '/api/channels', { method: 'POST', json: { slug: 'olympic-1', names: { en: 'Olympic Channel', 'zh-hant': '奧林匹克頻道' }, languages: ['EN', 'fr', 'zh-hant'], subtitleLanguages: ['ar'] } });
        const b = await expectJson<Record<string, unknown>>(res, 201);
        expect(b.id).to.match(/^[0-9a-f-]{36}$/);
        expect(b).to.deep.include({ slug: 'olympic-1', names: { en: 'Olympic Channel', 'zh-Hant': '奧林匹克頻道' }, languages: ['en', 'fr', 'zh-Hant'], subtitleLanguages: ['ar'], regions: ['WW'], timezone: 'UTC', loop: false });
        const other = await expectJson<Record<string, unknown>>(await call('editor', '/api/channels', { method: 'POST', json: { slug: 'asia', names: { en: 'Asia' }, languages: ['zh-Hans'], regions: ['cn', 'MO'], timezone: 'Asia/Shanghai', loop: true } }), 201);
        expect(other).to.deep.include({ regions: ['CN', 'MO'], timezone: 'Asia/Shanghai', loop: true, subtitleLanguages: [] });
      });

      it('refuses a slug that is taken (409, field slug)', async () => {
        await newChannel('taken');
        await refused(await call('editor', '/api/channels', { method: 'POST', json: { slug: 'taken', names: { fr: 'Autre' }, languages: ['fr'] } }), 409, 'conflict', 'slug');
      });

      it('refuses bad fields with 400 naming the field', async () => {
        const base = { slug: 'ok-slug', names: { en: 'Name' }, languages: ['en'] };
        const cases: Array<[Record<string, unknown>, string]> = [
          [{ slug: 'Bad Slug' }, 'slug'],
          [{ slug: '-edge' }, 'slug'],
          [{ names: { en: '   ' } }, 'names.en'],
          [{ names: {} }, 'names'],
          [{ names: { 'not a locale': 'x' } }, 'names.not a locale'],
          [{ languages: [] }, 'languages'],
          [{ languages: ['en', 'e_x!'] }, 'languages.1'],
          [{ languages: ['en', 'EN'] }, 'languages.1'],
          [{ subtitleLanguages: ['??'] }, 'subtitleLanguages.0'],
          [{ regions: ['ZZ'] }, 'regions.0'],
          [{ regions: ['WW', 'FR'] }, 'regions'],
          [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
          [{ loop: 'yes' }, 'loop'],
        ];
        for (const [change, field] of cases) await refused(await call('editor', '/api/channels', { method: 'POST', json: { ...base, ...change } }), 400, 'validation_failed', field);
      });

      it('is for editors and admins: translator 403, anonymous 401', async () => {
        const json = { slug: 'nope', names: { en: 'Nope' }, languages: ['en'] };
        await refused(await call('translator', '/api/channels', { method: 'POST', json }), 403, 'forbidden');
        await refused(await call('anonymous', '/api/channels', { method: 'POST', json }), 401, 'unauthorized');
        await newChannel('nope'); // nothing was stored under that slug by the refused calls
      });
    });

    describe('schedules', () => {
      let channelId: string;
      before(async () => {
        channelId = await newChannel('schedule-main');
      });

      it('starts empty at version "v0"', async () => {
        expect(await schedule(channelId)).to.deep.equal({ etag: '"v0"', entries: [] });
      });

      it('refuses a write without If-Match (428) and stores nothing', async () => {
        await refused(await put(channelId, [{ programmeId: p.a, start: at(0) }]), 428, 'precondition_required');
        expect(await schedule(channelId)).to.deep.equal({ etag: '"v0"', entries: [] });
      });

      it('stores entries with chained starts (ms precision) and answers the new ETag', async () => {
        const res = await put(channelId, [{ programmeId: p.a, start: at(0) }, { programmeId: p.b, alternatives: { CN: p.c, hk: null } }, { programmeId: p.c }, { programmeId: p.a, start: at(7200) }], '"v0"');
        const b = await expectJson<ScheduleBody>(res, 200);
        expect(res.headers.get('etag')).to.equal('"v1"');
        expect(b.entries.map((e) => [e.programmeId, e.start, e.end])).to.deep.equal([
          [p.a, at(0), at(600)],
          [p.b, at(600), at(690.5)],
          [p.c, at(690.5), at(1890.5)],
          [p.a, at(7200), at(7800)],
        ]);
        expect(b.entries[1]!.alternatives).to.deep.equal({ CN: p.c, HK: null });
        expect(await schedule(channelId)).to.deep.equal({ etag: '"v1"', entries: b.entries });
      });

      it('reads a time range: the entries overlapping [from, to)', async () => {
        const { entries } = await schedule(channelId, `?from=${encodeURIComponent(at(650))}&to=${encodeURIComponent(at(7200))}`);
        expect(entries.map((e) => e.start)).to.deep.equal([at(600), at(690.5)]);
        await refused(await call('editor', `/api/channels/${channelId}/schedule?from=yesterday`), 400, 'validation_failed', 'from');
        // Past either end of the storable range reads as that end (PostgreSQL has no year 0).
        const all = await schedule(channelId, `?from=${encodeURIComponent('0000-01-01T00:00:00Z')}&to=${encodeURIComponent('9999-12-31T23:59:59Z')}`);
        expect(all.entries).to.have.length(4);
      });

      it('refuses a stale If-Match (409 with the current ETag) and keeps the stored schedule', async () => {
        const before = await schedule(channelId);
        const b = await refused(await put(channelId, [{ programmeId: p.b, start: at(0) }], '"v0"'), 409, 'conflict');
        expect(b.error.current).to.equal('"v1"');
        await refused(await put(channelId, [{ programmeId: p.b, start: at(0) }], 'garbage'), 409, 'conflict');
        expect(await schedule(channelId)).to.deep.equal(before);
      });

      it('refuses bad entries with 400 naming the entry and field, and changes nothing', async () => {
        const before = await schedule(channelId);
        const cases: Array<[unknown[], string]> = [
          [[{ programmeId: p.a, start: at(0) }, { programmeId: p.b, start: at(300) }], 'entries.1.start'], // overlaps entries.0
          [[{ programmeId: p.a, start: at(0) }, { programmeId: p.b, start: at(-100) }], 'entries.1.start'], // before the previous one
          [[{ programmeId: p.a }], 'entries.0.start'], // the first entry needs a start
          [[{ programmeId: p.a, start: at(0) }, { programmeId: randomUUID() }], 'entries.1.programmeId'], // unknown
          [[{ programmeId: p.a, start: at(0) }, { programmeId: p.b }, { programmeId: p.draft }], 'entries.2.programmeId'], // not ready
          [[{ programmeId: p.a, start: at(0), alternatives: { CN: p.draft } }], 'entries.0.alternatives.CN'], // alternative not ready
          [[{ programmeId: p.a, start: at(0), alternatives: { CN: randomUUID() } }], 'entries.0.alternatives.CN'], // alternative unknown
          [[{ programmeId: p.a, start: at(0), alternatives: { XX: null } }], 'entries.0.alternatives.XX'], // not a region
          [[{ programmeId: p.a, start: at(0), alternatives: { WW: null } }], 'entries.0.alternatives.WW'], // an alternative is for one region
          [[{ programmeId: 'not-a-uuid', start: at(0) }], 'entries.0.programmeId'],
          [[{ programmeId: p.a, start: 'tomorrow' }], 'entries.0.start'],
          [[{ programmeId: p.a, start: '0000-01-01T00:00:00Z' }], 'entries.0.start'], // no year 0 in PostgreSQL
        ];
        for (const [entries, field] of cases) await refused(await put(channelId, entries, before.etag!), 400, 'validation_failed', field);
        expect(await schedule(channelId)).to.deep.equal(before);
      });

      it('replaces from the first entry’s start onward: earlier entries stay', async () => {
        const before = await schedule(channelId);
        // From the third entry's start (690.5 s): the marathon and the later relay go, the relay and keirin before it stay.
        const res = await put(channelId, [{ programmeId: p.b, start: at(690.5) }, { programmeId: p.b }], before.etag!);
        const b = await expectJson<ScheduleBody>(res, 200);
        expect(res.headers.get('etag')).to.equal('"v2"');
        expect(b.entries.slice(0, 2)).to.deep.equal(before.entries.slice(0, 2));
        expect(b.entries.map((e) => [e.programmeId, e.start, e.end])).to.deep.equal([
          [p.a, at(0), at(600)],
          [p.b, at(600), at(690.5)],
          [p.b, at(690.5), at(781)],
          [p.b, at(781), at(871.5)],
        ]);
      });

      it('refuses a write whose first entry overlaps the kept entry before it', async () => {
        const before = await schedule(channelId);
        await refused(await put(channelId, [{ programmeId: p.c, start: at(300) }], before.etag!), 400, 'validation_failed', 'entries.0.start');
        expect(await schedule(channelId)).to.deep.equal(before);
      });

      it('replaces from `from` when given: earlier entries stay, an empty list removes the later ones, an entry before from is refused', async () => {
        const before = await schedule(channelId);
        await refused(await call('editor', `/api/channels/${channelId}/schedule`, { method: 'PUT', json: { from: at(700), entries: [{ programmeId: p.b, start: at(690.5) }] }, ifMatch: before.etag! }), 400, 'validation_failed', 'entries.0.start');
        await refused(await call('editor', `/api/channels/${channelId}/schedule`, { method: 'PUT', json: { from: 'noon', entries: [] }, ifMatch: before.etag! }), 400, 'validation_failed', 'from');
        expect(await schedule(channelId)).to.deep.equal(before);
        // From 700 s: the entries starting at 781 s go; the one running across 700 s stays.
        const res = await call('editor', `/api/channels/${channelId}/schedule`, { method: 'PUT', json: { from: at(700), entries: [] }, ifMatch: before.etag! });
        const b = await expectJson<ScheduleBody>(res, 200);
        expect(b.entries).to.deep.equal(before.entries.slice(0, 3));
        expect(res.headers.get('etag')).to.equal('"v3"');
      });

      it('replaces the entries starting in [from, to) when given both: later entries stay, and the new ones must end before the next begins', async () => {
        const before = await schedule(channelId); // relay 0–600, keirin 600–690.5, keirin 690.5–781
        const range = (json: Record<string, unknown>, etag = before.etag!) => call('editor', `/api/channels/${channelId}/schedule`, { method: 'PUT', json, ifMatch: etag });
        await refused(await range({ from: at(600), to: at(690), entries: [{ programmeId: p.a, start: at(600) }] }), 400, 'validation_failed', 'entries.0.start'); // ends after 690.5
        await refused(await range({ from: at(600), to: at(690), entries: [{ programmeId: p.b, start: at(600) }, { programmeId: p.b, start: at(690) }] }), 400, 'validation_failed', 'entries.1.start'); // starts at to
        await refused(await range({ to: at(690), entries: [] }), 400, 'validation_failed', 'to');
        await refused(await range({ from: at(690), to: at(600), entries: [] }), 400, 'validation_failed', 'to');
        expect(await schedule(channelId)).to.deep.equal(before);
        const emptied = await expectJson<ScheduleBody>(await range({ from: at(600), to: at(690), entries: [] }), 200);
        expect(emptied.entries).to.deep.equal([before.entries[0], before.entries[2]]);
        const res = await range({ from: at(600), to: at(690), entries: [{ programmeId: p.b, start: at(600) }] }, '"v4"');
        const b = await expectJson<ScheduleBody>(res, 200);
        expect(res.headers.get('etag')).to.equal('"v5"');
        expect(b.entries.map((e) => [e.programmeId, e.start, e.end])).to.deep.equal(before.entries.map((e) => [e.programmeId, e.start, e.end]));
        expect(b.entries[2]).to.deep.equal(before.entries[2]);
      });

      it('an empty list clears the schedule', async () => {
        const before = await schedule(channelId);
        const res = await put(channelId, [], before.etag!);
        expect(await expectJson<ScheduleBody>(res, 200)).to.deep.equal({ entries: [] });
        expect(res.headers.get('etag')).to.equal('"v6"');
      });

      it('is read with programme:read and written with channel:write: translator reads, 403 on write; anonymous 401', async () => {
        const current = await schedule(channelId);
        expect((await call('translator', `/api/channels/${channelId}/schedule`)).status).to.equal(200);
        await refused(await put(channelId, [{ programmeId: p.a, start: at(0) }], current.etag!, 'translator'), 403, 'forbidden');
        await refused(await put(channelId, [{ programmeId: p.a, start: at(0) }], current.etag!, 'anonymous'), 401, 'unauthorized');
        await refused(await call('anonymous', `/api/channels/${channelId}/schedule`), 401, 'unauthorized');
        expect(await schedule(channelId)).to.deep.equal(current);
      });

      it('is described in the OpenAPI document with its permissions', async () => {
        const doc = await expectJson<{ paths: Record<string, Record<string, { 'x-podium-permission'?: string }>> }>(await app.api('/api/openapi.json'), 200);
        expect(doc.paths['/api/channels']!.post!['x-podium-permission']).to.equal('channel:write');
        expect(doc.paths['/api/channels/{id}/schedule']!.get!['x-podium-permission']).to.equal('programme:read');
        expect(doc.paths['/api/channels/{id}/schedule']!.put!['x-podium-permission']).to.equal('channel:write');
      });

      it('answers 404 for an unknown channel', async () => {
        await refused(await call('editor', `/api/channels/${randomUUID()}/schedule`), 404, 'not_found');
        await refused(await put(randomUUID(), [{ programmeId: p.a, start: at(0) }], '"v0"'), 404, 'not_found');
        await refused(await call('editor', '/api/channels/not-a-uuid/schedule'), 404, 'not_found');
      });
    });
  });
}
