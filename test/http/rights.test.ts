// Broadcast rights through the real app: lists filtered per region, 451 (localized, with
// availableFrom) on detail, master and variant playlists and segments, signed URLs bound to
// programme and region, and windows that open or close without a restart. One transcoded
// programme serves the whole file.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { expect } from 'chai';
import { startTestApp, waitForJob, type TestApp } from '../helpers/app.js';
import { makeClip } from '../helpers/media.js';
import { createProgramme, getItem, iso, listIds, setWindows, sleep, type Item } from './viewer-helpers.js';

describe('HTTP: broadcast rights and signed playback', function () {
  this.timeout(180_000);
  let app: TestApp;
  // A second server on the same database and media behind a CDN that sets cf-ipcountry (the same
  // playback secret, as replicas share it): there the header decides the region, not ?region=.
  let cdn: TestApp;
  let played: string; // transcoded; CN + MO (the mainland rights territory)
  let hkOnly: string;
  let worldwide: string;
  let future: string;
  let except: string; // WW minus FR
  let futureStart: string;
  let audit: Record<string, unknown>[];

  before(async () => {
    const playbackSecret = randomBytes(32).toString('hex');
    app = await startTestApp({ settings: { playbackSecret } });
    // …and a short URL lifetime (PODIUM_PLAYBACK_TOKEN_TTL_SEC=60), below the 5-minute expiry bucket
    cdn = await startTestApp({ dataDir: app.dataDir, settings: { playbackSecret, regionHeader: 'cf-ipcountry', workers: 0, catalogCacheSec: 0, playbackTokenTtlSec: 60, channelDvrSec: 30 } });
    // rights decisions go to pino through the app's RightsAudit; record what it is given
    audit = [];
    const logger = app.podium.viewing.audit;
    const original = logger.record.bind(logger);
    logger.record = (e) => {
      audit.push(e);
      original(e);
    };
    played = await createProgramme(app, { en: { title: 'Speed climbing' }, 'zh-Hans': { title: '攀岩速度赛' }, 'zh-Hant': { title: '攀岩速度賽' } }, { windows: [{ regions: ['CN', 'MO'], start: iso(-86_400_000), end: null }] });
    const clip = await makeClip({ width: 320, height: 180, fps: 25, durationSec: 2, label: 'rights' });
    const put = await app.api(`/api/programmes/${played}/source`, { method: 'PUT', auth: true, body: fs.readFileSync(clip) });
    expect(put.status).to.equal(202);
    const job = await waitForJob(app, ((await put.json()) as { jobId: string }).jobId, 150_000);
    expect(job.state, job.error ?? '').to.equal('succeeded');
    hkOnly = await createProgramme(app, { en: { title: 'Table tennis' } }, { windows: [{ regions: ['HK'], start: iso(-86_400_000) }] });
    worldwide = await createProgramme(app, { en: { title: '100 m final' } }); // PODIUM_DEFAULT_AVAILABILITY=worldwide
    futureStart = '2031-08-09T00:00:00.000Z';
    future = await createProgramme(app, { en: { title: 'Breaking' } }, { windows: [{ regions: ['WW'], start: futureStart }] });
    except = await createProgramme(app, { en: { title: 'Rowing' } }, { windows: [{ regions: ['WW'], exclude: ['FR'], start: iso(-1000) }] });
  });
  after(async () => {
    await cdn?.close();
    await app?.close();
  });

  it('lists only what the region may watch now', async () => {
    const mine = (ids: string[]) => ids.filter((id) => [played, hkOnly, worldwide, future, except].includes(id)).sort();
    const expectList = async (query: string, expected: string[], headers: Record<string, string> = {}, via = app) =>
      expect(mine(await listIds(via, query, headers)), query || JSON.stringify(headers)).to.deep.equal([...expected].sort());
    await expectList('?region=CN', [played, worldwide, except]);
    await expectList('?region=MO', [played, worldwide, except]);
    await expectList('?region=HK', [hkOnly, worldwide, except]);
    await expectList('?region=FR', [worldwide]);
    await expectList('', [worldwide, except]); // default WW: only worldwide windows
    await expectList('', [played, worldwide, except], { 'cf-ipcountry': 'CN' }, cdn);
  });

  it('detail: 451 with a message in the viewer language and availableFrom', async () => {
    const fr = await getItem(app, played, '?region=FR&lang=fr');
    expect(fr.status).to.equal(451);
    expect(fr.body.error).to.deep.equal({ code: 'unavailable_in_region', message: 'Ce programme n’est pas disponible dans votre région.', availableFrom: null });
    const later = await getItem(app, future, '?region=HK', { 'accept-language': 'zh-HK' });
    expect(later.status).to.equal(451);
    expect(later.body.error!.availableFrom).to.equal(futureStart);
    expect(later.body.error!.message).to.match(/2031年8月9日/).and.match(/地區/); // zh-Hant, date in Hong Kong time
    const en = await getItem(app, future, '?region=GB&lang=en-GB');
    expect(en.body.error!.message).to.equal('This programme is not available in your region until 9 August 2031.');
    const de = await getItem(app, except, '?region=FR&lang=de');
    expect(de.status).to.equal(451);
    expect(de.body.error!.message).to.equal('Diese Sendung ist in Ihrer Region nicht verfügbar.');
    expect(audit.some((e) => e.programmeId === played && e.region === 'FR' && e.decision === 'deny' && e.surface === 'detail')).to.equal(true);
    expect(JSON.stringify(audit)).not.to.match(/127\.0\.0\.1|user-agent|cookie/i);
  });

  async function playback(region: string) {
    const item = (await getItem(app, played, `?region=${region}`)).body as Item;
    expect(item.hls).to.match(new RegExp(`^/media/t/${region}\\.[^/]+/${played}/[^/]+/master\\.m3u8$`));
    const master = await (await app.api(item.hls!)).text();
    const variantUri = master.split('\n').find((l) => l && !l.startsWith('#'))!;
    const variant = new URL(variantUri, app.baseUrl + item.hls!).pathname;
    const variantText = await (await app.api(variant)).text();
    const segUri = variantText.split('\n').find((l) => l && !l.startsWith('#'))!;
    const segment = new URL(segUri, app.baseUrl + variant).pathname;
    return { master: item.hls!, variant, segment, poster: item.poster! };
  }

  it('signed URLs play in their region: master, variant, segment and poster', async () => {
    const cn = await playback('CN');
    for (const p of [cn.master, cn.variant, cn.segment, cn.poster]) expect((await app.api(p)).status, p).to.equal(200);
    // bytes that do not depend on the viewer's language stay cacheable: no Content-Language, Vary only on the CDN header
    const seg = await app.api(cn.segment, { headers: { 'accept-language': 'fr' } });
    expect(seg.headers.get('content-language')).to.equal(null);
    expect(seg.headers.get('vary')).to.equal(null);
    expect(seg.headers.get('cache-control')).to.match(/immutable/);
    const behindCdn = await cdn.api(cn.segment, { headers: { 'accept-language': 'fr', 'cf-ipcountry': 'CN' } });
    expect(behindCdn.status).to.equal(200);
    expect(behindCdn.headers.get('content-language')).to.equal(null);
    expect(behindCdn.headers.get('vary')).to.equal('cf-ipcountry');
    // playlists vary with the coding too (gzip to clients that accept it: server/http/playlist-gzip.ts)
    expect((await cdn.api(cn.variant, { headers: { 'cf-ipcountry': 'CN' } })).headers.get('vary')).to.equal('Accept-Encoding, cf-ipcountry');
    // the same with the region stated (query, or the CDN header where one is trusted)
    expect((await app.api(`${cn.master}?region=CN`)).status).to.equal(200);
    expect((await cdn.api(cn.master, { headers: { 'cf-ipcountry': 'CN' } })).status).to.equal(200);
  });

  it('a URL issued for CN fails in HK: 451 on master, variant and segment', async () => {
    const cn = await playback('CN');
    for (const p of [cn.master, cn.variant, cn.segment]) {
      for (const [what, via, url, headers] of [
        ['?region=HK', app, `${p}?region=HK&lang=zh-Hant`, {}],
        ['CDN header HK', cdn, p, { 'cf-ipcountry': 'HK', 'accept-language': 'zh-HK' }],
        ['CDN header HK, ?region=CN', cdn, `${p}?region=CN`, { 'cf-ipcountry': 'HK', 'accept-language': 'zh-HK' }],
      ] as const) {
        const res = await via.api(url, { headers });
        expect(res.status, `${what} ${p}`).to.equal(451);
        const { error } = (await res.json()) as { error: { code: string; message: string; availableFrom: null } };
        expect(error.code).to.equal('unavailable_in_region');
        expect(error.message).to.match(/地區/);
      }
    }
    // HK itself gets no URL at all: the detail is 451
    expect((await getItem(app, played, '?region=HK')).status).to.equal(451);
  });

  it('behind a trusted CDN header, ?region= cannot widen the rights (issue 16)', async () => {
    const fromFr = { 'cf-ipcountry': 'FR' };
    // an HK-only programme asked for from France, with and without ?region=HK
    for (const q of ['', '?region=HK']) {
      expect((await getItem(cdn, hkOnly, q, fromFr)).status, q).to.equal(451);
      expect(await listIds(cdn, q, fromFr), q).not.to.include(hkOnly);
      const hits = (await (await cdn.api(`/api/search?q=${encodeURIComponent('Table tennis')}${q.replace('?', '&')}`, { headers: fromFr })).json()) as { items: { id: string }[] };
      expect(hits.items.map((i) => i.id), q).not.to.include(hkOnly);
    }
    expect((await getItem(cdn, hkOnly, '?region=HK', { 'cf-ipcountry': 'HK' })).status).to.equal(200);
    // media: a URL signed for CN, asked for from France with ?region=CN, is refused
    const cn = await playback('CN');
    for (const p of [cn.master, cn.variant, cn.segment]) {
      expect((await cdn.api(`${p}?region=CN`, { headers: fromFr })).status, p).to.equal(451);
    }
    // and no URL is signed for a region the header does not give
    const item = await getItem(cdn, played, '?region=CN', fromFr);
    expect(item.status).to.equal(451);
    expect(JSON.stringify(item.body)).not.to.match(/\/media\/t\//);
    // the player learns it cannot choose: /api/regions says so
    const regions = (await (await cdn.api('/api/regions?region=HK', { headers: fromFr })).json()) as { current: string; source: string; selectable: boolean };
    expect(regions).to.include({ current: 'FR', source: 'header', selectable: false });
    const open = (await (await app.api('/api/regions?region=HK')).json()) as { current: string; source: string; selectable: boolean };
    expect(open).to.include({ current: 'HK', source: 'query', selectable: true });
  });

  it('a short token lifetime hands out URLs valid for at least that long, shared within a bucket (issue 16)', async () => {
    const fromCn = { 'cf-ipcountry': 'CN' };
    const before = Math.floor(Date.now() / 1000);
    const first = (await getItem(cdn, played, '', fromCn)).body as Item;
    const second = (await getItem(cdn, played, '?lang=fr', fromCn)).body as Item;
    const exp = parseInt(/^\/media\/t\/CN\.([0-9a-z]+)\./.exec(first.hls!)![1]!, 36);
    expect(exp - before, 'seconds of validity').to.be.at.least(60);
    expect(exp % 300, 'on a 5-minute bucket').to.equal(0);
    expect((await cdn.api(first.hls!, { headers: fromCn })).status).to.equal(200);
    // same region, same bucket: the same URL, whatever the language (unless the bucket turned between the two reads)
    if (Math.floor(Date.now() / 1000) + 60 <= exp) expect(second.hls).to.equal(first.hls);
  });

  it('a forged, tampered or moved token → 403 playback_token_invalid', async () => {
    const cn = await playback('CN');
    const [, , , token] = cn.segment.split('/');
    const forged = cn.segment.replace(token!, token!.replace(/^CN/, 'HK'));
    const tampered = cn.segment.replace(token!, token!.slice(0, -2) + (token!.endsWith('AA') ? 'BB' : 'AA'));
    const moved = cn.segment.replace(played, worldwide);
    // the signature's other spellings (same decoded bytes) and percent-encoded variants of the path
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token!.at(-1)!);
    const respelled = [1, 2, 3].map((low) => cn.segment.replace(token!, token!.slice(0, -1) + alphabet[last + low]));
    const encoded = [cn.segment.replace(`/${token}/`, `/%43${token!.slice(1)}/`), cn.segment.replace(`/${played}/`, `/${played.replace(/[0-9a-f]/, (c) => `%${c.charCodeAt(0).toString(16)}`)}/`), cn.segment.replace(/seg_/, 'seg%5F')];
    expect((await app.api(cn.segment)).status).to.equal(200);
    for (const p of [...respelled, ...encoded, forged, tampered, moved, cn.segment.replace(token!, 'garbage')]) {
      const res = await app.api(p);
      expect(res.status, p).to.be.oneOf([403, 404]);
      if (res.status === 403) expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('playback_token_invalid');
    }
  });

  it('playlists re-check the rights in the database; segments trust the token', async () => {
    const cn = await playback('CN');
    await setWindows(app, played, [{ regions: ['MO'], start: iso(-60_000) }]);
    try {
      const master = await app.api(cn.master);
      expect(master.status).to.equal(451);
      expect((await app.api(cn.variant)).status).to.equal(451);
      expect((await app.api(cn.segment)).status, 'segments are checked by the token alone').to.equal(200);
    } finally {
      await setWindows(app, played, [{ regions: ['CN', 'MO'], start: iso(-86_400_000) }]);
    }
  });

  it('a window that closes takes effect without a restart: out of lists, 451 on detail, playlists and segments', async () => {
    await setWindows(app, played, [{ regions: ['CN', 'MO'], start: iso(-60_000), end: iso(2500) }]);
    const cn = await playback('CN');
    expect((await app.api(cn.segment)).status).to.equal(200);
    expect(await listIds(app, '?region=CN')).to.include(played);
    await sleep(3000);
    expect(await listIds(app, '?region=CN')).not.to.include(played);
    expect((await getItem(app, played, '?region=CN')).status).to.equal(451);
    for (const p of [cn.master, cn.variant, cn.segment]) {
      const res = await app.api(p);
      expect(res.status, p).to.equal(451); // the token never outlives the window
      expect(((await res.json()) as { error: { availableFrom: unknown } }).error.availableFrom).to.equal(null);
    }
    await setWindows(app, played, [{ regions: ['CN', 'MO'], start: iso(-86_400_000) }]);
  });

  it('a window that opens takes effect without a restart', async () => {
    const start = iso(2500);
    await setWindows(app, played, [{ regions: ['CN'], start }]);
    const before = await getItem(app, played, '?region=CN&lang=en');
    expect(before.status).to.equal(451);
    expect(before.body.error!.availableFrom).to.equal(start);
    expect(await listIds(app, '?region=CN')).not.to.include(played);
    await sleep(3000);
    expect(await listIds(app, '?region=CN')).to.include(played);
    const cn = await playback('CN');
    expect((await app.api(cn.segment)).status).to.equal(200);
    await setWindows(app, played, [{ regions: ['CN', 'MO'], start: iso(-86_400_000) }]);
  });

  it('unpublishing hides a programme from viewers at once; publishing shows it again', async () => {
    const post = (action: string) => app.api(`/api/programmes/${worldwide}/${action}`, { method: 'POST', auth: true });
    expect((await post('unpublish')).status).to.equal(200);
    expect(await listIds(app, '')).not.to.include(worldwide);
    expect((await getItem(app, worldwide)).status).to.equal(404);
    const again = await post('publish');
    expect(((await again.json()) as { published: boolean }).published).to.equal(true);
    expect(await listIds(app, '')).to.include(worldwide);
  });

  it('rights decisions are audited with programme, region, decision, reason and surface only', () => {
    const entry = audit.find((e) => e.surface === 'playlist' && e.decision === 'allow')!;
    expect(Object.keys(entry).sort()).to.deep.equal(['decision', 'programmeId', 'reason', 'region', 'surface']);
  });
});
