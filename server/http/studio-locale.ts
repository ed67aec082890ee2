// The language an editor reads the studio in: the account's preference (a UI locale it chose in
// the studio), else the browser's Accept-Language through the viewers' CLDR chains
// (server/locale-fallback: zh-HK reaches zh-Hant-HK, never Simplified), else English. Used by
// the studio's HTML shell (<html lang dir>) and by GET /api/auth/me (the client's i18next).
import { directionOf } from '../i18n/translations.js';
import { negotiate } from '../locale-fallback/index.js';

export interface StudioLocale {
  locale: string;
  dir: 'ltr' | 'rtl';
}

/** `locales`: the UI locales (folders of locales/); `preference`: the account's, if any. */
export function studioLocale(locales: readonly string[], preference: string | null | undefined, acceptLanguage: string | undefined): StudioLocale {
  const available = locales.length ? locales : ['en'];
  // The preference goes first, where a viewer's cookie would: it was checked against `locales`
  // when saved, and a locale removed since simply falls through to the browser's.
  const { locale } = negotiate({ cookie: preference ?? undefined, acceptLanguage, available });
  return { locale, dir: directionOf(locale) };
}
