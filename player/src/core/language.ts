// Which UI language to use: ?lang= first, then the browser's preferred languages, then English.
// Pure, so it is unit-tested without a browser. Tags are matched case-insensitively, first
// exactly ("fr-CA" when we ship fr-CA), then by their primary subtag ("fr-CA" → "fr").

export const SUPPORTED_LANGUAGES = ['en', 'fr'] as const;
export type UiLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: UiLanguage = 'en';

export function matchLanguage(tag: string | null | undefined, supported: readonly string[] = SUPPORTED_LANGUAGES): string | null {
  if (!tag) return null;
  const wanted = tag.trim().toLowerCase().replace(/_/g, '-');
  if (!wanted) return null;
  const exact = supported.find((s) => s.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = wanted.split('-')[0];
  return supported.find((s) => s.toLowerCase() === primary) ?? null;
}

export function chooseLanguage(
  search: string,
  navigatorLanguages: readonly string[],
  supported: readonly string[] = SUPPORTED_LANGUAGES,
  fallback: string = FALLBACK_LANGUAGE,
): string {
  const fromQuery = matchLanguage(new URLSearchParams(search).get('lang'), supported);
  if (fromQuery) return fromQuery;
  for (const tag of navigatorLanguages) {
    const match = matchLanguage(tag, supported);
    if (match) return match;
  }
  return fallback;
}
