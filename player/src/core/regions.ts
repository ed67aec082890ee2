// Regions the viewer can pick (GET /api/regions when the server has it) and the timezone each
// presents dates in. Until the endpoint answers, a built-in table of the seeded regions is used
// so dates still follow the region's clock.
import type { RegionItem } from '../../../server/contracts/index.js';

/** A region as the server serves it, less its English name (the player names regions with Intl). */
export type RegionInfo = Omit<RegionItem, 'name'>;

/**
 * A copy of the server's seed (server/regions/regions.ts SEED_REGIONS), used only until
 * /api/regions answers: the player may not import server code, so the data is copied and
 * test/unit/player/regions.test.ts fails when the two differ.
 */
export const BUILT_IN_REGIONS: readonly RegionInfo[] = (
  [
    ['WW', 'UTC', ['en', 'fr']],
    ['CN', 'Asia/Shanghai', ['zh-Hans-CN', 'en']],
    ['HK', 'Asia/Hong_Kong', ['zh-Hant-HK', 'en-HK']],
    ['MO', 'Asia/Macau', ['zh-Hant-MO', 'pt-MO', 'en']],
    ['TW', 'Asia/Taipei', ['zh-Hant-TW', 'en']],
    ['SG', 'Asia/Singapore', ['en-SG', 'zh-Hans-SG', 'ms-SG', 'ta-SG']],
    ['JP', 'Asia/Tokyo', ['ja-JP', 'en']],
    ['KR', 'Asia/Seoul', ['ko-KR', 'en']],
    ['FR', 'Europe/Paris', ['fr-FR', 'en']],
    ['CH', 'Europe/Zurich', ['de-CH', 'fr-CH', 'it-CH', 'en']],
    ['DE', 'Europe/Berlin', ['de-DE', 'en']],
    ['ES', 'Europe/Madrid', ['es-ES', 'ca-ES', 'en']],
    ['GB', 'Europe/London', ['en-GB']],
    ['US', 'America/New_York', ['en-US', 'es-US']],
    ['BR', 'America/Sao_Paulo', ['pt-BR', 'en']],
    ['SA', 'Asia/Riyadh', ['ar-SA', 'en']],
  ] as const
).map(([code, timezone, locales]) => ({ code, timezone, defaultLocale: locales[0], locales: [...locales] }));

export function normalizeRegions(body: unknown): RegionInfo[] | null {
  const list = Array.isArray(body) ? body : Array.isArray((body as { items?: unknown })?.items) ? (body as { items: unknown[] }).items : Array.isArray((body as { regions?: unknown })?.regions) ? (body as { regions: unknown[] }).regions : null;
  if (!list) return null;
  const out: RegionInfo[] = [];
  for (const r of list as Array<Record<string, unknown>>) {
    if (typeof r?.code !== 'string') continue;
    out.push({
      code: r.code,
      timezone: typeof r.timezone === 'string' ? r.timezone : 'UTC',
      defaultLocale: typeof r.defaultLocale === 'string' ? r.defaultLocale : 'en',
      locales: Array.isArray(r.locales) ? (r.locales as string[]) : [],
    });
  }
  return out.length ? out : null;
}

export function timezoneOf(region: string | null, regions: readonly RegionInfo[]): string | undefined {
  if (!region) return undefined;
  return regions.find((r) => r.code === region)?.timezone ?? BUILT_IN_REGIONS.find((r) => r.code === region)?.timezone;
}
