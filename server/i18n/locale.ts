// Which localization a viewer gets. The preference list is `?lang=` first, then the
// Accept-Language entries by q-value, then English; the first preference that a programme has
// (exactly, or by dropping trailing subtags: fr-CA → fr) wins. Issue 3 replaces the subtag
// truncation with CLDR parent locales (zh-HK → zh-Hant-HK → zh-Hant).
export const DEFAULT_LOCALE = 'en';

const MAX_HEADER_LENGTH = 1000;
const MAX_ENTRIES = 20;

/** Canonical BCP 47 form (`zh-hant-hk` → `zh-Hant-HK`), or null if the tag is not well-formed. */
export function canonicalTag(tag: string): string | null {
  if (!tag || tag.length > 35 || tag === '*') return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** Accept-Language entries sorted by q (stable); malformed entries are ignored, never thrown on. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  const entries: { tag: string; q: number; i: number }[] = [];
  for (const [i, part] of header.slice(0, MAX_HEADER_LENGTH).split(',').slice(0, MAX_ENTRIES).entries()) {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = canonicalTag((rawTag ?? '').trim());
    if (!tag) continue;
    let q = 1;
    for (const p of params) {
      if (!/^\s*q\s*=/i.test(p)) continue;
      const m = /^\s*q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/i.exec(p);
      q = m ? Number(m[1]) : 0; // a malformed q-value drops the entry
    }
    if (q <= 0) continue;
    entries.push({ tag, q, i });
  }
  return entries.sort((a, b) => b.q - a.q || a.i - b.i).map((e) => e.tag);
}

/** The viewer's preferences, most wanted first, always ending in English. */
export function preferredLocales(query: unknown, acceptLanguage: string | undefined): string[] {
  const out: string[] = [];
  const lang = typeof query === 'string' ? canonicalTag(query.trim()) : null;
  if (lang) out.push(lang);
  out.push(...parseAcceptLanguage(acceptLanguage));
  out.push(DEFAULT_LOCALE);
  return [...new Set(out)];
}

/** The first preference available (exact, then by dropping trailing subtags); else the first available. */
export function chooseLocale(preferences: readonly string[], available: readonly string[]): string | null {
  if (available.length === 0) return null;
  const byLower = new Map(available.map((a) => [a.toLowerCase(), a]));
  for (const pref of preferences) {
    const subtags = pref.toLowerCase().split('-');
    for (let n = subtags.length; n > 0; n--) {
      const hit = byLower.get(subtags.slice(0, n).join('-'));
      if (hit) return hit;
      // Never truncate a script-qualified tag to a bare language (zh-Hant must not become zh → zh-Hans).
      if (n > 1 && /^[a-z]{4}$/.test(subtags[n - 1] ?? '')) break;
    }
  }
  return available[0]!;
}
