// Canonical comparison form of a BCP 47 tag and its CLDR parent. Two tags that name the same
// locale map to the same key: zh-HK and zh-Hant-HK → "zh-Hant-HK", zh and zh-CN's script →
// "zh-Hans…", en-Latn-GB → "en-GB". Languages written in several scripts always carry the script
// in their key, so Traditional and Simplified Chinese never meet; the others never do.

/** Languages for which the script is significant (CLDR has script-qualified locales for them). */
const MULTI_SCRIPT = new Set(['zh', 'yue', 'sr', 'uz', 'pa', 'az', 'bs', 'mn', 'ha', 'ks', 'sd', 'ff', 'shi', 'vai']);

/** CLDR supplemental parentLocales, the subset Podium's languages need, on key forms. */
const EXPLICIT_PARENTS: ReadonlyMap<string, string> = new Map([
  ['zh-Hant-MO', 'zh-Hant-HK'],
  ['en-001', 'en'],
  ['en-150', 'en-001'],
  ['es-419', 'es'],
  ['pt-PT', 'pt'],
]);
/** English outside the US-like territories → en-001 (CLDR); these keep the plain truncation to en. */
const EN_US_LIKE = new Set(['US', 'AS', 'GU', 'MH', 'MP', 'PR', 'UM', 'VI']);
const EN_150 = new Set(['AT', 'BE', 'CH', 'DE', 'DK', 'FI', 'NL', 'SE', 'SI']);
const ES_419 = new Set(['AR', 'BO', 'BR', 'BZ', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'GT', 'HN', 'MX', 'NI', 'PA', 'PE', 'PR', 'PY', 'SV', 'US', 'UY', 'VE']);
const PT_PT = new Set(['AO', 'CH', 'CV', 'FR', 'GQ', 'GW', 'LU', 'MO', 'MZ', 'ST', 'TL']);

/** Longest tag we look at; real tags are far shorter, and this bounds the work per header entry. */
export const MAX_TAG_LENGTH = 64;
const TAG_SHAPE = /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,8}$/;

function computeKey(tag: string): string | null {
  let loc: Intl.Locale;
  try {
    loc = new Intl.Locale(tag.replace(/_/g, '-'));
  } catch {
    return null;
  }
  const lang = loc.language as string | undefined; // undefined for "und"
  if (!lang || lang === 'und' || lang === 'root') return null;
  const base = new Intl.Locale(loc.baseName); // drops -u-/-t-/-x- extensions
  const parts = base.baseName.split('-');
  const hasScript = base.script !== undefined;
  const likely = base.maximize().script;
  if (MULTI_SCRIPT.has(lang)) {
    if (!hasScript && likely) parts.splice(1, 0, likely);
  } else if (hasScript && base.script === likely) {
    parts.splice(1, 1);
  }
  return parts.join('-');
}

/**
 * Factory for a memoized key function (the cache is per instance, bounded, and holds only
 * results of a pure function). Returns null for anything that is not a usable locale tag;
 * never throws.
 */
export function createLocaleKeyer(cacheSize = 2000): (tag: unknown) => string | null {
  const cache = new Map<string, string | null>();
  return (tag) => {
    if (typeof tag !== 'string' || tag.length > MAX_TAG_LENGTH || !TAG_SHAPE.test(tag)) return null;
    const hit = cache.get(tag);
    if (hit !== undefined) return hit;
    const key = computeKey(tag);
    if (cache.size >= cacheSize) cache.clear();
    cache.set(tag, key);
    return key;
  };
}

/** Unmemoized: the key of `tag`, or null. */
export function localeKey(tag: unknown): string | null {
  if (typeof tag !== 'string' || tag.length > MAX_TAG_LENGTH || !TAG_SHAPE.test(tag)) return null;
  return computeKey(tag);
}

/** True when `lang` (a bare language subtag) needs a script to say which locale it means. */
export function isMultiScript(lang: string): boolean {
  return MULTI_SCRIPT.has(lang);
}

/** CLDR parent of a key (as returned by localeKey), or null at the root. */
export function parentKey(key: string): string | null {
  const explicit = EXPLICIT_PARENTS.get(key);
  if (explicit) return explicit;
  const parts = key.split('-');
  const [lang] = parts;
  if (parts.length === 2 && /^[A-Z]{2}$/.test(parts[1]!)) {
    const r = parts[1]!;
    if (lang === 'en' && EN_150.has(r)) return 'en-150';
    if (lang === 'en' && !EN_US_LIKE.has(r)) return 'en-001';
    if (lang === 'es' && ES_419.has(r)) return 'es-419';
    if (lang === 'pt' && PT_PT.has(r)) return 'pt-PT';
  }
  if (parts.length === 1) return null;
  const removed = parts.pop()!;
  if (parts.length === 1 && /^[A-Z][a-z]{3}$/.test(removed)) {
    // lang-Script → lang only when Script is lang's default script; otherwise → root.
    // (zh-Hant's parent is root, so Traditional never falls back to Simplified.)
    let likely: string | undefined;
    try {
      likely = new Intl.Locale(lang!).maximize().script;
    } catch {
      return null;
    }
    if (likely !== removed) return null;
    // The key of the bare language re-inserts its script (zh → zh-Hans): that is this key itself.
    return MULTI_SCRIPT.has(lang!) ? null : lang!;
  }
  return parts.join('-');
}

/** The fallback chain of one tag, most specific first: zh-MO → [zh-Hant-MO, zh-Hant-HK, zh-Hant]. */
export function fallbackChain(tag: unknown, keyer: (t: unknown) => string | null = localeKey): string[] {
  const chain: string[] = [];
  let k = keyer(tag);
  while (k && !chain.includes(k) && chain.length < 8) {
    chain.push(k);
    k = parentKey(k);
  }
  return chain;
}
