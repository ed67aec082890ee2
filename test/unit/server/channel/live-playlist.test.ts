// A live channel's media playlists (server/channel/live-playlist.ts) over hand-built windows:
// sport (ending on its short last segment) → slate → magazine → portrait clip, slots 1000-1023.
// Read with a small reader of our own and with hls.js's M3U8Parser; delta updates are merged as
// hls.js merges them (src/utils/level-helper.ts mergeDetails) and compared with the full playlist.
import { expect } from 'chai';
// The ESM build: the CommonJS one (what a bare 'hls.js' resolves to here) exports only the player class.
import { M3U8Parser, PlaylistLevelType, type LevelDetails } from 'hls.js/dist/hls.mjs';
import { parseLiveRendition, renderChannelMaster, type LiveRendition } from '../../../../server/channel/live-master.js';
import { renderLivePlaylist, type LineCache, type LivePlaylistInput } from '../../../../server/channel/live-playlist.js';
import type { AiredSlot, Airing, ProgrammeMedia } from '../../../../server/channel/live-types.js';
import { parseAttributes, parseMasterPlaylist } from '../../../../transcoder/playlist.js';
import { ALL, LANGUAGES, MAGAZINE, PORTRAIT, SEGMENT_MS, SLATE, slice, SPORT, SUBTITLE_LANGUAGES, window } from './live-fixtures.js';

const LONG = window(1000, 41, [
  { media: SPORT, from: 8, count: 4 }, // 1000-1003, its segment 11 lasts 1.2 s
  { media: SLATE, from: 0, count: 2, slate: true }, // 1004-1005
  { media: MAGAZINE, from: 0, count: 10 }, // 1006-1015
  { media: PORTRAIT, from: 0, count: 8 }, // 1016-1023
]);
const FULL = slice(LONG, 1000, 1020);
const JOINS = [1004, 1006, 1016];
const EMPTY_VTT = '/live/empty.vtt';
const MEDIA = new Map(ALL.map((m) => [m.programmeId, m]));
const BASE = 'https://podium.test/live/t/tok/ch/x.m3u8';
const url = (programmeId: string, renditionId: string, file: string) => `/media/t/tok/${programmeId}/${renditionId}/${file}`;

/** Every media playlist the channel's master lists. */
const lineup = { media: ALL, languages: LANGUAGES, subtitleLanguages: SUBTITLE_LANGUAGES };
const master = parseMasterPlaylist(renderChannelMaster(lineup));
const iframeUris = renderChannelMaster(lineup)
  .split('\n')
  .filter((l) => l.startsWith('#EXT-X-I-FRAME-STREAM-INF:'))
  .map((l) => parseAttributes(l.slice(26)).URI!);
const NAMES = [...master.variants.map((v) => v.uri), ...master.media.map((m) => m.URI!), ...iframeUris].map((u) => u.replace('.m3u8', ''));
const RENDITIONS: [string, LiveRendition][] = NAMES.map((n) => [n, parseLiveRendition(n, lineup)!]);
const rendition = (name: string) => RENDITIONS.find(([n]) => n === name)![1];

function render(w: { slots: AiredSlot[]; airings: readonly Airing[] }, r: LiveRendition, more: Partial<LivePlaylistInput> = {}, cache?: LineCache): string {
  return renderLivePlaylist({ rendition: r, ...w, media: MEDIA, languages: LANGUAGES, subtitleLanguages: SUBTITLE_LANGUAGES, segmentMs: SEGMENT_MS, url, emptySubtitleUrl: EMPTY_VTT, skip: undefined, canSkipUntilSec: 12, ...more }, cache);
}

interface Line {
  msn: number;
  uri: string;
  extinf: string;
  discontinuity: boolean;
  map: string | null;
  pdt: string | null;
  byteRange: string | null;
}

