// Issue 12, the studio's channel API against the real app (SQLite and PostgreSQL): the editors'
// channel list and one channel with its schedule's version and extent; the plan of a range
// (readiness, what each served region airs — the programme, the alternative, the slate — and the
// slate between entries), right after a save; the editors' programme search (drafts and every
// region's programmes included); who may read (studio reads: editors, admins, translators) and
// the refusals. A loop channel's plan of a day long after its stored entries: their repeats with the
// times they air, the slate between them, a region's alternative and a rights gap on a repeat, the
// plan's ETag and 304. Then, with the slate packaged, a programme whose rendition the live channel
// cannot read is flagged.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { expectJson, startTestApp, waitForSlate, type TestApp } from '../helpers/app.js';
import { postgresTestSchema } from '../helpers/databases.js';
import { createAccount } from '../helpers/studio.js';
import { createProgramme, JSON_HEADERS, setWindows } from './viewer-helpers.js';
import type { EditorChannel } from '../../server/channel/channels.js';
import type { SchedulePlan } from '../../server/channel/schedule-plan-view.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const T0 = Date.parse('2030-07-24T18:00:00.000Z');
const at = (sec: number) => new Date(T0 + sec * 1000).toISOString();
const since = '2030-01-01T00:00:00.000Z';

type Who = 'editor' | 'translator' | 'anonymous' | 'admin';

