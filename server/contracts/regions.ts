// GET /api/regions: the seeded regions (server/regions/regions.ts) and the region this request
// resolved to. Read by the player (its switcher and the clock dates are shown on) and the studio
// (the locales to translate into).

export interface RegionItem {
  /** ISO 3166-1 alpha-2, or WW. */
  code: string;
  /** English name (the player names regions itself with Intl.DisplayNames). */
  name: string;
  /** BCP 47 tag used when the viewer states no language; always first in `locales`. */
  defaultLocale: string;
  /** Locales offered to viewers of this region, in display order. */
  locales: string[];
  /** IANA timezone dates are presented in. */
  timezone: string;
}

export interface RegionsResponse {
  current: string;
  /** What decided `current`: ?region=, the trusted CDN header, or the default region. */
  source: 'query' | 'header' | 'default';
  /** False when a trusted CDN header decides the region: `?region=` is ignored and clients offer no choice. */
  selectable: boolean;
  items: RegionItem[];
}
