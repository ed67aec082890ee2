// SQLite: FTS5 with the trigram tokenizer over an external-content table (search_documents),
// kept in step by triggers (see migration.ts). Trigrams find substrings in any script, so
// Chinese, Japanese and Korean need no word segmentation; 1–2 character terms, which have no
// trigram, are answered by a substring scan. Ranking is bm25 with title ≫ short title ≫ synopsis.
import type { Sequelize } from 'sequelize';
import { checkKey, filterSql, normalizeFields, runRanked } from './common.js';
import { parseQuery } from './normalize.js';
import { FTS_TABLE, TABLE, type SearchFields, type SearchHit, type SearchIndex, type SearchOptions, type WriteOptions } from './types.js';

const UPSERT = `INSERT INTO ${TABLE} (programme_id, locale, title, short_title, synopsis) VALUES (:p, :l, :t, :st, :sy)
  ON CONFLICT (programme_id, locale) DO UPDATE SET title = excluded.title, short_title = excluded.short_title, synopsis = excluded.synopsis`;

/** FTS5 string literal: a phrase in double quotes, inner quotes doubled (no operator injection). */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export class SqliteSearchIndex implements SearchIndex {
  constructor(private readonly sequelize: Sequelize) {}

  async upsert(programmeId: string, locale: string, fields: SearchFields, opts: WriteOptions = {}): Promise<void> {
    checkKey(programmeId, locale);
    const n = normalizeFields(fields);
    await this.sequelize.query(UPSERT, {
      replacements: { p: programmeId, l: locale, t: n.title, st: n.short_title, sy: n.synopsis },
      transaction: opts.transaction,
    });
  }

  async remove(programmeId: string, locale?: string, opts: WriteOptions = {}): Promise<void> {
    checkKey(programmeId, locale);
    const sql = `DELETE FROM ${TABLE} WHERE programme_id = :p${locale === undefined ? '' : ' AND locale = :l'}`;
    await this.sequelize.query(sql, { replacements: { p: programmeId, l: locale ?? null }, transaction: opts.transaction });
  }

  async query(q: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const { long, short } = parseQuery(q);
    if (long.length === 0 && short.length === 0) return [];
    const f = filterSql(opts);
    if (f.empty) return [];
    const replacements: Record<string, unknown> = { ...f.replacements };
    const where = [...f.where];
    short.forEach((s, i) => {
      replacements[`s${i}`] = s;
      where.push(`instr(d.title || ' ' || d.short_title || ' ' || d.synopsis, :s${i}) > 0`);
    });
    const and = where.length ? `WHERE ${where.join(' AND ')}` : '';
    let sql: (limit: string) => string;
    if (long.length > 0) {
      replacements.m = long.map(ftsPhrase).join(' ');
      // MATERIALIZED keeps the planner from flattening bm25() into the aggregate (which SQLite refuses).
      sql = (limit) => `WITH f AS MATERIALIZED (SELECT rowid AS rid, bm25(${FTS_TABLE}, 10.0, 5.0, 1.0) AS s FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH :m)
        SELECT d.programme_id AS programme_id, d.locale AS locale, MIN(f.s) AS score
        FROM f JOIN ${TABLE} d ON d.id = f.rid ${and}
        GROUP BY d.programme_id ORDER BY score, d.programme_id ${limit}`;
    } else {
      // Only 1–2 character terms: scan. Title hits first, then short title, then synopsis; shorter titles first.
      sql = (limit) => `SELECT d.programme_id AS programme_id, d.locale AS locale,
        MIN(CASE WHEN instr(d.title, :s0) > 0 THEN 0 WHEN instr(d.short_title, :s0) > 0 THEN 1 ELSE 2 END + length(d.title) / 10000.0) AS score
        FROM ${TABLE} d ${and}
        GROUP BY d.programme_id ORDER BY score, d.programme_id ${limit}`;
    }
    return runRanked(this.sequelize, sql, replacements, opts, f.predicate);
  }
}
