import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import { createSearchIndex, searchMigrationDown, searchMigrationUp, type SearchIndex } from '../../../../server/search/index.js';
import { pgSchema, sqliteMemory, type PgSchema } from './helpers.js';

const P = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function seed(index: SearchIndex) {
  await index.upsert(P(1), 'en', { title: 'Opening Ceremony', shortTitle: 'Opening', synopsis: 'The Games open in Paris on the Seine.' });
  await index.upsert(P(1), 'fr', { title: "Cérémonie d'ouverture", shortTitle: 'Ouverture', synopsis: 'Les Jeux s’ouvrent à Paris sur la Seine.' });
  await index.upsert(P(1), 'zh-Hans', { title: '巴黎奥运会开幕式', shortTitle: '开幕式', synopsis: '奥运会在塞纳河上开幕。' });
  await index.upsert(P(1), 'zh-Hant', { title: '巴黎奧運會開幕式', shortTitle: '開幕式', synopsis: '奧運會在塞納河上開幕。' });
  await index.upsert(P(2), 'en', { title: 'Judo: Women’s final', shortTitle: 'Judo final', synopsis: 'Gold medal contest.' });
  await index.upsert(P(2), 'ja', { title: '柔道 女子決勝', shortTitle: '柔道', synopsis: '金メダルをかけた戦い。' });
  await index.upsert(P(2), 'ko', { title: '유도 여자 결승', shortTitle: '유도', synopsis: '금메달 결정전.' });
  await index.upsert(P(3), 'en', { title: 'Athletics: 100 m final', shortTitle: '100 m', synopsis: 'The fastest opening of the Games? Judo fans disagree.' });
  await index.upsert(P(3), 'de', { title: 'Leichtathletik: 100-m-Finale', shortTitle: '100 m', synopsis: 'Das schnellste Rennen der Spiele.' });
  await index.upsert(P(4), 'fr', { title: 'Équitation : saut d’obstacles', shortTitle: 'Équitation', synopsis: 'Château de Versailles.' });
  await index.upsert(P(5), 'es', { title: 'Fútbol: España – Brasil', shortTitle: 'Fútbol', synopsis: 'Final olímpica en el Parque de los Príncipes.' });
}

const ids = (hits: { programmeId: string }[]) => hits.map((h) => h.programmeId);

