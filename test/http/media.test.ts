// Media delivery: content types, cache headers, CORS, byte ranges, and every way we know of to
// reach outside the media folder. Rendition files are written straight into the data dir, so
// these tests need no transcode. Viewers reach media only through signed URLs
// (/media/t/<token>/<programme>/<rendition>/<file>, server/rights/tokens.ts), so every path
// below is tried under a valid token; the old unsigned route answers 404.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { rawRequest, startTestApp, type TestApp } from '../helpers/app.js';

let PID: string;
const RID = 'r1';

describe('HTTP: media delivery', () => {
  let app: TestApp;
  let base: string;
  const segment = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

  let unsigned: string;
  before(async () => {
    app = await startTestApp();
    const created = await app.api('/api/programmes', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ localizations: { en: { title: 'Media test' } } }),
    });
    PID = ((await created.json()) as { id: string }).id;
    await app.api(`/api/programmes/${PID}/publish`, { method: 'POST', auth: true });
    await app.podium.models.Programme.update({ status: 'ready', renditionId: RID, renditionPath: `${PID}/${RID}`, poster: 'poster.jpg' }, { where: { id: PID } });
    const media = path.join(app.dataDir, 'media');
    const dir = path.join(media, PID, RID);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'master.m3u8'), '#EXTM3U\n');
    fs.writeFileSync(path.join(dir, 'v0.m3u8'), '#EXTM3U\n#EXT-X-TARGETDURATION:2\n');
    fs.writeFileSync(path.join(dir, 'seg_00001.m4s'), segment);
    fs.writeFileSync(path.join(dir, 'init.mp4'), 'init');
    fs.writeFileSync(path.join(dir, 'poster.jpg'), 'jpg');
    fs.writeFileSync(path.join(dir, 'subs.vtt'), 'WEBVTT\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a media file');
    // secrets outside the media folder, with names the media handler would otherwise serve
    fs.writeFileSync(path.join(app.dataDir, 'secret.m3u8'), 'SECRET');
    fs.mkdirSync(path.join(app.dataDir, 'media-evil'));
    fs.writeFileSync(path.join(app.dataDir, 'media-evil', 'x.m3u8'), 'SECRET');
    fs.symlinkSync(path.join(app.dataDir, 'secret.m3u8'), path.join(dir, 'evil.m3u8'));
    fs.symlinkSync('../../../media-evil/x.m3u8', path.join(dir, 'sibling.m3u8'));
    fs.symlinkSync(app.dataDir, path.join(media, PID, 'up'));
    const item = (await (await app.api(`/api/programmes/${PID}`)).json()) as { hls: string };
    base = path.posix.dirname(item.hls); // /media/t/<token>/<PID>/<RID>
    expect(base).to.match(new RegExp(`^/media/t/[^/]+/${PID}/${RID}$`));
    unsigned = `/media/${PID}/${RID}`;
  });
  after(() => app?.close());

  const types: [string, string, RegExp][] = [
    ['master.m3u8', 'application/vnd.apple.mpegurl', /^no-cache$/],
    ['v0.m3u8', 'application/vnd.apple.mpegurl', /^public, max-age=31536000, immutable$/],
    ['seg_00001.m4s', 'video/iso.segment', /^public, max-age=31536000, immutable$/],
    ['init.mp4', 'video/mp4', /^public, max-age=31536000, immutable$/],
    ['poster.jpg', 'image/jpeg', /immutable/],
    ['subs.vtt', 'text/vtt', /immutable/],
  ];
  for (const [file, type, cache] of types) {
    it(`serves ${file} as ${type} with CORS and its cache policy`, async () => {
      const res = await app.api(`${base}/${file}`, { headers: { origin: 'https://elsewhere.example' } });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(new RegExp(`^${type.replace(/[.+]/g, '\\$&')}`));
      expect(res.headers.get('access-control-allow-origin')).to.equal('*');
      expect(res.headers.get('cache-control')).to.match(cache);
      expect(res.headers.get('accept-ranges')).to.equal('bytes');
    });
  }

  it('answers byte ranges (206), suffix ranges, and 416 past the end', async () => {
    const r = await app.api(`${base}/seg_00001.m4s`, { headers: { range: 'bytes=10-19' } });
    expect(r.status).to.equal(206);
    expect(r.headers.get('content-range')).to.equal('bytes 10-19/1000');
    expect(Buffer.from(await r.arrayBuffer())).to.deep.equal(segment.subarray(10, 20));
    const suffix = await app.api(`${base}/seg_00001.m4s`, { headers: { range: 'bytes=-5' } });
    expect(suffix.status).to.equal(206);
    expect(Buffer.from(await suffix.arrayBuffer())).to.deep.equal(segment.subarray(995));
    const past = await app.api(`${base}/seg_00001.m4s`, { headers: { range: 'bytes=5000-' } });
    expect(past.status).to.equal(416);
    expect(past.headers.get('content-range')).to.equal('bytes */1000');
  });

  it('answers HEAD, conditional GET (304) and CORS preflight', async () => {
    const head = await app.api(`${base}/seg_00001.m4s`, { method: 'HEAD' });
    expect(head.status).to.equal(200);
    expect(head.headers.get('content-length')).to.equal('1000');
    const etag = head.headers.get('etag')!;
    // raw request: fetch() adds Cache-Control: no-cache to conditional requests
    const again = await rawRequest(app.baseUrl, { path: `${base}/seg_00001.m4s`, headers: { 'if-none-match': etag } });
    expect(again.status).to.equal(304);
    const pre = await app.api(`${base}/seg_00001.m4s`, { method: 'OPTIONS', headers: { origin: 'https://x.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' } });
    expect(pre.status).to.equal(204);
    expect(pre.headers.get('access-control-allow-headers')).to.match(/range/i);
  });

  it('serves only known media types', async () => {
    expect((await app.api(`${base}/notes.txt`)).status).to.equal(404);
    expect((await app.api(`${base}/missing.m4s`)).status).to.equal(404);
    expect((await app.api(base)).status).to.equal(404);
  });

  it('has no unsigned route: /media/<programme>/<rendition>/<file> → 404', async () => {
    for (const file of ['master.m3u8', 'seg_00001.m4s', 'poster.jpg']) expect((await app.api(`${unsigned}/${file}`)).status, file).to.equal(404);
  });

  // Each path is built under a valid token for PID (`t` = /media/t/<token>), so only the
  // traversal checks stand between the request and the file.
  const escapes: [string, (t: string) => string][] = [
    ['plain ..', (t) => `${t}/../secret.m3u8`],
    ['.. inside the path', (t) => `${t}/${PID}/${RID}/../../../secret.m3u8`],
    ['encoded dots %2e%2e', (t) => `${t}/${PID}/%2e%2e/%2e%2e/secret.m3u8`],
    ['upper-case encoded dots', (t) => `${t}/${PID}/%2E%2E/%2E%2E/secret.m3u8`],
    ['encoded slashes %2f', (t) => `${t}/${PID}/${RID}/..%2f..%2f..%2fsecret.m3u8`],
    ['fully encoded traversal', (t) => `${t}/${PID}/%2e%2e%2f%2e%2e%2fsecret.m3u8/x.m3u8`],
    ['backslashes', (t) => `${t}/${PID}/${RID}\\..\\..\\secret.m3u8`],
    ['encoded backslashes %5c', (t) => `${t}/${PID}/${RID}/..%5c..%5c..%5csecret.m3u8`],
    ['double-encoded dots', (t) => `${t}/${PID}/%252e%252e/%252e%252e/secret.m3u8`],
    ['a null byte', (t) => `${t}/${PID}/${RID}/master.m3u8%00.jpg`],
    ['an empty segment', (t) => `${t}/${PID}//secret.m3u8`],
    ['a symlink to a file outside', (t) => `${t}/${PID}/${RID}/evil.m3u8`],
    ['a symlink into a sibling folder sharing the prefix', (t) => `${t}/${PID}/${RID}/sibling.m3u8`],
    ['a directory symlink pointing out', (t) => `${t}/${PID}/up/secret.m3u8`],
    ['an absolute path', (t) => `${t}/${PID}/${RID}/${encodeURIComponent(path.resolve('/etc/hostname'))}`],
    ['the unsigned route with ..', () => `/media/${PID}/${RID}/../../../secret.m3u8`],
  ];
  for (const [what, make] of escapes) {
    it(`refuses ${what}`, async () => {
      const p = make(path.posix.dirname(path.posix.dirname(base)));
      const res = await rawRequest(app.baseUrl, { path: p });
      expect(res.status, p).to.be.oneOf([400, 403, 404]);
      expect(res.body, p).not.to.include('SECRET');
    });
  }
});
