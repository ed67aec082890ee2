// Which region a request comes from: `?region=XX`, then a trusted CDN header carrying the
// viewer's country, then the configured default. Invalid values are skipped, never thrown.
import { normalizeRegionCode } from './iso3166.js';

export type RegionSource = 'query' | 'header' | 'default';

export interface RegionResolverOptions {
  /** Lower-case header name set by the CDN, e.g. `cloudfront-viewer-country` or `cf-ipcountry`. Unset → headers ignored. */
  trustedHeader?: string | null;
  /** Region when nothing else says (an assigned alpha-2 code or WW). */
  defaultRegion: string;
  /** Accept `?region=` (default true; a deployment behind a CDN may turn it off). */
  allowQuery?: boolean;
}

export interface RegionRequest {
  query?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
}

export interface ResolvedRegion {
  region: string;
  source: RegionSource;
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** Builds a resolver; validates its options once (throws on a bad default at start-up). */
export function createRegionResolver(opts: RegionResolverOptions): (req: RegionRequest) => ResolvedRegion {
  const defaultRegion = normalizeRegionCode(opts.defaultRegion);
  if (!defaultRegion) throw new Error(`default region ${JSON.stringify(opts.defaultRegion)} is not an ISO 3166-1 alpha-2 code or WW`);
  const header = opts.trustedHeader ? opts.trustedHeader.toLowerCase() : null;
  const allowQuery = opts.allowQuery ?? true;
  return (req) => {
    if (allowQuery) {
      const q = normalizeRegionCode(first(req.query?.region));
      if (q) return { region: q, source: 'query' };
    }
    if (header) {
      // A CDN never sends WW; "XX"/"T1" (unknown, Tor) are not assigned codes and fall through.
      const h = normalizeRegionCode(first(req.headers?.[header]), { allowWorldwide: false });
      if (h) return { region: h, source: 'header' };
    }
    return { region: defaultRegion, source: 'default' };
  };
}
