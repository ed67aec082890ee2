// The watch page's first-frame data (server/http/routes/watch-page.ts): which files of a ladder start
// playback, their signed URLs, and how they are put into the page.
import { expect } from 'chai';
import crypto from 'node:crypto';
import { type FirstFrameStart, allowScriptHash, FIRST_FRAME_SEGMENTS, firstFrameStart, injectFirstFrame, inlineScript, ladderStart, scriptJson } from '../../../../../server/http/routes/watch-page.js';

const MASTER = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="fr",NAME="Français",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="audio_fr/index.m3u8"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",LANGUAGE="en",NAME="English",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/index.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=2400000,AVERAGE-BANDWIDTH=2000000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=960x540,AUDIO="aud"
540p25/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=500000,CODECS="avc1.64000d,mp4a.40.2",RESOLUTION=416x234,AUDIO="aud"
234p25/index.m3u8
`;

function media(dir: string, segments: number): string {
  const segs = Array.from({ length: segments }, (_, i) => `#EXTINF:2.000,\nseg_${String(i).padStart(5, '0')}.m4s`).join('\n');
  return `#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI="init_0.mp4"\n${segs}\n#EXT-X-ENDLIST\n`.replace(/init_0/, `init_${dir.length}`);
}

const files: Record<string, string> = {
  '540p25/index.m3u8': media('540p25', 5),
  'audio/index.m3u8': media('audio', 5),
  'audio_fr/index.m3u8': media('audio_fr', 5),
  '234p25/index.m3u8': media('234p25', 5),
};
const read = async (uri: string) => files[uri] ?? null;

