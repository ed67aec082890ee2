import type { Sequelize } from 'sequelize';
import { cjkGrams, normalizeText } from './normalize.js';
import { TABLE, type AllowedFilter, type SearchDocument, type SearchFields, type SearchHit, type SearchIndex, type SearchOptions, type WriteOptions } from './types.js';

export interface Normalized {
  title: string;
  short_title: string;
  synopsis: string;
  grams: string;
  title_grams: string;
  short_title_grams: string;
}

export function normalizeFields(f: SearchFields): Normalized {
  const title = normalizeText(f.title ?? '').slice(0, 2000);
  const short_title = normalizeText(f.shortTitle ?? '').slice(0, 2000);
  const synopsis = normalizeText(f.synopsis ?? '').slice(0, 20000);
  return { title, short_title, synopsis, grams: cjkGrams(title, short_title, synopsis), title_grams: cjkGrams(title), short_title_grams: cjkGrams(short_title) };
}

export function checkKey(programmeId: string, locale: string | undefined): void {
  if (typeof programmeId !== 'string' || programmeId.length === 0 || programmeId.length > 64) throw new Error('search: bad programme id');
  if (locale !== undefined && (typeof locale !== 'string' || locale.length === 0 || locale.length > 35)) throw new Error('search: bad locale');
}

export function clampLimit(opts: SearchOptions): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 20) || 20, 1), 100);
  const offset = Math.min(Math.max(Math.trunc(opts.offset ?? 0) || 0, 0), 10_000);
  return { limit, offset };
}

export interface FilterSql {
  where: string[];
  replacements: Record<string, unknown>;
  /** Set when the filter must run in JS on ranked rows. */
  predicate?: (id: string) => boolean;
  /** The filter admits nothing. */
  empty: boolean;
}

/**
 * SQL for the locale and allowed filters over table alias `d`. On SQLite the subquery form is
 * asked per candidate row (`EXISTS (WITH allowed_ids(id) AS (…) SELECT 1 … WHERE id = d.programme_id)`,
 * which SQLite flattens into an indexed lookup) instead of `IN (…)`, which builds the whole id list
 * into a temporary index in every statement (1–3 ms for 10 000 programmes) however few rows are
 * checked. PostgreSQL plans `IN (…)` as a semi-join and keeps it.
 */
export function filterSql(opts: SearchOptions, dialect: 'sqlite' | 'postgres'): FilterSql {
  const where: string[] = [];
  const replacements: Record<string, unknown> = {};
  let predicate: ((id: string) => boolean) | undefined;
  let empty = false;
  if (opts.locales) {
    if (opts.locales.length === 0) empty = true;
    where.push('d.locale IN (:locales)');
    replacements.locales = [...opts.locales];
  }
  const a: AllowedFilter | undefined = opts.allowed;
  if (typeof a === 'function') predicate = a;
  else if (a && 'where' in a) {
    where.push(`(${a.where})`);
    Object.assign(replacements, a.replacements ?? {});
  } else if (a && 'sql' in a) {
    where.push(
      dialect === 'sqlite'
        ? `EXISTS (WITH allowed_ids(id) AS (${a.sql}) SELECT 1 FROM allowed_ids WHERE allowed_ids.id = d.programme_id)`
        : `d.programme_id IN (${a.sql})`,
    );
    Object.assign(replacements, a.replacements ?? {});
  } else if (a) {
    const ids = [...(a as Iterable<string>)];
    if (ids.length === 0) empty = true;
    where.push('d.programme_id IN (:allowed)');
    replacements.allowed = ids;
  }
  return { where, replacements, predicate, empty };
}

/** Runs a grouped, ranked query; with a JS predicate, pages through ranked rows until enough pass. */
export async function runRanked(
  sequelize: Sequelize,
  sql: (limitClause: string) => string,
  replacements: Record<string, unknown>,
  opts: SearchOptions,
  predicate: ((id: string) => boolean) | undefined,
): Promise<SearchHit[]> {
  const { limit, offset } = clampLimit(opts);
  type Row = { programme_id: string; locale: string; score: number | string };
  const toHit = (r: Row): SearchHit => ({ programmeId: String(r.programme_id), locale: r.locale, score: Number(r.score) });
  if (!predicate) {
    const [rows] = await sequelize.query(sql('LIMIT :lim OFFSET :off'), { replacements: { ...replacements, lim: limit, off: offset } });
    return (rows as Row[]).map(toHit);
  }
  const out: SearchHit[] = [];
  let skipped = 0;
  const page = Math.max(limit * 4, 100);
  for (let start = 0; ; start += page) {
    const [rows] = await sequelize.query(sql('LIMIT :lim OFFSET :off'), { replacements: { ...replacements, lim: page, off: start } });
    for (const r of rows as Row[]) {
      if (!predicate(String(r.programme_id))) continue;
      if (skipped < offset) skipped++;
      else out.push(toHit(r));
      if (out.length === limit) return out;
    }
    if ((rows as Row[]).length < page) return out;
  }
}

/** INSERT … ON CONFLICT DO UPDATE, the same text on SQLite (≥ 3.24) and PostgreSQL. */
export async function upsertRows(sequelize: Sequelize, docs: readonly SearchDocument[], opts: WriteOptions = {}): Promise<void> {
  const CHUNK = 200;
  // PostgreSQL refuses to update one row twice in a statement: the last write of a key wins.
  const unique = [...new Map(docs.map((d) => [`${d.programmeId}\n${d.locale}`, d])).values()];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const values: string[] = [];
    const replacements: unknown[] = [];
    for (const d of chunk) {
      checkKey(d.programmeId, d.locale);
      const n = normalizeFields(d.fields);
      values.push('(?, ?, ?, ?, ?, ?, ?, ?)');
      replacements.push(d.programmeId, d.locale, n.title, n.short_title, n.synopsis, n.grams, n.title_grams, n.short_title_grams);
    }
    await sequelize.query(
      `INSERT INTO ${TABLE} (programme_id, locale, title, short_title, synopsis, grams, title_grams, short_title_grams) VALUES ${values.join(', ')}
       ON CONFLICT (programme_id, locale) DO UPDATE SET title = excluded.title, short_title = excluded.short_title,
         synopsis = excluded.synopsis, grams = excluded.grams, title_grams = excluded.title_grams, short_title_grams = excluded.short_title_grams`,
      { replacements, transaction: opts.transaction },
    );
  }
}

/**
 * Writes are the same SQL on SQLite and PostgreSQL (the search table is portable; each
 * database's own index over it is kept by triggers or generated columns); only querying differs.
 */
export abstract class SqlSearchIndex implements SearchIndex {
  constructor(protected readonly sequelize: Sequelize) {}

  async upsert(programmeId: string, locale: string, fields: SearchFields, opts: WriteOptions = {}): Promise<void> {
    await upsertRows(this.sequelize, [{ programmeId, locale, fields }], opts);
  }

  async upsertMany(docs: readonly SearchDocument[], opts: WriteOptions = {}): Promise<void> {
    await upsertRows(this.sequelize, docs, opts);
  }

  async remove(programmeId: string, locale?: string, opts: WriteOptions = {}): Promise<void> {
    checkKey(programmeId, locale);
    const sql = `DELETE FROM ${TABLE} WHERE programme_id = :p${locale === undefined ? '' : ' AND locale = :l'}`;
    await this.sequelize.query(sql, { replacements: { p: programmeId, l: locale ?? null }, transaction: opts.transaction });
  }

  abstract query(q: string, opts?: SearchOptions): Promise<SearchHit[]>;
}
