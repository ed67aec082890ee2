// Messages the server sends to viewers (locales/<lng>/server.json), through one i18next 26
// instance per app (no module singleton), with the same fallback rule as the player:
// zh-Hant-HK → zh-Hant → en. Dates are formatted for the viewer's locale and region timezone.
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import { i18nextFallbacks } from '../i18n/check/locales.js';
import { stripMeta } from '../i18n/check/resources.js';

export interface ServerMessages {
  /** Locale folders of locales/ (the UI locales viewers can be answered in). */
  readonly locales: readonly string[];
  t(locale: string, key: string, vars?: Record<string, unknown>): string;
  /** A date as a viewer reads it, e.g. "9 August 2026" / "2026年8月9日". */
  formatDate(date: Date, locale: string, timeZone?: string): string;
  /** Replaces one locale's strings after a translator saved them (no restart); `tree` without `@key` meta. */
  reload(locale: string, tree: Record<string, unknown>): void;
}

export async function loadServerMessages(localesDir: string): Promise<ServerMessages> {
  // Every locale folder is a UI locale (player and/or server strings); a folder without
  // server.json (zh-Hant-HK overrides only player strings) falls back along the i18next chain.
  const locales = fs.existsSync(localesDir)
    ? fs
        .readdirSync(localesDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(d.name))
        .map((d) => d.name)
        .sort()
    : [];
  const resources: Record<string, { server: Record<string, unknown> }> = {};
  for (const l of locales) {
    if (!fs.existsSync(path.join(localesDir, l, 'server.json'))) continue;
    const raw = JSON.parse(fs.readFileSync(path.join(localesDir, l, 'server.json'), 'utf8')) as Record<string, unknown>;
    resources[l] = { server: stripMeta(raw) as Record<string, unknown> };
  }
  const instance: i18n = i18next.createInstance();
  await instance.init({
    resources,
    ns: ['server'],
    defaultNS: 'server',
    fallbackLng: i18nextFallbacks(locales),
    supportedLngs: false,
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  const fixed = new Map<string, i18n['t']>();
  return {
    locales,
    t(locale, key, vars = {}) {
      let t = fixed.get(locale);
      if (!t) {
        t = instance.getFixedT(locales.includes(locale) ? locale : 'en');
        fixed.set(locale, t);
      }
      return String(t(key, vars));
    },
    reload(locale, tree) {
      if (!locales.includes(locale)) return; // a new locale needs a restart to be offered to viewers
      instance.removeResourceBundle(locale, 'server');
      instance.addResourceBundle(locale, 'server', stripMeta(tree), true, true);
    },
    formatDate(date, locale, timeZone = 'UTC') {
      try {
        return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date);
      } catch {
        return date.toISOString().slice(0, 10);
      }
    },
  };
}
