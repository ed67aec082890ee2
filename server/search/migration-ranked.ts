// Second search migration (registered as server/db/migrations/0041-search-ranked.ts; the first,
// migration.ts, stays as it was applied): what ranking in tiers (tiers.ts) needs to read matches
// already in rank order and stop after the first few, instead of scoring every match (bm25 or
// weighted LIKEs over the ~10 000 matches of a common word cost 10–60 ms).
// - Both databases: `title_grams` and `short_title_grams`, the CJK unigrams and bigrams of each
//   title field alone (normalize.ts cjkGrams), so 1–2 character CJK terms can be ranked by field.
// - The rank key `octet_length(title) · 2³² + (2³² − 1 − id)`: shorter titles first (in UTF-8
//   bytes), then newer rows.
// - SQLite: two contentless FTS5 tables over the titles only, the trigram `search_title_fts`
//   (title, short_title) and the gram `search_title_grams` (title_grams, short_title_grams), whose
//   rowid is the rank key; FTS5 returns matches in rowid order, so `ORDER BY rowid LIMIT k` reads
//   k rows. Kept in step by triggers, like the tables of migration.ts.
// - PostgreSQL: the rank key as a generated column with a b-tree index, a pg_trgm GIN index over
//   the title fields (text and padded grams, so `LIKE '% 柔道 %'` has trigrams), and one over the
//   padded grams of every field, which replaces the string_to_array index (whose per-row cost the
//   planner underestimates: it chose a sequential scan of every row once statistics existed).
import { DataTypes, QueryTypes, type QueryInterface, type Transaction } from 'sequelize';
import type { MigrationArg } from './migration.js';
import { cjkGrams } from './normalize.js';
import { TABLE, TITLE_FTS_TABLE, TITLE_GRAMS_TABLE } from './types.js';

/** SQLite: the rank key of search_documents row `r` (new / old in a trigger); see rankKeyId in sqlite-index.ts. */
const rankKey = (r: string) => `(length(CAST(${r}.title AS BLOB)) * 4294967296 + (4294967295 - ${r}.id))`;

/**
 * PostgreSQL: the expressions of the title-fields and padded-grams indexes, over columns of table
 * alias `a` (none in the index). A query must use the same text for the planner to use the index.
 */
export const pgTitlesExpr = (a = '') => `(${a}title || ' ' || ${a}short_title || ' ' || ${a}title_grams || ' ' || ${a}short_title_grams || ' ')`;
export const pgGramsExpr = (a = '') => `(' ' || ${a}grams || ' ')`;

function unpack(arg: MigrationArg): { qi: QueryInterface; transaction?: Transaction } {
  return 'context' in arg ? { qi: arg.context } : arg;
}

/** The table, schema-qualified on PostgreSQL (the connection's search_path may name several). */
async function tableName(qi: QueryInterface, transaction: Transaction | undefined): Promise<string | { tableName: string; schema: string }> {
  if (qi.sequelize.getDialect() !== 'postgres') return TABLE;
  const [row] = await qi.sequelize.query<{ s: string }>('SELECT current_schema() AS s', { type: QueryTypes.SELECT, transaction });
  return { tableName: TABLE, schema: row!.s };
}

/** pg_trgm's GIN operator class, qualified with the extension's schema (as in migration.ts). */
async function trgmOpclass(qi: QueryInterface, transaction: Transaction | undefined): Promise<string> {
  const [row] = await qi.sequelize.query<{ s: string }>(`SELECT extnamespace::regnamespace::text AS s FROM pg_extension WHERE extname = 'pg_trgm'`, {
    type: QueryTypes.SELECT,
    transaction,
  });
  return `${qi.quoteIdentifier(row!.s)}.gin_trgm_ops`;
}

