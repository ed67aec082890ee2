// Locale folders and their fallback chains. A script- or region-qualified locale falls back to
// each shorter tag that has a folder, then to English: zh-Hant-HK → zh-Hant → en. A bare `zh`
// folder is refused: i18next would try `zh` before `zh-Hant`, giving Hong Kong viewers Simplified.
import type { CheckContext, Finding } from './types.js';

export function fallbackChain(locale: string, available: readonly string[], sourceLocale = 'en'): string[] {
  const chain: string[] = [];
  const parts = locale.split('-');
  for (let n = parts.length - 1; n >= 1; n--) {
    const candidate = parts.slice(0, n).join('-');
    if (candidate !== sourceLocale && available.includes(candidate)) chain.push(candidate);
  }
  if (locale !== sourceLocale) chain.push(sourceLocale);
  return chain;
}

/** i18next `fallbackLng` option for the given locales, built from the same rule. */
export function i18nextFallbacks(available: readonly string[], sourceLocale = 'en'): Record<string, string[]> {
  const out: Record<string, string[]> = { default: [sourceLocale] };
  for (const locale of available) {
    const chain = fallbackChain(locale, available, sourceLocale);
    if (chain.length > 1) out[locale] = chain;
  }
  return out;
}

export function checkLocaleFolders({ loaded, sourceLocale }: CheckContext): Finding[] {
  const findings: Finding[] = [];
  if (!loaded.locales.includes(sourceLocale)) {
    findings.push({ severity: 'error', check: 'locales', file: loaded.dir, message: `no source locale folder "${sourceLocale}"`, fix: `create ${sourceLocale}/ with the source strings` });
  }
  for (const locale of loaded.locales) {
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(locale)[0];
    } catch {
      canonical = undefined;
    }
    if (canonical !== locale) {
      findings.push({ severity: 'error', check: 'locales', file: `${loaded.dir}/${locale}`, message: `"${locale}" is not a canonical BCP 47 locale tag`, fix: canonical ? `rename the folder to ${canonical}` : 'rename the folder to a BCP 47 tag such as pt or zh-Hant-HK' });
    }
    if (locale.toLowerCase() === 'zh' || /^zh-(CN|TW|HK|SG|MO)$/i.test(locale)) {
      findings.push({ severity: 'error', check: 'locales', file: `${loaded.dir}/${locale}`, message: `Chinese folder "${locale}" is not script-qualified`, fix: 'use zh-Hans or zh-Hant (and zh-Hant-HK only for real Hong Kong differences)' });
    }
  }
  return findings;
}
