// Ranking in tiers (tiers.ts), the same on SQLite and PostgreSQL: every title/short-title match
// first, shorter titles first; then matches found only in synopses, newest first; paging and
// filters work across the tiers.
import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import { createSearchIndex, searchMigrationUp, type SearchIndex } from '../../../../server/search/index.js';
import { pgSchema, sqliteMemory, type PgSchema } from './helpers.js';

const P = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function suite(name: string, open: () => Promise<{ sequelize: Sequelize; close(): Promise<void> }>) {
  describe(`search (${name}): title matches first, then synopsis-only matches newest first`, function () {
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
      // 30 synopsis-only matches, then 3 title matches indexed last
      for (let i = 1; i <= 30; i++) await index.upsert(P(i), 'en', { title: `Programme ${i}`, synopsis: `A rowing heat, number ${i}.` });
      await index.upsert(P(100), 'en', { title: 'Rowing: the long final of the eights', synopsis: 'x' });
      await index.upsert(P(101), 'en', { title: 'Rowing', synopsis: 'y' });
      await index.upsert(P(102), 'en', { title: 'Sculls', shortTitle: 'Rowing sculls', synopsis: 'z' });
    });
    after(async () => db && (await db.close()));

    it('ranks every title or short-title match above synopsis-only matches', async () => {
      const hits = await index.query('rowing', { limit: 5 });
      expect(hits.slice(0, 3).map((h) => h.programmeId)).to.have.members([P(100), P(101), P(102)]);
      expect(hits[0]!.programmeId).to.equal(P(101)); // the shortest title first
      expect(hits.slice(3).map((h) => h.programmeId)).to.deep.equal([P(30), P(29)]);
      expect(hits.map((h) => h.score)).to.deep.equal([...hits.map((h) => h.score)].sort((a, b) => a - b));
    });

    it('pages across the tiers without repeats or gaps, and applies filters in each', async () => {
      const all = (await index.query('rowing', { limit: 100 })).map((h) => h.programmeId);
      expect(all).to.have.length(33);
      const paged: string[] = [];
      for (let offset = 0; offset < 33; offset += 7) paged.push(...(await index.query('rowing', { limit: 7, offset })).map((h) => h.programmeId));
      expect(paged).to.deep.equal(all);
      const even = (id: string) => Number(id.slice(-2)) % 2 === 0;
      const filtered = (await index.query('rowing', { limit: 100, allowed: even })).map((h) => h.programmeId);
      expect(filtered).to.deep.equal(all.filter(even));
      const sql = (await index.query('rowing', { limit: 100, allowed: { where: 'd.programme_id <> :x', replacements: { x: P(101) } } })).map((h) => h.programmeId);
      expect(sql).to.deep.equal(all.filter((id) => id !== P(101)));
    });

    it('reads on past rows the filters drop (chunks grow) until enough programmes pass', async () => {
      // 150 English title matches with short titles, then one French match with the longest title.
      const docs = Array.from({ length: 150 }, (_, i) => ({ programmeId: P(200 + i), locale: 'en', fields: { title: `Canoe ${i}` } }));
      docs.push({ programmeId: P(400), locale: 'fr', fields: { title: `Canoë : la très longue finale de l’épreuve de descente` } });
      await index.upsertMany(docs);
      try {
        expect((await index.query('canoe', { locales: ['fr'] })).map((h) => [h.programmeId, h.locale])).to.deep.equal([[P(400), 'fr']]);
        expect((await index.query('canoe', { allowed: (id) => id === P(400) || id === P(349) })).map((h) => h.programmeId)).to.deep.equal([P(349), P(400)]);
        // Shorter titles first, newest first among equal lengths: "Canoe 9" … "Canoe 0", "Canoe 99" … "Canoe 10", "Canoe 149" … "Canoe 100", then the French title.
        const all = (await index.query('canoe', { limit: 100, offset: 100 })).map((h) => h.programmeId);
        expect(all).to.have.length(51);
        expect(all.slice(0, 2)).to.deep.equal([P(349), P(348)]);
        expect((await index.query('canoe', { limit: 5, offset: 148 })).map((h) => h.programmeId)).to.deep.equal([P(301), P(300), P(400)]);
        expect((await index.query('canoe', { limit: 3 })).map((h) => h.programmeId)).to.deep.equal([P(209), P(208), P(207)]);
      } finally {
        for (const d of docs) await index.remove(d.programmeId);
      }
    });
  });
}

suite('SQLite', async () => {
  const sequelize = sqliteMemory();
  return { sequelize, close: () => sequelize.close() };
});

suite('PostgreSQL', async () => {
  const s: PgSchema = await pgSchema('podium_search_rank_test');
  return { sequelize: s.sequelize, close: () => s.drop() };
});
