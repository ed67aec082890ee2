import { expect } from 'chai';
import { canonicalTag } from '../../../server/i18n/locale.js';

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
});
