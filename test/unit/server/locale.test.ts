import { expect } from 'chai';
import { canonicalTag, chooseLocale, parseAcceptLanguage, preferredLocales } from '../../../server/i18n/locale.js';

describe('server/i18n/locale', () => {
  describe('canonicalTag', () => {
    it('canonicalizes case of BCP 47 tags', () => {
      expect(canonicalTag('zh-hant-hk')).to.equal('zh-Hant-HK');
      expect(canonicalTag('EN-gb')).to.equal('en-GB');
    });
    it('returns null for malformed tags instead of throwing', () => {
      for (const bad of ['', '*', 'x', '123', 'en_US!', 'a'.repeat(40), 'en--GB']) expect(canonicalTag(bad), bad).to.equal(null);
    });
  });

  describe('parseAcceptLanguage', () => {
    it('orders by q-value, keeping header order for equal q', () => {
      expect(parseAcceptLanguage('fr;q=0.5, zh-Hant-HK, en;q=0.8, de')).to.deep.equal(['zh-Hant-HK', 'de', 'en', 'fr']);
    });
    it('drops q=0, wildcards and malformed entries without throwing', () => {
      expect(parseAcceptLanguage('en;q=0, *, ;;;, fr;q=abc, de;q=2, ja;q=0.1')).to.deep.equal(['ja']);
      expect(parseAcceptLanguage('\u0000\u00ff, ,,,')).to.deep.equal([]);
      expect(parseAcceptLanguage(undefined)).to.deep.equal([]);
    });
    it('bounds the work on a huge header', () => {
      const header = Array.from({ length: 5000 }, (_, i) => `x${i % 10}x;q=0.${i % 9}`).join(',');
      expect(parseAcceptLanguage(header).length).to.be.at.most(20);
    });
  });

  describe('preferredLocales', () => {
    it('puts ?lang= first, then Accept-Language, then English', () => {
      expect(preferredLocales('fr', 'zh-Hans;q=0.9, de')).to.deep.equal(['fr', 'de', 'zh-Hans', 'en']);
    });
    it('ignores a malformed or non-string ?lang=', () => {
      expect(preferredLocales('%%%', 'de')).to.deep.equal(['de', 'en']);
      expect(preferredLocales(['fr', 'de'], undefined)).to.deep.equal(['en']);
    });
  });

  describe('chooseLocale', () => {
    const available = ['en', 'fr', 'zh-Hans', 'zh-Hant'];
    it('matches exactly, case-insensitively', () => {
      expect(chooseLocale(['ZH-hant'], available)).to.equal('zh-Hant');
    });
    it('drops trailing subtags: fr-CA → fr, zh-Hant-HK → zh-Hant', () => {
      expect(chooseLocale(['fr-CA'], available)).to.equal('fr');
      expect(chooseLocale(['zh-Hant-HK'], available)).to.equal('zh-Hant');
    });
    it('never crosses scripts: zh-Hant does not fall back to a bare zh', () => {
      expect(chooseLocale(['zh-Hant', 'en'], ['zh', 'en'])).to.equal('en');
    });
    it('falls through the preferences, then to the first available', () => {
      expect(chooseLocale(['de', 'en'], available)).to.equal('en');
      expect(chooseLocale(['de', 'en'], ['fr', 'ja'])).to.equal('fr');
      expect(chooseLocale(['en'], [])).to.equal(null);
    });
  });
});
