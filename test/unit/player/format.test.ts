import { expect } from 'chai';
import { formatDateTime, formatDuration, formatDurationWords, languageName, regionName, withLangQuery } from '../../../player/src/core/format.js';

describe('player formatting', () => {
  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(4)).to.equal('0:04');
    expect(formatDuration(247.4)).to.equal('4:07');
    expect(formatDuration(3903)).to.equal('1:05:03');
    expect(formatDuration(null)).to.equal(null);
    expect(formatDuration(Number.NaN)).to.equal(null);
  });

  it('formats durations in words in the viewer’s language', () => {
    expect(formatDurationWords(3903, 'en')).to.match(/1\s*hr.*5\s*min/);
    expect(formatDurationWords(3903, 'ja')).to.match(/1\s*時間.*5\s*分/);
    expect(formatDurationWords(null, 'en')).to.equal(null);
  });

  it('formats dates in the viewer’s language on the region’s clock', () => {
    const iso = '2024-08-01T23:30:00Z';
    expect(formatDateTime(iso, 'en', 'Europe/Paris', false)).to.equal('August 2, 2024');
    expect(formatDateTime(iso, 'en', 'America/New_York', false)).to.equal('August 1, 2024');
    expect(formatDateTime(iso, 'zh-Hant-HK', 'Asia/Hong_Kong', false)).to.equal('2024年8月2日');
    expect(formatDateTime(iso, 'ar', 'Asia/Riyadh', false)).to.match(/[\u0600-\u06FF]/);
    expect(formatDateTime('not a date', 'en')).to.equal(null);
    expect(formatDateTime(iso, 'en', 'Not/AZone', false)).to.be.a('string');
  });

  it('names languages and regions in the UI language', () => {
    expect(languageName('fr', 'en')).to.equal('French');
    expect(languageName('en', 'fr')).to.equal('anglais');
    expect(languageName('zh-Hant', 'zh-Hant-HK')).to.equal('繁體中文');
    expect(regionName('HK', 'en')).to.match(/Hong Kong/);
  });

  it('keeps ?lang= and ?region= on internal links', () => {
    expect(withLangQuery('/watch/1', '?lang=fr')).to.equal('/watch/1?lang=fr');
    expect(withLangQuery('/watch/1', '?lang=fr&region=CA&q=x')).to.equal('/watch/1?lang=fr&region=CA');
    expect(withLangQuery('/', '')).to.equal('/');
  });
});
