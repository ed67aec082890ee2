// SQLite: FTS5 with the trigram tokenizer, so Chinese, Japanese and Korean need no word
// segmentation; 1–2 character CJK terms, which have no trigram, are tokens of a unigram/bigram
// index; other 1–2 character terms are answered by a substring scan (ranked the same way).
//
// Ranking in tiers (tiers.ts): tiers 0–1 query the title-only FTS5 tables whose rowid is the rank
// key (migration-ranked.ts), tier 2 the full tables of migration.ts (rowid = id); FTS5 returns
// rows in rowid order, so `ORDER BY rowid LIMIT k` reads k rows, not every match.
import { filterSql, runRanked, SqlSearchIndex } from './common.js';
import { isCjkTerm, parseQuery } from './normalize.js';
import { rankInTiers, type TierChunk } from './tiers.js';
import { FTS_TABLE, GRAMS_TABLE, TABLE, TITLE_FTS_TABLE, TITLE_GRAMS_TABLE, type SearchHit, type SearchOptions } from './types.js';

/** search_documents.id of a rank key `octet_length(title) · 2³² + (2³² − 1 − id)`, in SQL. */
const rankKeyId = (key: string) => `(4294967295 - (${key} & 4294967295))`;

/** FTS5 string literal: a phrase in double quotes, inner quotes doubled (no operator injection). */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

interface Tier {
  table: string;
  match: string;
  /** Rank-keyed title table (ascending key) or a full table (descending id: newest first). */
  keyed: boolean;
  /** Conditions on `d` for the 1–2 character terms the FTS5 match leaves out. */
  where: string[];
}

export class SqliteSearchIndex extends SqlSearchIndex {
  async query(q: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const { long, short } = parseQuery(q);
    if (long.length === 0 && short.length === 0) return [];
    const f = filterSql(opts, 'sqlite');
    if (f.empty) return [];
    const replacements: Record<string, unknown> = { ...f.replacements };
    short.forEach((s, i) => (replacements[`s${i}`] = s));
    const inTitle = short.map((_, i) => `instr(d.title, :s${i}) > 0`);
    const inTitles = short.map((_, i) => `(instr(d.title, :s${i}) > 0 OR instr(d.short_title, :s${i}) > 0)`);
    const anywhere = short.map((_, i) => `(instr(d.title, :s${i}) > 0 OR instr(d.short_title, :s${i}) > 0 OR instr(d.synopsis, :s${i}) > 0)`);

    let tiers: Tier[];
    if (long.length > 0) {
      const m = long.map(ftsPhrase).join(' ');
      tiers = [
        { table: TITLE_FTS_TABLE, match: `{title} : (${m})`, keyed: true, where: inTitle },
        { table: TITLE_FTS_TABLE, match: `{title short_title} : (${m})`, keyed: true, where: inTitles },
        { table: FTS_TABLE, match: m, keyed: false, where: anywhere },
      ];
    } else if (short.every(isCjkTerm)) {
      // 1–2 character CJK terms are whole tokens of the gram indexes.
      const g = short.map(ftsPhrase).join(' ');
      tiers = [
        { table: TITLE_GRAMS_TABLE, match: `{title_grams} : (${g})`, keyed: true, where: [] },
        { table: TITLE_GRAMS_TABLE, match: `{title_grams short_title_grams} : (${g})`, keyed: true, where: [] },
        { table: GRAMS_TABLE, match: g, keyed: false, where: [] },
      ];
    } else {
      // Other 1–2 character terms (f1, 5k) have no index: a scan, ranked as the tiers rank.
      const bytes = 'length(CAST(d.title AS BLOB)) / 10000.0';
      const score = `(CASE WHEN ${inTitle.join(' AND ')} THEN ${bytes} WHEN ${inTitles.join(' AND ')} THEN 1 + ${bytes}
        ELSE 2 + (4294967295 - d.id) / 4294967296.0 END)`;
      const where = [...f.where, ...anywhere];
      const sql = (limit: string) => `SELECT programme_id, locale, score FROM (
          SELECT d.programme_id AS programme_id, d.locale AS locale, d.id AS id, ${score} AS score,
            row_number() OVER (PARTITION BY d.programme_id ORDER BY ${score}, d.id DESC) AS n
          FROM ${TABLE} d WHERE ${where.join(' AND ')}) best
        WHERE n = 1 ORDER BY score, id DESC ${limit}`;
      return runRanked(this.sequelize, sql, replacements, opts, f.predicate);
    }
    return rankInTiers(tiers, (tier, after, k) => this.chunk(tier, [...f.where, ...tier.where], replacements, after, k), opts, f.predicate);
  }

  /**
   * k FTS5 rows of a tier after `after`, in rank order, joined to their localization and
   * filtered; each result row also carries how many FTS5 rows were read and the last rank key
   * (one row of NULLs but those when no row passes the filters).
   */
  private async chunk(tier: Tier, where: string[], replacements: Record<string, unknown>, after: number | null, k: number): Promise<TierChunk> {
    const and = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const id = tier.keyed ? rankKeyId('f.rid') : 'f.rid';
    const [dir, cmp, edge] = tier.keyed ? ['ASC', '>', 'max'] : ['DESC', '<', 'min'];
    type Row = { fetched: number; last: number | null; rid: number | null; programme_id: string | null; locale: string | null };
    const [rows] = (await this.sequelize.query(
      `WITH f AS MATERIALIZED (SELECT rowid AS rid FROM ${tier.table}
          WHERE ${tier.table} MATCH :fm ${after === null ? '' : `AND rowid ${cmp} :after`} ORDER BY rowid ${dir} LIMIT :k)
       SELECT c.fetched AS fetched, c.last AS last, x.rid AS rid, x.programme_id AS programme_id, x.locale AS locale
       FROM (SELECT count(*) AS fetched, ${edge}(rid) AS last FROM f) c
       LEFT JOIN (SELECT f.rid AS rid, d.programme_id AS programme_id, d.locale AS locale
                  FROM f JOIN ${TABLE} d ON d.id = ${id} ${and}) x ON 1
       ORDER BY x.rid ${dir}`,
      { replacements: { ...replacements, fm: tier.match, k, after } },
    )) as [Row[], unknown];
    const first = rows[0];
    return {
      rows: rows.flatMap((r) => (r.rid === null || r.programme_id === null ? [] : [{ rid: Number(r.rid), programmeId: String(r.programme_id), locale: String(r.locale) }])),
      next: first && Number(first.fetched) >= k ? Number(first.last) : null,
    };
  }
}
