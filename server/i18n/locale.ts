// BCP 47 tags as Podium stores them (localizations, posters, audio and subtitle languages).
// Choosing a viewer's locale (Accept-Language, CLDR fallback chains) is server/locale-fallback/.

/** Canonical BCP 47 form (`zh-hant-hk` → `zh-Hant-HK`), or null if the tag is not well-formed. */
export function canonicalTag(tag: string): string | null {
  if (!tag || tag.length > 35 || tag === '*') return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}
