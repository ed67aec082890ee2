// How long browsers and CDNs may keep each file of the built player.
import { expect } from 'chai';
import { playerCacheControl } from '../../../../../server/http/routes/player.js';

describe('playerCacheControl', () => {
  it('keeps hashed chunks for ever, revalidates index.html, and gives the unhashed files five minutes', () => {
    expect(playerCacheControl('chunks/app-main-Q4JEAWG2.js')).to.equal('public, max-age=31536000, immutable');
    expect(playerCacheControl('chunks/zh-Hant-4OR4E2U2.js')).to.equal('public, max-age=31536000, immutable');
    expect(playerCacheControl('index.html')).to.equal('no-cache');
    for (const f of ['app.js', 'app.css', 'first-frame.js', 'prefetch-worker.js', 'favicon.svg', 'chunks/app-main-Q4JEAWG2.js.map', 'chunks/app-main-Q4JEAWG2.js.LEGAL.txt']) {
      expect(playerCacheControl(f), f).to.equal('public, max-age=300');
    }
  });
});
