// Signed delivery served from the in-memory cache of published files (issue 14): the same answers
// as from the store — validators, 304, single byte ranges, HEAD — for hot files and for files too
// large to keep (streamed), the headers a CDN needs, and refusals that serve nothing even when the
// file is held in memory.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { comparableAnswer, rawRequest, startTestApp, type TestApp } from '../helpers/app.js';
import { writeRendition, type WrittenRendition } from '../helpers/rendition.js';
import { signedMediaUrl } from '../../server/rights/index.js';

describe('HTTP: media delivery from the cache of published files', () => {
  let app: TestApp;
  let r: WrittenRendition;
  let base: string;
  let segment: Buffer;
  let big: Buffer;
  const seg = () => r.segments[0]![0]!;

  before(async () => {
    // 1 MiB: files up to 256 KiB are held in memory, larger ones streamed.
    app = await startTestApp({ settings: { mediaCacheMb: 1 } });
    r = await writeRendition(app, { variants: 1, segments: 3, segmentBytes: 64 * 1024 });
    segment = fs.readFileSync(path.join(r.dir, seg()));
    big = Buffer.from(Array.from({ length: 400 * 1024 }, (_, i) => i % 251));
    fs.writeFileSync(path.join(r.dir, 'v0', 'big.m4s'), big);
    const item = (await (await app.api(`/api/programmes/${r.programmeId}?region=FR`)).json()) as { hls: string };
    base = item.hls.slice(0, item.hls.lastIndexOf('/'));
  });
  after(() => app?.close());
  const answerStatus = async (p: string) => (await rawRequest(app.baseUrl, { path: p })).status;

  it('serves a hot segment from memory with the same bytes and validators, shareable by a CDN whatever the viewer', async () => {
    const first = await app.api(`${base}/${seg()}`, { headers: { 'accept-language': 'fr', cookie: 'podium_lang=fr; x=1' } });
    const hitsBefore = app.podium.mediaFiles.stats().hits;
    const second = await app.api(`${base}/${seg()}`, { headers: { 'accept-language': 'de' } });
    expect(app.podium.mediaFiles.stats().hits).to.equal(hitsBefore + 1);
    for (const res of [first, second]) {
      expect(res.status).to.equal(200);
      expect(Buffer.from(await res.arrayBuffer())).to.deep.equal(segment);
      expect(res.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
      expect(res.headers.get('content-length')).to.equal(String(segment.length));
      expect(res.headers.get('vary')).to.equal(null);
      expect(res.headers.get('content-language')).to.equal(null);
      expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    }
    expect(second.headers.get('etag')).to.equal(first.headers.get('etag'));
    expect(second.headers.get('last-modified')).to.equal(fs.statSync(path.join(r.dir, seg())).mtime.toUTCString());
  });

  it('segments (held or not yet), on-demand playlists and the master answered before express (server/http/media-fast-path.ts) get the same status, headers and bytes as through express', async () => {
    const answer = (file: string, query: string) => comparableAnswer(app.baseUrl, `${base}/${file}${query}`);
    // Playlists take it once the in-memory catalog copy has loaded (a list loads it).
    expect((await app.api('/api/programmes?region=FR')).status).to.equal(200);
    for (const file of [r.segments[0]![1]!, r.playlists[0]!, 'master.m3u8']) {
      const bytes = fs.readFileSync(path.join(r.dir, file));
      const served = app.podium.deliveryFastPath.served();
      const viaFastPathMiss = await answer(file, ''); // not held yet: read here, then answered
      const viaFastPathHit = await answer(file, '');
      expect(app.podium.deliveryFastPath.served(), `${file}: both answered before express`).to.equal(served + 2);
      const viaExpress = await answer(file, '?region=FR'); // a query string: express
      expect(app.podium.deliveryFastPath.served()).to.equal(served + 2);
      for (const a of [viaFastPathMiss, viaFastPathHit, viaExpress]) {
        expect(a.status, file).to.equal(200);
        expect(a.body.equals(bytes), file).to.equal(true);
      }
      expect(viaFastPathMiss.headers, file).to.deep.equal(viaExpress.headers);
      expect(viaFastPathHit.headers, file).to.deep.equal(viaExpress.headers);
    }
    // Too large to hold: express streams it.
    const served = app.podium.deliveryFastPath.served();
    const streamed = await answer('v0/big.m4s', '');
    expect(streamed.status).to.equal(200);
    expect(streamed.body.equals(big)).to.equal(true);
    expect(app.podium.deliveryFastPath.served()).to.equal(served);
  });

  it('playlists go out gzip to clients that accept it — the same answer through the fast path and express, its own ETag, 304 and HEAD; ranges, small playlists and segments as they are', async () => {
    // A one-hour playlist's worth of lines (the helper's have 3 segments: too small to compress).
    const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-MAP:URI="init.mp4"'];
    for (let i = 1; i <= 1800; i++) lines.push('#EXTINF:2.000000,', `seg_${String(i).padStart(5, '0')}.m4s`);
    const text = Buffer.from([...lines, '#EXT-X-ENDLIST', ''].join('\n'));
    fs.writeFileSync(path.join(r.dir, 'v0', 'long.m3u8'), text);
    expect((await app.api('/api/programmes?region=FR')).status).to.equal(200); // the catalog copy the fast path decides playlists with
    const gzip = { 'accept-encoding': 'gzip, deflate, br' };
    const served = app.podium.deliveryFastPath.served();
    const miss = await comparableAnswer(app.baseUrl, `${base}/v0/long.m3u8`, gzip);
    const hit = await comparableAnswer(app.baseUrl, `${base}/v0/long.m3u8`, gzip);
    expect(app.podium.deliveryFastPath.served(), 'both before express').to.equal(served + 2);
    const viaExpress = await comparableAnswer(app.baseUrl, `${base}/v0/long.m3u8?region=FR`, gzip);
    const identity = await comparableAnswer(app.baseUrl, `${base}/v0/long.m3u8`);
    for (const a of [miss, hit, viaExpress]) {
      expect(a.status).to.equal(200);
      expect(a.headers['content-encoding']).to.equal('gzip');
      expect(a.headers.vary).to.equal('Accept-Encoding');
      expect(a.headers['accept-ranges']).to.equal(undefined);
      expect(Number(a.headers['content-length'])).to.equal(a.body.length);
      expect(a.body.length, 'at least 10× smaller').to.be.below(text.length / 10);
      expect(gunzipSync(a.body).equals(text)).to.equal(true);
      expect(a.headers).to.deep.equal(viaExpress.headers);
    }
    expect(identity.headers['content-encoding']).to.equal(undefined);
    expect(identity.headers.vary).to.equal('Accept-Encoding');
    expect(identity.body.equals(text)).to.equal(true);
    const etag = miss.headers.etag!;
    expect(etag).to.equal(`${identity.headers.etag!.slice(0, -1)}.gz"`);
    // Revalidation of the gzip answer, HEAD, and what is refused or not asked for.
    const again = await rawRequest(app.baseUrl, { path: `${base}/v0/long.m3u8`, headers: { ...gzip, 'if-none-match': etag } });
    expect(again.status).to.equal(304);
    expect(again.body).to.equal('');
    expect((await rawRequest(app.baseUrl, { path: `${base}/v0/long.m3u8`, headers: { ...gzip, 'if-none-match': identity.headers.etag! } })).status).to.equal(200);
    const head = await rawRequest(app.baseUrl, { method: 'HEAD', path: `${base}/v0/long.m3u8`, headers: gzip });
    expect(head.headers['content-length']).to.equal(String(miss.body.length));
    expect(head.headers['content-encoding']).to.equal('gzip');
    for (const refused of ['gzip;q=0, br', 'identity', 'br']) {
      const a = await comparableAnswer(app.baseUrl, `${base}/v0/long.m3u8`, { 'accept-encoding': refused });
      expect(a.headers['content-encoding'], refused).to.equal(undefined);
      expect(a.body.equals(text), refused).to.equal(true);
    }
    expect((await comparableAnswer(app.baseUrl, `${base}/v0/long.m3u8`, { 'accept-encoding': '*' })).headers['content-encoding']).to.equal('gzip');
    const range = await comparableAnswer(app.baseUrl, `${base}/v0/long.m3u8`, { ...gzip, range: 'bytes=0-6' });
    expect(range.status).to.equal(206);
    expect(range.body.toString()).to.equal('#EXTM3U');
    expect(range.headers['content-encoding']).to.equal(undefined);
    const master = await comparableAnswer(app.baseUrl, `${base}/master.m3u8`, gzip);
    expect(master.headers['content-encoding'], 'a master of a few lines').to.equal(undefined);
    expect(master.headers.vary).to.equal('Accept-Encoding');
    const segmentAnswer = await comparableAnswer(app.baseUrl, `${base}/${seg()}`, gzip);
    expect(segmentAnswer.headers['content-encoding']).to.equal(undefined);
    expect(segmentAnswer.headers.vary).to.equal(undefined);
    expect(segmentAnswer.body.equals(segment)).to.equal(true);
  });

  it('an on-demand playlist whose rights closed is refused (451) by express even once its bytes are held', async () => {
    const file = r.playlists[0]!;
    expect((await answerStatus(`${base}/${file}`))).to.equal(200);
    const put = await app.api(`/api/programmes/${r.programmeId}/availability`, {
      method: 'PUT',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ windows: [{ regions: ['US'], start: new Date(Date.now() - 3_600_000).toISOString(), end: null }] }),
    });
    expect(put.status).to.equal(200);
    const served = app.podium.deliveryFastPath.served();
    expect(await answerStatus(`${base}/${file}`)).to.equal(451);
    expect(app.podium.deliveryFastPath.served()).to.equal(served);
    const reopen = await app.api(`/api/programmes/${r.programmeId}/availability`, {
      method: 'PUT',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ windows: [{ regions: ['WW'], start: new Date(Date.now() - 3_600_000).toISOString(), end: null }] }),
    });
    expect(reopen.status).to.equal(200);
    expect(await answerStatus(`${base}/${file}`)).to.equal(200);
  });

  it('answers 304 to If-None-Match and If-Modified-Since, with no body', async () => {
    const head = await app.api(`${base}/${seg()}`, { method: 'HEAD' });
    const etag = head.headers.get('etag')!;
    for (const headers of [{ 'if-none-match': etag }, { 'if-modified-since': head.headers.get('last-modified')! }] as Record<string, string>[]) {
      const res = await rawRequest(app.baseUrl, { path: `${base}/${seg()}`, headers });
      expect(res.status).to.equal(304);
      expect(res.body).to.equal('');
      expect(res.headers.etag).to.equal(etag);
    }
    expect((await rawRequest(app.baseUrl, { path: `${base}/${seg()}`, headers: { 'if-none-match': '"other"' } })).status).to.equal(200);
  });

  for (const [what, file, body] of [
    ['a segment held in memory', () => seg(), () => segment],
    ['a file too large to hold (streamed)', () => 'v0/big.m4s', () => big],
  ] as const) {
    it(`answers single byte ranges, HEAD and 416 for ${what}`, async () => {
      const url = `${base}/${file()}`;
      const size = body().length;
      const r1 = await app.api(url, { headers: { range: 'bytes=10-19' } });
      expect(r1.status).to.equal(206);
      expect(r1.headers.get('content-range')).to.equal(`bytes 10-19/${size}`);
      expect(Buffer.from(await r1.arrayBuffer())).to.deep.equal(body().subarray(10, 20));
      const suffix = await app.api(url, { headers: { range: 'bytes=-7' } });
      expect(Buffer.from(await suffix.arrayBuffer())).to.deep.equal(body().subarray(size - 7));
      const open = await app.api(url, { headers: { range: `bytes=${size - 100}-` } });
      expect(open.headers.get('content-length')).to.equal('100');
      expect(Buffer.from(await open.arrayBuffer())).to.deep.equal(body().subarray(size - 100));
      // Several ranges: the whole file (a 200 is always a correct answer to a Range request).
      const multi = await app.api(url, { headers: { range: 'bytes=0-1,5-6' } });
      expect(multi.status).to.equal(200);
      expect(Buffer.from(await multi.arrayBuffer())).to.deep.equal(body());
      const past = await app.api(url, { headers: { range: `bytes=${size}-` } });
      expect(past.status).to.equal(416);
      expect(past.headers.get('content-range')).to.equal(`bytes */${size}`);
      expect(past.headers.get('cache-control')).to.equal('no-store');
      const head = await rawRequest(app.baseUrl, { method: 'HEAD', path: url });
      expect(head.status).to.equal(200);
      expect(head.headers['content-length']).to.equal(String(size));
      expect(head.body).to.equal('');
      const headRange = await rawRequest(app.baseUrl, { method: 'HEAD', path: url, headers: { range: 'bytes=0-9' } });
      expect(headRange.status).to.equal(206);
      expect(headRange.headers['content-length']).to.equal('10');
      expect(headRange.body).to.equal('');
    });
  }

  it('keeps a large file as its stat only, within the bound', async () => {
    const f = await app.podium.mediaFiles.get(`${r.programmeId}/${r.renditionId}`, 'v0/big.m4s');
    expect(f!.bytes).to.equal(null);
    expect(app.podium.mediaFiles.stats().bytes).to.be.at.most(1024 * 1024);
  });

  it('headers a CDN honours: VOD media playlists immutable, the master revalidated, preflights cacheable', async () => {
    expect((await app.api(`${base}/v0.m3u8`)).headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect((await app.api(`${base}/master.m3u8`)).headers.get('cache-control')).to.equal('no-cache');
    const pre = await app.api(`${base}/${seg()}`, { method: 'OPTIONS', headers: { origin: 'https://player.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range', cookie: 'a=b' } });
    expect(pre.status).to.equal(204);
    expect(pre.headers.get('access-control-max-age')).to.equal('86400');
    expect(pre.headers.get('cache-control')).to.equal('public, max-age=86400');
    expect(pre.headers.get('vary')).to.equal(null);
  });

  it('a tampered, expired or other-region token gets 403/451 and none of the file, though it is held in memory', async () => {
    expect((await app.api(`${base}/${seg()}`)).status).to.equal(200); // held now
    const token = base.split('/')[3]!;
    const sig = token.slice(token.lastIndexOf('.') + 1);
    const tampered = base.replace(token, token.slice(0, token.lastIndexOf('.') + 1) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    const expired = app.podium.viewing.tokens.sign({ programmeId: r.programmeId, region: 'FR', expiresAt: new Date(Date.now() - 60_000) }).token;
    const cases: [string, string, number][] = [
      ['tampered', `${tampered}/${seg()}`, 403],
      ['expired', signedMediaUrl(expired, r.programmeId, r.renditionId, seg()), 403],
      ['another region', `${base}/${seg()}?region=US`, 451],
    ];
    for (const [what, url, status] of cases) {
      const res = await rawRequest(app.baseUrl, { path: url });
      expect(res.status, what).to.equal(status);
      expect(res.headers['cache-control'], what).to.equal('no-store');
      expect(Buffer.from(res.body, 'latin1').includes(segment.subarray(0, 32)), what).to.equal(false);
      expect(res.body.length, what).to.be.below(2000);
    }
  });
});
