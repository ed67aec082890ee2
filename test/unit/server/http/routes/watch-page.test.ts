// The watch page (server/http/routes/watch-page.ts): how the first frame's start (server/catalog/
// ladder-start.ts) is put into the page.
import { expect } from 'chai';
import crypto from 'node:crypto';
import { type FirstFrameStart, firstFrameStart, ladderStart } from '../../../../../server/catalog/ladder-start.js';
import { allowScriptHash, injectFirstFrame, inlineScript, scriptJson } from '../../../../../server/http/routes/watch-page.js';
import { MASTER, read } from '../../../../helpers/ladder.js';

describe('watch page: the first frame in the page', () => {
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
