// SQLite: FTS5 with the trigram tokenizer over an external-content table (search_documents),
// kept in step by triggers (see migration.ts). Trigrams find substrings in any script, so
// Chinese, Japanese and Korean need no word segmentation; 1–2 character terms, which have no
// trigram, are answered by a substring scan. Ranking is bm25 with title ≫ short title ≫ synopsis.
import { clampLimit, filterSql, runRanked, SqlSearchIndex } from './common.js';
import { isCjkTerm, parseQuery } from './normalize.js';
import { FTS_TABLE, GRAMS_TABLE, TABLE, type SearchHit, type SearchOptions } from './types.js';


/** FTS5 string literal: a phrase in double quotes, inner quotes doubled (no operator injection). */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export class SqliteSearchIndex extends SqlSearchIndex {
  async query(q: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const { long, short } = parseQuery(q);
    if (long.length === 0 && short.length === 0) return [];
    const f = filterSql(opts, 'sqlite');
    if (f.empty) return [];
    const replacements: Record<string, unknown> = { ...f.replacements };
    const where = [...f.where];
    short.forEach((s, i) => {
      replacements[`s${i}`] = s;
      where.push(`(instr(d.title, :s${i}) > 0 OR instr(d.short_title, :s${i}) > 0 OR instr(d.synopsis, :s${i}) > 0)`);
    });
    const and = where.length ? `WHERE ${where.join(' AND ')}` : '';

    if (long.length > 0) {
      replacements.m = long.map(ftsPhrase).join(' ');
      return this.topK(and, replacements, opts, f.predicate);
    }
    // Only 1–2 character terms. CJK ones are tokens of the gram index; others (f1, 5k) need a scan.
    // Title hits first, then short title, then synopsis; shorter titles first.
    const grams = short.every(isCjkTerm);
    if (grams) replacements.g = short.map(ftsPhrase).join(' ');
    const from = grams
      ? `(SELECT rowid AS rid FROM ${GRAMS_TABLE} WHERE ${GRAMS_TABLE} MATCH :g) g JOIN ${TABLE} d ON d.id = g.rid`
      : `${TABLE} d`;
    const sql = (limit: string) => `SELECT d.programme_id AS programme_id, d.locale AS locale,
        MIN(CASE WHEN instr(d.title, :s0) > 0 THEN 0 WHEN instr(d.short_title, :s0) > 0 THEN 1 ELSE 2 END + length(d.title) / 10000.0) AS score
        FROM ${from} ${and}
        GROUP BY d.programme_id ORDER BY score, d.programme_id ${limit}`;
    return runRanked(this.sequelize, sql, replacements, opts, f.predicate);
  }

  /**
   * Ranked trigram search in two LIMIT-bounded steps, because scoring is what costs: bm25 over
   * every match of a common term ("final": ~10 000 rows) is 10–25 ms, fetching k rows is ~1 ms.
   * 1. Title and short-title matches only (FTS5 column filter), best bm25 first: FTS5 returns
   *    the best k localizations (ORDER BY … LIMIT k keeps k rows in the sorter), joined,
   *    filtered and folded per programme. A programme's best localization ranks at or above
   *    its others, so the top programmes among the top k rows are exact; k grows while filters
   *    leave too few and matches remain.
   * 2. Only when step 1 has fewer than offset + limit programmes: the remaining matches (terms
   *    in the synopsis), after every title match, newest first (rowid order, no scoring).
   */
  private async topK(
    and: string,
    replacements: Record<string, unknown>,
    opts: SearchOptions,
    predicate: ((id: string) => boolean) | undefined,
  ): Promise<SearchHit[]> {
    const { limit, offset } = clampLimit(opts);
    const want = offset + limit;
    const phrases = replacements.m as string;
    const titles = await this.bounded(`{title short_title} : (${phrases})`, `bm25(${FTS_TABLE}, 10.0, 5.0, 1.0)`, 'ASC', want, and, replacements, predicate);
    if (titles.length >= want) return titles.slice(offset, want);
    const seen = new Set(titles.map((h) => h.programmeId));
    const rest = await this.bounded(phrases, '-rowid', 'ASC', want + seen.size, and, replacements, (id) => !seen.has(id) && (!predicate || predicate(id)));
    // Synopsis-step scores come after every bm25 score (bm25 is negative): 1, 2, 3 … in order.
    const all = [...titles, ...rest.map((h, i) => ({ ...h, score: i + 1 }))];
    return all.slice(offset, want);
  }

  /** Best `want` programmes for an FTS5 match, scored by `score` (lower first), k growing ×4 as needed. */
  private async bounded(
    match: string,
    score: string,
    dir: 'ASC',
    want: number,
    and: string,
    replacements: Record<string, unknown>,
    predicate: ((id: string) => boolean) | undefined,
  ): Promise<SearchHit[]> {
    type Row = { programme_id: string; locale: string; score: number; fetched: number };
    for (let k = Math.max(want * 12, 120); ; k *= 4) {
      const [rows] = (await this.sequelize.query(
        `WITH f AS MATERIALIZED (SELECT rowid AS rid, ${score} AS s FROM ${FTS_TABLE}
            WHERE ${FTS_TABLE} MATCH :fm ORDER BY s ${dir} LIMIT :k)
         SELECT d.programme_id AS programme_id, d.locale AS locale, MIN(f.s) AS score, (SELECT count(*) FROM f) AS fetched
         FROM f JOIN ${TABLE} d ON d.id = f.rid ${and}
         GROUP BY d.programme_id ORDER BY score, d.programme_id`,
        { replacements: { ...replacements, fm: match, k } },
      )) as [Row[], unknown];
      const passed = predicate ? rows.filter((r) => predicate(String(r.programme_id))) : rows;
      // With no row left after the filters, count the FTS rows alone (cheap: no scoring, LIMIT k).
      const fetched = rows.length
        ? Number(rows[0]!.fetched)
        : Number(
            ((await this.sequelize.query(`SELECT count(*) AS n FROM (SELECT rowid FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH :fm LIMIT :k)`, {
              replacements: { fm: match, k },
            })) as [{ n: number }[], unknown])[0][0]!.n,
          );
      const exhausted = fetched < k;
      if (passed.length >= want || exhausted) {
        return passed.slice(0, want).map((r) => ({ programmeId: String(r.programme_id), locale: r.locale, score: Number(r.score) }));
      }
    }
  }
}
