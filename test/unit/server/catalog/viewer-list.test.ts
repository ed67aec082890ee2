// The viewer's list two ways on SQLite and PostgreSQL: read from the database per request, and
// from the in-memory copy of the published catalog (PublishedSnapshot). Same pages, same order,
// same cursors; the copy follows this process's writes at once, rights edges to the millisecond
// of an injected clock, and another process's writes once its age passes the TTL.
import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import { AvailabilityStore } from '../../../../server/catalog/availability.js';
import { LocalizationStore } from '../../../../server/catalog/localizations.js';
import { ProgrammeService } from '../../../../server/catalog/programmes.js';
import { PublishedSnapshot } from '../../../../server/catalog/published-snapshot.js';
import { ViewerCatalog, decodeListCursor, encodeListCursor, type ListCursor, type Viewer } from '../../../../server/catalog/viewer.js';
import { migrate } from '../../../../server/db/migrate.js';
import { defineModels, type Models } from '../../../../server/db/models.js';
import type { JobQueue } from '../../../../server/jobs/queue.js';
import { fallbackChain } from '../../../../server/locale-fallback/index.js';
import type { MediaStore } from '../../../../server/media/store.js';
import { PlaybackTokens, createRightsAudit, type AvailabilityWindow } from '../../../../server/rights/index.js';
import { createSearchIndex } from '../../../../server/search/index.js';
import { postgresTestDb, sqliteTestDb, type TestDb } from '../../../helpers/databases.js';

const DAY = 86_400_000;

