// The studio's strings (locales/<locale>/studio.json) through the player's i18next loader
// (player/src/core/i18n.ts) on the `studio` namespace: the same fallback chains
// (zh-Hant-HK → zh-Hant → en), the same live updates after a translator saves in
// /studio/translate (/api/i18n/events). The editor's locale comes from the server
// (GET /api/auth/me: the account's preference, else Accept-Language through the CLDR chains).
//
// One instance per page, held here: the studio is a single page whose modules all read the same
// language, as api.ts holds the one CSRF token. Keys are literal at every call site
// (t('programmes.title')), so `npm run i18n:check` finds them (namespace `studio`).
import type { TOptions } from 'i18next';
import { createI18n, type I18n } from '../../../player/src/core/i18n.js';
import { textDirection } from '../../../player/src/core/language.js';

export const NAMESPACE = 'studio';

let current: I18n | null = null;

/** Loads the editor's language (and its fallback chain) and follows saved translations. */
export async function startI18n(locale: string, onStrings: () => void): Promise<void> {
  if (current) return changeLocale(locale);
  current = await createI18n(locale, undefined, undefined, NAMESPACE);
  applyDocumentLanguage(locale);
  current.onUpdate(onStrings);
  current.followUpdates();
}

export async function changeLocale(locale: string): Promise<void> {
  if (!current) throw new Error('startI18n() first');
  await current.changeLanguage(locale);
  applyDocumentLanguage(locale);
}

function applyDocumentLanguage(locale: string): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = textDirection(locale);
}

/** The editor's locale (a UI tag such as zh-Hant-HK), for Intl. */
export function locale(): string {
  if (current) return current.language;
  // Before i18next starts (and in unit tests, which have no document): the shell's choice, else English.
  return (typeof document === 'undefined' ? '' : document.documentElement.lang) || 'en';
}

export function t(key: string, options?: TOptions): string {
  if (!current) return key;
  return String((current.t as unknown as (k: string, o?: TOptions) => string)(key, options));
}
