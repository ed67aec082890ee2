// The catalog migrations (0002 metadata/rights, 0003 search, and every other) on PostgreSQL in a
// throw-away schema, then the viewer side on top: windows, publication, localized lists,
// rights-filtered search with the SQL availability condition, localization writes with the
// search index in the same transaction. Same assertions on SQLite.
import { expect } from 'chai';
import { pino } from 'pino';
import type { Sequelize } from 'sequelize';
import { AvailabilityStore } from '../../../../server/catalog/availability.js';
import { LocalizationStore } from '../../../../server/catalog/localizations.js';
import { ProgrammeService } from '../../../../server/catalog/programmes.js';
import { UnavailableError, ViewerCatalog } from '../../../../server/catalog/viewer.js';
import { migrate } from '../../../../server/db/migrate.js';
import { defineModels } from '../../../../server/db/models.js';
import type { JobQueue } from '../../../../server/jobs/queue.js';
import type { MediaStore } from '../../../../server/media/store.js';
import { fallbackChain } from '../../../../server/locale-fallback/index.js';
import { PlaybackTokens, createRightsAudit } from '../../../../server/rights/index.js';
import { createSearchIndex } from '../../../../server/search/index.js';
import { pgSchema, sqliteMemory, type PgSchema } from '../search/helpers.js';

const silent = pino({ level: 'silent' });

function suite(name: string, open: () => Promise<{ sequelize: Sequelize; drop(): Promise<void> }>) {
  describe(`catalog model and viewer side on ${name}`, function () {
    this.timeout(60_000);
    let db: { sequelize: Sequelize; drop(): Promise<void> };
    let viewer: ViewerCatalog;
    let catalog: ProgrammeService;
    let localizations: LocalizationStore;
    let availability: AvailabilityStore;

    before(async () => {
      db = await open();
      const applied = await migrate(db.sequelize, silent);
      expect(applied).to.include.members(['0001-initial', '0002-catalog-rights', '0003-search']);
      const { sequelize } = db;
      const models = defineModels(sequelize);
      const search = createSearchIndex(sequelize);
      const now = () => new Date();
      catalog = new ProgrammeService({ sequelize, models, media: {} as MediaStore, queue: {} as JobQueue, search, now });
      availability = new AvailabilityStore({ sequelize, models });
      localizations = new LocalizationStore({ sequelize, models, search });
      viewer = new ViewerCatalog({
        sequelize,
        models,
        catalog,
        availability,
        search,
        tokens: new PlaybackTokens({ secrets: ['k'.repeat(32)] }),
        audit: createRightsAudit({ sink: () => {} }),
        now,
        tokenTtlSec: 3600,
        tokenBucketSec: 300,
      });
    });
    after(() => db?.drop());

    const cn = { region: 'CN', chain: fallbackChain('zh-CN') };
    const hk = { region: 'HK', chain: fallbackChain('zh-HK') };
    const fr = { region: 'FR', chain: fallbackChain('fr') };

    it('stores metadata, windows and localizations; lists and searches per region and language', async () => {
      const day = 86_400_000;
      const { id: mainland } = await catalog.createProgramme({
        localizations: { en: { title: 'Speed climbing', shortTitle: 'Climbing' }, 'zh-Hans': { title: '攀岩速度赛' }, 'zh-Hant': { title: '攀岩速度賽' }, 'zh-Hant-HK': { title: '運動攀登速度賽' } },
        sport: 'Sport Climbing',
        gamesEdition: 'Paris 2024',
        recordedAt: new Date('2024-08-07T10:00:00Z'),
        tags: ['speed'],
        windows: [{ regions: ['CN', 'MO'], exclude: [], start: new Date(Date.now() - day), end: null }],
        published: true,
      });
      const { id: world } = await catalog.createProgramme({ localizations: { en: { title: 'Athlétisme : finale' } }, published: true });
      const { id: later } = await catalog.createProgramme({ localizations: { en: { title: 'Climbing later' } }, windows: [{ regions: ['WW'], exclude: [], start: new Date(Date.now() + day), end: null }], published: true });
      const { id: hidden } = await catalog.createProgramme({ localizations: { en: { title: 'Climbing draft' } } });

      const cnList = await viewer.list(cn);
      expect(cnList.map((i) => i.id)).to.have.members([mainland, world]);
      expect(cnList.find((i) => i.id === mainland)).to.include({ title: '攀岩速度赛', locale: 'zh-Hans', sport: 'Sport Climbing', gamesEdition: 'Paris 2024', recordedAt: '2024-08-07T10:00:00.000Z' });
      expect((await viewer.list(fr)).map((i) => i.id)).to.deep.equal([world]);
      expect((await viewer.search('climbing', cn)).map((i) => i.id)).to.deep.equal([mainland]);
      expect((await viewer.search('climbing', fr)).map((i) => i.id)).to.deep.equal([]);
      expect((await viewer.search('athletisme', fr)).map((i) => i.id)).to.deep.equal([world]);
      expect((await viewer.search('攀岩', cn))[0]).to.include({ id: mainland, locale: 'zh-Hans' });

      let refused: unknown;
      await viewer.get(later, fr).catch((e: unknown) => (refused = e));
      expect(refused).to.be.instanceOf(UnavailableError);
      expect((refused as UnavailableError).decision.availableFrom).to.be.instanceOf(Date);
      await viewer.get(hidden, fr).then(
        () => expect.fail('a draft must not be served'),
        (e: { code?: string }) => expect(e.code).to.equal('not_found'),
      );

      // a localization write and its index row commit together
      await localizations.put(mainland, 'zh-hant-hk', { title: '運動攀登：速度賽', synopsis: '十五米' });
      await availability.replace(mainland, [{ regions: ['HK'], exclude: [], start: new Date(Date.now() - day), end: null }]);
      expect((await viewer.search('運動攀登', hk))[0]).to.include({ id: mainland, title: '運動攀登：速度賽', locale: 'zh-Hant-HK' });
      expect((await viewer.search('运动攀登', cn)).map((i) => i.id)).to.deep.equal([]);
      await localizations.remove(mainland, 'zh-Hant-HK');
      expect((await viewer.search('運動攀登', hk)).map((i) => i.id)).to.deep.equal([]);
      expect((await viewer.get(mainland, hk)).locale).to.equal('zh-Hant');
    });
  });
}

suite('SQLite', async () => {
  const sequelize = sqliteMemory();
  return { sequelize, drop: () => sequelize.close() };
});
suite('PostgreSQL', async (): Promise<PgSchema> => pgSchema('podium_catalog'));
