// Issue 12, schedule eras through the real app and an injected clock: edits made while channels
// are on air — a schedule rewritten over the past, a loop that has repeated for an hour rewritten
// from its first entry, a programme's rights changed back-dated to yesterday — never change what
// a player holding the DVR window has: every segment listed before the edit keeps its URI, its
// discontinuity number and its date in the next playlist, in every rendition; the edit airs from
// the first slot at or after the write; the guide and the XMLTV keep their past; a replica answers
// the same bytes; and pruning old eras, an hour later, changes no byte either. A programme re-packaged
// on air (a subtitle language added) keeps its aired segments' URIs in its old rendition and airs
// the new one from the next slot. On SQLite and PostgreSQL.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { expectJson, startTestApp, waitForJob, type TestApp } from '../helpers/app.js';
import { buildChannelLibrary, createChannel, parseLivePlaylist, programmeOf, putSchedule, waitForSlate, type ChannelLibrary, type LivePlaylist } from '../helpers/channel.js';
import { postgresTestSchema } from '../helpers/databases.js';
import { setWindows } from './viewer-helpers.js';
import type { ChannelGuide, ChannelItem } from '../../server/contracts/index.js';

const SEG = 2000;
const DVR_SEC = 120;

/** A segment as a player keeps it: sequence number → URI, discontinuity number, date. */
interface Held {
  seq: number;
  uri: string;
  cc: number;
  date: number;
}

function held(p: LivePlaylist): Held[] {
  let cc = p.discontinuitySequence;
  let date = NaN;
  return p.segments.map((s, i) => {
    if (i > 0 && s.discontinuity) cc++;
    if (s.programDateTime) date = Date.parse(s.programDateTime);
    const out = { seq: p.mediaSequence + i, uri: s.uri, cc, date };
    date += s.durationSec * 1000;
    return out;
  });
}