function suite(name: string, open: () => Promise<TestDb>) {
  describe(`viewer list and its in-memory copy on ${name}`, function () {
    this.timeout(60_000);
    let db: TestDb;
    let models: Models;
    let clock: number;
    let monotonic: number;
    let catalog: ProgrammeService;
    let availability: AvailabilityStore;
    let localizations: LocalizationStore;
    let direct: ViewerCatalog;
    let cached: ViewerCatalog;
    const ids: string[] = [];
    const fr: Viewer = { region: 'FR', chain: fallbackChain('fr') };
    const cn: Viewer = { region: 'CN', chain: fallbackChain('zh-CN') };

    const viewerOn = (sequelize: Sequelize, m: Models, snapshot?: PublishedSnapshot) =>
      new ViewerCatalog({
        sequelize,
        models: m,
        catalog: new ProgrammeService({ sequelize, models: m, media: {} as MediaStore, queue: {} as JobQueue, now: () => new Date(clock) }),
        availability: new AvailabilityStore({ sequelize, models: m }),
        search: createSearchIndex(sequelize),
        tokens: new PlaybackTokens({ secrets: ['k'.repeat(32)], now: () => new Date(clock) }),
        audit: createRightsAudit({ sink: () => {} }),
        now: () => new Date(clock),
        tokenTtlSec: 3600,
        tokenBucketSec: 300,
        snapshot,
      });

    async function all(v: ViewerCatalog, viewer: Viewer, limit: number): Promise<{ ids: string[]; pages: number }> {
      const out: string[] = [];
      let after: ListCursor | null = null;
      let pages = 0;
      do {
        const page: { items: { id: string }[]; next: ListCursor | null } = await v.page(viewer, { limit, after });
        expect(page.items.length).to.be.at.most(limit);
        out.push(...page.items.map((i) => i.id));
        after = page.next ? decodeListCursor(encodeListCursor(page.next)) : null; // through the URL form
        pages++;
      } while (after && pages < 100);
      return { ids: out, pages };
    }

    before(async () => {
      db = await open();
      await migrate(db.sequelize);
      models = defineModels(db.sequelize);
      clock = Date.parse('2026-07-24T12:00:00Z');
      monotonic = 0;
      const search = createSearchIndex(db.sequelize);
      catalog = new ProgrammeService({ sequelize: db.sequelize, models, media: {} as MediaStore, queue: {} as JobQueue, search, now: () => new Date(clock) });
      availability = new AvailabilityStore({ sequelize: db.sequelize, models });
      localizations = new LocalizationStore({ sequelize: db.sequelize, models, search });
      direct = viewerOn(db.sequelize, models);
      cached = viewerOn(db.sequelize, models, new PublishedSnapshot({ models, ttlMs: 5000, monotonic: () => monotonic }));
      const kinds: AvailabilityWindow[][] = [
        [{ regions: ['WW'], exclude: [], start: new Date(clock - DAY), end: null }],
        [{ regions: ['FR', 'CH'], exclude: [], start: new Date(clock - DAY), end: new Date(clock + DAY) }],
        [{ regions: ['CN', 'MO'], exclude: [], start: new Date(clock - DAY), end: null }],
        [{ regions: ['WW'], exclude: ['FR'], start: new Date(clock - DAY), end: null }],
        [{ regions: ['WW'], exclude: [], start: new Date(clock + DAY), end: null }],
      ];
      for (let i = 0; i < 23; i++) {
        // Several programmes share a creation instant: the id breaks the tie, on both paths.
        if (i % 3 === 0) clock += 1;
        const { id } = await catalog.createProgramme({
          localizations: { en: { title: `Final ${i}` }, fr: { title: `Finale ${i}` }, 'zh-Hans': { title: `决赛 ${i}` } },
          windows: kinds[i % kinds.length],
          published: i % 7 !== 6,
        });
        ids.push(id);
      }
    });
    after(() => db?.close());

    it('pages through the same programmes in the same order on both paths, for any page size', async () => {
      for (const viewer of [fr, cn]) {
        const whole = (await direct.list(viewer)).map((i) => i.id);
        expect(whole.length).to.be.greaterThan(5);
        expect((await cached.list(viewer)).map((i) => i.id)).to.deep.equal(whole);
        for (const limit of [1, 2, 5, 100]) {
          const a = await all(direct, viewer, limit);
          const b = await all(cached, viewer, limit);
          expect(a.ids, `direct, limit ${limit}`).to.deep.equal(whole);
          expect(b.ids, `cached, limit ${limit}`).to.deep.equal(whole);
          expect(b.pages).to.equal(a.pages);
        }
      }
      const page = await cached.page(fr, { limit: 2 });
      expect(page.items.map((i) => [i.title, i.locale, i.fallback])).to.deep.equal((await direct.page(fr, { limit: 2 })).items.map((i) => [i.title, i.locale, i.fallback]));
      expect(page.items[0]).to.include({ locale: 'fr', fallback: false });
    });

    it('one programme from the copy (the watch page) is the one the database gives, refusals included', async () => {
      const outcome = (p: Promise<unknown>) => p.then((v) => ({ ok: v }), (e: Error & { code?: string }) => ({ err: `${e.constructor.name} ${e.code ?? ''}` }));
      const unpublished = ids.filter((_, i) => i % 7 === 6);
      for (const id of [...ids, '00000000-0000-4000-8000-000000000000']) {
        for (const viewer of [fr, cn]) {
          const fromDb = await outcome(cached.get(id, viewer));
          const fromCopy = await outcome(cached.get(id, viewer, { fromCopy: true }));
          expect(fromCopy, `${id} ${viewer.region}`).to.deep.equal(fromDb);
        }
      }
      // each case occurs: shown, refused in the region, not found (unpublished)
      const kinds = await Promise.all(ids.map((id) => outcome(cached.get(id, cn, { fromCopy: true }))));
      expect(kinds.some((k) => 'ok' in k)).to.equal(true);
      expect(kinds.some((k) => 'err' in k && k.err.startsWith('UnavailableError'))).to.equal(true);
      expect(await outcome(cached.get(unpublished[0]!, fr, { fromCopy: true }))).to.deep.equal({ err: 'CatalogError not_found' });
    });

    it('follows writes of this process at once: publication, windows, localizations, new programmes', async () => {
      const first = (await cached.list(fr))[0]!;
      await availability.setPublished(first.id, false, new Date(clock));
      expect((await cached.list(fr)).map((i) => i.id)).not.to.include(first.id);
      await availability.setPublished(first.id, true, new Date(clock));
      expect((await cached.list(fr)).map((i) => i.id)).to.include(first.id);

      await localizations.put(first.id, 'fr', { title: 'Finale, nouveau titre' });
      expect((await cached.list(fr)).find((i) => i.id === first.id)!.title).to.equal('Finale, nouveau titre');

      const cnOnly = ids[2]!;
      expect((await cached.list(fr)).map((i) => i.id)).not.to.include(cnOnly);
      await availability.replace(cnOnly, [{ regions: ['FR'], exclude: [], start: new Date(clock - DAY), end: null }]);
      expect((await cached.list(fr)).map((i) => i.id)).to.include(cnOnly);
      await availability.replace(cnOnly, [{ regions: ['CN', 'MO'], exclude: [], start: new Date(clock - DAY), end: null }]);

      clock += 1;
      const { id } = await catalog.createProgramme({ localizations: { en: { title: 'Newest' } }, published: true });
      const list = await cached.list(fr);
      expect(list[list.length - 1]!.id).to.equal(id);
      expect(list.map((i) => i.id)).to.deep.equal((await direct.list(fr)).map((i) => i.id));
    });

    it('opens and closes windows at their instant, without a write', async () => {
      const { id } = await catalog.createProgramme({
        localizations: { en: { title: 'Short window' } },
        windows: [{ regions: ['FR'], exclude: [], start: new Date(clock + 1000), end: new Date(clock + 2000) }],
        published: true,
      });
      const has = async () => (await cached.list(fr)).some((i) => i.id === id);
      expect(await has()).to.equal(false);
      clock += 999;
      expect(await has()).to.equal(false);
      clock += 1;
      expect(await has(), 'open at its start').to.equal(true);
      clock += 999;
      expect(await has()).to.equal(true);
      clock += 1;
      expect(await has(), 'closed at its end').to.equal(false);
    });

    it("sees another process's writes once the copy is older than the TTL", async () => {
      const otherModels = defineModels(db.sequelize); // another server: its own models, no hooks of ours
      const otherAvailability = new AvailabilityStore({ sequelize: db.sequelize, models: otherModels });
      const target = (await cached.list(fr))[0]!.id;
      await otherAvailability.setPublished(target, false, new Date(clock));
      expect((await cached.list(fr)).map((i) => i.id), 'within the TTL').to.include(target);
      monotonic += 5001;
      await cached.list(fr); // answered from the aged copy while the fresh one loads
      await new Promise((r) => setTimeout(r, 200));
      let seen = (await cached.list(fr)).map((i) => i.id);
      for (let i = 0; i < 50 && seen.includes(target); i++) {
        await new Promise((r) => setTimeout(r, 100));
        seen = (await cached.list(fr)).map((i) => i.id);
      }
      expect(seen).not.to.include(target);
      await availability.setPublished(target, true, new Date(clock));
    });
  });
}

suite('SQLite', () => sqliteTestDb('podium-list-'));
suite('PostgreSQL', () => postgresTestDb('podium_list'));