function caller(app: () => TestApp, tokens: Record<string, string>) {
  return (who: Who, pathname: string, init: RequestInit & { json?: unknown; ifMatch?: string } = {}) => {
    const { json, ifMatch, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (who === 'admin') headers.set('authorization', `Bearer ${app().adminToken}`);
    else if (who !== 'anonymous') headers.set('authorization', `Bearer ${tokens[who]}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    if (ifMatch !== undefined) headers.set('if-match', ifMatch);
    return app().api(pathname, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  };
}

async function readyProgramme(app: TestApp, title: string, durationSec: number, windows: { regions: string[]; exclude?: string[]; start: string }[], publish = true): Promise<string> {
  const id = await createProgramme(app, { en: { title } }, { windows, publish });
  await app.podium.catalog.publishRendition(id, { renditionId: 'r1', renditionKey: `${id}/r1`, durationSec, poster: 'poster.jpg' });
  return id;
}

for (const database of ['SQLite', 'PostgreSQL'] as const) {
  describe(`HTTP: the studio's channels and plans (${database})`, function () {
    this.timeout(120_000);
    let app: TestApp;
    let pg: Awaited<ReturnType<typeof postgresTestSchema>> | undefined;
    const tokens: Record<string, string> = {};
    const call = caller(() => app, tokens);
    /** relay: WW but CN; keirin: CN only (the relay's alternative there, shorter); marathon: FR only; draft: packaged, unpublished. */
    const p = { relay: '', keirin: '', marathon: '', draft: '' };
    let channelId: string;
    let emptyId: string;

    const refused = async (res: Response, status: number, code: string, field?: string) => {
      const b = await expectJson<ErrorBody>(res, status);
      expect(b.error.code).to.equal(code);
      if (field !== undefined) expect(b.error.field, b.error.message).to.equal(field);
    };
    const plan = async (id: string, from: string, to: string, who: Who = 'editor') =>
      expectJson<SchedulePlan>(await call(who, `/api/studio/channels/${id}/plan?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`), 200);
    const putSchedule = async (id: string, entries: unknown[]) => {
      const etag = (await call('editor', `/api/channels/${id}/schedule`)).headers.get('etag')!;
      return expectJson<unknown>(await call('editor', `/api/channels/${id}/schedule`, { method: 'PUT', json: { entries }, ifMatch: etag }), 200);
    };

    before(async () => {
      if (database === 'PostgreSQL') pg = await postgresTestSchema('podium_studio_channels');
      app = await startTestApp({ settings: { workers: 0, ...(pg ? { databaseUrl: pg.url } : {}) } });
      for (const role of ['editor', 'translator'] as const) {
        const { email } = await createAccount(app, role);
        const account = (await app.podium.accounts.store.findForLogin(email))!.account;
        tokens[role] = (await app.podium.accounts.store.createApiToken(account.id, `studio channels ${role}`)).token;
      }
      p.relay = await readyProgramme(app, 'Relay final', 600, [{ regions: ['WW'], exclude: ['CN'], start: since }]);
      p.keirin = await readyProgramme(app, 'Keirin heats', 300, [{ regions: ['CN'], start: since }]);
      p.marathon = await readyProgramme(app, 'Marathon', 300, [{ regions: ['FR'], start: since }]);
      p.draft = await readyProgramme(app, 'Relay draft', 300, [{ regions: ['WW'], start: since }], false);
      const create = async (json: Record<string, unknown>) => (await expectJson<{ id: string }>(await call('editor', '/api/channels', { method: 'POST', json }), 201)).id;
      channelId = await create({ slug: 'olympics', names: { en: 'Olympics', fr: 'Olympiques' }, languages: ['en', 'fr'], timezone: 'Europe/Paris' });
      emptyId = await create({ slug: 'asia', names: { en: 'Asia' }, languages: ['zh-Hans'], regions: ['CN', 'MO'], timezone: 'Asia/Shanghai', loop: true });
      await putSchedule(channelId, [
        { programmeId: p.relay, start: at(0), alternatives: { CN: p.keirin } },
        { programmeId: p.marathon, start: at(700) },
        { programmeId: p.draft },
      ]);
    });
    after(async () => {
      await app?.close();
      await pg?.drop();
    });

    describe('GET /api/studio/channels[/:id]', () => {
      it('lists every channel by slug with its schedule version and extent', async () => {
        const { items } = await expectJson<{ items: EditorChannel[] }>(await call('editor', '/api/studio/channels'), 200);
        expect(items.map((c) => c.slug)).to.deep.equal(['asia', 'olympics']);
        expect(items[1]).to.deep.equal({
          id: channelId,
          slug: 'olympics',
          names: { en: 'Olympics', fr: 'Olympiques' },
          languages: ['en', 'fr'],
          subtitleLanguages: [],
          regions: ['WW'],
          timezone: 'Europe/Paris',
          loop: false,
          scheduleVersion: 1,
          entryCount: 3,
          firstStart: at(0),
          lastEnd: at(1300),
        });
        expect(items[0]).to.deep.include({ id: emptyId, regions: ['CN', 'MO'], loop: true, scheduleVersion: 0, entryCount: 0, firstStart: null, lastEnd: null });
        expect(await expectJson<EditorChannel>(await call('editor', `/api/studio/channels/${channelId}`), 200)).to.deep.equal(items[1]);
      });

      it('is read by editors, admins and translators (studio reads), not anonymously; 404 for an unknown channel', async () => {
        for (const who of ['admin', 'translator'] as const) {
          expect((await call(who, '/api/studio/channels')).status).to.equal(200);
          expect((await call(who, `/api/studio/channels/${channelId}`)).status).to.equal(200);
        }
        await refused(await call('anonymous', '/api/studio/channels'), 401, 'unauthorized');
        await refused(await call('anonymous', `/api/studio/channels/${channelId}`), 401, 'unauthorized');
        await refused(await call('editor', `/api/studio/channels/${randomUUID()}`), 404, 'not_found');
        await refused(await call('editor', '/api/studio/channels/not-a-uuid'), 404, 'not_found');
      });
    });

    describe('GET /api/studio/channels/:id/plan', () => {
      it('shows, per region the channel serves, what airs: the alternative then the slate where the programme is not licensed, the slate where nothing is', async () => {
        const b = await plan(channelId, at(-3600), at(3600));
        expect(b).to.deep.include({ channelId, timezone: 'Europe/Paris', loop: false, version: 1, from: at(-3600), to: at(3600) });
        expect(b.regions).to.deep.equal(['CN', 'FR', '*']);
        const [relay, marathon, draft] = b.entries;
        expect(relay).to.deep.include({ programmeId: p.relay, start: at(0), end: at(600), alternatives: { CN: p.keirin }, status: 'ready', problems: [], conflicts: ['CN'] });
        expect(relay!.regions).to.deep.equal([
          {
            region: 'CN',
            airs: [
              { programmeId: p.keirin, replaced: true, start: at(0), end: at(300) },
              { programmeId: null, replaced: true, start: at(300), end: at(600) },
            ],
          },
          { region: 'FR', airs: [{ programmeId: p.relay, replaced: false, start: at(0), end: at(600) }] },
          { region: '*', airs: [{ programmeId: p.relay, replaced: false, start: at(0), end: at(600) }] },
        ]);
        expect(marathon).to.deep.include({ status: 'ready', conflicts: ['CN', '*'] });
        expect(marathon!.regions.map((r) => [r.region, r.airs.map((a) => a.programmeId)])).to.deep.equal([
          ['CN', [null]],
          ['FR', [p.marathon]],
          ['*', [null]],
        ]);
        expect(b.gaps).to.deep.equal([
          { start: at(-3600), end: at(0) },
          { start: at(600), end: at(700) },
          { start: at(1300), end: at(3600) },
        ]);
        expect(b.programmes[p.keirin]).to.deep.equal({ id: p.keirin, titles: { en: 'Keirin heats' }, durationSec: 300, status: 'ready', problems: [] });
        expect(draft).to.deep.include({ status: 'not_ready', problems: ['unpublished'], conflicts: ['CN', 'FR', '*'] });
      });

      it('follows a save at once (no cached copy of the schedule or rights)', async () => {
        await putSchedule(channelId, [
          { programmeId: p.relay, start: at(0), alternatives: { CN: p.keirin } },
          { programmeId: p.marathon, start: at(700), alternatives: { DE: null, CN: p.keirin } },
          { programmeId: p.draft },
        ]);
        const b = await plan(channelId, at(0), at(1000));
        expect(b.version).to.equal(2);
        expect(b.regions).to.deep.equal(['CN', 'DE', 'FR', '*']);
        expect(b.entries[1]!.regions.find((r) => r.region === 'CN')!.airs).to.deep.equal([{ programmeId: p.keirin, replaced: true, start: at(700), end: at(1000) }]);
        expect(b.entries[1]!.conflicts).to.deep.equal(['CN', 'DE', '*']);
        // Once published, the draft airs wherever its window covers.
        expect((await call('editor', `/api/programmes/${p.draft}/publish`, { method: 'POST' })).status).to.equal(200);
        const after = await plan(channelId, at(1000), at(1300));
        expect(after.entries[0]).to.deep.include({ programmeId: p.draft, status: 'ready', problems: [], conflicts: [] });
      });

      it('shows a regional channel only its own regions', async () => {
        await putSchedule(emptyId, [{ programmeId: p.relay, start: at(0), alternatives: { CN: null } }]);
        const b = await plan(emptyId, at(0), at(600));
        expect(b.regions).to.deep.equal(['CN', 'MO']);
        expect(b.entries[0]!.regions).to.deep.equal([
          { region: 'CN', airs: [{ programmeId: null, replaced: true, start: at(0), end: at(600) }] },
          { region: 'MO', airs: [{ programmeId: p.relay, replaced: false, start: at(0), end: at(600) }] },
        ]);
      });

      it('refuses a missing, malformed, empty or too long range (400 naming it), and answers 404 for an unknown channel', async () => {
        const url = (q: string) => `/api/studio/channels/${channelId}/plan${q}`;
        await refused(await call('editor', url(`?from=${encodeURIComponent(at(0))}`)), 400, 'validation_failed', 'to');
        await refused(await call('editor', url(`?from=today&to=${encodeURIComponent(at(0))}`)), 400, 'validation_failed', 'from');
        await refused(await call('editor', url(`?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(0))}`)), 400, 'validation_failed', 'to');
        await refused(await call('editor', url(`?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(9 * 86_400))}`)), 400, 'validation_failed', 'to');
        await refused(await call('editor', `/api/studio/channels/${randomUUID()}/plan?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(60))}`), 404, 'not_found');
      });

      it('is read by editors, admins and translators, not anonymously', async () => {
        for (const who of ['admin', 'translator'] as const) expect((await plan(channelId, at(0), at(60), who)).entries).to.have.length(1);
        await refused(await call('anonymous', `/api/studio/channels/${channelId}/plan?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(60))}`), 401, 'unauthorized');
      });
    });

    describe('GET /api/studio/programmes?q=', () => {
      it('finds programmes by their localizations whatever their regions or publication, best first', async () => {
        const hits = async (q: string) => (await expectJson<{ items: { id: string }[] }>(await call('editor', `/api/studio/programmes?q=${encodeURIComponent(q)}`), 200)).items.map((i) => i.id);
        expect(await hits('keirin')).to.deep.equal([p.keirin]);
        // The CN-only and FR-only programmes are found too (viewer search would filter by region).
        expect(await hits('marathon')).to.deep.equal([p.marathon]);
        expect((await hits('relay')).sort()).to.deep.equal([p.relay, p.draft].sort());
        expect(await hits('nothing like it')).to.deep.equal([]);
        await refused(await call('editor', '/api/studio/programmes?q=relay&limit=0'), 400, 'validation_failed', 'limit');
        // Without q: every programme, as before.
        expect((await expectJson<{ items: unknown[] }>(await call('translator', '/api/studio/programmes'), 200)).items).to.have.length(4);
      });
    });

    describe('GET /api/studio/channels/:id/plan of a loop channel', () => {
      /** Two days after the stored entries. */
      const DAY = 2 * 86_400;
      const hurdlesWindows = [
        { regions: ['WW'], start: since, end: at(DAY + 3000) },
        { regions: ['WW'], start: at(DAY + 5000) },
      ];
      let loopId: string;
      let hurdles: string;

      before(async () => {
        // The hurdles' rights lapse everywhere from DAY + 3000 s to DAY + 5000 s.
        hurdles = await readyProgramme(app, 'Hurdles', 300, hurdlesWindows);
        loopId = (await expectJson<{ id: string }>(await call('editor', '/api/channels', { method: 'POST', json: { slug: 'loop', names: { en: 'Loop' }, languages: ['en'], timezone: 'Europe/Paris', loop: true } }), 201)).id;
        // Entry 1: the relay (keirin in China) 0–600 s; the slate; entry 2: the hurdles 700–1000 s. The cycle: 1000 s.
        await putSchedule(loopId, [
          { programmeId: p.relay, start: at(0), alternatives: { CN: p.keirin } },
          { programmeId: hurdles, start: at(700) },
        ]);
      });

      it('lists the repeats of a later day with the times they air, the slate between them, and what each region gets instead', async () => {
        const b = await plan(loopId, at(DAY), at(DAY + 86_400));
        expect(b).to.deep.include({ loop: true, version: 1, entries: [], repeatsLeftOut: 0 });
        expect(b.regions).to.deep.equal(['CN', '*']);
        // 172 800 s is 800 s into cycle 172: the hurdles' repeat that began 100 s before the day, then cycles 173…258 whole, then the relay of cycle 259.
        expect(b.repeats).to.have.length(1 + 86 * 2 + 1);
        expect(b.repeats.slice(0, 3).map((r) => [r.entryId, r.number, r.programmeId, r.entryStart, r.start, r.end])).to.deep.equal([
          [b.repeats[0]!.entryId, 2, hurdles, at(700), at(DAY - 100), at(DAY + 200)],
          [b.repeats[1]!.entryId, 1, p.relay, at(0), at(DAY + 200), at(DAY + 800)],
          [b.repeats[0]!.entryId, 2, hurdles, at(700), at(DAY + 900), at(DAY + 1200)],
        ]);
        expect(b.repeats.at(-1)).to.deep.include({ number: 1, start: at(DAY + 86_400 - 200), end: at(DAY + 86_400 + 400) });
        const stored = (await expectJson<{ entries: { id: string }[] }>(await call('editor', `/api/channels/${loopId}/schedule`), 200)).entries.map((e) => e.id);
        expect([b.repeats[1]!.entryId, b.repeats[0]!.entryId]).to.deep.equal(stored);
        // The slate between the relay and the hurdles, cycle after cycle.
        expect(b.gaps.slice(0, 2)).to.deep.equal([
          { start: at(DAY + 800), end: at(DAY + 900) },
          { start: at(DAY + 1800), end: at(DAY + 1900) },
        ]);
        expect(b.gaps).to.have.length(86);
        // China gets the keirin, then the slate, in every repeat of the relay.
        expect(b.repeats[1]).to.deep.include({ status: 'ready', conflicts: ['CN'] });
        expect(b.repeats[1]!.regions).to.deep.equal([
          {
            region: 'CN',
            airs: [
              { programmeId: p.keirin, replaced: true, start: at(DAY + 200), end: at(DAY + 500) },
              { programmeId: null, replaced: true, start: at(DAY + 500), end: at(DAY + 800) },
            ],
          },
          { region: '*', airs: [{ programmeId: p.relay, replaced: false, start: at(DAY + 200), end: at(DAY + 800) }] },
        ]);
        expect(b.repeats[2]).to.deep.include({ conflicts: [] });
        // The hurdles' rights gap: cut at 3000 s, the slate all through 3900–4200 s, back at 5000 s, in every region.
        const hurdlesAt = (sec: number) => b.repeats.find((r) => r.start === at(DAY + sec))!;
        expect(hurdlesAt(2900).conflicts).to.deep.equal(['CN', '*']);
        expect(hurdlesAt(2900).regions[1]!.airs).to.deep.equal([
          { programmeId: hurdles, replaced: false, start: at(DAY + 2900), end: at(DAY + 3000) },
          { programmeId: null, replaced: true, start: at(DAY + 3000), end: at(DAY + 3200) },
        ]);
        expect(hurdlesAt(3900).regions.map((r) => r.airs)).to.deep.equal([
          [{ programmeId: null, replaced: true, start: at(DAY + 3900), end: at(DAY + 4200) }],
          [{ programmeId: null, replaced: true, start: at(DAY + 3900), end: at(DAY + 4200) }],
        ]);
        expect(hurdlesAt(4900).regions[0]!.airs.map((a) => [a.programmeId, a.start])).to.deep.equal([
          [null, at(DAY + 4900)],
          [hurdles, at(DAY + 5000)],
        ]);
        expect(hurdlesAt(5900).conflicts).to.deep.equal([]);
        expect(Object.keys(b.programmes).sort()).to.deep.equal([p.relay, p.keirin, hurdles].sort());
        // The stored day itself lists the entries, numbered, and the repeats that follow them.
        const first = await plan(loopId, at(0), at(2000));
        expect(first.entries.map((e) => [e.number, e.programmeId, e.start])).to.deep.equal([
          [1, p.relay, at(0)],
          [2, hurdles, at(700)],
        ]);
        expect(first.repeats.map((r) => [r.number, r.start])).to.deep.equal([
          [1, at(1000)],
          [2, at(1700)],
        ]);
      });

      it('carries an ETag of the schedule version and the answer: If-None-Match → 304, a rights change → a new one', async () => {
        const url = `/api/studio/channels/${loopId}/plan?from=${encodeURIComponent(at(DAY))}&to=${encodeURIComponent(at(DAY + 7200))}`;
        const res = await call('editor', url);
        expect(res.status).to.equal(200);
        const etag = res.headers.get('etag')!;
        expect(etag).to.match(/^"v1-[0-9a-f]{16}"$/);
        expect(res.headers.get('cache-control')).to.equal('no-store');
        // fetch() adds Cache-Control: no-cache to a conditional request (the Fetch standard) unless it carries its own.
        const revalidate = { 'if-none-match': etag, 'cache-control': 'max-age=0' };
        const again = await call('editor', url, { headers: revalidate });
        expect(again.status).to.equal(304);
        // Open the hurdles' rights gap: the schedule's version stays, the plan and its ETag change.
        await setWindows(app, hurdles, [{ regions: ['WW'], start: since }]);
        const after = await call('editor', url, { headers: revalidate });
        const body = await expectJson<SchedulePlan>(after, 200);
        expect(body.version).to.equal(1);
        expect(after.headers.get('etag')).to.match(/^"v1-/).and.not.equal(etag);
        expect(body.repeats.filter((r) => r.programmeId === hurdles).every((r) => r.conflicts.length === 0)).to.equal(true);
        await setWindows(app, hurdles, hurdlesWindows);
      });

      it('refuses a bad range on a loop channel too (400 naming from or to)', async () => {
        const url = (q: string) => `/api/studio/channels/${loopId}/plan${q}`;
        await refused(await call('editor', url(`?from=${encodeURIComponent(at(DAY))}&to=tomorrow`)), 400, 'validation_failed', 'to');
        await refused(await call('editor', url(`?to=${encodeURIComponent(at(DAY))}`)), 400, 'validation_failed', 'from');
        await refused(await call('editor', url(`?from=${encodeURIComponent(at(DAY))}&to=${encodeURIComponent(at(DAY - 60))}`)), 400, 'validation_failed', 'to');
      });
    });
  });
}

describe('HTTP: the studio plan flags what the live channel cannot read (slate packaged)', function () {
  this.timeout(240_000);
  let app: TestApp;
  after(() => app?.close());

  it('marks a published programme whose rendition cannot be read "unreadable", and shows the slate where it was to air', async () => {
    app = await startTestApp({ ensureSlate: true });
    await waitForSlate(app);
    // Packaged as far as the catalog knows, but no files: the live channel airs the slate instead.
    const ghost = await readyProgramme(app, 'Ghost rendition', 600, [{ regions: ['WW'], start: since }]);
    const channelId = (await expectJson<{ id: string }>(await app.api('/api/channels', { method: 'POST', auth: true, headers: JSON_HEADERS, body: JSON.stringify({ slug: 'ghost', names: { en: 'Ghost' }, languages: ['en'] }) }), 201)).id;
    const etag = (await app.api(`/api/channels/${channelId}/schedule`, { auth: true })).headers.get('etag')!;
    await expectJson(await app.api(`/api/channels/${channelId}/schedule`, { method: 'PUT', auth: true, headers: { ...JSON_HEADERS, 'if-match': etag }, body: JSON.stringify({ entries: [{ programmeId: ghost, start: at(0) }] }) }), 200);
    const b = await expectJson<SchedulePlan>(await app.api(`/api/studio/channels/${channelId}/plan?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(600))}`, { auth: true }), 200);
    expect(b.entries[0]).to.deep.include({ status: 'not_ready', problems: ['unreadable'], conflicts: ['*'] });
    expect(b.entries[0]!.regions).to.deep.equal([{ region: '*', airs: [{ programmeId: null, replaced: true, start: at(0), end: at(600) }] }]);
  });
});
