// Pure tests of the EXT-X-MEDIA builders and the default-audio policy (kept beside the audio
// integration tests, which own this folder).
import { expect } from 'chai';
import { chooseDefaultAudio, renderAudioGroup, renderAudioMedia, type AudioRole } from '../../../../transcoder/audio/index.js';

const tracks: { language: string; role: AudioRole; uri: string }[] = [
  { language: 'en', role: 'main', uri: 'audio/index.m3u8' },
  { language: 'fr', role: 'commentary', uri: 'audio_fr/index.m3u8' },
  { language: 'zh-Hant', role: 'commentary', uri: 'audio_zh-Hant/index.m3u8' },
  { language: 'en', role: 'description', uri: 'audio_en_ad/index.m3u8' },
];

describe('audio: EXT-X-MEDIA lines and default selection', () => {
  it('marks audio description with CHARACTERISTICS and names it in its language', () => {
    expect(renderAudioMedia({ language: 'en', role: 'description', uri: 'ad/index.m3u8' })).to.equal(
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="en",NAME="English (AD)",DEFAULT=NO,AUTOSELECT=YES,' +
        'CHARACTERISTICS="public.accessibility.describes-video",CHANNELS="2",URI="ad/index.m3u8"',
    );
    expect(renderAudioMedia({ language: 'de', role: 'commentary', uri: 'x', default: true, channels: 6 })).to.include('NAME="Deutsch",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="6"');
  });

  it('follows the viewer language, then the region language, then the first main track', () => {
    expect(chooseDefaultAudio(tracks, { viewerLanguages: ['fr-CA', 'en'] })).to.equal(1);
    expect(chooseDefaultAudio(tracks, { viewerLanguages: ['zh-TW'] })).to.equal(2); // zh-TW ≈ zh-Hant
    expect(chooseDefaultAudio(tracks, { viewerLanguages: ['zh-CN'] })).to.equal(0); // simplified reader: not zh-Hant
    expect(chooseDefaultAudio(tracks, { viewerLanguages: ['ja'], regionLanguage: 'fr' })).to.equal(1);
    expect(chooseDefaultAudio(tracks, { viewerLanguages: ['ja'] })).to.equal(0);
    expect(chooseDefaultAudio(tracks, { viewerLanguages: ['en'] })).to.equal(0); // main, not AD
    expect(chooseDefaultAudio(tracks, { viewerLanguages: ['en'], prefersDescription: true })).to.equal(3);
    expect(chooseDefaultAudio([], { viewerLanguages: ['en'] })).to.equal(-1);
  });

  it('renders a group with exactly one DEFAULT=YES and unique names', () => {
    const lines = renderAudioGroup([...tracks, { language: 'fr', role: 'main', uri: 'fr2/index.m3u8' }], { viewerLanguages: ['fr'] });
    expect(lines.filter((l) => l.includes('DEFAULT=YES'))).to.have.length(1);
    expect(lines[4]).to.include('DEFAULT=YES'); // French main beats French commentary
    const names = lines.map((l) => /NAME="([^"]+)"/.exec(l)![1]);
    expect(new Set(names).size).to.equal(names.length);
    expect(names).to.include('Français 2');
  });
});
