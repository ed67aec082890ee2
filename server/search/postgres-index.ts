// PostgreSQL: pg_trgm GIN indexes (migration.ts, migration-ranked.ts) answer `LIKE '%term%'` for
// terms of ≥ 3 characters in any script; 1–2 character CJK terms are tokens of the padded gram
// text (`LIKE '% 柔道 %'`, which has trigrams); other short terms scan. Accents and case are
// removed in JS before storage and before querying (normalize.ts), so no unaccent extension is
// needed and SQLite and PostgreSQL match the same things.
//
// Ranking in tiers (tiers.ts). A tier is read first by a probe: the first 1 000 rows of the whole
// table in rank order (b-tree on rank_key, or the primary key for tier 2), filtered. That bounded
// work finds enough programmes for a common term whatever the planner's statistics say (without
// them it would take the trigram index and visit every match: ~10 000 rows for "final"). Only
// when the probe falls short is the rest of the tier read, one query per chunk
// (`rank_key > :after ORDER BY rank_key LIMIT k`), for which the planner takes the trigram index.
import { filterSql, SqlSearchIndex } from './common.js';
import { pgGramsExpr, pgTitlesExpr } from './migration-ranked.js';
import { isCjkTerm, parseQuery } from './normalize.js';
import { rankInTiers, type TierChunk } from './tiers.js';
import { TABLE, type SearchHit, type SearchOptions } from './types.js';

/** Must match the indexed expression in migration.ts exactly for the planner to use the index. */
export const PG_DOC_EXPR = `(title || ' ' || short_title || ' ' || synopsis)`;

const DOC_D = `(d.title || ' ' || d.short_title || ' ' || d.synopsis)`;
const TITLES_D = pgTitlesExpr('d.');
const GRAMS_D = pgGramsExpr('d.');
/** Rows of the whole table a tier's first chunk reads in rank order. */
const PROBE_ROWS = 1000;

export function likePattern(term: string): string {
  return `%${escapeLike(term)}%`;
}

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

interface Tier {
  /** Ascending rank_key, or descending id (tier 2: newest first). */
  keyed: boolean;
  /** Conditions on `d`, every one required. */
  where: string[];
}

type Row = { rid: number | string | null; programme_id: string | null; locale: string | null };
type ProbeRow = Row & { t0: boolean | null };

function toRows(rows: Row[]): TierChunk['rows'] {
  return rows.flatMap((r) => (r.rid === null || r.programme_id === null ? [] : [{ rid: Number(r.rid), programmeId: String(r.programme_id), locale: String(r.locale) }]));
}

export class PostgresSearchIndex extends SqlSearchIndex {
  async query(q: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const { long, short } = parseQuery(q);
    if (long.length === 0 && short.length === 0) return [];
    const f = filterSql(opts, 'postgres');
    if (f.empty) return [];
    const replacements: Record<string, unknown> = { ...f.replacements };
    const [title, titles, anywhere]: Tier[] = [
      { keyed: true, where: [] },
      { keyed: true, where: [] },
      { keyed: false, where: [] },
    ];
    [...long, ...short].forEach((t, i) => {
      if ([...t].length < 3 && isCjkTerm(t)) {
        // A whole token of the padded grams: ' 柔 柔道 道 ' LIKE '% 柔道 %'.
        replacements[`t${i}`] = `% ${escapeLike(t)} %`;
        title!.where.push(`${TITLES_D} LIKE :t${i}`, `(' ' || d.title_grams || ' ') LIKE :t${i}`);
        anywhere!.where.push(`${GRAMS_D} LIKE :t${i}`);
      } else {
        // The title-fields expression holds no term across its parts: terms have no spaces.
        replacements[`t${i}`] = likePattern(t);
        title!.where.push(`${TITLES_D} LIKE :t${i}`, `d.title LIKE :t${i}`);
        anywhere!.where.push(`${DOC_D} LIKE :t${i}`);
      }
      titles!.where.push(`${TITLES_D} LIKE :t${i}`);
    });
    const all = (w: string[]) => [...w, ...f.where].join(' AND ');
    const filters = f.where.length ? f.where.join(' AND ') : 'true';
    // Tiers 0 and 1 share their probe: one pass over the same rows tells both.
    let keyedProbe: Promise<{ rows: ProbeRow[]; next: number | null }> | undefined;
    const read = async (tier: Tier, after: number | null, k: number): Promise<TierChunk> => {
      if (after !== null) return this.chunk(tier.keyed, all(tier.where), replacements, after, k);
      if (!tier.keyed) {
        const p = await this.probe(false, tier.where.join(' AND '), 'true', filters, replacements);
        return { rows: toRows(p.rows), next: p.next };
      }
      keyedProbe ??= this.probe(true, titles!.where.join(' AND '), title!.where.join(' AND '), filters, replacements);
      const p = await keyedProbe;
      return { rows: toRows(p.rows.filter((r) => tier === titles || r.t0)), next: p.next };
    };
    return rankInTiers([title!, titles!, anywhere!], read, opts, f.predicate);
  }

  /**
   * The first PROBE_ROWS rows of the table in rank order that match `where` (with `t0` telling
   * whether they also match `t0Where`) and pass the filters, and the last rank key or id read.
   * The filters are asked only of matching rows, once each.
   */
  private async probe(keyed: boolean, where: string, t0Where: string, filters: string, replacements: Record<string, unknown>): Promise<{ rows: ProbeRow[]; next: number | null }> {
    const [col, dir, edge] = keyed ? ['rank_key', 'ASC', 'max'] : ['id', 'DESC', 'min'];
    const [rows] = (await this.sequelize.query(
      `WITH f AS MATERIALIZED (SELECT * FROM ${TABLE} ORDER BY ${col} ${dir} LIMIT :probe),
         m AS MATERIALIZED (SELECT d.${col} AS rid, d.programme_id AS programme_id, d.locale AS locale, (${t0Where}) AS t0 FROM f d WHERE ${where})
       SELECT c.fetched AS fetched, c.last AS last, x.rid AS rid, x.programme_id AS programme_id, x.locale AS locale, x.t0 AS t0
       FROM (SELECT count(*) AS fetched, ${edge}(${col}) AS last FROM f) c
       LEFT JOIN (SELECT d.* FROM m d WHERE ${filters}) x ON true
       ORDER BY x.rid ${dir}`,
      { replacements: { ...replacements, probe: PROBE_ROWS } },
    )) as [(ProbeRow & { fetched: number | string; last: number | string | null })[], unknown];
    const first = rows[0];
    return { rows, next: first && Number(first.fetched) >= PROBE_ROWS ? Number(first.last) : null };
  }

  /** Up to k matching rows after `after` in rank order: an indexed query the planner chooses. */
  private async chunk(keyed: boolean, where: string, replacements: Record<string, unknown>, after: number, k: number): Promise<TierChunk> {
    const [col, dir, cmp] = keyed ? ['rank_key', 'ASC', '>'] : ['id', 'DESC', '<'];
    const [rows] = (await this.sequelize.query(
      `SELECT d.${col} AS rid, d.programme_id AS programme_id, d.locale AS locale FROM ${TABLE} d
       WHERE ${where} AND d.${col} ${cmp} :after ORDER BY d.${col} ${dir} LIMIT :k`,
      { replacements: { ...replacements, after, k } },
    )) as [Row[], unknown];
    const out = toRows(rows);
    return { rows: out, next: out.length >= k ? out[out.length - 1]!.rid : null };
  }
}
