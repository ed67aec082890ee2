import { expect } from 'chai';
import { chooseLanguage, fallbackChain, matchLanguage, switcherLanguage, textDirection, uiLanguageFor } from '../../../player/src/core/language.js';

describe('player language choice', () => {
  it('takes ?lang= first, then the remembered choice, then the browser, then English', () => {
    expect(chooseLanguage('?lang=fr', ['en-GB'])).to.equal('fr');
    expect(chooseLanguage('', ['en-GB'], undefined, undefined, 'ja')).to.equal('ja');
    expect(chooseLanguage('?lang=ko', ['en-GB'], undefined, undefined, 'ja')).to.equal('ko');
    expect(chooseLanguage('', ['xx', 'de-DE'])).to.equal('de');
  });

  it('matches a regional tag to its language', () => {
    expect(chooseLanguage('?lang=fr-CA', [])).to.equal('fr');
    expect(chooseLanguage('', ['fr-BE', 'en'])).to.equal('fr');
    expect(matchLanguage('FR_ca')).to.equal('fr');
    expect(matchLanguage('pt-BR')).to.equal('pt');
    expect(matchLanguage('ar-SA')).to.equal('ar');
  });

  it('prefers an exact regional match when that region is shipped', () => {
    expect(matchLanguage('fr-CA', ['en', 'fr', 'fr-CA'])).to.equal('fr-CA');
  });

  it('Chinese by script, the script following the region (CLDR), never Simplified for Hong Kong', () => {
    expect(matchLanguage('zh-HK')).to.equal('zh-Hant-HK');
    expect(matchLanguage('zh-MO')).to.equal('zh-Hant-HK');
    expect(matchLanguage('zh-Hant-HK')).to.equal('zh-Hant-HK');
    expect(matchLanguage('zh-Hant-MO')).to.equal('zh-Hant-HK');
    expect(matchLanguage('zh-TW')).to.equal('zh-Hant');
    expect(matchLanguage('zh-Hant')).to.equal('zh-Hant');
    expect(matchLanguage('zh-Hant-TW')).to.equal('zh-Hant');
    expect(matchLanguage('zh')).to.equal('zh-Hans');
    expect(matchLanguage('zh-CN')).to.equal('zh-Hans');
    expect(matchLanguage('zh-SG')).to.equal('zh-Hans');
    expect(matchLanguage('zh-Hans-HK')).to.equal('zh-Hans'); // the tag says Simplified
    expect(chooseLanguage('', ['zh-HK', 'en'])).to.equal('zh-Hant-HK');
  });

  it('ignores an unsupported ?lang= and falls through to navigator.languages', () => {
    expect(chooseLanguage('?lang=xx', ['sv-SE', 'fr'])).to.equal('fr');
  });

  it('falls back to English', () => {
    expect(chooseLanguage('', ['sv-SE', 'nl'])).to.equal('en');
    expect(chooseLanguage('?lang=', [])).to.equal('en');
  });

  it('fallback chains never cross scripts', () => {
    expect(fallbackChain('zh-Hant-HK')).to.deep.equal(['zh-Hant-HK', 'zh-Hant', 'en']);
    expect(fallbackChain('zh-Hans')).to.deep.equal(['zh-Hans', 'en']);
    expect(fallbackChain('fr')).to.deep.equal(['fr', 'en']);
    expect(fallbackChain('en')).to.deep.equal(['en']);
  });

  it('switcher and region: zh-Hant in HK/MO reads Hong Kong wording; Arabic is right to left', () => {
    expect(switcherLanguage('zh-Hant-HK')).to.equal('zh-Hant');
    expect(uiLanguageFor('zh-Hant', 'HK')).to.equal('zh-Hant-HK');
    expect(uiLanguageFor('zh-Hant', 'mo')).to.equal('zh-Hant-HK');
    expect(uiLanguageFor('zh-Hant', 'TW')).to.equal('zh-Hant');
    expect(uiLanguageFor('zh-Hans', 'HK')).to.equal('zh-Hans');
    expect(textDirection('ar')).to.equal('rtl');
    expect(textDirection('zh-Hant-HK')).to.equal('ltr');
  });
});
