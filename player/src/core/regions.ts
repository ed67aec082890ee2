// Regions the viewer can pick (GET /api/regions when the server has it) and the timezone each
// presents dates in. Until the endpoint answers, a built-in table of the seeded regions is used
// so dates still follow the region's clock.

export interface RegionInfo {
  code: string;
  defaultLocale: string;
  locales: readonly string[];
  timezone: string;
}

/** Mirrors the server's seed (server/regions/regions.ts); used only when /api/regions is missing. */
export const BUILT_IN_REGIONS: readonly RegionInfo[] = [
  ['WW', 'UTC', 'en'],
  ['CN', 'Asia/Shanghai', 'zh-Hans-CN'],
  ['HK', 'Asia/Hong_Kong', 'zh-Hant-HK'],
  ['MO', 'Asia/Macau', 'zh-Hant-MO'],
  ['TW', 'Asia/Taipei', 'zh-Hant-TW'],
  ['SG', 'Asia/Singapore', 'en-SG'],
  ['JP', 'Asia/Tokyo', 'ja-JP'],
  ['KR', 'Asia/Seoul', 'ko-KR'],
  ['FR', 'Europe/Paris', 'fr-FR'],
  ['CH', 'Europe/Zurich', 'de-CH'],
  ['DE', 'Europe/Berlin', 'de-DE'],
  ['ES', 'Europe/Madrid', 'es-ES'],
  ['GB', 'Europe/London', 'en-GB'],
  ['US', 'America/New_York', 'en-US'],
  ['BR', 'America/Sao_Paulo', 'pt-BR'],
  ['SA', 'Asia/Riyadh', 'ar-SA'],
].map(([code, timezone, defaultLocale]) => ({ code: code!, timezone: timezone!, defaultLocale: defaultLocale!, locales: [defaultLocale!] }));

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
