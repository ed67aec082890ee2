// The seeded region table: per territory its default locale, the locales it offers and its
// timezone. Language and territory are separate facts: Macao reads Traditional Chinese (its
// default locale is zh-Hant-MO, whose CLDR parent is zh-Hant-HK) whatever rights territory it
// sits in — rights live in server/rights/, not here.
import { normalizeRegionCode, WORLDWIDE } from './iso3166.js';

export interface Region {
  /** ISO 3166-1 alpha-2, or WW. */
  readonly code: string;
  /** English name, for the studio and logs (the player localizes names with Intl.DisplayNames). */
  readonly name: string;
  /** BCP 47 tag used when the viewer states no language. Always listed first in `locales`. */
  readonly defaultLocale: string;
  /** Locales offered to viewers of this region, in display order. */
  readonly locales: readonly string[];
  /** IANA timezone used to present dates (the principal one for multi-zone countries). */
  readonly timezone: string;
}

function region(code: string, name: string, timezone: string, locales: string[]): Region {
  return Object.freeze({ code, name, timezone, defaultLocale: locales[0]!, locales: Object.freeze(locales) });
}

/**
 * Seed data. Choices worth knowing:
 * - CN zh-Hans-CN; SG en-SG first (English is the working language) with zh-Hans-SG, ms, ta.
 * - HK zh-Hant-HK; MO zh-Hant-MO (CLDR parent zh-Hant-HK, so Hong Kong wording is preferred
 *   over Taiwan wording) with Portuguese, the other official language; TW zh-Hant-TW.
 * - CH de-CH first (largest language community), then fr-CH, it-CH, and English.
 * - US uses America/New_York as its display zone; BR America/Sao_Paulo.
 * - WW is the fallback for unseeded countries: English, then French (the Olympic languages).
 */
export const SEED_REGIONS: readonly Region[] = Object.freeze([
  region('WW', 'Worldwide', 'UTC', ['en', 'fr']),
  region('CN', 'China (mainland)', 'Asia/Shanghai', ['zh-Hans-CN', 'en']),
  region('HK', 'Hong Kong', 'Asia/Hong_Kong', ['zh-Hant-HK', 'en-HK']),
  region('MO', 'Macao', 'Asia/Macau', ['zh-Hant-MO', 'pt-MO', 'en']),
  region('TW', 'Taiwan', 'Asia/Taipei', ['zh-Hant-TW', 'en']),
  region('SG', 'Singapore', 'Asia/Singapore', ['en-SG', 'zh-Hans-SG', 'ms-SG', 'ta-SG']),
  region('JP', 'Japan', 'Asia/Tokyo', ['ja-JP', 'en']),
  region('KR', 'South Korea', 'Asia/Seoul', ['ko-KR', 'en']),
  region('FR', 'France', 'Europe/Paris', ['fr-FR', 'en']),
  region('CH', 'Switzerland', 'Europe/Zurich', ['de-CH', 'fr-CH', 'it-CH', 'en']),
  region('DE', 'Germany', 'Europe/Berlin', ['de-DE', 'en']),
  region('ES', 'Spain', 'Europe/Madrid', ['es-ES', 'ca-ES', 'en']),
  region('GB', 'United Kingdom', 'Europe/London', ['en-GB']),
  region('US', 'United States', 'America/New_York', ['en-US', 'es-US']),
  region('BR', 'Brazil', 'America/Sao_Paulo', ['pt-BR', 'en']),
  region('SA', 'Saudi Arabia', 'Asia/Riyadh', ['ar-SA', 'en']),
]);

/** Read-only lookup over a region table (the seed by default; tests and config may pass another). */
export class RegionTable {
  private readonly byCode: ReadonlyMap<string, Region>;

  constructor(regions: readonly Region[] = SEED_REGIONS) {
    const map = new Map<string, Region>();
    for (const r of regions) {
      if (normalizeRegionCode(r.code) !== r.code) throw new Error(`region table: bad code ${JSON.stringify(r.code)}`);
      if (map.has(r.code)) throw new Error(`region table: duplicate ${r.code}`);
      if (r.locales[0] !== r.defaultLocale) throw new Error(`region table: ${r.code} default locale must be listed first`);
      map.set(r.code, r);
    }
    if (!map.has(WORLDWIDE)) throw new Error('region table: WW is required (fallback for unseeded countries)');
    this.byCode = map;
  }

  list(): Region[] {
    return [...this.byCode.values()];
  }

  /** The seeded region, or undefined (case-insensitive; never throws). */
  get(code: unknown): Region | undefined {
    const c = normalizeRegionCode(code);
    return c ? this.byCode.get(c) : undefined;
  }

  /** True for a seeded region code. */
  has(code: unknown): boolean {
    return this.get(code) !== undefined;
  }

  /** The region's metadata, or WW's for an assigned but unseeded country (e.g. IT). */
  profile(code: unknown): Region {
    return this.get(code) ?? this.byCode.get(WORLDWIDE)!;
  }
}
