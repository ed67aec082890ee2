// Regions and the locales they offer (GET /api/regions), fetched once per page load.
import type { RegionItem, RegionsResponse } from '../../contracts/index.js';
import { api } from './api.js';

export type RegionInfo = RegionItem;

let cached: Promise<RegionInfo[]> | undefined;

export function regions(): Promise<RegionInfo[]> {
  cached ??= api<RegionsResponse>('/api/regions').then(
    (r) => r.items,
    () => [],
  );
  return cached;
}

/** de-DE → de, zh-Hans-CN → zh-Hans, pt-MO → pt: the localization a region's viewers fall back to. */
export function baseLocale(tag: string): string {
  const [lang, second] = tag.split('-');
  return second && /^[A-Za-z]{4}$/.test(second) ? `${lang}-${second}` : lang!;
}

/**
 * The languages to translate into: the base (language or language-script) of every locale a
 * region offers, plus the localizations that exist (region overrides such as zh-Hant-HK).
 */
export async function knownLocales(existing: readonly string[] = []): Promise<string[]> {
  const set = new Set<string>(existing);
  for (const r of await regions()) for (const l of [r.defaultLocale, ...r.locales]) set.add(baseLocale(l));
  if (set.size <= existing.length) for (const l of ['en', 'fr', 'de', 'es', 'pt', 'ja', 'ko', 'zh-Hans', 'zh-Hant', 'ar', 'ru']) set.add(l);
  return [...set].sort((a, b) => a.localeCompare(b));
}
