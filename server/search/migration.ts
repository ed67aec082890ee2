// Tables of the search index. Register as a numbered migration in server/db/migrations/, e.g.
// `0003-search.ts`: `export { up, down } from '../../search/migration.js';`
// Accepts both umzug's `{ context: queryInterface }` and Podium's `{ qi, transaction }`.
import { DataTypes, type QueryInterface, type Transaction } from 'sequelize';
import { FTS_TABLE, GRAMS_TABLE, TABLE } from './types.js';

export type MigrationArg = { context: QueryInterface } | { qi: QueryInterface; transaction?: Transaction };

function unpack(arg: MigrationArg): { qi: QueryInterface; transaction?: Transaction } {
  return 'context' in arg ? { qi: arg.context } : arg;
}

export async function up(arg: MigrationArg): Promise<void> {
  const { qi, transaction } = unpack(arg);
  const dialect = qi.sequelize.getDialect();
  const q = (sql: string) => qi.sequelize.query(sql, { transaction });
  await qi.createTable(
    TABLE,
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      programme_id: { type: DataTypes.STRING(64), allowNull: false },
      locale: { type: DataTypes.STRING(35), allowNull: false },
      // Normalized text (normalize.ts), not for display: the catalog keeps the originals.
      title: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      short_title: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      synopsis: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      // CJK unigrams and bigrams (normalize.ts cjkGrams), indexed for 1–2 character queries on SQLite.
      grams: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    },
    { transaction },
  );
  await qi.addIndex(TABLE, ['programme_id', 'locale'], { unique: true, name: `${TABLE}_programme_locale`, transaction });
  if (dialect === 'sqlite') {
    await q(`CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(title, short_title, synopsis,
      content='${TABLE}', content_rowid='id', tokenize='trigram remove_diacritics 1')`);
    const cols = 'title, short_title, synopsis';
    await q(`CREATE TRIGGER ${FTS_TABLE}_ai AFTER INSERT ON ${TABLE} BEGIN
      INSERT INTO ${FTS_TABLE}(rowid, ${cols}) VALUES (new.id, new.title, new.short_title, new.synopsis); END`);
    await q(`CREATE TRIGGER ${FTS_TABLE}_ad AFTER DELETE ON ${TABLE} BEGIN
      INSERT INTO ${FTS_TABLE}(${FTS_TABLE}, rowid, ${cols}) VALUES ('delete', old.id, old.title, old.short_title, old.synopsis); END`);
    await q(`CREATE TRIGGER ${FTS_TABLE}_au AFTER UPDATE ON ${TABLE} BEGIN
      INSERT INTO ${FTS_TABLE}(${FTS_TABLE}, rowid, ${cols}) VALUES ('delete', old.id, old.title, old.short_title, old.synopsis);
      INSERT INTO ${FTS_TABLE}(rowid, ${cols}) VALUES (new.id, new.title, new.short_title, new.synopsis); END`);
    await q(`CREATE VIRTUAL TABLE ${GRAMS_TABLE} USING fts5(grams, content='${TABLE}', content_rowid='id', tokenize='unicode61')`);
    await q(`CREATE TRIGGER ${GRAMS_TABLE}_ai AFTER INSERT ON ${TABLE} BEGIN
      INSERT INTO ${GRAMS_TABLE}(rowid, grams) VALUES (new.id, new.grams); END`);
    await q(`CREATE TRIGGER ${GRAMS_TABLE}_ad AFTER DELETE ON ${TABLE} BEGIN
      INSERT INTO ${GRAMS_TABLE}(${GRAMS_TABLE}, rowid, grams) VALUES ('delete', old.id, old.grams); END`);
    await q(`CREATE TRIGGER ${GRAMS_TABLE}_au AFTER UPDATE ON ${TABLE} BEGIN
      INSERT INTO ${GRAMS_TABLE}(${GRAMS_TABLE}, rowid, grams) VALUES ('delete', old.id, old.grams);
      INSERT INTO ${GRAMS_TABLE}(rowid, grams) VALUES (new.id, new.grams); END`);
  } else if (dialect === 'postgres') {
    await q('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    // Qualify the operator class with the extension's schema: the database's search_path may not
    // include it (e.g. a schema per test run, with pg_trgm installed once in public).
    const [rows] = (await qi.sequelize.query(`SELECT extnamespace::regnamespace::text AS s FROM pg_extension WHERE extname = 'pg_trgm'`, { transaction })) as [{ s: string }[], unknown];
    const opclass = `${qi.quoteIdentifier(rows[0]!.s)}.gin_trgm_ops`;
    await q(`CREATE INDEX ${TABLE}_trgm ON ${TABLE} USING gin ((title || ' ' || short_title || ' ' || synopsis) ${opclass})`);
    await q(`CREATE INDEX ${TABLE}_grams ON ${TABLE} USING gin (string_to_array(grams, ' '))`);
  } else {
    throw new Error(`search: unsupported dialect ${dialect}`);
  }
}

export async function down(arg: MigrationArg): Promise<void> {
  const { qi, transaction } = unpack(arg);
  if (qi.sequelize.getDialect() === 'sqlite') {
    for (const table of [FTS_TABLE, GRAMS_TABLE]) {
      for (const t of ['ai', 'ad', 'au']) await qi.sequelize.query(`DROP TRIGGER IF EXISTS ${table}_${t}`, { transaction });
      await qi.sequelize.query(`DROP TABLE IF EXISTS ${table}`, { transaction });
    }
  }
  await qi.dropTable(TABLE, { transaction });
}
