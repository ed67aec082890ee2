// The built player's files in the coding the browser accepts, from the copies the build wrote
// beside them (player/precompress.ts, server/http/precompressed.ts): the same bytes once decoded,
// the file's own type, Vary, a length and an ETag per coding, the files' caching; and what a first
// visit to the player weighs with and without them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { buildPlayer, type BuildPlayerResult } from '../../player/build.js';
import { rawRequest, startTestApp, type TestApp } from '../helpers/app.js';
import { tempDir } from '../helpers/media.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('HTTP: the player precompressed at build time', () => {
  let app: TestApp;
  let playerDir: string;
  let built: BuildPlayerResult;
  let mainChunk: string;

  before(async () => {
    playerDir = await tempDir('podium-player-');
    built = await buildPlayer({ outDir: playerDir });
    app = await startTestApp({ playerDir });
    const index = fs.readFileSync(path.join(playerDir, 'index.html'), 'utf8');
    mainChunk = /href="\/(chunks\/app-main-[A-Z0-9]{8}\.js)"/.exec(index)![1]!;
  });
  after(() => app?.close());

  /** GET with these request headers; the body as its bytes. */
  const get = async (p: string, headers: Record<string, string> = {}) => {
    const res = await rawRequest(app.baseUrl, { path: p, headers });
    return { ...res, bytes: Buffer.from(res.body, 'latin1') };
  };
  const onDisk = (file: string) => fs.readFileSync(path.join(playerDir, file));

  it('the build writes a brotli and a gzip copy beside every text file, gzip only beside source maps', () => {
    const of = (file: string) => built.precompressed.find((p) => p.file === file);
    for (const file of ['index.html', 'app.js', 'app.css', 'first-frame.js', 'favicon.svg', mainChunk]) {
      expect(of(file)?.copies, file).to.have.keys('br', 'gzip');
      expect(fs.statSync(path.join(playerDir, `${file}.br`)).size, file).to.equal(of(file)!.copies.br);
      expect(zlib.brotliDecompressSync(onDisk(`${file}.br`)), file).to.deep.equal(onDisk(file));
      expect(zlib.gunzipSync(onDisk(`${file}.gz`)), file).to.deep.equal(onDisk(file));
    }
    expect(of(`${mainChunk}.map`)?.copies).to.have.keys('gzip');
    expect(fs.existsSync(path.join(playerDir, `${mainChunk}.map.br`))).to.equal(false);
  });

  it('sends the main chunk as brotli, gzip or as it is, as Accept-Encoding asks, each decoding to the file on disk', async () => {
    const file = onDisk(mainChunk);
    const answers = {
      br: await get(`/${mainChunk}`, { 'accept-encoding': 'br' }),
      browser: await get(`/${mainChunk}`, { 'accept-encoding': 'gzip, deflate, br, zstd' }),
      gzip: await get(`/${mainChunk}`, { 'accept-encoding': 'gzip' }),
      notBr: await get(`/${mainChunk}`, { 'accept-encoding': 'br;q=0, gzip' }),
      identity: await get(`/${mainChunk}`, { 'accept-encoding': 'identity' }),
      none: await get(`/${mainChunk}`),
    };
    const decoded = {
      br: zlib.brotliDecompressSync(answers.br.bytes),
      browser: zlib.brotliDecompressSync(answers.browser.bytes),
      gzip: zlib.gunzipSync(answers.gzip.bytes),
      notBr: zlib.gunzipSync(answers.notBr.bytes),
      identity: answers.identity.bytes,
      none: answers.none.bytes,
    };
    const codings = { br: 'br', browser: 'br', gzip: 'gzip', notBr: 'gzip', identity: undefined, none: undefined };
    for (const [name, res] of Object.entries(answers) as Array<[keyof typeof answers, (typeof answers)['br']]>) {
      expect(res.status, name).to.equal(200);
      expect(res.headers['content-encoding'], name).to.equal(codings[name]);
      expect(decoded[name], name).to.deep.equal(file);
      expect(res.headers['content-type'], name).to.equal('text/javascript; charset=utf-8');
      expect(res.headers.vary, name).to.equal('Accept-Encoding');
      expect(res.headers['cache-control'], name).to.equal(IMMUTABLE);
      expect(res.headers['content-length'], name).to.equal(String(res.bytes.length));
    }
    expect(answers.br.bytes.length).to.equal(fs.statSync(path.join(playerDir, `${mainChunk}.br`)).size);
    expect(answers.br.bytes.length).to.be.below(answers.gzip.bytes.length);
    expect(answers.gzip.bytes.length).to.be.below(file.length);
    // One validator per representation: never a gzip body revalidated against a brotli one.
    const etags = new Set([answers.br, answers.gzip, answers.identity].map((r) => r.headers.etag));
    expect(etags.size).to.equal(3);
    expect(answers.browser.headers.etag).to.equal(answers.br.headers.etag);
    expect(answers.notBr.headers.etag).to.equal(answers.gzip.headers.etag);
  });

  it('answers 304 to a coding’s own ETag, and the full copy to another coding’s', async () => {
    const br = await get(`/${mainChunk}`, { 'accept-encoding': 'br' });
    const again = await get(`/${mainChunk}`, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! });
    expect(again.status).to.equal(304);
    expect(again.headers.vary).to.equal('Accept-Encoding');
    expect(again.headers.etag).to.equal(br.headers.etag);
    const gzip = await get(`/${mainChunk}`, { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag! });
    expect(gzip.status).to.equal(200);
    expect(gzip.headers['content-encoding']).to.equal('gzip');
  });

  it('sends index.html (revalidated) and the unhashed files (five minutes) the same way; HEAD says the copy’s length', async () => {
    // (/watch/:id and /channel/:id are written per request: compressed on the fly, test/http/compression.test.ts)
    for (const p of ['/', '/search']) {
      const res = await get(p, { 'accept-encoding': 'gzip, br' });
      expect(res.headers['content-encoding'], p).to.equal('br');
      expect(res.headers['content-type'], p).to.equal('text/html; charset=utf-8');
      expect(res.headers['cache-control'], p).to.equal('no-cache');
      expect(zlib.brotliDecompressSync(res.bytes), p).to.deep.equal(onDisk('index.html'));
    }
    for (const [file, type] of [['app.js', 'text/javascript; charset=utf-8'], ['app.css', 'text/css; charset=utf-8'], ['favicon.svg', 'image/svg+xml']]) {
      const res = await get(`/${file}`, { 'accept-encoding': 'gzip' });
      expect(res.headers['content-encoding'], file).to.equal('gzip');
      expect(res.headers['content-type'], file).to.equal(type);
      expect(res.headers['cache-control'], file).to.equal('public, max-age=300');
      expect(zlib.gunzipSync(res.bytes), file).to.deep.equal(onDisk(file));
    }
    const head = await rawRequest(app.baseUrl, { method: 'HEAD', path: `/${mainChunk}`, headers: { 'accept-encoding': 'br' } });
    expect(head.headers['content-encoding']).to.equal('br');
    expect(head.headers['content-length']).to.equal(String(fs.statSync(path.join(playerDir, `${mainChunk}.br`)).size));
  });

  it('answers a Range with the file as it is, and an error without the copy’s coding or validators', async () => {
    const file = onDisk(mainChunk);
    const part = await get(`/${mainChunk}`, { 'accept-encoding': 'gzip, br', range: 'bytes=100-199' });
    expect(part.status).to.equal(206);
    expect(part.headers['content-encoding']).to.equal(undefined);
    expect(part.headers['content-range']).to.equal(`bytes 100-199/${file.length}`);
    expect(part.bytes).to.deep.equal(file.subarray(100, 200));
    // (The error handler answers express.static's 416 and 412 as 400 bad_request, as it did before.)
    const past = await get(`/${mainChunk}`, { 'accept-encoding': 'gzip, br', range: `bytes=${file.length}-` });
    expect(past.status).to.equal(400);
    expect(past.headers['content-encoding']).to.equal(undefined);
    expect(past.headers.etag ?? '', 'not a validator of the file (weak ones)').not.to.match(/^W\//);
    expect(past.headers['cache-control']).to.equal('no-store');
    expect(JSON.parse(past.body)).to.have.nested.property('error.code');
    const refused = await get(`/${mainChunk}`, { 'accept-encoding': 'br', 'if-match': '"not-this"' });
    expect(refused.status).to.equal(400);
    expect(refused.headers['content-encoding']).to.equal(undefined);
    expect(JSON.parse(refused.body)).to.have.nested.property('error.code');
  });

  it('reaches a copy only through its file’s URL', async () => {
    expect((await get(`/${mainChunk}.br`, { 'accept-encoding': 'br' })).status).to.equal(404);
    expect((await get('/app.css.gz')).status).to.equal(404);
  });

  it('a first visit to the player (index.html, what it links, the main chunk) weighs a third or less of its identity bytes in brotli', async () => {
    const index = onDisk('index.html').toString('utf8');
    const linked = [...index.matchAll(/(?:href|src)="\/([^"]+)"/g)].map((m) => m[1]!);
    const files = ['', ...new Set([...linked, mainChunk])];
    let identity = 0;
    let gzip = 0;
    let br = 0;
    for (const f of files) {
      identity += (await get(`/${f}`, { 'accept-encoding': 'identity' })).bytes.length;
      gzip += (await get(`/${f}`, { 'accept-encoding': 'gzip' })).bytes.length;
      br += (await get(`/${f}`, { 'accept-encoding': 'gzip, deflate, br, zstd' })).bytes.length;
    }
    const share = (n: number) => `${((100 * n) / identity).toFixed(1)} %`;
    console.log(`      first visit (index.html + ${files.length - 1} files): ${identity} B as they are, ${gzip} B gzip (${share(gzip)}), ${br} B brotli (${share(br)})`);
    expect(files).to.include.members(['app.js', 'app.css', mainChunk]);
    expect(br).to.be.below(identity / 3);
  });
});
