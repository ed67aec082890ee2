import type { TFunction } from 'i18next';
import type { CatalogApi, Viewer } from '../core/api.js';
import type { I18n } from '../core/i18n.js';
import type { RegionInfo } from '../core/regions.js';
import type { Component } from '../components/component.js';
import type { PrefetchMap } from '../core/hls-prefetch.js';
import { formatDateTime } from '../core/format.js';
import { timezoneOf } from '../core/regions.js';

/** Everything a page needs, passed in (no module singletons). */
export interface PageContext {
  api: CatalogApi;
  i18n: I18n;
  document: Document;
  /** The viewer's language and region as they are now (they change with the switcher). */
  viewer(): Viewer;
  /** Regions known to the app (GET /api/regions, or the built-in table). */
  regions(): readonly RegionInfo[];
  /** An internal link that keeps ?lang= and ?region= when the current URL has them. */
  link(path: string): string;
  storage: Storage | null;
  /** The HLS responses main.ts fetched early for /watch/:id (master, start rung…), used once. */
  takePrefetchedMedia(): PrefetchMap | null;
}

export interface Page extends Component {
  /** Fetch data and render; resolves when the first render is done. */
  start(): Promise<void>;
  /**
   * Relabel in place after a UI language change (keeps the player playing). Pages without it
   * are rebuilt by the app.
   */
  relabel?(): Promise<void>;
}

/** The localized message for a failed API call (literal keys, so extraction finds them). */
export function apiErrorMessage(err: unknown, t: TFunction, ctx?: PageContext): string {
  const e = err as { status?: number; code?: string; availableFrom?: string | null } | null;
  if (e?.status === 451 || e?.code === 'unavailable_in_region') {
    const viewer = ctx?.viewer();
    const when = ctx && e.availableFrom ? formatDateTime(e.availableFrom, viewer!.lang, timezoneOf(viewer!.region, ctx.regions())) : null;
    return when ? t('errors.unavailableUntil', { date: when }) : t('errors.unavailable');
  }
  if (e?.status === 404) return t('errors.notFound');
  if (e?.status === 0) return t('errors.network');
  return t('errors.generic');
}

/** "Recorded on …" style date for a programme, in the viewer's language and region clock. */
export function programmeDate(ctx: PageContext, iso: string | null | undefined): string | null {
  const viewer = ctx.viewer();
  return formatDateTime(iso ?? null, viewer.lang, timezoneOf(viewer.region, ctx.regions()), false);
}
