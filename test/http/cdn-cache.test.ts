// Podium behind a CDN, as at the Games: Debian's nginx with proxy_cache (and proxy_cache_lock, so
// concurrent misses of one URL make one origin request, as CDNs' request collapsing does) in
// front of a test Podium, through a counting hop that sees every request reaching the origin.
// What must hold (issue 14): every viewer of a region in one token bucket gets the same URLs, and
// the answers' headers let the CDN keep one copy — whatever the viewers' languages and cookies —
// so 50 viewers cost one origin request per segment, playlist and init segment; another region
// gets its own copy; the master is revalidated (its rights check runs per viewer); a tampered
// token is refused at the origin and nothing is cached for it.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { bucketedExpiry } from '../../server/rights/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { findNginx, startNginx, type Nginx } from '../helpers/nginx.js';
import { writeRendition, type WrittenRendition } from '../helpers/rendition.js';

interface Origin {
  url: string;
  /** Requests that reached Podium, by path (query included). */
  counts: Map<string, number>;
  close(): Promise<void>;
}

/** A plain HTTP hop in front of Podium that counts what reaches it. */
async function countingOrigin(target: string): Promise<Origin> {
  const to = new URL(target);
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    counts.set(req.url!, (counts.get(req.url!) ?? 0) + 1);
    const up = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The URIs a playlist names (tags' URI="…" and plain lines), resolved against its URL's path. */
function uris(playlist: string, base: string): string[] {
  const out: string[] = [];
  for (const line of playlist.split('\n')) {
    const named = /URI="([^"]+)"/.exec(line)?.[1] ?? (line && !line.startsWith('#') ? line.trim() : null);
    if (named) out.push(new URL(named, `http://x${base}`).pathname);
  }
  return out;
}

const LANGS = ['fr-FR', 'en-GB', 'de', 'zh-HK', 'es-419'];

describe('HTTP: a CDN (nginx proxy_cache) in front of Podium', function () {
  let app: TestApp;
  let origin: Origin;
  let cdn: Nginx;
  let programme: WrittenRendition;

  before(async function () {
    if (!findNginx()) {
      // In CI nginx must be there (.ci/run installs nginx-light): a skipped test proves nothing.
      if (process.env.CI) throw new Error('nginx is not installed: .ci/run installs nginx-light');
      console.log('    skipped: nginx is not installed (Debian: apt-get install nginx-light)');
      this.skip();
    }
    // The tests compare URLs across viewers: one token bucket must hold for all of them. A bucket of a
    // day, and a start that waits out a bucket change due in the next two minutes (it failed CI once
    // with 5-minute buckets, when a change fell between two viewers).
    this.timeout(240_000);
    const bucketSec = 24 * 3600;
    const ttlSec = 4 * 3600;
    const now = Date.now();
    const changesAt = bucketedExpiry(now, ttlSec, bucketSec).getTime() - ttlSec * 1000;
    if (changesAt - now < 120_000) await new Promise((r) => setTimeout(r, changesAt - now + 1000));
    app = await startTestApp({ settings: { playbackTokenBucketSec: bucketSec, playbackTokenTtlSec: ttlSec } });
    programme = await writeRendition(app, { variants: 2, segments: 6, segmentBytes: 64 * 1024 });
    origin = await countingOrigin(app.baseUrl);
    cdn = await startNginx({
      http: (port, dir) => `
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=cdn:10m max_size=1g inactive=1h use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${origin.url};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache cdn;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 60s;
      proxy_cache_lock_age 60s;
      add_header X-Cache $upstream_cache_status always;
    }
  }`,
    });
  });
  after(async () => {
    await cdn?.close();
    await origin?.close();
    await app?.close();
  });

  /** One viewer: the programme's item, its master, every media playlist, init segment and segment, through the CDN. */
  async function watch(region: string, i: number): Promise<{ hls: string; files: string[] }> {
    // Each viewer speaks another language and carries its own cookies: neither may split the CDN's copy.
    const headers = { 'accept-language': LANGS[i % LANGS.length]!, cookie: `podium_lang=${LANGS[i % LANGS.length]}; viewer=${region}-${i}` };
    const item = (await (await fetch(`${cdn.url}/api/programmes/${programme.programmeId}?region=${region}`, { headers })).json()) as { hls: string };
    const get = async (p: string) => {
      const res = await fetch(cdn.url + p, { headers });
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.status, `${p}: ${body.toString().slice(0, 200)}`).to.equal(200);
      return body;
    };
    const files = [item.hls];
    const variants = uris((await get(item.hls)).toString(), item.hls);
    for (const v of variants) {
      files.push(v);
      const inside = uris((await get(v)).toString(), v);
      for (const f of inside) await get(f);
      files.push(...inside);
    }
    return { hls: item.hls, files };
  }

  const mediaCounts = (prefix: string) => [...origin.counts].filter(([p]) => p.startsWith(prefix));

  it('50 viewers of one region: the same URLs, one origin request per media playlist, init segment and segment; the master revalidated by each', async () => {
    const viewers = await Promise.all(Array.from({ length: 50 }, (_, i) => watch('FR', i)));
    expect(new Set(viewers.map((v) => v.hls)).size, 'every viewer in the bucket gets one URL').to.equal(1);
    const { hls, files } = viewers[0]!;
    expect(files.length).to.equal(1 + 2 * (1 + 1 + 6));
    for (const v of viewers) expect(v.files).to.deep.equal(files);
    const prefix = hls.slice(0, hls.lastIndexOf('/') + 1);
    for (const f of files.slice(1)) expect(origin.counts.get(f), f).to.equal(1);
    // The master is "no-cache": the CDN asks the origin every time, so its rights check runs per viewer.
    expect(origin.counts.get(hls)).to.equal(50);
    expect(mediaCounts(prefix).reduce((n, [, c]) => n + c, 0)).to.equal(50 + files.length - 1);
  });

  it("a viewer of another region gets that region's URLs and its own copy: one origin request per file", async () => {
    const fr = (await watch('FR', 0)).hls;
    const us = await Promise.all([watch('US', 0), watch('US', 1), watch('US', 2)]);
    const hls = us[0]!.hls;
    expect(hls).not.to.equal(fr);
    expect(hls.split('/')[3]).to.match(/^US\./);
    for (const f of us[0]!.files.slice(1)) expect(origin.counts.get(f), f).to.equal(1);
    expect(origin.counts.get(hls)).to.equal(3);
  });

  it('a tampered token is refused at the origin (403) and nothing is cached for it', async () => {
    const { files } = await watch('FR', 0);
    const segment = files.find((f) => f.endsWith('.m4s'))!;
    const token = segment.split('/')[3]!;
    const sig = token.slice(token.lastIndexOf('.') + 1);
    // Another signature of the same length, canonical base64url (the last character keeps its low bits).
    const forged = token.slice(0, token.lastIndexOf('.') + 1) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    const tampered = segment.replace(token, forged);
    const bytes = readFileSync(`${programme.dir}/${segment.split('/').slice(6).join('/')}`);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(cdn.url + tampered);
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.status).to.equal(403);
      expect(res.headers.get('x-cache')).not.to.equal('HIT');
      expect(body.includes(bytes.subarray(0, 64))).to.equal(false);
      expect(((JSON.parse(body.toString()) as { error: { code: string } }).error.code)).to.equal('playback_token_invalid');
    }
    expect(origin.counts.get(tampered), 'every refusal reached the origin: none was cached').to.equal(3);
  });
});
