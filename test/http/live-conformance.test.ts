// Issue 12's conformance test: seven simulated days (an injected clock) of a looping channel that
// mixes frame rates, ladders, a portrait programme, a programme with fewer languages, regional
// alternatives and blackouts whose windows open and close mid-programme. Every slot of the week is
// checked in every region through overlapping playlist windows, against the playlist rules: the
// sequence numbers, the discontinuity sequence shared by every rendition and stable across
// refreshes, DISCONTINUITY + MAP + PROGRAM-DATE-TIME at each boundary, the same DATERANGEs in
// every rendition and equal to the guide, rights obeyed in every segment. Each new slot's playlists,
// rendered from the last slot's lines, are byte for byte a full render's. A replica on the same
// database answers the same bytes over HTTP, delta updates included.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createLivePlaylists } from '../../server/channel-runtime.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { Window } from './viewer-helpers.js';
import { buildChannelLibrary, createChannel, parseLivePlaylist, programmeOf, putSchedule, waitForSlate, type ChannelLibrary, type LivePlaylist } from '../helpers/channel.js';

const SEG = 2000;
const DAY = 86_400_000;
/** Monday 3 August 2026, 00:00 UTC: the first day of the simulated week. */
const T0 = Date.UTC(2026, 7, 3);
const DVR_SEC = 120;
const WINDOW = DVR_SEC / 2;
const REGIONS = ['FR', 'CN', 'US', 'DE'] as const;

