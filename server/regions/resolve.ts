// Which region a request comes from. Without a trusted CDN header (a deployment with no CDN, a
// developer's machine): `?region=XX`, then the configured default. With one configured
// (PODIUM_REGION_HEADER), the CDN decides: its header, else the default — `?region=` is ignored,
// so a viewer cannot widen their broadcast rights by naming another territory (issue 16: an
// HK-only programme asked for from FR with `?region=HK` was served). Ignored rather than
// "narrowed": the header names one country, so the only narrowing is the header's own value.
// A request without the header (the CDN could not place the viewer: "XX", Tor "T1") gets the
// default, never the query's choice. Invalid values are skipped, never thrown.
import { normalizeRegionCode } from './iso3166.js';

export type RegionSource = 'query' | 'header' | 'default';

export interface RegionResolverOptions {
  /** Lower-case header name set by the CDN, e.g. `cloudfront-viewer-country` or `cf-ipcountry`. Unset → headers ignored, `?region=` honoured. */
  trustedHeader?: string | null;
  /** Region when nothing else says (an assigned alpha-2 code or WW). */
  defaultRegion: string;
}

export interface RegionRequest {
  query?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
}

export interface ResolvedRegion {
  region: string;
  source: RegionSource;
}

export type RegionResolver = (req: RegionRequest) => ResolvedRegion;

/** Whether a viewer may choose the region with `?region=`: not once a trusted CDN header decides. */
export function regionSelectable(trustedHeader: string | null | undefined): boolean {
  return !trustedHeader;
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** Builds a resolver; validates its options once (throws on a bad default at start-up). */
export function createRegionResolver(opts: RegionResolverOptions): RegionResolver {
  const defaultRegion = normalizeRegionCode(opts.defaultRegion);
  if (!defaultRegion) throw new Error(`default region ${JSON.stringify(opts.defaultRegion)} is not an ISO 3166-1 alpha-2 code or WW`);
  const header = opts.trustedHeader ? opts.trustedHeader.toLowerCase() : null;
  return (req) => {
    if (header) {
      // A CDN never sends WW; "XX"/"T1" (unknown, Tor) are not assigned codes and fall through.
      const h = normalizeRegionCode(first(req.headers?.[header]), { allowWorldwide: false });
      if (h) return { region: h, source: 'header' };
    } else {
      const q = normalizeRegionCode(first(req.query?.region));
      if (q) return { region: q, source: 'query' };
    }
    return { region: defaultRegion, source: 'default' };
  };
}
