// Viewer requests: one ViewerContext per request (region from ?region= / trusted CDN header /
// default; locale from ?lang= / cookie / Accept-Language / region default / en, with its CLDR
// fallback chain), and refused rights turned into 451 answers in the viewer's language.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { AvailabilityStore } from '../../catalog/availability.js';
import type { LocalizationStore } from '../../catalog/localizations.js';
import type { PosterStore } from '../../catalog/posters.js';
import { UnavailableError, type Viewer, type ViewerCatalog } from '../../catalog/viewer.js';
import type { PlaybackTokens, RightsAudit } from '../../rights/index.js';
import type { OpenApiRegistry } from '../openapi.js';
import { createViewerContext, type ViewerContext } from './viewer-context.js';
import { createRegionResolver, type RegionTable } from '../../regions/index.js';
import { ApiError } from '../errors.js';
import type { ServerMessages } from '../messages.js';

export interface ViewerHttpOptions {
  regions: RegionTable;
  defaultRegion: string;
  /** Trusted CDN country header (lower case), or null. */
  regionHeader: string | null;
  messages: ServerMessages;
}

export function viewerContext(opts: ViewerHttpOptions): RequestHandler {
  return createViewerContext({
    regions: opts.regions,
    resolveRegion: createRegionResolver({ defaultRegion: opts.defaultRegion, trustedHeader: opts.regionHeader }),
    available: opts.messages.locales.length ? opts.messages.locales : ['en'],
    trustedHeader: opts.regionHeader,
  });
}

export function viewerOf(res: Response): ViewerContext {
  const v = res.locals.viewer as ViewerContext | undefined;
  if (!v) throw new Error('viewerContext middleware is not mounted on this route');
  return v;
}

export function asViewer(v: ViewerContext): Viewer {
  return { region: v.region, chain: v.chain };
}

/** The 451 error for a refused programme, its message in the viewer's language. */
export function unavailableApiError(err: UnavailableError, viewer: ViewerContext | undefined, opts: ViewerHttpOptions): ApiError {
  const locale = viewer?.locale ?? 'en';
  const from = err.decision.availableFrom;
  const timeZone = opts.regions.profile(err.region).timezone;
  // The date in the most specific form of the message's language the viewer asked for (en-GB: "9 August").
  const lang = locale.split('-')[0];
  const dateLocale = viewer?.chain.find((k) => k.split('-')[0] === lang) ?? locale;
  const message = from
    ? opts.messages.t(locale, 'errors.unavailable_in_region', { date: opts.messages.formatDate(from, dateLocale, timeZone) })
    : opts.messages.t(locale, 'errors.unavailable_here');
  return new ApiError('unavailable_in_region', message, { availableFrom: from ? from.toISOString() : null });
}

/** Turns UnavailableError into the 451 ApiError before the generic error handler. */
export function unavailableHandler(opts: ViewerHttpOptions): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (err instanceof UnavailableError) {
      res.set('Cache-Control', 'no-store');
      next(unavailableApiError(err, res.locals.viewer as ViewerContext | undefined, opts));
    } else next(err);
  };
}

/** Everything issue 3's viewer side adds to the app (built in podium.ts, passed to createApp). */
export interface ViewingDeps extends ViewerHttpOptions {
  catalog: ViewerCatalog;
  availability: AvailabilityStore;
  localizations: LocalizationStore;
  /** Per-locale posters (editors' writes; viewers get them through the catalog's items). */
  posters: PosterStore;
  tokens: PlaybackTokens;
  audit: RightsAudit;
  openapi: OpenApiRegistry;
  now: () => Date;
}
