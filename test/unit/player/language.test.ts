import { expect } from 'chai';
import { chooseLanguage, matchLanguage } from '../../../player/src/core/language.js';

describe('player language choice', () => {
  it('takes ?lang= first', () => {
    expect(chooseLanguage('?lang=fr', ['en-GB'])).to.equal('fr');
  });

  it('matches a regional tag to its language', () => {
    expect(chooseLanguage('?lang=fr-CA', [])).to.equal('fr');
    expect(chooseLanguage('', ['fr-BE', 'en'])).to.equal('fr');
    expect(matchLanguage('FR_ca')).to.equal('fr');
  });

  it('prefers an exact regional match when that region is shipped', () => {
    expect(matchLanguage('fr-CA', ['en', 'fr', 'fr-CA'])).to.equal('fr-CA');
  });

  it('ignores an unsupported ?lang= and falls through to navigator.languages', () => {
    expect(chooseLanguage('?lang=xx', ['de-DE', 'fr'])).to.equal('fr');
  });

  it('falls back to English', () => {
    expect(chooseLanguage('', ['de-DE', 'ja'])).to.equal('en');
    expect(chooseLanguage('?lang=', [])).to.equal('en');
  });
});