for (const database of ['SQLite', 'PostgreSQL'] as const) describe(`HTTP: edits on air never change what has aired (schedule eras, ${database})`, function () {
  this.timeout(900_000);
  let pg: Awaited<ReturnType<typeof postgresTestSchema>> | undefined;
  let clock: number | null = null;
  const now = () => new Date(clock ?? Date.now());
  let app: TestApp;
  let replica: TestApp;
  let lib: ChannelLibrary;
  let oneOff: string;
  let loop: string;
  /** Mid-slot, on air: the clock of the first edit. */
  let T0: number;

  before(async () => {
    const playbackSecret = randomBytes(32).toString('hex');
    if (database === 'PostgreSQL') pg = await postgresTestSchema('podium_eras_http');
    const settings = { playbackSecret, channelDvrSec: DVR_SEC, catalogCacheSec: 0, ...(pg ? { databaseUrl: pg.url } : {}) };
    app = await startTestApp({ now, ensureSlate: true, settings });
    lib = await buildChannelLibrary(app);
    await waitForSlate(app);
    T0 = Math.floor(Date.now() / SEG) * SEG + 700;
    const iso = (ms: number) => new Date(ms).toISOString();
    // One-off: A, B, C, D over and over from 2.5 min before T0 to 2.5 min after.
    oneOff = await createChannel(app, { slug: 'eras-one-off', names: { en: 'One-off' }, languages: ['en', 'fr'], subtitleLanguages: ['en'] });
    const run = Array.from({ length: 48 }, (_, i) => ({ programmeId: [lib.a, lib.b, lib.c, lib.d][i % 4] }));
    await putSchedule(app, oneOff, [{ ...run[0], start: iso(T0 - 150_000) }, ...run.slice(1)]);
    // A loop of A and B (14 s) that began an hour before T0.
    loop = await createChannel(app, { slug: 'eras-loop', names: { en: 'Loop' }, languages: ['en', 'fr'], loop: true });
    await putSchedule(app, loop, [{ programmeId: lib.a, start: iso(T0 - 3600_000) }, { programmeId: lib.b }]);
    replica = await startTestApp({ dataDir: app.dataDir, now, settings: { ...settings, workers: 0 } });
  });
  after(async () => {
    clock = null;
    await replica?.close();
    await app?.close();
    await pg?.drop();
  });

  /** The region's video and French audio playlists as `a` answers them now (read at the clock: one slot). */
  async function playlists(a: TestApp, channelId: string, region = 'FR'): Promise<Map<string, { text: string; p: LivePlaylist }>> {
    const hls = (await expectJson<ChannelItem>(await a.api(`/api/channels/${channelId}?region=${region}`), 200)).hls;
    const base = hls.slice(0, hls.lastIndexOf('/') + 1);
    const master = await (await a.api(hls)).text();
    const video = master.split('\n').find((l) => /^v\d+\.m3u8$/.test(l))!;
    const out = new Map<string, { text: string; p: LivePlaylist }>();
    for (const name of [video, 'a-fr.m3u8']) {
      const res = await a.api(base + name);
      const text = await res.text();
      expect(res.status, `${name}: ${text}`).to.equal(200);
      out.set(name, { text, p: parseLivePlaylist(text) });
    }
    return out;
  }

  /** Every segment both playlists list is the same for a player: URI, discontinuity number, date. Returns how many. */
  function expectKept(before: LivePlaylist, after: LivePlaylist, label: string): number {
    const old = new Map(held(before).map((h) => [h.seq, h]));
    let shared = 0;
    for (const h of held(after)) {
      const o = old.get(h.seq);
      if (!o) continue;
      shared++;
      expect([h.uri, h.cc], `${label}: segment ${h.seq}`).to.deep.equal([o.uri, o.cc]);
      expect(Math.abs(h.date - o.date), `${label}: segment ${h.seq}'s date`).to.be.below(1);
    }
    expect(after.discontinuitySequence, `${label}: the discontinuity sequence never goes back`).to.be.at.least(before.discontinuitySequence);
    return shared;
  }

  const programmesOf = (p: LivePlaylist, fromSeq: number, toSeq: number) => held(p).filter((h) => h.seq >= fromSeq && h.seq < toSeq).map((h) => programmeOf(h.uri));

  const guide = async (channelId: string, fromMs: number, toMs: number) =>
    (await expectJson<ChannelGuide>(await app.api(`/api/channels/${channelId}/guide?region=FR&lang=en&from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`), 200)).items;
  /** The XMLTV programme elements of the region, each with its stop time. */
  const xmltv = async () =>
    [...(await (await app.api('/api/epg.xml?region=FR')).text()).matchAll(/ {2}<programme start="[^"]+" stop="(\d{14}) \+0000" channel="[^"]+">[\s\S]*?<\/programme>/g)].map((m) => ({
      stop: Date.UTC(+m[1]!.slice(0, 4), +m[1]!.slice(4, 6) - 1, +m[1]!.slice(6, 8), +m[1]!.slice(8, 10), +m[1]!.slice(10, 12), +m[1]!.slice(12, 14)),
      text: m[0],
    }));

  it('a schedule rewritten over the past: the DVR window, the guide and the XMLTV keep what aired; the edit airs from the next slot', async () => {
    clock = T0;
    const before = await playlists(app, oneOff);
    const guideBefore = await guide(oneOff, T0 - DVR_SEC * 1000, T0 + 60_000);
    const xmlBefore = await xmltv();
    // From an entry that began a minute ago: D everywhere, C in CN.
    const stored = (await expectJson<{ entries: { start: string }[] }>(await app.api(`/api/channels/${oneOff}/schedule`, { auth: true }), 200)).entries;
    const from = stored.find((e) => Date.parse(e.start) >= T0 - 60_000)!.start;
    await putSchedule(app, oneOff, [{ programmeId: lib.d, start: from, alternatives: { CN: lib.c } }, ...Array.from({ length: 40 }, () => ({ programmeId: lib.d }))]);
    const switchSlot = Math.ceil(T0 / SEG);

    clock = T0 + 10_000;
    const after = await playlists(app, oneOff);
    for (const [name, { p }] of after) {
      const old = before.get(name)!.p;
      expect(expectKept(old, p, name), name).to.equal(60 - 5);
      // What aired since the rewritten entry's start is still A, B, C and D, not the new D throughout…
      const aired = programmesOf(old, Date.parse(from) / SEG, switchSlot);
      expect(programmesOf(p, Date.parse(from) / SEG, Date.parse(from) / SEG + aired.length), name).to.deep.equal(aired);
      expect(aired.some((id) => id !== lib.d), name).to.equal(true);
      // …and from the first slot after the write, D.
      expect(new Set(programmesOf(p, switchSlot, switchSlot + 100)), name).to.deep.equal(new Set([lib.d]));
    }
    // The guide's items that ended before the switch, and the XMLTV's, are as they were.
    const guideAfter = await guide(oneOff, T0 - DVR_SEC * 1000, T0 + 60_000);
    const past = guideBefore.filter((g) => Date.parse(g.end) <= switchSlot * SEG);
    expect(past.length).to.be.greaterThan(10);
    expect(guideAfter).to.deep.include.members(past);
    expect(guideAfter.filter((g) => Date.parse(g.start) >= switchSlot * SEG).every((g) => g.programmeId === lib.d)).to.equal(true);
    const xmlAfter = await xmltv();
    const xmlPast = xmlAfter.filter((x) => x.stop <= switchSlot * SEG);
    expect(xmlPast.length).to.be.greaterThan(10);
    expect(xmlBefore.map((x) => x.text)).to.include.members(xmlPast.map((x) => x.text));
    // The replica answers the same bytes.
    const other = await playlists(replica, oneOff);
    for (const [name, { text }] of after) expect(other.get(name)!.text, name).to.equal(text);
  });

  it('a loop that has repeated for an hour, rewritten from its first entry: past repetitions stay, the new loop airs from the next slot', async () => {
    clock = T0 + 10_000;
    const before = await playlists(app, loop);
    const first = held([...before.values()][0]!.p);
    expect(new Set(first.map((h) => programmeOf(h.uri)))).to.deep.equal(new Set([lib.a, lib.b]));
    // The same first start, a 20 s cycle of C, D, A: every repetition since would move if re-derived.
    await putSchedule(app, loop, [{ programmeId: lib.c, start: new Date(T0 - 3600_000).toISOString() }, { programmeId: lib.d }, { programmeId: lib.a }]);
    const switchSlot = Math.ceil((T0 + 10_000) / SEG);
    clock = T0 + 20_000;
    const after = await playlists(app, loop);
    for (const [name, { p }] of after) {
      expect(expectKept(before.get(name)!.p, p, name), name).to.equal(60 - 5);
      const since = programmesOf(p, switchSlot, switchSlot + 100);
      expect(since.length).to.equal(p.mediaSequence + 60 - switchSlot);
      expect(since.every((id) => [lib.a, lib.c, lib.d].includes(id)), name).to.equal(true);
      expect(since.some((id) => id === lib.c || id === lib.d), `${name}: the new loop airs`).to.equal(true);
      const at = held(p).find((h) => h.seq === switchSlot)!;
      const prev = held(p).find((h) => h.seq === switchSlot - 1)!;
      // What airs changes at the switch (B, then D): one discontinuity more.
      expect([programmeOf(prev.uri), programmeOf(at.uri), at.cc - prev.cc], name).to.deep.equal([lib.b, lib.d, 1]);
    }
    const other = await playlists(replica, loop);
    for (const [name, { text }] of after) expect(other.get(name)!.text, name).to.equal(text);
  });

  it('rights changed back-dated to yesterday: what aired in the region stays, segment URLs included; from the next slot the region gets the slate', async () => {
    clock = T0 + 20_000;
    const before = await playlists(app, loop);
    // A is no longer licensed in France, since yesterday.
    await setWindows(app, lib.a, [{ regions: ['WW'], exclude: ['FR'], start: new Date(T0 - 86_400_000).toISOString() }]);
    const switchSlot = Math.ceil((T0 + 20_000) / SEG);
    clock = T0 + 60_000;
    const after = await playlists(app, loop);
    for (const [name, { p }] of after) {
      expect(expectKept(before.get(name)!.p, p, name), name).to.equal(60 - 20);
      expect(programmesOf(p, 0, switchSlot), `${name}: A aired in France before the change`).to.include(lib.a);
      expect(programmesOf(p, switchSlot, switchSlot + 100), `${name}: not since`).to.not.include(lib.a);
    }
    // Other regions still get A.
    const de = held([...(await playlists(app, loop, 'DE')).values()][0]!.p);
    expect(de.filter((h) => h.seq >= switchSlot).map((h) => programmeOf(h.uri))).to.include(lib.a);
    const other = await playlists(replica, loop);
    for (const [name, { text }] of after) expect(other.get(name)!.text, name).to.equal(text);
  });

  it('an hour later, the eras older than the DVR window are pruned and no byte of any playlist changes', async () => {
    const eras = () => app.podium.models.ChannelEra.findAll({ where: { channelId: loop }, order: [['id', 'ASC']], raw: true });
    expect((await eras()).length).to.equal(3);
    const names = [...(await playlists(app, loop)).keys()].map((n) => n.slice(0, -'.m3u8'.length));
    clock = T0 + 3600_000 + 300_000;
    const live = app.podium.channels.playlists;
    // One read of the state serves both (concurrent requests share it): computed from every era, then they are pruned.
    const first = await Promise.all(names.map((n) => live.media(loop, 'FR', n, undefined)));
    const left = await eras();
    expect(left.length).to.equal(1);
    expect(JSON.parse(left[0]!.ccBase!)).to.include.keys('*', 'FR');
    // Read again from the one era left and its stored numbers: the same bytes, here and on the replica.
    expect(await Promise.all(names.map((n) => live.media(loop, 'FR', n, undefined)))).to.deep.equal(first);
    const other = await playlists(replica, loop);
    names.forEach((n, i) => expect(other.get(`${n}.m3u8`)!.text, n).to.equal(first[i]));
    // France still gets no A.
    expect(held(parseLivePlaylist(first[0]!)).map((h) => programmeOf(h.uri))).to.not.include(lib.a);
  });

  it('a programme re-packaged on air (subtitles added): its aired segments keep their URIs from the old rendition, the new one airs from the next slot, and the sweep keeps the old folder', async () => {
    const Tx = T0 + 3600_000 + 360_000;
    clock = Tx;
    const channel = await createChannel(app, { slug: 'eras-rendition', names: { en: 'Rendition' }, languages: ['en', 'fr'], loop: true });
    await putSchedule(app, channel, [{ programmeId: lib.d, start: new Date(Tx - 200_000).toISOString() }, { programmeId: lib.b }]);
    const before = await playlists(app, channel);
    const renditionOf = (uri: string) => decodeURIComponent(uri.split('/')[5] ?? '');
    const dBefore = held([...before.values()][0]!.p).filter((h) => programmeOf(h.uri) === lib.d);
    expect(dBefore.length).to.be.greaterThan(10);
    const oldRendition = renditionOf(dBefore[0]!.uri);
    // Through the tracks API: a new rendition folder of D, switched in the job's transaction.
    const res = await app.api(`/api/programmes/${lib.d}/subtitles/fr`, { method: 'PUT', auth: true, body: 'WEBVTT\n\n00:00:00.500 --> 00:00:03.000\nÀ vos marques\n' });
    expect(res.status, await res.clone().text()).to.be.oneOf([200, 201, 202]);
    if (res.status === 202) expect((await waitForJob(app, ((await res.json()) as { jobId: string }).jobId, 240_000)).state).to.equal('succeeded');
    const row = await app.podium.models.Programme.findByPk(lib.d, { attributes: ['renditionId', 'renditionPath'], raw: true });
    expect(row!.renditionId).to.not.equal(oldRendition);
    const switchSlot = Math.ceil(Tx / SEG);

    clock = Tx + 20_000;
    const after = await playlists(app, channel);
    for (const [name, { p }] of after) {
      expect(expectKept(before.get(name)!.p, p, name), name).to.equal(60 - 10);
      const d = held(p).filter((h) => programmeOf(h.uri) === lib.d);
      expect(new Set(d.filter((h) => h.seq < switchSlot).map((h) => renditionOf(h.uri))), `${name}: before the switch`).to.deep.equal(new Set([oldRendition]));
      const since = d.filter((h) => h.seq >= switchSlot);
      expect(since.length, `${name}: D airs after the switch`).to.be.greaterThan(0);
      expect(new Set(since.map((h) => renditionOf(h.uri))), `${name}: from the switch`).to.deep.equal(new Set([row!.renditionId]));
    }
    // The object store's orphan sweep keeps the folder an unpruned era still airs from.
    expect([...(await app.podium.catalog.renditionKeys())]).to.not.include(`${lib.d}/${oldRendition}`);
    expect([...(await app.podium.renditionKeys())]).to.include.members([`${lib.d}/${oldRendition}`, row!.renditionPath]);
    const other = await playlists(replica, channel);
    for (const [name, { text }] of after) expect(other.get(name)!.text, name).to.equal(text);
  });
});
