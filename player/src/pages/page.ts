import type { TFunction } from 'i18next';
import type { CatalogApi } from '../core/api.js';
import type { I18n } from '../core/i18n.js';
import type { Component } from '../components/component.js';

/** Everything a page needs, passed in (no module singletons). */
export interface PageContext {
  api: CatalogApi;
  i18n: I18n;
  /** location.search at start-up, to carry ?lang= onto links. */
  search: string;
  document: Document;
}

export interface Page extends Component {
  /** Fetch data and render; resolves when the first render is done. */
  start(): Promise<void>;
}

/** The localized message for a failed API call (literal keys, so extraction finds them). */
export function apiErrorMessage(err: unknown, t: TFunction): string {
  const status = (err as { status?: number } | null)?.status;
  if (status === 404) return t('errors.notFound');
  if (status === 0) return t('errors.network');
  return t('errors.generic');
}
