// Which UI language to use. Pure, so it is unit-tested without a browser.
//
// Order: ?lang= → the remembered choice (cookie / localStorage, read by prefs.ts) → the
// browser's preferred languages → English. Tags are matched the way CLDR's parent locales
// say, not by cutting the string: Chinese goes by script, and the script follows the region
// when the tag does not say it (zh-HK, zh-MO → zh-Hant-HK; zh-TW → zh-Hant; zh, zh-CN, zh-SG →
// zh-Hans). Hong Kong never falls to Simplified, nor the mainland to Traditional.

/** UI languages offered in the switcher (one per locales/<tag>/ folder except regional overrides). */
export const SUPPORTED_LANGUAGES = ['en', 'fr', 'zh-Hans', 'zh-Hant', 'ja', 'ko', 'es', 'de', 'pt', 'ru', 'ar'] as const;
/** Regional variants that have their own folder of overrides (zh-Hant-HK → zh-Hant → en). */
export const REGIONAL_VARIANTS = ['zh-Hant-HK'] as const;
export type UiLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: UiLanguage = 'en';
/** Every tag the UI can run in. */
export const UI_LANGUAGES: readonly string[] = [...SUPPORTED_LANGUAGES, ...REGIONAL_VARIANTS];

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

const HANT_REGIONS = new Set(['TW', 'HK', 'MO']);
const HK_WORDING_REGIONS = new Set(['HK', 'MO']);

interface ParsedTag {
  language: string;
  script: string | null;
  region: string | null;
}

function parseTag(tag: string): ParsedTag | null {
  const parts = tag.trim().replace(/_/g, '-').split('-').filter(Boolean);
  const language = parts[0]?.toLowerCase();
  if (!language || !/^[a-z]{2,3}$/.test(language)) return null;
  let script: string | null = null;
  let region: string | null = null;
  for (const part of parts.slice(1)) {
    if (/^[a-z]{4}$/i.test(part) && !script && !region) script = part[0]!.toUpperCase() + part.slice(1).toLowerCase();
    else if (/^([a-z]{2}|\d{3})$/i.test(part) && !region) region = part.toUpperCase();
  }
  return { language, script, region };
}

/** The Chinese UI tag for a zh tag: script from the tag, else from the region; HK/MO wording. */
function matchChinese({ script, region }: ParsedTag, supported: readonly string[]): string | null {
  const hant = script === 'Hant' || (script === null && region !== null && HANT_REGIONS.has(region));
  if (hant) {
    if (region && HK_WORDING_REGIONS.has(region) && supported.includes('zh-Hant-HK')) return 'zh-Hant-HK';
    return supported.includes('zh-Hant') ? 'zh-Hant' : null;
  }
  return supported.includes('zh-Hans') ? 'zh-Hans' : null;
}

export function matchLanguage(tag: string | null | undefined, supported: readonly string[] = UI_LANGUAGES): string | null {
  if (!tag) return null;
  const wanted = tag.trim().toLowerCase().replace(/_/g, '-');
  if (!wanted) return null;
  const exact = supported.find((s) => s.toLowerCase() === wanted);
  if (exact) return exact;
  const parsed = parseTag(wanted);
  if (!parsed) return null;
  if (parsed.language === 'zh') return matchChinese(parsed, supported);
  if (parsed.region) {
    const withRegion = supported.find((s) => s.toLowerCase() === `${parsed.language}-${parsed.region!.toLowerCase()}`);
    if (withRegion) return withRegion;
  }
  return supported.find((s) => s.toLowerCase() === parsed.language) ?? null;
}

export interface LanguageSources {
  search: string;
  /** The viewer's remembered choice (cookie or localStorage), if any. */
  stored?: string | null;
  navigatorLanguages: readonly string[];
}

export function chooseLanguage(
  search: string,
  navigatorLanguages: readonly string[],
  supported: readonly string[] = UI_LANGUAGES,
  fallback: string = FALLBACK_LANGUAGE,
  stored: string | null = null,
): string {
  const fromQuery = matchLanguage(new URLSearchParams(search).get('lang'), supported);
  if (fromQuery) return fromQuery;
  const fromStore = matchLanguage(stored, supported);
  if (fromStore) return fromStore;
  for (const tag of navigatorLanguages) {
    const match = matchLanguage(tag, supported);
    if (match) return match;
  }
  return fallback;
}

/**
 * i18next fallback chain for a UI tag: each shorter tag that is a UI language, then English.
 * zh-Hant-HK → zh-Hant → en; never through a bare "zh" (there is none) to Simplified.
 */
export function fallbackChain(language: string, supported: readonly string[] = UI_LANGUAGES): string[] {
  const chain: string[] = [];
  const parts = language.split('-');
  for (let n = parts.length; n > 0; n--) {
    const tag = parts.slice(0, n).join('-');
    const match = supported.find((s) => s.toLowerCase() === tag.toLowerCase());
    if (match && !chain.includes(match)) chain.push(match);
  }
  if (!chain.includes(FALLBACK_LANGUAGE)) chain.push(FALLBACK_LANGUAGE);
  return chain;
}

/** The language a UI tag offers in the switcher (zh-Hant-HK is shown as zh-Hant's entry). */
export function switcherLanguage(language: string): string {
  return SUPPORTED_LANGUAGES.find((s) => s === language) ?? fallbackChain(language).find((s) => (SUPPORTED_LANGUAGES as readonly string[]).includes(s)) ?? FALLBACK_LANGUAGE;
}

/** For a switcher choice and the viewer's region: zh-Hant in HK/MO uses Hong Kong wording. */
export function uiLanguageFor(choice: string, region: string | null): string {
  if (choice === 'zh-Hant' && region && HK_WORDING_REGIONS.has(region.toUpperCase())) return 'zh-Hant-HK';
  return choice;
}

export function textDirection(language: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/**
 * lang and dir for text served in `locale`, which may not be the UI's (a fallback): screen
 * readers pronounce it right and an English title reads left to right on an Arabic page.
 */
export function textAttrs(locale: string | null | undefined): { lang?: string; dir?: 'ltr' | 'rtl' } {
  return locale ? { lang: locale, dir: textDirection(locale) } : {};
}