/** Our playlists read line by line: header tags, DATERANGEs, the skip and each segment with the tags before it. */
function read(text: string) {
  const lines = text.trimEnd().split('\n');
  const tag = (name: string) => lines.find((l) => l.startsWith(`#EXT-X-${name}:`))?.split(':').slice(1).join(':') ?? null;
  let msn = Number(tag('MEDIA-SEQUENCE'));
  const skip = Number(tag('SKIP')?.replace('SKIPPED-SEGMENTS=', '') ?? 0);
  msn += skip;
  const segments: Line[] = [];
  let cur: Omit<Line, 'msn' | 'uri'> = { extinf: '', discontinuity: false, map: null, pdt: null, byteRange: null };
  for (const l of lines) {
    if (l === '#EXT-X-DISCONTINUITY') cur.discontinuity = true;
    else if (l.startsWith('#EXT-X-MAP:')) cur.map = parseAttributes(l.slice(11)).URI!;
    else if (l.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) cur.pdt = l.slice(25);
    else if (l.startsWith('#EXT-X-BYTERANGE:')) cur.byteRange = l.slice(17);
    else if (l.startsWith('#EXTINF:')) cur.extinf = l.slice(8).replace(/,$/, '');
    else if (!l.startsWith('#')) {
      segments.push({ msn: msn++, uri: l, ...cur });
      cur = { extinf: '', discontinuity: false, map: null, pdt: null, byteRange: null };
    }
  }
  return { lines, tag, skip, segments, dateRanges: lines.filter((l) => l.startsWith('#EXT-X-DATERANGE:')) };
}

const hls = (text: string): LevelDetails => M3U8Parser.parseLevelPlaylist(text, BASE, 0, PlaylistLevelType.MAIN, 0, null);

/** hls.js's view of each segment (dates to the ms: it adds EXTINFs in floating point). */
const view = (frags: readonly (LevelDetails['fragments'][number] | null)[]) =>
  frags.map((f) => (f ? { sn: f.sn, uri: f.relurl, duration: f.duration, cc: f.cc, init: f.initSegment?.relurl ?? null, date: f.programDateTime === null ? null : Math.round(f.programDateTime) } : null));

/**
 * A delta update merged into the previous playlist as hls.js's mergeDetails does: each skipped
 * place takes the previous playlist's fragment of the same sequence number, and when the first
 * shared fragment's discontinuity count differs (the skip hid discontinuities), every later
 * fragment is shifted by the difference.
 */
function merge(previous: LevelDetails, delta: LevelDetails) {
  const frags = delta.fragments.map((f, i) => f ?? previous.fragments.find((o) => o.sn === delta.startSN + i) ?? null);
  expect(frags.every(Boolean), 'the previous playlist holds every skipped segment').to.equal(true);
  const merged = view(frags);
  const shared = merged.findIndex((f, i) => i >= delta.skippedSegments && previous.fragments.some((o) => o.sn === f!.sn));
  const offset = previous.fragments.find((o) => o.sn === merged[shared]!.sn)!.cc - merged[shared]!.cc;
  return merged.map((f, i) => (i >= delta.skippedSegments ? { ...f!, cc: f!.cc + offset } : f));
}

const iso = (ms: number) => new Date(ms).toISOString();
/** How far the first `k` AAC segments of our fixtures stray from k × 2 s (2.005 / 1.984 s). */
const aacDrift = (k: number) => Array.from({ length: k }, (_, i) => (i % 2 === 0 ? 5 : -16)).reduce((a, b) => a + b, 0);

