// One middleware that decides region and locale for a viewer request, so every viewer route
// (lists, detail, search, playlists) sees the same answer: res.locals.viewer.
import type { RequestHandler } from 'express';
import { readCookie } from '../cookies.js';
import type { RegionTable } from '../../regions/index.js';
import type { ResolvedRegion, RegionRequest } from '../../regions/resolve.js';
import { createLocaleKeyer, localeHeaders, negotiate, type LocaleSource } from '../../locale-fallback/index.js';

export interface ViewerContext {
  region: string;
  regionSource: ResolvedRegion['source'];
  /** UI/response locale chosen from `available`. */
  locale: string;
  /** Fallback chain for choosing each item's localization (chooseLocalization). */
  chain: string[];
  fallback: boolean;
  localeSource: LocaleSource;
}

export interface ViewerContextOptions {
  regions: RegionTable;
  resolveRegion: (req: RegionRequest) => ResolvedRegion;
  /** Locales the UI and messages exist in (e.g. the folders of locales/). */
  available: readonly string[];
  /** Cookie carrying the viewer's chosen language. Default `podium_lang`. */
  cookieName?: string;
  /** Trusted CDN country header name, added to Vary when set. */
  trustedHeader?: string | null;
}

/** Sets res.locals.viewer and the Content-Language and Vary headers. Never fails on bad input. */
export function createViewerContext(opts: ViewerContextOptions): RequestHandler {
  const keyer = createLocaleKeyer();
  const cookieName = opts.cookieName ?? 'podium_lang';
  const vary = opts.trustedHeader ? [opts.trustedHeader] : [];
  return (req, res, next) => {
    const { region, source } = opts.resolveRegion({ query: req.query as Record<string, unknown>, headers: req.headers });
    const n = negotiate(
      {
        query: (req.query as Record<string, unknown>).lang,
        cookie: readCookie(req.headers.cookie, cookieName)?.slice(0, 64),
        acceptLanguage: req.headers['accept-language'],
        region: opts.regions.profile(region),
        available: opts.available,
      },
      keyer,
    );
    const viewer: ViewerContext = { region, regionSource: source, locale: n.locale, chain: n.chain, fallback: n.fallback, localeSource: n.source };
    res.locals.viewer = viewer;
    for (const [k, v] of Object.entries(localeHeaders(n, vary))) res.setHeader(k, v);
    next();
  };
}