export async function up(arg: MigrationArg): Promise<void> {
  const { qi, transaction } = unpack(arg);
  const dialect = qi.sequelize.getDialect();
  const q = (sql: string, replacements?: unknown[]) => qi.sequelize.query(sql, { transaction, replacements });
  const table = await tableName(qi, transaction);
  for (const column of ['title_grams', 'short_title_grams']) {
    await qi.addColumn(table, column, { type: DataTypes.TEXT, allowNull: false, defaultValue: '' }, { transaction });
  }
  // Existing rows: their title fields are stored normalized, which is what cjkGrams expects.
  const rows = await qi.sequelize.query<{ id: number; title: string; short_title: string }>(`SELECT id, title, short_title FROM ${TABLE}`, {
    type: QueryTypes.SELECT,
    transaction,
  });
  const cjk = rows.map((r) => ({ id: r.id, tg: cjkGrams(r.title), sg: cjkGrams(r.short_title) })).filter((r) => r.tg || r.sg);
  for (let i = 0; i < cjk.length; i += 300) {
    const chunk = cjk.slice(i, i + 300);
    await q(
      `UPDATE ${TABLE} SET title_grams = v.column2, short_title_grams = v.column3
       FROM (VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}) AS v WHERE ${TABLE}.id = v.column1`,
      chunk.flatMap((r) => [r.id, r.tg, r.sg]),
    );
  }
  if (dialect === 'postgres') {
    await q(`ALTER TABLE ${TABLE} ADD COLUMN rank_key bigint GENERATED ALWAYS AS (octet_length(title)::bigint * 4294967296 + (4294967295 - id)) STORED`);
    await q(`CREATE INDEX ${TABLE}_rank ON ${TABLE} (rank_key)`);
    const opclass = await trgmOpclass(qi, transaction);
    await q(`CREATE INDEX ${TABLE}_titles_trgm ON ${TABLE} USING gin (${pgTitlesExpr()} ${opclass})`);
    await q(`CREATE INDEX ${TABLE}_grams_trgm ON ${TABLE} USING gin (${pgGramsExpr()} ${opclass})`);
    await q(`DROP INDEX ${TABLE}_grams`);
    return;
  }

  const tables: [string, string, string, string][] = [
    [TITLE_FTS_TABLE, 'title', 'short_title', 'trigram remove_diacritics 1'],
    [TITLE_GRAMS_TABLE, 'title_grams', 'short_title_grams', 'unicode61'],
  ];
  for (const [fts, a, b, tokenize] of tables) {
    await q(`CREATE VIRTUAL TABLE ${fts} USING fts5(${a}, ${b}, content='', tokenize='${tokenize}')`);
    await q(`INSERT INTO ${fts}(rowid, ${a}, ${b}) SELECT ${rankKey(TABLE)}, ${a}, ${b} FROM ${TABLE}`);
    const add = (r: string) => `INSERT INTO ${fts}(rowid, ${a}, ${b}) VALUES (${rankKey(r)}, ${r}.${a}, ${r}.${b});`;
    const del = (r: string) => `INSERT INTO ${fts}(${fts}, rowid, ${a}, ${b}) VALUES ('delete', ${rankKey(r)}, ${r}.${a}, ${r}.${b});`;
    await q(`CREATE TRIGGER ${fts}_ai AFTER INSERT ON ${TABLE} BEGIN ${add('new')} END`);
    await q(`CREATE TRIGGER ${fts}_ad AFTER DELETE ON ${TABLE} BEGIN ${del('old')} END`);
    await q(`CREATE TRIGGER ${fts}_au AFTER UPDATE ON ${TABLE} BEGIN ${del('old')} ${add('new')} END`);
  }
}

export async function down(arg: MigrationArg): Promise<void> {
  const { qi, transaction } = unpack(arg);
  const q = (sql: string) => qi.sequelize.query(sql, { transaction });
  if (qi.sequelize.getDialect() === 'sqlite') {
    for (const fts of [TITLE_FTS_TABLE, TITLE_GRAMS_TABLE]) {
      for (const t of ['ai', 'ad', 'au']) await q(`DROP TRIGGER IF EXISTS ${fts}_${t}`);
      await q(`DROP TABLE IF EXISTS ${fts}`);
    }
  } else {
    await q(`CREATE INDEX ${TABLE}_grams ON ${TABLE} USING gin (string_to_array(grams, ' '))`);
    for (const index of ['grams_trgm', 'titles_trgm', 'rank']) await q(`DROP INDEX ${TABLE}_${index}`);
    await q(`ALTER TABLE ${TABLE} DROP COLUMN rank_key`);
  }
  // ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): sequelize's SQLite removeColumn copies the table,
  // which would drop the triggers of migration.ts with it.
  for (const column of ['title_grams', 'short_title_grams']) await q(`ALTER TABLE ${TABLE} DROP COLUMN ${column}`);
}
