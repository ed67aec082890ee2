// UI strings through i18next, loaded from the server's /locales/<lng>/<ns>.json (the files in
// locales/ at the repository root). One instance per app, created here and passed down — no
// global i18next singleton. Keys are literal at every call site (t('home.title')) so that the
// extraction tool of the localization workflow can find them.
import i18next, { type i18n, type TFunction } from 'i18next';
import { FALLBACK_LANGUAGE } from './language.js';

export const NAMESPACE = 'player';

export interface I18n {
  readonly language: string;
  readonly t: TFunction;
  readonly instance: i18n;
}

async function fetchBundle(lng: string, fetchImpl: typeof fetch): Promise<Record<string, unknown> | null> {
  try {
    const res = await fetchImpl(`/locales/${encodeURIComponent(lng)}/${NAMESPACE}.json`, { headers: { accept: 'application/json' } });
    if (!res.ok) return null;
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export async function createI18n(language: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<I18n> {
  const languages = language === FALLBACK_LANGUAGE ? [language] : [language, FALLBACK_LANGUAGE];
  const bundles = await Promise.all(languages.map((lng) => fetchBundle(lng, fetchImpl)));
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  languages.forEach((lng, i) => {
    const bundle = bundles[i];
    if (bundle) resources[lng] = { [NAMESPACE]: bundle };
  });
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    ns: [NAMESPACE],
    defaultNS: NAMESPACE,
    resources,
    interpolation: { escapeValue: false }, // we only ever set textContent, never innerHTML
    returnNull: false,
  });
  return { language, t: instance.t.bind(instance) as TFunction, instance };
}