describe('watch page: the first frame’s start of the ladder', () => {
  it('takes the first-listed variant and its DEFAULT audio: init segment and first segments, codecs split by kind', async () => {
    const start = await ladderStart(MASTER, read);
    expect(start).to.deep.equal({
      tracks: [
        { type: 'video', codec: 'avc1.64001f', uris: ['540p25/init_6.mp4', '540p25/seg_00000.m4s', '540p25/seg_00001.m4s', '540p25/seg_00002.m4s'] },
        { type: 'audio', codec: 'mp4a.40.2', uris: ['audio/init_5.mp4', 'audio/seg_00000.m4s', 'audio/seg_00001.m4s', 'audio/seg_00002.m4s'] },
      ],
    });
    expect(start!.tracks[0]!.uris).to.have.length(1 + FIRST_FRAME_SEGMENTS);
  });

  it('resolves the URIs against each viewer’s signed master URL, keeping the token in the path', async () => {
    const start = (await ladderStart(MASTER, read))!;
    const signed = '/media/t/HK.tok.sig/prog/rend/master.m3u8';
    const page = firstFrameStart('prog', signed, start, 8);
    expect(page.master).to.equal(signed);
    expect(page.durationSec).to.equal(8);
    expect(page.tracks[0]!.urls[0]).to.equal('/media/t/HK.tok.sig/prog/rend/540p25/init_6.mp4');
    expect(page.tracks[1]!.urls[3]).to.equal('/media/t/HK.tok.sig/prog/rend/audio/seg_00002.m4s');
  });

  it('stands aside for ladders it does not know: no CODECS, muxed audio, no init segment, a missing playlist, another origin', async () => {
    expect(await ladderStart(MASTER.replace(/CODECS="[^"]*",/g, ''), read)).to.equal(null);
    expect(await ladderStart(MASTER.replace(/,AUDIO="aud"/g, ''), read)).to.equal(null);
    expect(await ladderStart(MASTER, async (u) => (files[u] ?? '').replace(/#EXT-X-MAP[^\n]*\n/, '') || null)).to.equal(null);
    expect(await ladderStart(MASTER, async (u) => (u.startsWith('audio') ? null : (files[u] ?? null)))).to.equal(null);
    expect(await ladderStart(MASTER, async (u) => (files[u] ?? '').replace('init_6.mp4', 'https://elsewhere.example/init.mp4') || null)).to.equal(null);
    // "..": resolved inside the rendition's own URL space, never above its master
    const dots = await ladderStart(MASTER, async (u) => (files[u] ?? '').replace('seg_00000.m4s', '../../../seg.m4s') || null);
    expect(firstFrameStart('p', '/media/t/x/p/r/master.m3u8', dots!, 8).tracks[0]!.urls[1]).to.equal('/media/t/x/p/r/seg.m4s');
  });

  it('video-only ladders start with the video track alone', async () => {
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.64001f"\n540p25/index.m3u8\n';
    const start = await ladderStart(master, read);
    expect(start!.tracks.map((t) => t.type)).to.deep.equal(['video']);
  });

  it('puts the JSON and the script in the head, the stage before the app’s root, preloads the first two files of each track, drops the app chunks’ preloads', async () => {
    const index = `<!doctype html><html><head>
    <script type="module" src="/app.js"></script>
    <link rel="stylesheet" href="/app.css" />
    <link rel="modulepreload" href="/chunks/chunk-A.js" />
    <link rel="modulepreload" href="/chunks/app-main-B.js" data-app-chunk />
  </head><body>
    <div id="root"></div>
  </body></html>`;
    const start = firstFrameStart('p', '/media/t/x/p/r/master.m3u8', (await ladderStart(MASTER, read))!, 8);
    const html = injectFirstFrame(index, start);
    expect(html).to.include('<link rel="modulepreload" href="/chunks/chunk-A.js" />');
    expect(html).not.to.include('app-main-B.js');
    expect(html.indexOf('id="podium-stage"')).to.be.lessThan(html.indexOf('<div id="root">'));
    expect(html).to.include('<script src="/first-frame.js"></script>');
    // before the stylesheet, which would hold a script back until it has loaded
    expect(html.indexOf('/first-frame.js')).to.be.lessThan(html.indexOf('/app.css'));
    const preloads = [...html.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]+)"/g)].map((m) => m[1]);
    expect(preloads).to.deep.equal([start.tracks[0]!.urls[0], start.tracks[0]!.urls[1], start.tracks[1]!.urls[0], start.tracks[1]!.urls[1]]);
    const json = /<script type="application\/json" id="podium-first-frame">(.*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).to.deep.equal(start);
  });

  it('with the script inline, the app’s entry and its chunks leave the page for the JSON, and the icon waits too (first-frame.js restores them after the frame)', async () => {
    const index = `<!doctype html><html><head>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <script type="module" src="/app.js"></script>
    <link rel="modulepreload" href="/chunks/chunk-A.js" />
    <link rel="modulepreload" href="/chunks/app-main-B.js" data-app-chunk />
    <link rel="stylesheet" href="/app.css" />
  </head><body>
    <div id="root"></div>
  </body></html>`;
    const start = firstFrameStart('p', '/media/t/x/p/r/master.m3u8', (await ladderStart(MASTER, read))!, 8);
    const inline = injectFirstFrame(index, start, inlineScript('window.podiumFirstFrame=null;'));
    expect(inline.replace(/<script type="application\/json"[^]*?<\/script>/, '')).not.to.match(/app\.js|chunk-A|app-main-B/);
    const json = JSON.parse(/<script type="application\/json" id="podium-first-frame">(.*?)<\/script>/.exec(inline)![1]!) as FirstFrameStart;
    expect(json.appModules).to.deep.equal(['/app.js', '/chunks/chunk-A.js']);
    expect(inline).to.include('<link rel="stylesheet" href="/app.css" />');
    expect(inline).to.include('<link rel="icon" href="data:," data-deferred-href="/favicon.svg" type="image/svg+xml" />');
    // by URL, first-frame.js could fail to load: the page keeps loading the app itself
    const byUrl = injectFirstFrame(index, start);
    expect(byUrl).to.include('<script type="module" src="/app.js"></script>');
    expect(byUrl).to.include('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
    expect(JSON.parse(/<script type="application\/json" id="podium-first-frame">(.*?)<\/script>/.exec(byUrl)![1]!)).not.to.have.property('appModules');
  });

  it('JSON in the page cannot close its script element', () => {
    const evil = { title: '</script><script>alert(1)</script><!--', sep: '\u2028' };
    const out = scriptJson(evil);
    expect(out).not.to.match(/<|>|\u2028/);
    expect(JSON.parse(out)).to.deep.equal(evil);
  });

  it('inlines first-frame.js with its CSP hash added to script-src; by URL when it cannot be inlined', async () => {
    const code = '(()=>{window.podiumFirstFrame=null})();';
    const script = inlineScript(code)!;
    expect(script.hash).to.equal(`'sha256-${crypto.createHash('sha256').update(code).digest('base64')}'`);
    const start = firstFrameStart('p', '/media/t/x/p/r/master.m3u8', (await ladderStart(MASTER, read))!, 8);
    const index = '<html><head><link rel="stylesheet" href="/app.css" /></head><body><div id="root"></div></body></html>';
    const html = injectFirstFrame(index, start, script);
    expect(html).to.include(`<script>${code}</script>`);
    expect(html).not.to.include('src="/first-frame.js"');
    expect(inlineScript('a="</script><script>alert(1)"')).to.equal(null);
    expect(allowScriptHash("default-src 'self';script-src 'self';object-src 'none'", script.hash)).to.equal(`default-src 'self';script-src 'self' ${script.hash};object-src 'none'`);
    expect(allowScriptHash("default-src 'self'", script.hash)).to.equal(`default-src 'self';script-src 'self' ${script.hash}`);
  });
});
