// PostgreSQL: the same table, with a pg_trgm GIN index on the concatenated normalized fields
// (see migration.ts). `LIKE '%term%'` uses that index for terms of ≥ 3 characters in any
// script; 1–2 character CJK terms use a GIN index on the CJK gram array; other short terms scan. Accents and case are removed in JS before
// storage and before querying (normalize.ts), so no unaccent extension is needed and SQLite and
// PostgreSQL match the same things. Ranking: weighted field hits, then shorter titles.
import { filterSql, runRanked, SqlSearchIndex } from './common.js';
import { isCjkTerm, parseQuery } from './normalize.js';
import { TABLE, type SearchHit, type SearchOptions } from './types.js';

/** Must match the indexed expression in migration.ts exactly for the planner to use the index. */
export const PG_DOC_EXPR = `(title || ' ' || short_title || ' ' || synopsis)`;

const DOC_EXPR_D = `(d.title || ' ' || d.short_title || ' ' || d.synopsis)`;


export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class PostgresSearchIndex extends SqlSearchIndex {
  async query(q: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const { long, short } = parseQuery(q);
    const terms = [...long, ...short];
    if (terms.length === 0) return [];
    const f = filterSql(opts, 'postgres');
    if (f.empty) return [];
    const replacements: Record<string, unknown> = { ...f.replacements };
    const where = [...f.where];
    const weights: string[] = [];
    terms.forEach((t, i) => {
      replacements[`s${i}`] = likePattern(t);
      // 1–2 character CJK terms have no trigram; the gram array index answers them instead.
      if ([...t].length < 3 && isCjkTerm(t)) {
        replacements[`g${i}`] = [t];
        where.push(`string_to_array(d.grams, ' ') @> ARRAY[:g${i}]`);
      } else {
        where.push(`${DOC_EXPR_D} LIKE :s${i}`);
      }
      weights.push(`(CASE WHEN d.title LIKE :s${i} THEN 10 ELSE 0 END + CASE WHEN d.short_title LIKE :s${i} THEN 5 ELSE 0 END + CASE WHEN d.synopsis LIKE :s${i} THEN 1 ELSE 0 END)`);
    });
    // Field weights, then shorter titles first (a tighter match); cheap enough to compute for every match.
    const score = `(length(d.title) / 10000.0 - (${weights.join(' + ')}))`;
    // DISTINCT ON keeps each programme's best localization; the outer query orders programmes by it.
    const sql = (limit: string) => `SELECT programme_id, locale, score FROM (
        SELECT DISTINCT ON (d.programme_id) d.programme_id AS programme_id, d.locale AS locale, ${score} AS score
        FROM ${TABLE} d WHERE ${where.join(' AND ')}
        ORDER BY d.programme_id, score, d.locale) best
      ORDER BY score, programme_id ${limit}`;
    return runRanked(this.sequelize, sql, replacements, opts, f.predicate);
  }
}
