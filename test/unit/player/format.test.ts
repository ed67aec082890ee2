import { expect } from 'chai';
import { formatDuration, withLangQuery } from '../../../player/src/core/format.js';

describe('player formatting', () => {
  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(4)).to.equal('0:04');
    expect(formatDuration(247.4)).to.equal('4:07');
    expect(formatDuration(3903)).to.equal('1:05:03');
    expect(formatDuration(null)).to.equal(null);
    expect(formatDuration(Number.NaN)).to.equal(null);
  });

  it('keeps ?lang= on internal links', () => {
    expect(withLangQuery('/watch/1', '?lang=fr')).to.equal('/watch/1?lang=fr');
    expect(withLangQuery('/', '')).to.equal('/');
  });
});
