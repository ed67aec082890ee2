// Ranking in tiers, shared by SQLite and PostgreSQL: instead of scoring every match (bm25 or
// weighted LIKEs over the ~10 000 matches of a common word cost 10–60 ms), matches are read in
// rank order and reading stops as soon as enough programmes are found.
//   tier 0: every term in the title,
//   tier 1: every term in the title or the short title,
//   tier 2: the rest (some term only in the synopsis).
// Tiers 0–1 are read by rank key `octet_length(title) · 2³² + (2³² − 1 − id)` (migration-ranked.ts):
// shorter titles first (UTF-8 bytes, so a CJK character weighs about its width and Latin and CJK
// titles interleave), then newer rows; tier 2 newest first (descending id). A tier is only read
// once the tiers above are exhausted, so every programme already seen belongs to a better tier,
// and a programme's first row in a tier is its best.
import { clampLimit } from './common.js';
import type { SearchHit, SearchOptions } from './types.js';

export const TWO_32 = 4294967296;

export interface TierRow {
  /** Rank key (keyed tiers) or id (tier 2). */
  rid: number;
  programmeId: string;
  locale: string;
}

export interface TierChunk {
  /** Rows that passed the SQL filters, in rank order. */
  rows: TierRow[];
  /** Where the next chunk starts (the last rank key or id read), or null when the tier is exhausted. */
  next: number | null;
}

/** Reads one chunk of a tier: up to about k rows after `after` (null: from the start). */
export type ReadChunk<T> = (tier: T, after: number | null, k: number) => Promise<TierChunk>;

/** The best offset + limit programmes over the tiers, each at its best localization. */
export async function rankInTiers<T extends { keyed: boolean }>(
  tiers: readonly T[],
  read: ReadChunk<T>,
  opts: SearchOptions,
  predicate: ((id: string) => boolean) | undefined,
): Promise<SearchHit[]> {
  const { limit, offset } = clampLimit(opts);
  const want = offset + limit;
  const out: SearchHit[] = [];
  const seen = new Set<string>();
  for (const [tierNo, tier] of tiers.entries()) {
    let after: number | null = null;
    for (let k = Math.max(want * 4, 40); ; k *= 4) {
      const chunk = await read(tier, after, k);
      for (const r of chunk.rows) {
        if (seen.has(r.programmeId)) continue;
        seen.add(r.programmeId);
        if (predicate && !predicate(r.programmeId)) continue;
        // Lower is better: the tier, then title length (tiers 0–1) or newest first (tier 2).
        const within = tier.keyed ? Math.floor(r.rid / TWO_32) / 10_000 : (TWO_32 - 1 - r.rid) / TWO_32;
        out.push({ programmeId: r.programmeId, locale: r.locale, score: tierNo + within });
        if (out.length === want) return out.slice(offset);
      }
      if (chunk.next === null) break;
      after = chunk.next;
    }
  }
  return out.slice(offset);
}