describe('live channel conformance: seven simulated days', function () {
  this.timeout(900_000);
  let clock: number | null = null;
  const now = () => new Date(clock ?? Date.now());
  let app: TestApp;
  let replica: TestApp;
  let lib: ChannelLibrary;
  let slateId: string;
  let channelId: string;
  /** What each region may see when (the windows given to the programmes below). */
  let allowed: (programmeId: string, region: string, atMs: number) => boolean;

  before(async () => {
    const playbackSecret = randomBytes(32).toString('hex');
    app = await startTestApp({ now, ensureSlate: true, settings: { playbackSecret, channelDvrSec: DVR_SEC, catalogCacheSec: 3600 } });
    const iso = (ms: number) => new Date(ms).toISOString();
    // A: everywhere but the US. B: FR and CN from day 1 12:00:01 to day 3 (opening and closing mid-programme),
    // DE always. C: everywhere. D: everywhere until day 5 06:00:03, then nowhere.
    const windows: Record<keyof ChannelLibrary, Window[]> = {
      a: [{ regions: ['WW'], exclude: ['US'], start: iso(T0 - DAY) }],
      b: [{ regions: ['FR', 'CN'], start: iso(T0 + 1.5 * DAY + 1000), end: iso(T0 + 3 * DAY) }, { regions: ['DE'], start: iso(T0 - DAY) }],
      c: [{ regions: ['WW'], start: iso(T0 - DAY) }],
      d: [{ regions: ['WW'], start: iso(T0 - DAY), end: iso(T0 + 5.25 * DAY + 3000) }],
    };
    lib = await buildChannelLibrary(app, windows);
    const spec = (id: string) => (id === lib.a ? windows.a : id === lib.b ? windows.b : id === lib.c ? windows.c : windows.d);
    allowed = (id, region, at) =>
      spec(id).some((w) => (w.regions.includes('WW') || w.regions.includes(region)) && !(w.exclude ?? []).includes(region) && Date.parse(w.start) <= at && (!w.end || at < Date.parse(w.end)));
    await waitForSlate(app);
    slateId = (await app.podium.slate.current())!.programmeId;
    channelId = await createChannel(app, { slug: 'conformance', names: { en: 'Conformance' }, languages: ['en', 'fr'], subtitleLanguages: ['en'], loop: true });
    // A; B (CN: C, US: the slate); D (DE: A); a 5-second gap (the next start is off the grid); C.
    await putSchedule(app, channelId, [
      { programmeId: lib.a, start: new Date(T0 + 1000).toISOString() },
      { programmeId: lib.b, alternatives: { CN: lib.c, US: null } },
      { programmeId: lib.d, alternatives: { DE: lib.a } },
      { programmeId: lib.c, start: new Date(T0 + 1000 + 20_000 + 5_000).toISOString() },
    ]);
    replica = await startTestApp({ dataDir: app.dataDir, now, settings: { playbackSecret, channelDvrSec: DVR_SEC, catalogCacheSec: 3600, workers: 0 } });
  });
  after(async () => {
    clock = null;
    await replica?.close();
    await app?.close();
  });

  /** The discontinuity sequence number of each segment, as a client derives it. */
  const ccs = (p: LivePlaylist) => {
    let cc = p.discontinuitySequence;
    return p.segments.map((s, i) => (i > 0 && s.discontinuity ? ++cc : cc));
  };

  it('every slot of the week in every region obeys the live playlist rules', async () => {
    const live = app.podium.channels;
    const names = (await live.playlists.master(channelId, 'FR')).split('\n').filter((l) => l && !l.startsWith('#')).concat(
      [...(await live.playlists.master(channelId, 'FR')).matchAll(/URI="([^"]+)"/g)].map((m) => m[1]!),
    );
    const video = names.find((n) => /^v\d+\.m3u8$/.test(n))!;
    const checked = [video, names.find((n) => /^v\d+-iframes\.m3u8$/.test(n))!, 'a-en.m3u8', 'a-fr.m3u8', 's-en.m3u8'];
    const everyStep = [video, 'a-fr.m3u8'];
    expect(checked.every(Boolean)).to.equal(true);
    let slots = 0;
    for (const region of REGIONS) {
      const previous = new Map<string, { p: LivePlaylist; cc: number[] }>();
      const seenProgrammes = new Set<string>();
      // Windows of WINDOW slots, each overlapping the one before by one slot: every slot of the week is in one.
      for (let t = T0 + WINDOW * SEG; t < T0 + 7 * DAY; t += (WINDOW - 1) * SEG) {
        clock = t;
        const edge = Math.floor(t / SEG) - 1;
        let first: LivePlaylist | null = null;
        // Every rendition is checked each hour of the week; the video and French audio at every step.
        const hourly = Math.floor(t / 3_600_000) !== Math.floor((t - (WINDOW - 1) * SEG) / 3_600_000);
        for (const name of hourly ? checked : everyStep) {
          const text = (await live.playlists.media(channelId, region, name.slice(0, -5), undefined))!;
          const p = parseLivePlaylist(text);
          const at = `${region} ${name} @${new Date(t).toISOString()}`;
          // Plain checks per segment (chai's per-call cost would dominate a week of segments); chai for the message.
          const check = (ok: boolean, what: string, got?: unknown) => {
            if (!ok) expect.fail(`${at}: ${what}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`);
          };
          check(p.forbidden.length === 0, 'no PLAYLIST-TYPE or ENDLIST', p.forbidden);
          check(p.targetDuration === 2, 'TARGETDURATION 2', p.targetDuration);
          check(p.mediaSequence === edge - WINDOW + 1, 'MEDIA-SEQUENCE is the window of the live edge', p.mediaSequence);
          check(p.segments.length === WINDOW, 'a full window', p.segments.length);
          const cc = ccs(p);
          if (first) {
            check(p.discontinuitySequence === first.discontinuitySequence, 'the discontinuity sequence of every rendition', [p.discontinuitySequence, first.discontinuitySequence]);
            check(p.segments.every((s, i) => s.discontinuity === first!.segments[i]!.discontinuity), 'discontinuities in the same places in every rendition');
            check(JSON.stringify(p.dateRanges) === JSON.stringify(first.dateRanges), 'the same DATERANGEs in every rendition');
          } else first = p;
          // A refresh keeps what it shares with the last one: the same URI and discontinuity number per sequence number.
          const last = previous.get(name);
          if (last && p.mediaSequence - last.p.mediaSequence < WINDOW) {
            const shift = p.mediaSequence - last.p.mediaSequence;
            for (let i = 0; i + shift < WINDOW; i++) {
              check(p.segments[i]!.uri === last.p.segments[i + shift]!.uri, `slot ${p.mediaSequence + i} keeps its URI across refreshes`);
              check(cc[i] === last.cc[i + shift], `slot ${p.mediaSequence + i} keeps its discontinuity number`, [cc[i], last.cc[i + shift]]);
            }
          }
          if (last) check(p.discontinuitySequence >= last.p.discontinuitySequence, 'the discontinuity sequence never goes back');
          previous.set(name, { p, cc });
          p.segments.forEach((s, i) => {
            const slot = p.mediaSequence + i;
            const id = s.uri.startsWith('/live/') ? null : programmeOf(s.uri);
            if (i === 0 || s.discontinuity) {
              // Video dates are the slot's; audio ones follow its own AAC segment lengths within a few ms.
              const drift = s.programDateTime === null ? Infinity : Math.abs(Date.parse(s.programDateTime) - slot * SEG);
              check(drift < (name === video ? 1 : 60), `#${slot} PROGRAM-DATE-TIME`, s.programDateTime);
              if (!name.startsWith('s-')) check(s.map !== null, `#${slot} EXT-X-MAP`);
            } else check(s.programDateTime === null && s.map === null, `#${slot}: no date or map inside a programme`);
            if (id && id !== slateId) check(allowed(id, region, slot * SEG), `#${slot}: ${id} may not air in ${region}`);
            if (name === video && id) seenProgrammes.add(id);
          });
        }
        // The guide over the window is the DATERANGE set, to the millisecond.
        const guide = await live.viewing.guide(channelId, { region, chain: ['en'] }, { fromMs: (edge - WINDOW + 1) * SEG, toMs: (edge + 1) * SEG });
        expect(guide.map((g) => [g.programmeId, g.start, Date.parse(g.end) - Date.parse(g.start)]), `${region} guide @${new Date(t).toISOString()}`).to.deep.equal(
          first!.dateRanges.map((d) => [d['X-PROGRAMME-ID'], d['START-DATE'], Number(d.DURATION) * 1000]),
        );
        for (const d of first!.dateRanges) {
          const i = Date.parse(d['START-DATE']!) / SEG - first!.mediaSequence;
          if (i < 0) continue;
          expect(programmeOf(first!.segments[i]!.uri), `${region} DATERANGE ${d.ID}`).to.equal(d['X-PROGRAMME-ID']);
          expect(first!.segments[i]!.programDateTime, `${region} DATERANGE ${d.ID}: its first segment's date`).to.equal(d['START-DATE']);
        }
        slots += WINDOW - 1;
      }
      // The regional feeds differ as the rights say: the US never sees A; CN sees C in B's slots outside B's window.
      if (region === 'US') expect(seenProgrammes.has(lib.a)).to.equal(false);
      expect(seenProgrammes.has(slateId), `${region} sees the slate in the gap`).to.equal(true);
      if (region === 'CN') expect(seenProgrammes.has(lib.c)).to.equal(true);
    }
    expect(slots).to.be.greaterThan(4 * 7 * DAY / SEG - 4 * WINDOW * 2);
  });

  it('renders each new slot from the last one\'s lines, byte for byte what a full render writes', async () => {
    const live = app.podium.channels;
    const master = await live.playlists.master(channelId, 'FR');
    const names = [...master.split('\n').filter((l) => l && !l.startsWith('#')), ...[...master.matchAll(/URI="([^"]+)"/g)].map((m) => m[1]!)].map((n) => n.slice(0, -'.m3u8'.length));
    expect(names.length).to.be.greaterThan(5);
    let compared = 0;
    // B's window opening mid-programme (FR, CN), D's closing (everywhere), each with loop boundaries and the
    // 5-second gap's slate around it; slot after slot, then a jump ahead and one back
    const cut = (t: number) => Math.floor(t / SEG) * SEG;
    const steps = [T0 + 1.5 * DAY + 1000, T0 + 5.25 * DAY + 3000].flatMap((c) => Array.from({ length: 36 }, (_, i) => cut(c) - 18 * SEG + i * SEG + 700));
    steps.push(cut(T0 + 6 * DAY) + 100, cut(T0 + 2 * DAY) + 1900);
    for (const t of steps) {
      clock = t;
      for (const region of REGIONS) {
        for (const name of names) {
          for (const skip of [undefined, 'YES', 'v2'] as const) {
            const incremental = await live.playlists.media(channelId, region, name, skip);
            // a LivePlaylists of its own, caches empty: the whole window rendered afresh
            const fresh = createLivePlaylists(app.config, live.states, app.podium.viewing.tokens, now);
            expect(incremental, `${region} ${name} ${skip} @${new Date(t).toISOString()}`).to.equal(await fresh.media(channelId, region, name, skip));
            compared++;
          }
        }
      }
    }
    expect(compared).to.equal(steps.length * REGIONS.length * names.length * 3);
  });

  it('a window that closes mid-programme switches at the first segment boundary after it', async () => {
    // D closes at day 5 06:00:03 (between two slots): the slot starting at or after it airs something else.
    const cut = T0 + 5.25 * DAY + 3000;
    const slot = Math.ceil(cut / SEG);
    clock = (slot + 5) * SEG;
    const text = (await app.podium.channels.playlists.media(channelId, 'FR', (await firstVideoName()).slice(0, -5), undefined))!;
    const p = parseLivePlaylist(text);
    p.segments.forEach((s, i) => {
      const at = p.mediaSequence + i;
      if (at >= slot) expect(programmeOf(s.uri), `slot ${at}`).to.not.equal(lib.d);
    });
  });

  it('two app instances give identical bytes for the same slot, over HTTP', async () => {
    for (const t of [T0 + 0.7 * DAY, T0 + 1.5 * DAY + 1000, T0 + 3 * DAY + 123_456, T0 + 5.25 * DAY + 4000, T0 + 6.9 * DAY]) {
      clock = t;
      for (const region of REGIONS) {
        const hls = ((await (await app.api(`/api/channels/${channelId}?region=${region}`)).json()) as { hls: string }).hls;
        const base = hls.slice(0, hls.lastIndexOf('/') + 1);
        const master = await (await app.api(hls)).text();
        const media = [...master.split('\n').filter((l) => l && !l.startsWith('#')), ...[...master.matchAll(/URI="([^"]+)"/g)].map((m) => m[1]!)];
        for (const name of ['master.m3u8', ...media, ...media.flatMap((n) => [`${n}?_HLS_skip=YES`, `${n}?_HLS_skip=v2`])]) {
          const [a, b] = await Promise.all([app.api(base + name), replica.api(base + name)]);
          expect(a.status, name).to.equal(200);
          expect(await b.text(), `${region} ${name} @${new Date(t).toISOString()}`).to.equal(await a.text());
        }
      }
    }
  });

  async function firstVideoName(): Promise<string> {
    const master = await app.podium.channels.playlists.master(channelId, 'FR');
    return master.split('\n').find((l) => /^v\d+\.m3u8$/.test(l))!;
  }
});
