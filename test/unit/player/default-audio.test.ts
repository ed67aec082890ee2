import { expect } from 'chai';
import { chooseDefaultAudioTrack } from '../../../player/src/playback/default-audio.js';

describe('player: default audio track (viewer language, then region language)', () => {
  const tracks = [
    { lang: 'und' },
    { lang: 'fr' },
    { lang: 'zh-Hant' },
    { lang: 'en', characteristics: 'public.accessibility.describes-video' },
    { lang: 'zh-Hans' },
  ];

  it('picks the track in the viewer’s language, matching language and script', () => {
    expect(chooseDefaultAudioTrack(tracks, ['fr'])).to.equal(1);
    expect(chooseDefaultAudioTrack(tracks, ['fr-CA'])).to.equal(1);
    expect(chooseDefaultAudioTrack(tracks, ['zh-Hant-HK'])).to.equal(2);
    expect(chooseDefaultAudioTrack(tracks, ['zh-TW'])).to.equal(2);
    expect(chooseDefaultAudioTrack(tracks, ['zh-CN'])).to.equal(4);
  });

  it('never gives Simplified Chinese commentary to a Traditional Chinese viewer, nor the reverse', () => {
    expect(chooseDefaultAudioTrack([{ lang: 'und' }, { lang: 'zh-Hans' }], ['zh-Hant-HK'])).to.equal(-1);
    expect(chooseDefaultAudioTrack([{ lang: 'und' }, { lang: 'zh-Hant' }], ['zh-Hans'])).to.equal(-1);
  });

  it('falls back to the region’s default language, then keeps the master’s DEFAULT', () => {
    expect(chooseDefaultAudioTrack(tracks, ['ja', 'fr-FR'])).to.equal(1);
    expect(chooseDefaultAudioTrack(tracks, ['ja', null])).to.equal(-1);
    expect(chooseDefaultAudioTrack(tracks, [undefined, 'not a tag!'])).to.equal(-1);
  });

  it('does not choose audio description by language alone', () => {
    expect(chooseDefaultAudioTrack(tracks, ['en'])).to.equal(-1);
  });
});