function suite(name: string, open: () => Promise<{ sequelize: Sequelize; close(): Promise<void> }>) {
  describe(`search index (${name})`, function () {
    let db: { sequelize: Sequelize; close(): Promise<void> };
    let index: SearchIndex;

    before(async function () {
      try {
        db = await open();
      } catch (e) {
        if (process.env.CI === 'true') throw e;
        console.warn(`    (skipped: ${(e as Error).message})`);
        this.skip();
      }
      await searchMigrationUp({ context: db.sequelize.getQueryInterface() });
      index = createSearchIndex(db.sequelize);
      await seed(index);
    });
    after(async () => db && (await db.close()));

    it('finds Latin text accent- and case-insensitively, both ways', async () => {
      expect(ids(await index.query('ceremonie'))).to.deep.equal([P(1)]);
      expect(ids(await index.query('CÉRÉMONIE'))).to.deep.equal([P(1)]);
      expect(ids(await index.query('equitation'))).to.deep.equal([P(4)]);
      expect(ids(await index.query('chateau versailles'))).to.deep.equal([P(4)]);
      expect(ids(await index.query('futbol espana'))).to.deep.equal([P(5)]);
      expect((await index.query('Fútbol'))[0]!.locale).to.equal('es');
    });

    it('finds CJK text without spaces, in the script asked for', async () => {
      expect(await index.query('奥运会开幕')).to.deep.include.members([]);
      const hans = await index.query('奥运会开幕');
      expect(hans.map((h) => [h.programmeId, h.locale])).to.deep.equal([[P(1), 'zh-Hans']]);
      const hant = await index.query('奧運會開幕');
      expect(hant.map((h) => [h.programmeId, h.locale])).to.deep.equal([[P(1), 'zh-Hant']]);
      expect(ids(await index.query('女子決勝'))).to.deep.equal([P(2)]);
      expect(ids(await index.query('금메달'))).to.deep.equal([P(2)]);
      expect(ids(await index.query('メダル'))).to.deep.equal([P(2)]);
    });

    it('answers 1–2 character queries by scanning', async () => {
      expect(ids(await index.query('柔道'))).to.deep.equal([P(2)]);
      expect(ids(await index.query('유도'))).to.deep.equal([P(2)]);
      expect(ids(await index.query('幕'))).to.deep.equal([P(1)]);
      expect(ids(await index.query('100 m'))).to.deep.equal([P(3)]);
      expect(ids(await index.query('de'))).to.include.members([P(4), P(5)]); // Latin: substring scan
      expect(ids(await index.query('柔道', { locales: ['ko'] }))).to.deep.equal([]);
    });

    it('ranks title hits above synopsis hits and returns one hit per programme', async () => {
      const opening = await index.query('opening');
      expect(ids(opening)).to.deep.equal([P(1), P(3)]);
      const judo = await index.query('judo');
      expect(ids(judo)).to.deep.equal([P(2), P(3)]);
      expect(opening[0]!.score).to.be.below(opening[1]!.score);
    });

    it('requires every term', async () => {
      expect(ids(await index.query('judo final'))).to.deep.equal([P(2), P(3)]);
      expect(ids(await index.query('judo gold'))).to.deep.equal([P(2)]);
      expect(ids(await index.query('judo ceremony'))).to.deep.equal([]);
      expect(ids(await index.query('judo 決勝'))).to.deep.equal([]);
    });

    it('filters by locale', async () => {
      expect(ids(await index.query('opening', { locales: ['fr'] }))).to.deep.equal([]);
      expect((await index.query('paris', { locales: ['fr', 'en'] }))[0]!.locale).to.be.oneOf(['fr', 'en']);
      expect(await index.query('paris', { locales: [] })).to.deep.equal([]);
    });

    it('honours the availability filter in all three forms', async () => {
      expect(ids(await index.query('judo', { allowed: [P(3)] }))).to.deep.equal([P(3)]);
      expect(ids(await index.query('judo', { allowed: new Set([P(2)]) }))).to.deep.equal([P(2)]);
      expect(await index.query('judo', { allowed: [] })).to.deep.equal([]);
      expect(ids(await index.query('judo', { allowed: (id) => id !== P(2) }))).to.deep.equal([P(3)]);
      const sub = { sql: `SELECT programme_id FROM search_documents WHERE locale = :onlyLocale`, replacements: { onlyLocale: 'de' } };
      expect(ids(await index.query('judo', { allowed: sub }))).to.deep.equal([P(3)]);
      const where = { where: `EXISTS (SELECT 1 FROM search_documents x WHERE x.programme_id = d.programme_id AND x.locale = :onlyLocale)`, replacements: { onlyLocale: 'ko' } };
      expect(ids(await index.query('judo', { allowed: where }))).to.deep.equal([P(2)]);
      expect(ids(await index.query('유도', { allowed: where }))).to.deep.equal([P(2)]);
      expect(ids(await index.query('柔道', { allowed: [P(3)] }))).to.deep.equal([]);
      // A subquery the database cannot fold into a lookup (DISTINCT, UNION) still filters.
      const union = { sql: `SELECT DISTINCT programme_id FROM search_documents WHERE locale = :onlyLocale UNION SELECT :extra`, replacements: { onlyLocale: 'ko', extra: P(3) } };
      expect(ids(await index.query('judo', { allowed: union }))).to.deep.equal([P(2), P(3)]);
      expect(ids(await index.query('opening', { allowed: union }))).to.deep.equal([P(3)]);
    });

    it('pages with limit and offset', async () => {
      expect(ids(await index.query('judo', { limit: 1 }))).to.deep.equal([P(2)]);
      expect(ids(await index.query('judo', { limit: 1, offset: 1 }))).to.deep.equal([P(3)]);
      expect(ids(await index.query('judo', { limit: 1, offset: 1, allowed: () => true }))).to.deep.equal([P(3)]);
    });

    it('matches word prefixes and inner substrings, and finds a word that is only in a synopsis', async () => {
      await index.upsert(P(20), 'en', { title: 'Rugby sevens: the medals', synopsis: 'Semifinal winners meet at the Stade de France.' });
      await index.upsert(P(21), 'en', { title: 'Sailing: Semifinal', shortTitle: 'Sailing', synopsis: 'Marseille marina.' });
      try {
        expect(ids(await index.query('medal'))).to.deep.equal([P(20), P(2)]); // title "medals", then synopsis "gold medal"
        expect(ids(await index.query('semifinal'))).to.deep.equal([P(21), P(20)]);
        expect(ids(await index.query('marina'))).to.deep.equal([P(21)]);
        expect(ids(await index.query('sailing marina'))).to.deep.equal([P(21)]);
        expect(ids(await index.query('final'))).to.include.members([P(2), P(3), P(5), P(20), P(21)]);
      } finally {
        await index.remove(P(20));
        await index.remove(P(21));
      }
    });

    it('ranks title ≫ short title ≫ synopsis, shorter titles first, and pages across them', async () => {
      const docs = [
        { programmeId: P(30), locale: 'en', fields: { title: 'Kayak slalom: the long final of the day', synopsis: 'x' } },
        { programmeId: P(31), locale: 'en', fields: { title: 'Kayak cross', synopsis: 'y' } },
        { programmeId: P(32), locale: 'en', fields: { title: 'Canoe sprint', shortTitle: 'Kayak sprint', synopsis: 'z' } },
        { programmeId: P(33), locale: 'en', fields: { title: 'Paddling', synopsis: 'Kayak and canoe.' } },
        { programmeId: P(34), locale: 'ja', fields: { title: '卓球 男子', shortTitle: '卓球', synopsis: '金メダル' } },
        { programmeId: P(35), locale: 'ja', fields: { title: 'テニス', shortTitle: '卓球', synopsis: '銀メダル' } },
        { programmeId: P(36), locale: 'ja', fields: { title: 'バドミントン', synopsis: '卓球ではない' } },
        { programmeId: P(37), locale: 'ja', fields: { title: '卓球 女子団体 決勝', synopsis: '' } },
      ];
      await index.upsertMany(docs);
      try {
        expect(ids(await index.query('kayak'))).to.deep.equal([P(31), P(30), P(32), P(33)]);
        expect(ids(await index.query('卓球'))).to.deep.equal([P(34), P(37), P(35), P(36)]);
        const all = ids(await index.query('kayak', { limit: 100 }));
        const paged: string[] = [];
        for (let offset = 0; offset < 6; offset += 3) paged.push(...ids(await index.query('kayak', { limit: 3, offset })));
        expect(paged).to.deep.equal(all);
        expect(ids(await index.query('kayak', { limit: 2, offset: 2, allowed: (id) => id !== P(32) }))).to.deep.equal([P(33)]);
        expect(await index.query('kayak', { offset: 4 })).to.deep.equal([]);
        // A title change re-ranks: the shorter title now belongs to P(30).
        await index.upsert(P(30), 'en', { title: 'Kayak', synopsis: 'x' });
        expect(ids(await index.query('kayak', { limit: 2 }))).to.deep.equal([P(30), P(31)]);
      } finally {
        for (const d of docs) await index.remove(d.programmeId);
      }
      expect(await index.query('kayak')).to.deep.equal([]);
      expect(await index.query('卓球')).to.deep.equal([]);
    });

    it('finds matches beyond the first thousand rows in rank order, in every tier', async () => {
      // Tier 2 (synopsis only) is read newest first, so its match is the oldest row here; tiers 0–1
      // shortest title first, so theirs have the longest titles. 1 100 other rows come in between.
      await index.upsert(P(40), 'en', { title: 'Archive', synopsis: 'Trampoline at Sydney 2000.' });
      const filler = Array.from({ length: 1100 }, (_, i) => ({ programmeId: P(41), locale: `x-${i}`, fields: { title: `Filler ${i}`, synopsis: 'nothing to see' } }));
      await index.upsertMany(filler);
      await index.upsert(P(42), 'en', { title: 'Gymnastics: the trampoline final of the men’s individual event, replayed in full' });
      await index.upsert(P(43), 'fr', { title: 'Gymnastique : la finale individuelle masculine, rediffusée en intégralité', shortTitle: 'Trampoline' });
      try {
        expect(ids(await index.query('trampoline'))).to.deep.equal([P(42), P(43), P(40)]);
        expect(ids(await index.query('trampoline', { limit: 1, offset: 2 }))).to.deep.equal([P(40)]);
        expect(ids(await index.query('trampoline', { allowed: (id) => id !== P(42) }))).to.deep.equal([P(43), P(40)]);
        const where = { where: `d.programme_id <> :not`, replacements: { not: P(43) } };
        expect(ids(await index.query('trampoline', { allowed: where }))).to.deep.equal([P(42), P(40)]);
        expect(ids(await index.query('sydney'))).to.deep.equal([P(40)]);
        expect(ids(await index.query('filler', { limit: 3 }))).to.deep.equal([P(41)]);
      } finally {
        for (const p of [P(40), P(41), P(42), P(43)]) await index.remove(p);
      }
    });

    it('treats operators and wildcards as text', async () => {
      for (const q of ['"', 'judo OR opening', 'NEAR(judo)', '%', '_', '*', "'; DROP TABLE search_documents; --", 'title:judo', '\\']) {
        await index.query(q);
      }
      expect(ids(await index.query('judo OR opening'))).to.deep.equal([]);
      expect(ids(await index.query('%%%'))).to.deep.equal([]);
      expect(await index.query('   ')).to.deep.equal([]);
    });

    it('updates and removes', async () => {
      await index.upsert(P(9), 'en', { title: 'Breaking final' });
      expect(ids(await index.query('breaking'))).to.deep.equal([P(9)]);
      await index.upsert(P(9), 'en', { title: 'Skateboarding park' });
      expect(ids(await index.query('breaking'))).to.deep.equal([]);
      expect(ids(await index.query('skateboard'))).to.deep.equal([P(9)]);
      await index.upsert(P(9), 'fr', { title: 'Skateboard : park' });
      await index.remove(P(9), 'en');
      expect((await index.query('skateboard'))[0]!.locale).to.equal('fr');
      await index.remove(P(9));
      expect(ids(await index.query('skateboard'))).to.deep.equal([]);
    });

    it('bulk-upserts, last write of a key winning', async () => {
      const docs = Array.from({ length: 450 }, (_, i) => ({ programmeId: P(1000 + i), locale: 'en', fields: { title: `Regatta heat ${i}` } }));
      docs.push({ programmeId: P(1000), locale: 'en', fields: { title: 'Regatta medal race' } });
      await index.upsertMany(docs);
      expect(await index.query('regatta', { limit: 100 })).to.have.length(100);
      expect(ids(await index.query('regatta medal'))).to.deep.equal([P(1000)]);
      for (const d of docs) await index.remove(d.programmeId);
      expect(await index.query('regatta')).to.deep.equal([]);
    });

    it('writes inside a caller transaction', async () => {
      await db.sequelize
        .transaction(async (transaction) => {
          await index.upsert(P(10), 'en', { title: 'Surfing at Teahupoo' }, { transaction });
          throw new Error('rollback');
        })
        .catch(() => undefined);
      expect(ids(await index.query('teahupoo'))).to.deep.equal([]);
    });

    it('rejects bad keys', async () => {
      let err: unknown;
      try {
        await index.upsert('', 'en', { title: 'x' });
      } catch (e) {
        err = e;
      }
      expect(String(err)).to.match(/programme id/);
    });

    it('migrates down cleanly', async () => {
      const qi = db.sequelize.getQueryInterface();
      await searchMigrationDown({ context: qi });
      await searchMigrationUp({ context: qi });
      expect(await index.query('judo')).to.deep.equal([]);
      await seed(index);
    });
  });
}

suite('SQLite FTS5 trigram', async () => {
  const sequelize = sqliteMemory();
  return { sequelize, close: () => sequelize.close() };
});

suite('PostgreSQL pg_trgm', async () => {
  const s: PgSchema = await pgSchema('podium_search_test');
  return { sequelize: s.sequelize, close: () => s.drop() };
});
