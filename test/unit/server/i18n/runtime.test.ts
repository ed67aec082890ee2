// The conventions the checker enforces, seen from i18next 26 at run time on the real locales/:
// CLDR plural forms are the ones i18next picks, zh-Hant-HK falls back to zh-Hant (never to
// Simplified), and @key meta never reaches a viewer.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type Resource } from 'i18next';
import { stripMeta } from '../../../../server/i18n/check/resources.js';
import { i18nextFallbacks } from '../../../../server/i18n/check/locales.js';
import { ROOT } from './helpers.js';

const LOCALES = path.join(ROOT, 'locales');

async function instance() {
  const resources: Resource = {};
  const locales = readdirSync(LOCALES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const locale of locales) {
    resources[locale] = {};
    for (const file of readdirSync(path.join(LOCALES, locale)).filter((f) => f.endsWith('.json'))) {
      resources[locale]![file.slice(0, -5)] = stripMeta(JSON.parse(readFileSync(path.join(LOCALES, locale, file), 'utf8')));
    }
  }
  const i18n = i18next.createInstance();
  await i18n.init({ resources, fallbackLng: i18nextFallbacks(locales), ns: ['player', 'server'], defaultNS: 'server', interpolation: { escapeValue: false }, showSupportNotice: false } as never);
  return i18n;
}

describe('locales/ at run time (i18next 26)', () => {
  it('picks the CLDR plural form of each locale', async () => {
    const i18n = await instance();
    const t = (lng: string, count: number): string => i18n.t('errors.too_many_requests', { lng, count });
    expect(t('ar', 2)).to.include('ثانيتين');
    expect(t('ar', 3)).to.include('3 ثوانٍ');
    expect(t('ar', 11)).to.include('11 ثانية');
    expect(t('ru', 3)).to.include('3 секунды');
    expect(t('ru', 5)).to.include('5 секунд');
    expect(t('fr', 1_000_000)).to.include('1000000 de secondes');
    expect(t('ja', 1)).to.include('1秒後');
    expect(t('en', 1)).to.equal('Too many requests. Try again in 1 second.');
  });

  it('gives Hong Kong its own strings and zh-Hant for the rest, never Simplified', async () => {
    const i18n = await instance();
    expect(i18n.t('player:errors.network', { lng: 'zh-Hant-HK' })).to.include('網絡');
    expect(i18n.t('player:home.title', { lng: 'zh-Hant-HK' })).to.equal('所有節目');
    expect(i18n.t('errors.validation', { lng: 'zh-Hant-HK', field: '電郵' })).to.equal('欄位「電郵」的值無效。');
  });

  it('never shows @key meta', async () => {
    const i18n = await instance();
    expect(i18n.exists('errors.@unavailable_in_region', { lng: 'en' })).to.equal(false);
    expect(i18n.t('errors.unavailable_in_region', { lng: 'en', date: '9 August 2026' })).to.equal('This programme is not available in your region until 9 August 2026.');
  });
});
