// Answers made per request compressed on the fly (server/http/middleware/compress.ts): API JSON,
// translation bundles and the studio's script decode to what identity sends; validators still give
// 304 and still satisfy If-Match; small answers, server-sent events and media delivery (segments,
// playlists, WebVTT) are left as they are.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { rawRequest, startTestApp, type TestApp } from '../helpers/app.js';
import { tempLocales } from '../helpers/locales.js';
import { writeRendition, type WrittenRendition } from '../helpers/rendition.js';

describe('HTTP: answers compressed on the fly', () => {
  let app: TestApp;
  let localesDir: string;

  before(async () => {
    localesDir = tempLocales();
    app = await startTestApp({ localesDir });
  });
  after(async () => {
    await app?.close();
    fs.rmSync(path.dirname(localesDir), { recursive: true, force: true });
  });

  const get = async (p: string, headers: Record<string, string> = {}) => {
    const res = await rawRequest(app.baseUrl, { path: p, headers: { authorization: `Bearer ${app.adminToken}`, ...headers } });
    return { ...res, bytes: Buffer.from(res.body, 'latin1') };
  };
  const decode = (res: { bytes: Buffer; headers: http.IncomingHttpHeaders }) =>
    res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(res.bytes) : res.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(res.bytes) : res.bytes;

  it('sends an API answer over 1 KiB gzip- or brotli-encoded when asked, decoding to the identity answer', async () => {
    const identity = await get('/api/openapi.json');
    expect(identity.status).to.equal(200);
    expect(identity.headers['content-encoding']).to.equal(undefined);
    expect(identity.bytes.length).to.be.above(1024);
    const gzip = await get('/api/openapi.json', { 'accept-encoding': 'gzip' });
    const br = await get('/api/openapi.json', { 'accept-encoding': 'gzip, deflate, br' });
    expect(gzip.headers['content-encoding']).to.equal('gzip');
    expect(br.headers['content-encoding']).to.equal('br');
    for (const res of [gzip, br]) {
      expect(res.headers['content-type']).to.equal(identity.headers['content-type']);
      expect(res.headers.vary).to.match(/Accept-Encoding/);
      expect(res.bytes.length).to.be.below(identity.bytes.length);
      expect(JSON.parse(decode(res).toString('utf8'))).to.deep.equal(JSON.parse(identity.bytes.toString('utf8')));
    }
  });

  it('does the same for a translation bundle and the studio’s script; answers under 1 KiB go as they are', async () => {
    for (const p of ['/locales/fr/player.json', '/studio/assets/studio.js']) {
      const identity = await get(p);
      const gzip = await get(p, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding'], p).to.equal('gzip');
      expect(decode(gzip), p).to.deep.equal(identity.bytes);
    }
    const small = await get('/healthz', { 'accept-encoding': 'gzip, br' });
    expect(small.status).to.equal(200);
    expect(small.bytes.length).to.be.below(1024);
    expect(small.headers['content-encoding']).to.equal(undefined);
  });

  it('keeps validators: a compressed answer’s ETag gets 304 (with Vary) as before, and satisfies an If-Match write', async () => {
    for (const p of ['/api/openapi.json', '/locales/fr/player.json', '/api/translations/fr/player']) {
      const first = await get(p, { 'accept-encoding': 'br' });
      expect(first.headers['content-encoding'], p).to.equal('br');
      const etag = first.headers.etag!;
      expect(etag, p).to.be.a('string');
      expect((await get(p)).headers.etag, `${p}: one ETag whatever the coding`).to.equal(etag);
      for (const coding of ['br', 'gzip', 'identity']) {
        const again = await get(p, { 'accept-encoding': coding, 'if-none-match': etag });
        expect(again.status, `${p} ${coding}`).to.equal(304);
        expect(again.bytes.length, `${p} ${coding}`).to.equal(0);
        expect(again.headers.vary, `${p} ${coding}`).to.match(/Accept-Encoding/);
      }
    }
    // The translator's editor reads a file (compressed) and saves with the ETag it read.
    const view = await get('/api/translations/fr/player', { 'accept-encoding': 'gzip' });
    const saved = await app.api('/api/translations/fr/player', {
      method: 'PUT',
      auth: true,
      headers: { 'content-type': 'application/json', 'if-match': view.headers.etag!, 'accept-encoding': 'gzip' },
      body: JSON.stringify({ changes: { 'home.latest': 'Les nouveautés' } }),
    });
    expect(saved.status, await saved.clone().text()).to.equal(200);
  });

  it('leaves server-sent events as they are: the first event arrives at once, uncompressed', async () => {
    const url = new URL(app.baseUrl);
    const first = await new Promise<{ headers: http.IncomingHttpHeaders; chunk: string }>((resolve, reject) => {
      const req = http.get({ host: url.hostname, port: url.port, path: '/api/i18n/events', headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
        res.setEncoding('utf8').once('data', (chunk: string) => {
          resolve({ headers: res.headers, chunk });
          req.destroy();
        });
      });
      req.on('error', reject);
    });
    expect(first.headers['content-type']).to.match(/^text\/event-stream/);
    expect(first.headers['content-encoding']).to.equal(undefined);
    expect(first.chunk).to.match(/^retry: \d+/);
  });

  describe('media delivery', () => {
    let r: WrittenRendition;
    let base: string;
    before(async () => {
      // 60 segments: the media playlist is well over the 1 KiB threshold.
      r = await writeRendition(app, { variants: 1, segments: 60, segmentBytes: 8 * 1024 });
      // A storyboard's WebVTT: text, which the middleware would compress if it ever saw it.
      const cues = Array.from({ length: 60 }, (_, i) => `${i}.000 --> ${i + 1}.000\nthumbs.jpg#xywh=${(i % 10) * 160},${Math.floor(i / 10) * 90},160,90\n`);
      fs.writeFileSync(path.join(r.dir, 'thumbs.vtt'), `WEBVTT\n\n${cues.join('\n')}`);
      const item = (await (await app.api(`/api/programmes/${r.programmeId}`)).json()) as { hls: string };
      base = new URL(item.hls, app.baseUrl).pathname.replace(/\/[^/]+$/, '');
    });

    it('leaves a segment, a playlist and a WebVTT file under /media/t/ to their routes: never compressed by the middleware, answered before express or through it', async () => {
      const playlist = r.playlists[0]!;
      const segment = r.segments[0]![0]!;
      for (const file of [playlist, 'thumbs.vtt']) expect(fs.statSync(path.join(r.dir, file)).size, file).to.be.above(2048);
      // A plain GET is answered before express; a conditional or a range takes the express route.
      // (Brotli only for text: the delivery routes may send gzip copies of their own, never brotli.)
      const requests: Array<[string, Record<string, string>, number]> = [
        [playlist, { 'accept-encoding': 'br' }, 200],
        ['thumbs.vtt', { 'accept-encoding': 'br' }, 200],
        ['thumbs.vtt', { 'accept-encoding': 'br', 'if-none-match': '"other"' }, 200],
        [playlist, { 'accept-encoding': 'br', 'if-none-match': '"other"' }, 200],
        [segment, { 'accept-encoding': 'gzip, deflate, br' }, 200],
        [segment, { 'accept-encoding': 'gzip, deflate, br', range: 'bytes=0-2047' }, 206],
      ];
      for (const [file, headers, status] of requests) {
        const res = await get(`${base}/${file}`, headers);
        const label = `${file} ${JSON.stringify(headers)}`;
        const onDisk = fs.readFileSync(path.join(r.dir, file));
        expect(res.status, label).to.equal(status);
        expect(res.headers['content-encoding'], label).to.equal(undefined);
        expect(res.bytes, label).to.deep.equal(status === 206 ? onDisk.subarray(0, 2048) : onDisk);
        expect(res.headers['content-length'], label).to.equal(String(res.bytes.length));
      }
    });
  });
});
