import type { Transaction } from 'sequelize';

export interface SearchFields {
  title: string;
  shortTitle?: string | null;
  synopsis?: string | null;
}

/**
 * Which programmes may appear (rights, publication status):
 * - a list/Set of programme ids;
 * - a SQL subquery returning programme ids, e.g.
 *   `{ sql: "SELECT id FROM programmes WHERE status = :status", replacements: { status: 'ready' } }`
 *   (named replacements; avoid the names q, m, fm, k, after, probe, s0…s9, t0…t9, locales,
 *   allowed, lim, off; on SQLite it is asked per candidate row, as a correlated lookup);
 * - a correlated SQL condition on `d.programme_id`, evaluated only for candidate rows (the fastest
 *   form against a large programmes table), e.g.
 *   `{ where: "EXISTS (SELECT 1 FROM programmes p WHERE p.id = d.programme_id AND p.status = :status)", replacements: { status: 'ready' } }`;
 * - a predicate applied to ranked hits in order (for rights computed in JS).
 */
export type AllowedFilter =
  | readonly string[]
  | ReadonlySet<string>
  | { sql: string; replacements?: Record<string, unknown> }
  | { where: string; replacements?: Record<string, unknown> }
  | ((programmeId: string) => boolean);

export interface SearchOptions {
  /** Only these localizations (stored spelling, e.g. ['zh-Hant', 'en']). Default: all. */
  locales?: readonly string[];
  allowed?: AllowedFilter;
  /** Default 20, at most 100. */
  limit?: number;
  offset?: number;
}

export interface SearchDocument {
  programmeId: string;
  locale: string;
  fields: SearchFields;
}

export interface SearchHit {
  programmeId: string;
  /** The localization that matched best. */
  locale: string;
  /**
   * Lower is better, the same on SQLite and PostgreSQL (tiers.ts): the tier (0 every term in the
   * title, 1 in the title or short title, 2 elsewhere) plus title length in UTF-8 bytes / 10 000
   * in tiers 0–1, or a fraction that is smaller for newer rows in tier 2.
   */
  score: number;
}

export interface WriteOptions {
  transaction?: Transaction;
}

/** Full-text index over every programme localization. One row per (programme, locale). */
export interface SearchIndex {
  upsert(programmeId: string, locale: string, fields: SearchFields, opts?: WriteOptions): Promise<void>;
  /** Bulk form of upsert (chunked multi-row statements), for re-indexing and imports. */
  upsertMany(docs: readonly SearchDocument[], opts?: WriteOptions): Promise<void>;
  /** Removes one localization, or every localization of the programme when locale is omitted. */
  remove(programmeId: string, locale?: string, opts?: WriteOptions): Promise<void>;
  /** Ranked hits, one per programme (its best-matching localization). Empty for an empty query. */
  query(q: string, opts?: SearchOptions): Promise<SearchHit[]>;
}

export const TABLE = 'search_documents';
export const FTS_TABLE = 'search_fts';
export const GRAMS_TABLE = 'search_grams';
/** SQLite only: titles and short titles, trigram and CJK grams, keyed in rank order (migration-ranked.ts). */
export const TITLE_FTS_TABLE = 'search_title_fts';
export const TITLE_GRAMS_TABLE = 'search_title_grams';
