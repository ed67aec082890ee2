// Issue 12, the live channel through the real app on the real clock: a channel of four really
// transcoded programmes (25/30/50/60 fps, different ladders, a portrait one, one with a second
// audio language and subtitles) in loop mode, a regional alternative (CN) and a blackout (US).
// Viewers' JSON, the signed master and media playlists, their segments, delta updates, refusals,
// the guide in three formats agreeing with the playlists' DATERANGEs, and a replica that writes
// the same bytes. Slot-exact properties over days are in test/unit/server/channel/conformance.test.ts.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { comparableAnswer, expectJson, startTestApp, type TestApp } from '../helpers/app.js';
import { buildChannelLibrary, createChannel, parseLivePlaylist, programmeOf, putSchedule, waitForSlate, type ChannelLibrary, type LivePlaylist } from '../helpers/channel.js';
import { tempDir } from '../helpers/media.js';
import type { ChannelGuide, ChannelItem, ChannelList, FirstFrameStart } from '../../server/contracts/index.js';
import { firstFragmentDecodeTime, readVideoInit } from '../../transcoder/mp4-boxes.js';
import { parseMasterPlaylist } from '../../transcoder/playlist.js';

const SEG = 2000;

describe('HTTP: the live channel', function () {
  this.timeout(600_000);
  let app: TestApp;
  let replica: TestApp;
  let lib: ChannelLibrary;
  let channelId: string;
  let slateId: string;

  const text = async (url: string, status = 200) => {
    const res = await app.api(url);
    const body = await res.text();
    expect(res.status, `${url}: ${body}`).to.equal(status);
    return { body, headers: res.headers };
  };
  const channel = async (query: string) => expectJson<ChannelItem>(await app.api(`/api/channels/${channelId}${query}`), 200);
  const masterOf = async (region: string) => (await channel(`?region=${region}`)).hls;
  const base = (master: string) => master.slice(0, master.lastIndexOf('/') + 1);
  const uris = (master: string) => [...master.matchAll(/URI="([^"]+)"|^([^#\n][^\n]*)$/gm)].map((m) => m[1] ?? m[2]!);
  /** Every media playlist of the master, all read within one slot (retried when the clock ticks between two reads). */
  const playlistsInOneSlot = async (region: string): Promise<Map<string, LivePlaylist & { text: string }>> => {
    const master = await masterOf(region);
    const names = uris((await text(master)).body);
    for (let attempt = 0; attempt < 10; attempt++) {
      const out = new Map<string, LivePlaylist & { text: string }>();
      for (const name of names) {
        const t = (await text(base(master) + name)).body;
        out.set(name, { ...parseLivePlaylist(t), text: t });
      }
      if (new Set([...out.values()].map((p) => p.mediaSequence)).size === 1) return out;
    }
    throw new Error('the clock ticked between reads ten times in a row');
  };

  before(async () => {
    const playbackSecret = randomBytes(32).toString('hex');
    // A stand-in for the built player: the live page's first frame goes into its index (the real bundle: test/browser/live-page.test.ts).
    const playerDir = await tempDir('podium-player-');
    writeFileSync(path.join(playerDir, 'index.html'), ['<!doctype html><html><head>', '<script type="module" src="/app.js"></script>', '<link rel="stylesheet" href="/app.css" />', '</head><body><div id="root"></div></body></html>', ''].join('\n'));
    writeFileSync(path.join(playerDir, 'first-frame.js'), 'window.podiumFirstFrame=null;');
    app = await startTestApp({ playerDir, ensureSlate: true, settings: { playbackSecret, channelDvrSec: 120, catalogCacheSec: 0 } });
    const since = new Date(Date.now() - 86_400_000).toISOString();
    // A is not licensed in the US (the slate airs there), B not in CN (C, its alternative there, airs instead).
    lib = await buildChannelLibrary(app, { a: [{ regions: ['WW'], exclude: ['US'], start: since }], b: [{ regions: ['WW'], exclude: ['CN'], start: since }] });
    await waitForSlate(app);
    slateId = (await app.podium.slate.current())!.programmeId;
    channelId = await createChannel(app, { slug: 'olympic-live', names: { en: 'Olympic Live', fr: 'Olympique en direct' }, languages: ['en', 'fr'], subtitleLanguages: ['en'], timezone: 'Europe/Paris', loop: true });
    // The loop began two minutes ago: A, B (C in CN), D, a 4-second gap, C. A cycle of 30 s.
    const start = new Date(Math.floor((Date.now() - 120_000) / SEG) * SEG).toISOString();
    await putSchedule(app, channelId, [{ programmeId: lib.a, start }, { programmeId: lib.b, alternatives: { CN: lib.c } }, { programmeId: lib.d }, { programmeId: lib.c, start: new Date(Date.parse(start) + 24_000).toISOString() }]);
    replica = await startTestApp({ dataDir: app.dataDir, settings: { playbackSecret, channelDvrSec: 120, catalogCacheSec: 0, workers: 0 } });
  });
  after(async () => {
    await replica?.close();
    await app?.close();
  });

  it('GET /api/channels lists the channel with its signed master and now/next in the viewer’s language', async () => {
    const list = await expectJson<ChannelList>(await app.api('/api/channels?region=FR&lang=fr'), 200);
    const item = list.items.find((c) => c.id === channelId)!;
    expect(item).to.include({ slug: 'olympic-live', name: 'Olympique en direct', locale: 'fr', timezone: 'Europe/Paris', dvrSec: 120 });
    expect(item.hls).to.match(/^\/live\/t\/[^/]+\/[0-9a-f-]{36}\/master\.m3u8$/);
    for (const airing of [item.now, item.next]) {
      if (!airing) continue; // the slate (the 4-second gap) has no now
      expect(airing.title).to.match(/\(fr\)$/);
      expect(Date.parse(airing.end) - Date.parse(airing.start)).to.be.greaterThan(0);
      expect(Date.parse(airing.start) % SEG).to.equal(0);
    }
    expect(item.next, 'a loop always has a next programme').to.not.equal(null);
    const detail = await channel('?region=FR&lang=fr');
    expect(detail.hls).to.equal(item.hls);
  });

  it('master: fixed variants honest for every programme, an audio rendition per channel language, subtitles, I-frames', async () => {
    const master = (await text(await masterOf('FR'))).body;
    expect(master).to.not.match(/PLAYLIST-TYPE/);
    const audio = [...master.matchAll(/#EXT-X-MEDIA:TYPE=AUDIO,[^\n]*LANGUAGE="([^"]+)"/g)].map((m) => m[1]);
    expect(audio).to.deep.equal(['en', 'fr']);
    expect([...master.matchAll(/#EXT-X-MEDIA:TYPE=SUBTITLES,[^\n]*LANGUAGE="([^"]+)"/g)].map((m) => m[1])).to.deep.equal(['en']);
    const variants = [...master.matchAll(/#EXT-X-STREAM-INF:([^\n]+)/g)].map((m) => m[1]!);
    expect(variants.length).to.be.greaterThan(0);
    for (const v of variants) expect(v).to.match(/BANDWIDTH=\d+/).and.match(/CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/).and.match(/FRAME-RATE=30\.000/);
    // Honest: a variant's BANDWIDTH covers the peak of every segment it can carry (measured below on the live playlists).
    expect(master).to.match(/#EXT-X-I-FRAME-STREAM-INF:/);
  });

  it('media playlists: one sequence for every rendition, DISCONTINUITY + MAP + PROGRAM-DATE-TIME at each boundary, the same DATERANGEs everywhere', async () => {
    const all = await playlistsInOneSlot('FR');
    const first = [...all.values()][0]!;
    const edge = Math.floor(Date.now() / SEG);
    for (const [name, p] of all) {
      expect(p.forbidden, name).to.deep.equal([]);
      expect(p.targetDuration, name).to.equal(2);
      expect(p.discontinuitySequence, name).to.equal(first.discontinuitySequence);
      expect(p.segments.length, name).to.equal(60);
      expect(p.dateRanges, name).to.deep.equal(first.dateRanges);
      expect(p.segments.map((s) => s.discontinuity), name).to.deep.equal(first.segments.map((s) => s.discontinuity));
      // The live edge: the last listed slot ended at most one segment ago (or is ending now).
      expect(p.mediaSequence + p.segments.length - 1, name).to.be.within(edge - 3, edge);
      p.segments.forEach((s, i) => {
        expect(s.durationSec, `${name} #${i}`).to.be.within(1.9, 2.1);
        if (i === 0 || s.discontinuity) {
          // Video dates are the slot's; audio ones follow its own AAC segment lengths within a few ms.
          expect(Math.abs(Date.parse(s.programDateTime!) - (p.mediaSequence + i) * SEG), `${name} #${i} PDT`).to.be.below(/^v/.test(name) ? 1 : 60);
          if (!name.startsWith('s-')) expect(s.map, `${name} #${i} MAP`).to.be.a('string');
        } else expect([s.map, s.programDateTime], `${name} #${i}`).to.deep.equal([null, null]);
      });
    }
    // A boundary is a change of programme in the video playlist, and only there (or a slate restart).
    const video = [...all].find(([n]) => /^v\d+\.m3u8$/.test(n))![1];
    video.segments.forEach((s, i) => {
      if (i === 0) return;
      if (programmeOf(s.uri) !== programmeOf(video.segments[i - 1]!.uri)) expect(s.discontinuity, `#${i}`).to.equal(true);
    });
    // Each DATERANGE is a programme that airs in the window, starting on the first segment of its run.
    for (const d of first.dateRanges) {
      expect(d.CLASS).to.equal('org.podium.programme');
      expect([lib.a, lib.b, lib.c, lib.d]).to.include(d['X-PROGRAMME-ID']);
      const startSlot = Date.parse(d['START-DATE']!) / SEG;
      const i = startSlot - video.mediaSequence;
      if (i >= 0 && i < video.segments.length) {
        expect(programmeOf(video.segments[i]!.uri)).to.equal(d['X-PROGRAMME-ID']);
        expect(video.segments[i]!.discontinuity || i === 0).to.equal(true);
      }
    }
  });

  it('segments are the programmes’ own files under signed URLs; French audio where the programme has it, its main audio elsewhere; empty WebVTT where subtitles are missing', async () => {
    const all = await playlistsInOneSlot('FR');
    const fr = all.get('a-fr.m3u8')!;
    const en = all.get('a-en.m3u8')!;
    const subs = all.get('s-en.m3u8')!;
    fr.segments.forEach((s, i) => {
      const id = programmeOf(s.uri);
      const other = en.segments[i]!;
      if (id === lib.a) expect(s.uri, 'A carries its fr commentary in a-fr').to.not.equal(other.uri);
      else expect(s.uri, 'a programme without fr airs its main audio').to.equal(other.uri);
      if (id === lib.a) expect(subs.segments[i]!.uri).to.match(/\.vtt$/).and.match(/^\/media\/t\//);
      else expect(subs.segments[i]!.uri).to.equal('/live/empty.vtt');
    });
    const video = [...all].find(([n]) => /^v\d+\.m3u8$/.test(n))![1];
    for (const s of [...video.segments.slice(-6), ...fr.segments.slice(-3)]) {
      const res = await app.api(s.uri);
      expect(res.status, s.uri).to.equal(200);
      expect(res.headers.get('cache-control')).to.match(/immutable/);
      await res.arrayBuffer();
    }
    const vtt = await app.api('/live/empty.vtt');
    expect(await vtt.text()).to.match(/^WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00\.000/);
  });

  it('regions: CN airs C in B’s slots; US airs the slate where A is blacked out; a token of one region is refused in another (451)', async () => {
    const seen = async (region: string) => {
      const master = await masterOf(region);
      const name = uris((await text(master)).body).find((n) => /^v\d+\.m3u8$/.test(n))!;
      return { master, programmes: new Set(parseLivePlaylist((await text(base(master) + name)).body).segments.map((s) => programmeOf(s.uri))) };
    };
    const fr = await seen('FR');
    const cn = await seen('CN');
    const us = await seen('US');
    expect(fr.programmes.has(lib.b)).to.equal(true);
    expect(cn.programmes.has(lib.b)).to.equal(false);
    expect(cn.programmes.has(lib.c)).to.equal(true);
    expect(us.programmes.has(lib.a)).to.equal(false);
    expect(us.programmes.has(slateId)).to.equal(true);
    expect(fr.master).to.not.equal(cn.master);
    const res = await app.api(`${cn.master}?region=FR`);
    expect(res.status).to.equal(451);
    expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('unavailable_in_region');
  });

  it('delta updates: _HLS_skip=YES lists the last minute and skips the rest, with the same sequence numbers, v2 skips older DATERANGEs too; refusals are clear', async () => {
    const master = await masterOf('FR');
    const name = uris((await text(master)).body).find((n) => /^v\d+\.m3u8$/.test(n))!;
    let checked = false;
    for (let attempt = 0; attempt < 10 && !checked; attempt++) {
      const full = parseLivePlaylist((await text(base(master) + name)).body);
      const d = parseLivePlaylist((await text(`${base(master) + name}?_HLS_skip=YES`)).body);
      const v2 = parseLivePlaylist((await text(`${base(master) + name}?_HLS_skip=v2`)).body);
      if (d.mediaSequence !== full.mediaSequence || v2.mediaSequence !== full.mediaSequence) continue;
      expect(full.canSkipUntil).to.equal(60);
      expect(full.canSkipDateRanges).to.equal(true);
      expect([full.version, d.version, v2.version]).to.deep.equal([7, 9, 10]);
      expect(d.skipped).to.equal(30);
      expect(d.segments.map((s) => s.uri)).to.deep.equal(full.segments.slice(30).map((s) => s.uri));
      expect(d.segments[0]!.programDateTime).to.equal(new Date((d.mediaSequence + 30) * SEG).toISOString());
      // YES repeats every DATERANGE; v2 only those of programmes begun in the last minute it lists,
      // and names those that left the window in the minute before its start (as many as the guide has there)
      expect(d.dateRanges).to.deep.equal(full.dateRanges);
      expect(d.recentlyRemoved).to.equal(null);
      expect(v2.skipped).to.equal(30);
      expect(v2.segments).to.deep.equal(d.segments);
      const listedFrom = (v2.mediaSequence + 30) * SEG;
      expect(v2.dateRanges).to.deep.equal(full.dateRanges.filter((r) => Date.parse(r['START-DATE']!) >= listedFrom));
      expect(v2.dateRanges.length).to.be.lessThan(full.dateRanges.length);
      const windowStart = v2.mediaSequence * SEG;
      const iso = (ms: number) => new Date(ms).toISOString();
      const before = await expectJson<ChannelGuide>(await app.api(`/api/channels/${channelId}/guide?region=FR&from=${iso(windowStart - 60_000)}&to=${iso(windowStart)}`), 200);
      expect(v2.recentlyRemoved!.length).to.equal(before.items.filter((g) => Date.parse(g.end) <= windowStart && Date.parse(g.end) > windowStart - 60_000).length);
      for (const id of v2.recentlyRemoved!) expect(full.dateRanges.map((r) => r.ID)).to.not.include(id);
      checked = true;
    }
    expect(checked, 'three playlists read within one slot').to.equal(true);
    const bad = await app.api(`${base(master) + name}?_HLS_skip=maybe`);
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).to.equal('_HLS_skip');
    const token = master.split('/')[3]!;
    const tampered = master.replace(token, token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA'));
    expect((await app.api(tampered)).status).to.equal(403);
    expect((await app.api(base(master) + 'v9999.m3u8')).status).to.equal(404);
    expect((await app.api(`/api/channels/${channelId}?region=FR`, { headers: {} })).headers.get('cache-control')).to.equal('public, max-age=2');
    const { headers } = await text(base(master) + name);
    expect(headers.get('cache-control')).to.equal('public, max-age=1');
    // A CDN keeps one copy per URL and coding: Vary on Accept-Encoding only, not language or cookies; the master revalidated; preflights cacheable.
    expect(headers.get('vary')).to.equal('Accept-Encoding');
    expect((await app.api(master, { headers: { cookie: 'podium_lang=fr' } })).headers.get('cache-control')).to.equal('no-cache');
    const pre = await app.api(base(master) + name, { method: 'OPTIONS', headers: { origin: 'https://player.example', 'access-control-request-method': 'GET' } });
    expect(pre.status).to.equal(204);
    expect(pre.headers.get('access-control-max-age')).to.equal('86400');
    expect(pre.headers.get('cache-control')).to.equal('public, max-age=86400');
    expect(pre.headers.get('vary')).to.equal(null);
    // Revalidation within the slot: 304 on the playlist's ETag (made once per slot with its bytes).
    for (let attempt = 0; attempt < 10; attempt++) {
      const slot = Math.floor(Date.now() / SEG);
      const first = await app.api(base(master) + name);
      await first.arrayBuffer();
      // (fetch adds Cache-Control: no-cache to a conditional request unless it has its own)
      const again = await app.api(base(master) + name, { headers: { 'if-none-match': first.headers.get('etag')!, 'cache-control': 'max-age=0' } });
      if (Math.floor(Date.now() / SEG) !== slot) continue;
      expect(first.headers.get('etag')).to.match(/^"[\w-]{27}(\.gz)?"$/); // fetch asks for gzip
      expect(again.status).to.equal(304);
      break;
    }
    expect(headers.get('content-type')).to.match(/application\/vnd\.apple\.mpegurl/);
  });

  it('media playlists and delta updates answered before express (server/http/media-fast-path.ts) get the same status, headers and bytes as through express, gzip to clients that accept it', async () => {
    const master = await masterOf('FR');
    const names = uris((await text(master)).body).filter((n) => n.endsWith('.m3u8'));
    const answer = (p: string, headers?: Record<string, string>) => comparableAnswer(app.baseUrl, p, headers);
    const gzip = { 'accept-encoding': 'gzip' };
    let gzipped = 0;
    for (const name of [names[0]!, names[names.length - 1]!]) {
      for (const skip of ['', '_HLS_skip=YES', '_HLS_skip=v2']) {
        for (let attempt = 0; ; attempt++) {
          const slot = Math.floor(Date.now() / SEG);
          const served = app.podium.deliveryFastPath.served();
          const fast = await answer(base(master) + name + (skip ? `?${skip}` : ''));
          const viaExpress = await answer(`${base(master) + name}?region=FR${skip ? `&${skip}` : ''}`); // another query: express
          const fastGzip = await answer(base(master) + name + (skip ? `?${skip}` : ''), gzip);
          const viaExpressGzip = await answer(`${base(master) + name}?region=FR${skip ? `&${skip}` : ''}`, gzip);
          if (Math.floor(Date.now() / SEG) !== slot && attempt < 10) continue;
          expect(app.podium.deliveryFastPath.served(), `${name} ${skip}`).to.equal(served + 2);
          expect(fast.status).to.equal(200);
          expect(fast.headers, `${name} ${skip}`).to.deep.equal(viaExpress.headers);
          expect(fast.body.equals(viaExpress.body), `${name} ${skip}`).to.equal(true);
          expect(fast.headers.vary).to.equal('Accept-Encoding');
          expect(fastGzip.headers, `${name} ${skip} gzip`).to.deep.equal(viaExpressGzip.headers);
          expect(fastGzip.body.equals(viaExpressGzip.body), `${name} ${skip} gzip`).to.equal(true);
          // Playlists of 1 kB and more go out gzip, decoding to the same bytes.
          if (fast.body.length >= 1024) {
            gzipped++;
            expect(fastGzip.headers['content-encoding']).to.equal('gzip');
            expect(fastGzip.headers.etag).to.equal(`${fast.headers.etag!.slice(0, -1)}.gz"`);
            expect(gunzipSync(fastGzip.body).equals(fast.body), `${name} ${skip} gzip`).to.equal(true);
          } else expect(fastGzip.body.equals(fast.body)).to.equal(true);
          break;
        }
      }
    }
    expect(gzipped, 'full playlists are over 1 kB').to.be.at.least(2);
    // The master (revalidated by every viewer) and a bad _HLS_skip stay with express.
    const served = app.podium.deliveryFastPath.served();
    expect((await answer(master)).status).to.equal(200);
    expect((await answer(`${base(master) + names[0]!}?_HLS_skip=maybe`)).status).to.equal(400);
    expect(app.podium.deliveryFastPath.served()).to.equal(served);
  });

  it('guide: the JSON guide, XMLTV (valid against the DTD) and M3U agree with the playlists’ DATERANGEs to the millisecond', async () => {
    const all = await playlistsInOneSlot('FR');
    const ranges = [...all.values()][0]!.dateRanges;
    const guide = await expectJson<ChannelGuide>(await app.api(`/api/channels/${channelId}/guide?region=FR&lang=fr&from=${new Date(Date.now() - 130_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`), 200);
    for (const d of ranges) {
      const item = guide.items.find((g) => g.start === d['START-DATE'])!;
      expect(item, d['START-DATE']).to.not.equal(undefined);
      expect(item.programmeId).to.equal(d['X-PROGRAMME-ID']);
      expect(Date.parse(item.end) - Date.parse(item.start)).to.equal(Number(d.DURATION) * 1000);
      expect(item.title).to.match(/\(fr\)$/);
    }
    const xml = await text('/api/epg.xml?region=FR');
    const dir = await tempDir('podium-epg-');
    writeFileSync(path.join(dir, 'epg.xml'), xml.body);
    execFileSync('xmllint', ['--noout', '--dtdvalid', '/usr/share/xmltv/xmltv.dtd', path.join(dir, 'epg.xml')]);
    const xmltvStart = (iso: string) => iso.replace(/[-:T]/g, '').slice(0, 14) + ' +0000';
    for (const d of ranges) expect(xml.body).to.include(`start="${xmltvStart(d['START-DATE']!)}"`);
    const m3u = (await text('/api/channels.m3u?region=FR')).body;
    const tvgId = /tvg-id="([^"]+)"/.exec(m3u)![1]!;
    expect(xml.body).to.include(`<channel id="${tvgId}">`);
    expect(m3u).to.match(/^#EXTM3U/);
  });

  it('/channel/:id carries the live edge’s start: the start rung’s and default audio’s segments near the edge, of one programme, placed on the timeline of the playlists pinned to the page’s slot (?slot=: the same bytes, on a replica too)', async () => {
    const res = await app.api(`/channel/${channelId}?region=FR`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const html = await res.text();
    const start = JSON.parse(/<script type="application\/json" id="podium-first-frame">(.*?)<\/script>/.exec(html)![1]!) as FirstFrameStart;
    // first-frame.js inline, allowed by its hash alone
    const inline = /<script>([^]*?)<\/script>/.exec(html)![1]!;
    expect(res.headers.get('content-security-policy')).to.include(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    const master = await masterOf('FR');
    expect(start).to.include({ programmeId: channelId, master, durationSec: 0 });
    // the master's first variant and its DEFAULT audio, as on the watch page
    const m = parseMasterPlaylist((await text(master)).body);
    const audio = m.media.find((x) => x.TYPE === 'AUDIO' && x.DEFAULT === 'YES')!.URI!;
    expect(start.live!.playlists.map((p) => p.url)).to.deep.equal([base(master) + m.variants[0]!.uri, base(master) + audio]);
    expect(start.tracks.map((t) => t.type)).to.deep.equal(['video', 'audio']);
    const slot = Number(/\?slot=(\d+)$/.exec(start.live!.playlists[0]!.pinned)![1]);
    const places: number[] = [];
    for (const [i, p] of start.live!.playlists.entries()) {
      expect(p.pinned).to.equal(`${p.url}?slot=${slot}`);
      const pinned = await text(p.pinned);
      expect(pinned.headers.get('cache-control')).to.equal('public, max-age=60');
      expect(await (await replica.api(p.pinned)).text(), 'a replica pins the same bytes').to.equal(pinned.body);
      const pl = parseLivePlaylist(pinned.body);
      expect(pl.mediaSequence + pl.segments.length - 1, 'its live edge is the page’s slot').to.equal(slot);
      // the track: its init segment, then consecutive segments of one programme, 3–11 s before the end (hls.js starts 6 s behind)
      const [map, ...segments] = start.tracks[i]!.urls;
      // (a loop airs a programme's files again and again: their last airing in the window)
      const at = pl.segments.map((s) => s.uri).lastIndexOf(segments[0]!);
      expect(segments.length).to.be.within(1, 3);
      expect(pl.segments.slice(at, at + segments.length).map((s) => s.uri)).to.deep.equal(segments);
      expect(pl.segments.slice(at + 1, at + segments.length).some((s) => s.discontinuity)).to.equal(false);
      expect(map).to.equal(pl.segments.slice(0, at + 1).reverse().find((s) => s.map)!.map);
      expect(pl.segments.slice(at).reduce((sum, s) => sum + s.durationSec, 0)).to.be.within(3, 11);
      for (const u of start.tracks[i]!.urls) expect((await app.api(u)).status, u).to.equal(200);
      places.push(pl.segments.slice(0, at).reduce((sum, s) => sum + s.durationSec, 0));
    }
    // The offset hls.js gives the segments (its initPTS from the first): their place in the pinned
    // playlist minus their decode time, read from the files; the audio takes the video's.
    const [init, first] = await Promise.all(start.tracks[0]!.urls.slice(0, 2).map(async (u) => Buffer.from(await (await app.api(u)).arrayBuffer())));
    const timescale = readVideoInit(init!).timescale;
    expect(start.tracks[0]!.timestampOffset).to.be.closeTo(places[0]! - firstFragmentDecodeTime(first!) / timescale, 1e-9);
    expect(start.tracks[1]!.timestampOffset).to.equal(start.tracks[0]!.timestampOffset);
    // a pinned slot is the playlist its edge answered, byte for byte, once the edge has moved on too
    const video = start.live!.playlists[0]!.url;
    const atEdge = await text(video);
    const edge = parseLivePlaylist(atEdge.body);
    const edgeSlot = edge.mediaSequence + edge.segments.length - 1;
    while (Math.floor(Date.now() / SEG) - 1 <= edgeSlot) await new Promise((r) => setTimeout(r, 200));
    expect((await text(`${video}?slot=${edgeSlot}`)).body).to.equal(atEdge.body);
    expect(parseLivePlaylist((await text(video)).body).mediaSequence, 'the edge goes on meanwhile').to.be.greaterThan(edge.mediaSequence);
    // a pinned slot is a recent live edge, nothing else
    expect((await app.api(`${video}?slot=${slot + 100}`)).status).to.equal(404);
    expect((await app.api(`${video}?slot=${slot - 1000}`)).status).to.equal(404);
    const bad = await app.api(`${video}?slot=soon`);
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).to.equal('slot');
    // no such channel: the plain page (the app says so)
    for (const path of ['/channel/7b0f3f7e-2d0a-4d7a-9d55-8f0e3c2b1a00', '/channel/not-an-id']) {
      const plain = await app.api(path);
      expect(plain.status, path).to.equal(200);
      const body = await plain.text();
      expect(body, path).to.include('id="root"');
      expect(body, path).not.to.include('podium-first-frame');
    }
  });

  it('a replica reading the same database answers byte-identical playlists for the same slot', async () => {
    const master = await masterOf('CN');
    for (const name of ['master.m3u8', ...uris((await text(master)).body)]) {
      for (let attempt = 0; ; attempt++) {
        const slot = Math.floor(Date.now() / SEG);
        const [a, b] = await Promise.all([app.api(base(master) + name), replica.api(base(master) + name)]);
        const [ta, tb] = [await a.text(), await b.text()];
        if (Math.floor(Date.now() / SEG) !== slot && attempt < 10) continue;
        expect(tb, name).to.equal(ta);
        break;
      }
    }
  });

  it('a schedule edit shows in the playlists at the slot it names, and the media sequence never goes back', async () => {
    const master = await masterOf('FR');
    const name = uris((await text(master)).body).find((n) => /^v\d+\.m3u8$/.test(n))!;
    const before = parseLivePlaylist((await text(base(master) + name)).body);
    const start = new Date(Math.ceil((Date.now() + 6000) / SEG) * SEG).toISOString();
    await putSchedule(app, channelId, [{ programmeId: lib.d, start }]);
    // Until the new entry's first slot has aired (the live edge is the last slot that has fully aired).
    while (Math.floor(Date.now() / SEG) - 1 <= Date.parse(start) / SEG + 1) await new Promise((r) => setTimeout(r, 500));
    const after = parseLivePlaylist((await text(base(master) + name)).body);
    expect(after.mediaSequence).to.be.greaterThan(before.mediaSequence);
    const i = Date.parse(start) / SEG - after.mediaSequence;
    expect(programmeOf(after.segments[i]!.uri)).to.equal(lib.d);
    expect(after.segments[i]!.discontinuity).to.equal(true);
  });
});