describe('channel/live-playlist', () => {
  it('is written for every rendition the master lists', () => {
    expect(NAMES.sort()).to.deep.equal(['a-de', 'a-en', 'a-fr', 's-en', 's-fr', 's-zh-hant', 'v1080', 'v1080-iframes', 'v234', 'v360', 'v540', 'v540-iframes', 'v720', 'v720-iframes']);
  });

  it('numbers segments by slot and discontinuities by cc, the same in every rendition, with no playlist type', () => {
    for (const [name, r] of RENDITIONS) {
      const p = read(render(FULL, r));
      expect(p.lines.slice(0, 6), name).to.deep.equal(['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:2', '#EXT-X-SERVER-CONTROL:CAN-SKIP-UNTIL=12,CAN-SKIP-DATERANGES=YES', '#EXT-X-MEDIA-SEQUENCE:1000', '#EXT-X-DISCONTINUITY-SEQUENCE:41']);
      expect(p.tag('PLAYLIST-TYPE'), name).to.equal(null);
      expect(p.lines.includes('#EXT-X-ENDLIST'), name).to.equal(false);
      expect(p.segments.map((s) => s.msn), name).to.deep.equal(FULL.slots.map((s) => s.slot));
      // every EXTINF rounds to at most the target duration
      expect(p.segments.every((s) => Math.round(Number(s.extinf)) <= 2), name).to.equal(true);
    }
    // a window that opens on a join: its count is in the header, not in a tag on the first line
    const atJoin = read(render(slice(LONG, 1004, 1024), rendition('v720')));
    expect(atJoin.tag('DISCONTINUITY-SEQUENCE')).to.equal('42');
    expect(atJoin.segments[0]).to.include({ discontinuity: false, map: '/media/t/tok/p-slate/r-slate/v1280x720/init.mp4', pdt: iso(1004 * SEGMENT_MS) });
  });

  it('marks each programme join with DISCONTINUITY, MAP and PROGRAM-DATE-TIME, and nowhere else', () => {
    for (const [name, r] of RENDITIONS) {
      const segs = read(render(FULL, r)).segments;
      const at = (pick: (s: Line) => unknown) => segs.filter(pick).map((s) => s.msn);
      expect(at((s) => s.discontinuity), name).to.deep.equal(JOINS);
      expect(at((s) => s.pdt !== null), name).to.deep.equal([1000, ...JOINS]);
      expect(at((s) => s.map !== null), name).to.deep.equal(r.kind === 'subtitles' ? [] : [1000, ...JOINS]);
      // a programme's first segment is dated on the slot grid in every rendition
      for (const j of JOINS) expect(segs.find((s) => s.msn === j)!.pdt, `${name} ${j}`).to.equal(iso(j * SEGMENT_MS));
    }
    // mid-programme, each rendition is dated from its own EXTINFs since the programme's start
    expect(read(render(FULL, rendition('v720'))).segments[0]!.pdt).to.equal(iso(1000 * SEGMENT_MS));
    expect(read(render(FULL, rendition('a-en'))).segments[0]!.pdt).to.equal(iso(1000 * SEGMENT_MS + aacDrift(8)));
  });

  it('airs each programme its own segments, with their own durations, in the rung of the tier', () => {
    const rung: Record<string, string> = { 'p-sport': 'v960x540', 'p-slate': 'v640x360', 'p-magazine': 'v854x480', 'p-vertical': 'v540x960' };
    const segs = read(render(FULL, rendition('v540'))).segments;
    expect(segs.map((s) => [s.uri, s.extinf])).to.deep.equal(
      FULL.slots.map((s) => {
        const m = MEDIA.get(s.programmeId)!;
        return [url(m.programmeId, m.renditionId, `${rung[m.programmeId]}/seg_${String(s.segment).padStart(5, '0')}.m4s`), s.programmeId === 'p-sport' && s.segment === 11 ? '1.200' : '2.000'];
      }),
    );
    expect(segs.find((s) => s.msn === 1006)!.map).to.equal(url('p-magazine', 'r-magazine', 'v854x480/init.mp4'));
  });

  it('writes I-frame playlists with each I-frame\'s byte range', () => {
    const p = read(render(FULL, rendition('v720-iframes')));
    expect(p.lines).to.include('#EXT-X-I-FRAMES-ONLY');
    const first = SPORT.variants[0]!.iframes!.track.segments[8]!;
    expect(p.segments[0]).to.include({ uri: url('p-sport', 'r-sport', first.uri), byteRange: first.byteRange, map: url('p-sport', 'r-sport', 'v1280x720/init.mp4') });
    expect(p.segments.every((s) => /^\d+@\d+$/.test(s.byteRange ?? ''))).to.equal(true);
    const details = hls(render(FULL, rendition('v720-iframes')));
    expect(details.iframesOnly).to.equal(true);
    expect(details.fragments[0]!.byteRange).to.deep.equal([800 + 80, 800 + 80 + 1008]);
  });

  it('carries the same DATERANGE for each programme airing (not the slate) in every rendition', () => {
    const sets = RENDITIONS.map(([, r]) => read(render(FULL, r)).dateRanges);
    for (const s of sets) expect(s).to.deep.equal(sets[0]);
    expect(sets[0]!.map((l) => parseAttributes(l.slice(17)))).to.deep.equal([
      { ID: 'air-p-sport-1000', CLASS: 'org.podium.programme', 'START-DATE': iso(992 * SEGMENT_MS), DURATION: '24.000', 'X-PROGRAMME-ID': 'p-sport' },
      { ID: 'air-p-magazine-1006', CLASS: 'org.podium.programme', 'START-DATE': iso(1006 * SEGMENT_MS), DURATION: '24.000', 'X-PROGRAMME-ID': 'p-magazine' },
      { ID: 'air-p-vertical-1016', CLASS: 'org.podium.programme', 'START-DATE': iso(1016 * SEGMENT_MS), DURATION: '24.000', 'X-PROGRAMME-ID': 'p-vertical' },
    ]);
    const details = hls(render(FULL, rendition('a-fr')));
    expect(Object.keys(details.dateRanges)).to.deep.equal(['air-p-sport-1000', 'air-p-magazine-1006', 'air-p-vertical-1016']);
  });

  it('airs the channel language, else each programme\'s main audio', () => {
    const folders = (language: string) => [...new Set(read(render(FULL, rendition(`a-${language}`))).segments.map((s) => s.uri.split('/').slice(-3, -1).join('/')))];
    expect(folders('de')).to.deep.equal(['r-sport/audio_en_main', 'r-slate/audio_en_main', 'r-magazine/audio_fr_main', 'r-vertical/audio_es_main']);
    expect(folders('en')).to.deep.equal(['r-sport/audio_en_main', 'r-slate/audio_en_main', 'r-magazine/audio_en_commentary', 'r-vertical/audio_es_main']);
    expect(folders('fr')).to.deep.equal(['r-sport/audio_fr_main', 'r-slate/audio_en_main', 'r-magazine/audio_fr_main', 'r-vertical/audio_es_main']);
  });

  it('airs the empty WebVTT where a programme lacks the subtitle language, as long as its video segment', () => {
    const segs = read(render(FULL, rendition('s-zh-hant'))).segments;
    expect(segs.map((s) => (s.uri === EMPTY_VTT ? 'empty' : s.uri.split('/').slice(-3).join('/')))).to.deep.equal([
      ...['empty', 'empty', 'empty', 'empty', 'empty', 'empty'],
      ...Array.from({ length: 10 }, (_, i) => `r-magazine/subs_zh-Hant/seg_0000${i}.vtt`),
      ...['empty', 'empty', 'empty', 'empty'],
    ]);
    expect(segs.map((s) => s.extinf).slice(0, 4)).to.deep.equal(['2.000', '2.000', '2.000', '1.200']);
    expect(read(render(FULL, rendition('s-en'))).segments.filter((s) => s.uri !== EMPTY_VTT).map((s) => s.msn)).to.deep.equal([1000, 1001, 1002, 1003]);
  });

  it('is read by hls.js with the slots\' numbers, discontinuities and dates', () => {
    for (const [name, r] of RENDITIONS) {
      const text = render(FULL, r);
      const d = hls(text);
      expect(d.playlistParsingError, name).to.equal(null);
      expect(d.live, name).to.equal(true);
      expect(d.targetduration, name).to.equal(2);
      expect(d.canSkipUntil, name).to.equal(12);
      expect(view(d.fragments).map((f) => [f!.sn, f!.cc]), name).to.deep.equal(FULL.slots.map((s) => [s.slot, s.cc]));
      const ours = read(text).segments;
      for (const [i, f] of view(d.fragments).entries()) if (ours[i]!.pdt) expect(iso(f!.date!), `${name} ${f!.sn}`).to.equal(ours[i]!.pdt);
    }
  });

  describe('delta updates', () => {
    const LATER = slice(LONG, 1003, 1023);

    it('replaces the segments older than the skip boundary with EXT-X-SKIP, keeping the numbers', () => {
      const p = read(render(LATER, rendition('v720'), { skip: 'YES' }));
      // the window ends at slot 1023; 12 s before is the start of slot 1017
      expect(p.skip).to.equal(14);
      expect(p.lines.slice(0, 6)).to.deep.equal(['#EXTM3U', '#EXT-X-VERSION:9', '#EXT-X-TARGETDURATION:2', '#EXT-X-SERVER-CONTROL:CAN-SKIP-UNTIL=12,CAN-SKIP-DATERANGES=YES', '#EXT-X-MEDIA-SEQUENCE:1003', '#EXT-X-DISCONTINUITY-SEQUENCE:41']);
      expect(p.segments[0]).to.include({ msn: 1017, discontinuity: false, map: url('p-vertical', 'r-vertical', 'v720x1280/init.mp4'), pdt: iso(1017 * SEGMENT_MS) });
      expect(p.segments.slice(1).every((s) => s.map === null && s.pdt === null && !s.discontinuity)).to.equal(true);
      // every header tag before the skip (hls.js 1.6.13 refused a DISCONTINUITY-SEQUENCE after it, video-dev/hls.js#7554)
      const skipAt = p.lines.findIndex((l) => l.startsWith('#EXT-X-SKIP:'));
      expect(p.lines.slice(skipAt + 1).some((l) => /^#EXT-X-(MEDIA-SEQUENCE|DISCONTINUITY-SEQUENCE|TARGETDURATION|VERSION|DATERANGE)/.test(l))).to.equal(false);
      expect(p.dateRanges).to.deep.equal(read(render(LATER, rendition('v720'))).dateRanges);
    });

    it('merged into the previous playlist as hls.js merges it, equals the full playlist, in every rendition', () => {
      for (const [name, r] of RENDITIONS) {
        const previous = hls(render(FULL, r));
        const delta = hls(render(LATER, r, { skip: 'YES' }));
        expect(delta.playlistParsingError, name).to.equal(null);
        expect(delta.skippedSegments, name).to.equal(14);
        expect(merge(previous, delta), name).to.deep.equal(view(hls(render(LATER, r)).fragments));
      }
    });

    it('repeats DISCONTINUITY, MAP and PROGRAM-DATE-TIME when the first segment kept opens a programme', () => {
      const w = slice(LONG, 1002, 1022);
      for (const name of ['v1080', 'a-fr', 's-en']) {
        const p = read(render(w, rendition(name), { skip: 'YES' }));
        expect(p.skip, name).to.equal(14);
        expect(p.segments[0], name).to.include({ msn: 1016, discontinuity: true, pdt: iso(1016 * SEGMENT_MS) });
        expect(p.segments[0]!.map === null, name).to.equal(name === 's-en');
        const previous = hls(render(slice(LONG, 1000, 1020), rendition(name)));
        expect(merge(previous, hls(render(w, rendition(name), { skip: 'YES' }))), name).to.deep.equal(view(hls(render(w, rendition(name))).fragments));
      }
    });

    it('ignores the skip when it cannot or may not skip', () => {
      const r = rendition('a-en');
      // a window no longer than the boundary: nothing to skip, the full playlist (v2 too)
      const short = slice(LONG, 1000, 1006);
      expect(render(short, r, { skip: 'YES' })).to.equal(render(short, r));
      expect(render(short, r, { skip: 'v2' })).to.equal(render(short, r));
      // no delta updates offered: no SERVER-CONTROL, and _HLS_skip is ignored (rfc8216bis §6.2.5.1)
      for (const skip of ['YES', 'v2'] as const) {
        const off = render(LATER, r, { skip, canSkipUntilSec: 0 });
        expect(off).to.equal(render(LATER, r, { canSkipUntilSec: 0 }));
        expect(off).to.not.include('#EXT-X-SERVER-CONTROL');
        expect(off).to.not.include('#EXT-X-SKIP');
        expect(read(off).segments).to.have.length(20);
      }
    });
  });

  describe('delta updates that skip DATERANGEs (_HLS_skip=v2)', () => {
    // sport (begun at 1995) → slate → magazine → portrait → sport → slate → magazine → portrait, slots 2000-2071
    const LOOP = window(2000, 7, [
      { media: SPORT, from: 5, count: 7 },
      { media: SLATE, from: 0, count: 3, slate: true },
      { media: MAGAZINE, from: 0, count: 12 },
      { media: PORTRAIT, from: 0, count: 12 },
      { media: SPORT, from: 0, count: 12 },
      { media: SLATE, from: 0, count: 2, slate: true },
      { media: MAGAZINE, from: 0, count: 12 },
      { media: PORTRAIT, from: 0, count: 12 },
    ]);
    /** The 20-slot window from slot `s`, with every airing of the loop (the renderer takes those it needs). */
    const at = (s: number) => ({ slots: slice(LOOP, s, s + 20).slots, airings: LOOP.airings });
    const ids = (text: string) => read(text).dateRanges.map((l) => parseAttributes(l.slice(17)).ID!);

    it('advertises CAN-SKIP-DATERANGES, leaves out the programmes begun before the first segment listed, and lists those removed within CAN-SKIP-UNTIL', () => {
      // window 2036-2055: 14 slots skipped, 2050-2055 listed; the portrait of 2022-2033 left the window at its start
      const p = read(render(at(2036), rendition('v720'), { skip: 'v2' }));
      expect(p.lines.slice(0, 7)).to.deep.equal([
        '#EXTM3U',
        '#EXT-X-VERSION:10',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-SERVER-CONTROL:CAN-SKIP-UNTIL=12,CAN-SKIP-DATERANGES=YES',
        '#EXT-X-MEDIA-SEQUENCE:2036',
        '#EXT-X-DISCONTINUITY-SEQUENCE:11',
        '#EXT-X-SKIP:SKIPPED-SEGMENTS=14,RECENTLY-REMOVED-DATERANGES="air-p-vertical-2022"',
      ]);
      expect(p.dateRanges).to.deep.equal([]);
      // listed for CAN-SKIP-UNTIL after it left (it ended at slot 2034's start): up to the window starting at 2039
      const removed = (s: number) => read(render(at(s), rendition('v720'), { skip: 'v2' })).tag('SKIP')!.split('RECENTLY-REMOVED-DATERANGES=')[1];
      expect([2033, 2034, 2035, 2039, 2040].map(removed)).to.deep.equal(['""', '"air-p-vertical-2022"', '"air-p-vertical-2022"', '"air-p-vertical-2022"', '""']);
      // the full playlist and a YES update still carry every programme in the window
      expect(ids(render(at(2036), rendition('v720')))).to.deep.equal(['air-p-sport-2034', 'air-p-magazine-2048']);
      expect(render(at(2036), rendition('v720'), { skip: 'YES' })).to.include('#EXT-X-SKIP:SKIPPED-SEGMENTS=14\n').and.not.include('RECENTLY-REMOVED');
      expect(ids(render(at(2036), rendition('v720'), { skip: 'YES' }))).to.deep.equal(['air-p-sport-2034', 'air-p-magazine-2048']);
      // window 2044-2063: the portrait begun at 2060 is listed (its first slot is not skipped), nothing left within 12 s
      const q = read(render(at(2044), rendition('v720'), { skip: 'v2' }));
      expect(q.tag('SKIP')).to.equal('SKIPPED-SEGMENTS=14,RECENTLY-REMOVED-DATERANGES=""');
      expect(q.dateRanges).to.deep.equal(read(render(at(2044), rendition('v720'))).dateRanges.filter((l) => l.includes('ID="air-p-vertical-2060"')));
      expect(q.dateRanges).to.have.length(1);
      // a window whose first listed segment opens a programme: its DATERANGE stays
      expect(ids(render(at(2034), rendition('v720'), { skip: 'v2' }))).to.deep.equal(['air-p-magazine-2048']);
      // hls.js reads it as a v2 update
      const d = hls(render(at(2036), rendition('a-fr'), { skip: 'v2' }));
      expect(d.playlistParsingError).to.equal(null);
      expect(d.canSkipDateRanges).to.equal(true);
      expect(d.skippedSegments).to.equal(14);
      expect(d.recentlyRemovedDateranges).to.deep.equal(['air-p-vertical-2022']);
    });

    it('leaves out and lists the same DATERANGEs in every rendition', () => {
      for (const s of [2030, 2036, 2044, 2050]) {
        const sets = RENDITIONS.map(([, r]) => {
          const p = read(render(at(s), r, { skip: 'v2' }));
          return [p.tag('SKIP'), p.dateRanges];
        });
        for (const x of sets) expect(x, String(s)).to.deep.equal(sets[0]);
      }
    });

    it('merged into the previous playlist as hls.js merges them, gives the full playlist\'s segments and date ranges, refresh after refresh', () => {
      // hls.js asks for v2 with a playlist younger than half the skip boundary (6 s here): refreshes 1 to 3 slots apart
      for (const name of ['v720', 'a-en', 's-zh-hant', 'v540-iframes']) {
        const r = rendition(name);
        let previous = hls(render(at(2000), r));
        let ranges = new Set(Object.keys(previous.dateRanges));
        for (let s = 2000, step = 1; s + step <= 2052; s += step, step = (step % 3) + 1) {
          const next = s + step;
          const delta = hls(render(at(next), r, { skip: 'v2' }));
          const full = hls(render(at(next), r));
          expect(delta.playlistParsingError, `${name} ${next}`).to.equal(null);
          expect(merge(previous, delta), `${name} ${next}`).to.deep.equal(view(full.fragments));
          // level-helper.ts mergeDateRanges: the previous ranges, less the recently removed, plus the update's
          for (const id of delta.recentlyRemovedDateranges ?? []) ranges.delete(id);
          for (const id of Object.keys(delta.dateRanges)) ranges.add(id);
          expect([...ranges].sort(), `${name} ${next}`).to.deep.equal(Object.keys(full.dateRanges).sort());
          // so the programme at the live edge (the page's now) is always among them, however long ago it began
          const edge = (next + 19) * SEGMENT_MS;
          const now = LOOP.airings.find((a) => !a.slate && a.startMs <= edge && edge < a.endMs);
          if (now) expect(ranges.has(now.id), `${name} ${next}`).to.equal(true);
          previous = full;
        }
      }
    });
  });

  describe('incremental rendering (LineCache)', () => {
    const LOOP = window(3000, 9, [
      { media: MAGAZINE, from: 3, count: 9 },
      { media: SPORT, from: 0, count: 12 },
      { media: SLATE, from: 0, count: 4, slate: true },
      { media: PORTRAIT, from: 0, count: 12 },
      { media: MAGAZINE, from: 0, count: 12 },
      { media: SLATE, from: 2, count: 1, slate: true },
      { media: SPORT, from: 0, count: 12 },
    ]);
    const at = (s: number) => ({ slots: slice(LOOP, s, s + 20).slots, airings: LOOP.airings });
    // consecutive slots over every boundary, then a jump ahead, a step back and the same slot again
    const STARTS = [...Array.from({ length: 42 }, (_, i) => 3000 + i), 3020, 3003, 3041, 3040, 3040];

    it('writes the same bytes as a full render, slot after slot, boundaries, both skip kinds and none', () => {
      const dateRanges = new Map<string, string>();
      for (const [name, r] of RENDITIONS) {
        const cache: LineCache = { slots: new Map(), dateRanges };
        STARTS.forEach((s, i) => {
          for (const skip of [undefined, 'YES', 'v2', undefined] as const) {
            expect(render(at(s), r, { skip }, cache), `${name} ${s} ${skip}`).to.equal(render(at(s), r, { skip }));
          }
          // bounded: a window's worth of slots (after consecutive slots, exactly the window's), the DATERANGEs of the airings given
          expect(cache.slots.size).to.be.at.most(20);
          if (STARTS[i - 1] === s - 1) expect([...cache.slots.keys()].every((k) => k >= s && k < s + 20), `${name} ${s}`).to.equal(true);
        });
      }
      expect([...dateRanges.keys()].every((id) => LOOP.airings.some((a) => a.id === id && !a.slate))).to.equal(true);
    });

    it('renders only what it lacks: the new slot, the first line and the first after the skip', () => {
      for (const name of ['v1080', 'a-de', 's-fr', 'v720-iframes']) {
        const cache: LineCache = { slots: new Map(), dateRanges: new Map() };
        let calls = 0;
        const counting = { url: (p: string, r: string, f: string) => (calls++, url(p, r, f)) };
        render(at(3000), rendition(name), counting, cache);
        // (the subtitle rendition signs only the sport's cue files: the others air the empty one)
        expect(calls, name).to.be.at.least(name.startsWith('s-') ? 10 : 20);
        for (let s = 3001; s < 3042; s++) {
          calls = 0;
          render(at(s), rendition(name), counting, cache);
          // the first line (its segment and MAP) and the new slot (with a MAP where it opens a programme)
          expect(calls, `${name} ${s}`).to.be.at.most(4);
          calls = 0;
          render(at(s), rendition(name), { ...counting, skip: 'v2' }, cache);
          // the first line after the skip, all the others are kept
          expect(calls, `${name} ${s} v2`).to.be.at.most(2);
        }
      }
    });
  });

  it('writes the same bytes for the same input', () => {
    for (const [name, r] of RENDITIONS) {
      const once = render(FULL, r, { skip: 'YES' });
      const copy = structuredClone(FULL);
      expect(renderLivePlaylist({ rendition: r, slots: copy.slots, airings: [...copy.airings].reverse(), media: new Map([...MEDIA].reverse()), languages: [...LANGUAGES], subtitleLanguages: [...SUBTITLE_LANGUAGES], segmentMs: SEGMENT_MS, url, emptySubtitleUrl: EMPTY_VTT, skip: 'YES', canSkipUntilSec: 12 }), name).to.equal(once);
    }
  });

  it('gives url() the start of the slot whose line carries it', () => {
    const seen: [string, number][] = [];
    render(FULL, rendition('v720'), { url: (p, r, f, atMs) => (seen.push([f, atMs]), url(p, r, f)) });
    expect(seen.filter(([f]) => f.endsWith('init.mp4')).map(([, at]) => at / SEGMENT_MS)).to.deep.equal([1000, ...JOINS]);
    expect(seen.filter(([f]) => f.endsWith('.m4s')).map(([, at]) => at / SEGMENT_MS)).to.deep.equal(FULL.slots.map((s) => s.slot));
  });

  it('refuses a window the timeline cannot produce, and a skip boundary under six target durations', () => {
    const r = rendition('v720');
    const shift = (i: number, change: Partial<AiredSlot>) => ({ ...FULL, slots: FULL.slots.map((s, k) => (k === i ? { ...s, ...change } : s)) });
    expect(() => render({ ...FULL, slots: [] }, r)).to.throw(RangeError, /at least one slot/);
    expect(() => render({ ...FULL, slots: FULL.slots.filter((s) => s.slot !== 1010) }, r)).to.throw(RangeError, /follows/);
    expect(() => render(shift(4, { cc: 41 }), r)).to.throw(RangeError, /discontinuity sequence/);
    expect(() => render(shift(7, { segment: 5 }), r)).to.throw(RangeError, /without a discontinuity/);
    expect(() => render(shift(3, { startMs: 0 }), r)).to.throw(RangeError, /starts at/);
    expect(() => render(FULL, r, { canSkipUntilSec: 10 })).to.throw(RangeError, /six target durations/);
    expect(() => render(FULL, r, { media: new Map([[SPORT.programmeId, SPORT]]) })).to.throw(RangeError, /not in the lineup/);
    const noIFrames: ProgrammeMedia = { ...SLATE, variants: SLATE.variants.map((v) => ({ ...v, iframes: null })) };
    expect(() => render(FULL, rendition('v720-iframes'), { media: new Map([...MEDIA, [SLATE.programmeId, noIFrames]]) })).to.throw(RangeError, /no I-frame playlist/);
  });
});
