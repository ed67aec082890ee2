// Text normalization shared by indexing and querying, so both sides agree on every database:
// compatibility forms folded (full-width Latin, ligatures, half-width katakana), Latin/Greek/
// Cyrillic accents removed, lower-cased. Only the combining diacritics block (U+0300–U+036F) is
// stripped and the result is recomposed (NFC), so Japanese dakuten and Hangul syllables survive.

const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
const SPECIAL_RE = /[ßæœøłđðþıħ]/g;

export function normalizeText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Characters a search query may have before it is cut (the rest is ignored). */
export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 8;
/** The trigram index needs at least this many characters in a term. */
export const MIN_INDEXED_TERM = 3;

export interface ParsedQuery {
  /** Terms of ≥ 3 characters (code points): answered by the trigram index. */
  long: string[];
  /** Terms of 1–2 characters (e.g. 奥运, 柔道 short forms, "f1"): answered by a substring scan. */
  short: string[];
}

/** Splits a raw query into normalized terms on whitespace and punctuation; CJK runs stay whole. */
export function parseQuery(raw: unknown): ParsedQuery {
  const text = typeof raw === 'string' ? normalizeText(raw.slice(0, MAX_QUERY_LENGTH)) : '';
  const terms = [...new Set(text.split(/[\s\p{P}\p{S}]+/u).filter(Boolean))].slice(0, MAX_TERMS);
  const long: string[] = [];
  const short: string[] = [];
  for (const t of terms) ([...t].length >= MIN_INDEXED_TERM ? long : short).push(t);
  // A short term contained in a long one adds nothing.
  return { long, short: short.filter((s) => !long.some((l) => l.includes(s))) };
}

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+/gu;

/** True when every character of the term is Chinese, Japanese or Korean script. */
export function isCjkTerm(term: string): boolean {
  return [...term].every((c) => CJK_CHAR.test(c));
}

/**
 * Space-separated distinct unigrams and bigrams of the CJK runs in normalized text: the tokens
 * of the short-term index, so 1–2 character CJK queries (柔道, 유도, 金) are index lookups.
 */
export function cjkGrams(...texts: string[]): string {
  const out = new Set<string>();
  for (const t of texts) {
    for (const run of t.match(CJK_RUN) ?? []) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        out.add(chars[i]!);
        if (i + 1 < chars.length) out.add(chars[i]! + chars[i + 1]!);
      }
    }
  }
  return [...out].join(' ');
}
