// The start-up prefetch reads just enough of the playlists: the master's first-listed variant
// (hls.js's start level) with its group's default audio, and each media playlist's init
// segment and first segment.
import { expect } from 'chai';
import { firstSegments, liveStartSegments, prefetchPlaylists, startRenditions } from '../../../player/src/core/hls-prefetch.js';

const MASTER = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="en",NAME="English",DEFAULT=NO,AUTOSELECT=YES,URI="audio_en/index.m3u8"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="fr",NAME="Français",DEFAULT=YES,AUTOSELECT=YES,URI="audio_fr/index.m3u8"
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="fr",NAME="Français",URI="subs_fr/index.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=2400000,RESOLUTION=960x540,CODECS="avc1.64001f,mp4a.40.2",AUDIO="aud",SUBTITLES="subs"
540p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=6000000,RESOLUTION=1920x1080,CODECS="avc1.640028,mp4a.40.2",AUDIO="aud",SUBTITLES="subs"
1080p/index.m3u8
`;

const MEDIA = `#EXTM3U
#EXT-X-TARGETDURATION:4
#EXT-X-MAP:URI="init_0.mp4"
#EXTINF:4.000,
seg_00000.m4s
#EXTINF:4.000,
seg_00001.m4s
#EXT-X-ENDLIST
`;

describe('player start-up prefetch (playlist reading)', () => {
  it('takes the first-listed variant and its default audio', () => {
    expect(startRenditions(MASTER)).to.deep.equal({ video: '540p/index.m3u8', audio: 'audio_fr/index.m3u8' });
  });

  it('works without alternate audio', () => {
    expect(startRenditions('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv/index.m3u8\n').audio).to.equal(null);
    expect(startRenditions('#EXTM3U\n').video).to.equal(null);
  });

  it('takes the init segment and the first media segment only', () => {
    expect(firstSegments(MEDIA)).to.deep.equal(['init_0.mp4', 'seg_00000.m4s']);
    expect(firstSegments('#EXTM3U\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n')).to.deep.equal(['a.ts']);
  });

  /** A live window of 2 s segments: programme A (init a.mp4) then, after a discontinuity, B (init b.mp4). */
  const LIVE = ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:100', '#EXT-X-MAP:URI="a.mp4"',
    '#EXTINF:2.000,', 'a1.m4s', '#EXTINF:2.000,', 'a2.m4s', '#EXTINF:1.400,', 'a3.m4s',
    '#EXT-X-DISCONTINUITY', '#EXT-X-MAP:URI="b.mp4"',
    '#EXTINF:2.000,', 'b1.m4s', '#EXTINF:2.000,', 'b2.m4s', '#EXTINF:2.000,', 'b3.m4s', ''].join('\n');

  it('live: the segment holding the position 6 s before the end (where hls.js starts) and the next, each with the init segment in effect', () => {
    // 11.4 s in all: 5.4 s falls in a3 (4–5.4 s); within hls.js's 0.25 s lookup tolerance of its end
    expect(liveStartSegments(LIVE, 6)).to.deep.equal(['b.mp4', 'b1.m4s', 'b2.m4s']);
    expect(liveStartSegments(LIVE, 6.5)).to.deep.equal(['a.mp4', 'a3.m4s', 'b.mp4', 'b1.m4s']);
    // exactly on a boundary: the segment that starts there
    expect(liveStartSegments(LIVE, 7.4)).to.deep.equal(['a.mp4', 'a3.m4s', 'b.mp4', 'b1.m4s']);
    expect(liveStartSegments(LIVE, 2)).to.deep.equal(['b.mp4', 'b3.m4s']);
  });

  it('live: a window shorter than the distance starts at its first segment; an empty one gives nothing', () => {
    expect(liveStartSegments(LIVE, 60)).to.deep.equal(['a.mp4', 'a1.m4s', 'a2.m4s']);
    expect(liveStartSegments('#EXTM3U\n#EXT-X-TARGETDURATION:2\n', 6)).to.deep.equal([]);
  });

  it('a live first frame: each playlist fetched from the page’s pinned copy, kept under the URL hls.js will ask for; a failed one is null', async () => {
    const asked: string[] = [];
    const fetchImpl = (async (input: string | URL | Request) => {
      const url = String(input);
      asked.push(url);
      return url.includes('gone') ? new Response('', { status: 404 }) : new Response(`#EXTM3U\n# ${url}\n`);
    }) as typeof fetch;
    const base = 'https://podium.test/channel/c?region=FR';
    const map = prefetchPlaylists([{ url: '/live/t/tok/c/v720.m3u8', from: '/live/t/tok/c/v720.m3u8?slot=9' }, { url: '/live/t/tok/c/a-en.m3u8', from: '/live/t/tok/c/gone.m3u8?slot=9' }], base, fetchImpl);
    expect([...map.keys()]).to.deep.equal(['https://podium.test/live/t/tok/c/v720.m3u8', 'https://podium.test/live/t/tok/c/a-en.m3u8']);
    expect(asked).to.deep.equal(['https://podium.test/live/t/tok/c/v720.m3u8?slot=9', 'https://podium.test/live/t/tok/c/gone.m3u8?slot=9']);
    const video = await map.get('https://podium.test/live/t/tok/c/v720.m3u8');
    expect(video).to.include({ url: 'https://podium.test/live/t/tok/c/v720.m3u8', data: '#EXTM3U\n# https://podium.test/live/t/tok/c/v720.m3u8?slot=9\n' });
    expect(await map.get('https://podium.test/live/t/tok/c/a-en.m3u8')).to.equal(null);
  });
});
