// SQLite ranking in two bounded steps (sqlite-index.ts topK): every title/short-title match
// first, by bm25; then matches found only in synopses, newest first; paging and filters work
// across the two steps.
import { expect } from 'chai';
import { createSearchIndex, searchMigrationUp, type SearchIndex } from '../../../../server/search/index.js';
import { sqliteMemory } from './helpers.js';

const P = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('search (SQLite): title matches first, then synopsis-only matches newest first', () => {
  const sequelize = sqliteMemory();
  let index: SearchIndex;
  before(async () => {
    await searchMigrationUp({ context: sequelize.getQueryInterface() });
    index = createSearchIndex(sequelize);
    // 30 synopsis-only matches, then 3 title matches indexed last
    for (let i = 1; i <= 30; i++) await index.upsert(P(i), 'en', { title: `Programme ${i}`, synopsis: `A rowing heat, number ${i}.` });
    await index.upsert(P(100), 'en', { title: 'Rowing: the long final of the eights', synopsis: 'x' });
    await index.upsert(P(101), 'en', { title: 'Rowing', synopsis: 'y' });
    await index.upsert(P(102), 'en', { title: 'Sculls', shortTitle: 'Rowing sculls', synopsis: 'z' });
  });
  after(() => sequelize.close());

  it('ranks every title or short-title match above synopsis-only matches', async () => {
    const hits = await index.query('rowing', { limit: 5 });
    expect(hits.slice(0, 3).map((h) => h.programmeId)).to.have.members([P(100), P(101), P(102)]);
    expect(hits[0]!.programmeId).to.equal(P(101)); // the shortest title: best bm25
    expect(hits.slice(3).map((h) => h.programmeId)).to.deep.equal([P(30), P(29)]);
    expect(hits.map((h) => h.score)).to.deep.equal([...hits.map((h) => h.score)].sort((a, b) => a - b));
  });

  it('pages across the two steps without repeats or gaps, and applies filters in both', async () => {
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
});
