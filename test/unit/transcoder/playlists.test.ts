import { expect } from 'chai';
import { languageName, toBcp47 } from '../../../transcoder/master-playlist.js';
import { parseAttributes, parseMasterPlaylist, parseMediaPlaylist } from '../../../transcoder/playlist.js';
import { createProgressParser } from '../../../transcoder/progress.js';
import type { TranscodeProgress } from '../../../transcoder/types.js';

describe('transcoder/playlist parsing', () => {
  it('parses attribute lists with quoted commas', () => {
    expect(parseAttributes('BANDWIDTH=100,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1x2')).to.deep.equal({
      BANDWIDTH: '100',
      CODECS: 'avc1.64001f,mp4a.40.2',
      RESOLUTION: '1x2',
    });
  });

  it('parses media and master playlists', () => {
    const media = parseMediaPlaylist('#EXTM3U\n#EXT-X-MAP:URI="init_0.mp4"\n#EXTINF:2.000000,\nseg_0.m4s\n#EXTINF:1.5,\nseg_1.m4s\n#EXT-X-ENDLIST\n');
    expect(media.map).to.equal('init_0.mp4');
    expect(media.segments).to.deep.equal([{ uri: 'seg_0.m4s', durationSec: 2 }, { uri: 'seg_1.m4s', durationSec: 1.5 }]);
    expect(media.ended).to.equal(true);
    const master = parseMasterPlaylist('#EXTM3U\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",URI="a.m3u8"\n#EXT-X-STREAM-INF:BANDWIDTH=5\nv.m3u8\n');
    expect(master.independentSegments).to.equal(true);
    expect(master.media[0]).to.include({ TYPE: 'AUDIO', 'GROUP-ID': 'a' });
    expect(master.variants).to.deep.equal([{ attrs: { BANDWIDTH: '5' }, uri: 'v.m3u8' }]);
    expect(() => parseMediaPlaylist('hello')).to.throw(/EXTM3U/);
  });

  it('maps ISO 639-2 tags to BCP 47 and names languages', () => {
    expect(toBcp47('eng')).to.equal('en');
    expect(toBcp47('fre')).to.equal('fr');
    expect(toBcp47(null)).to.equal('und');
    expect(toBcp47('zh-Hans')).to.equal('zh-Hans');
    expect(languageName('fr')).to.equal('French');
    expect(languageName('und')).to.equal('Original');
  });
});

describe('transcoder/progress', () => {
  it('reports a fraction and an ETA per ffmpeg progress block', () => {
    let t = 0;
    const seen: TranscodeProgress[] = [];
    const p = createProgressParser(10, (x) => seen.push(x), () => t);
    p.onLine('frame=10');
    p.onLine('out_time_us=0');
    p.onLine('progress=continue');
    t = 2000;
    p.onLine('out_time_us=5000000');
    p.onLine('progress=continue');
    p.onLine('out_time_us=N/A');
    p.onLine('progress=end');
    expect(seen[0]).to.deep.equal({ fraction: 0, etaSec: null });
    expect(seen[1]).to.deep.equal({ fraction: 0.5, etaSec: 2 });
    expect(seen[2]!.fraction).to.equal(0.99);
  });
});
