// The live page's time arithmetic (player/src/core/live-time.ts) over playlists parsed by hls.js
// itself (M3U8Parser, as the player parses them): programme start → media time through the
// fragments' PROGRAM-DATE-TIME, the DATERANGEs' programmes, now/next, the back-to-live rule.
import { expect } from 'chai';
// the ES build: under mocha 'hls.js' resolves to the UMD build, which exports only the Hls class
import { M3U8Parser, PlaylistLevelType } from 'hls.js/dist/hls.mjs';
import { LIVE } from '../../../player/src/config.js';
import { clockOffsetMs, isBehindLive, mediaTimeAt, nowNext, programmeRanges, seekTimeAt, type TimedFragment } from '../../../player/src/core/live-time.js';
import type { GuideItem } from '../../../server/contracts/index.js';

const T0 = Date.parse('2026-07-24T18:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

/**
 * A live media playlist as the server writes one: 2 s segments, programme A (started 5 s before
 * the window, so its first segment in the window is a 1 s remainder… no: segments are whole, A's
 * start is simply out of the window), then B from T0+10 s after a discontinuity, with
 * PROGRAM-DATE-TIME on the first segment and after the discontinuity, one DATERANGE each.
 */
function livePlaylist(): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:9', '#EXT-X-TARGETDURATION:2', '#EXT-X-SERVER-CONTROL:CAN-SKIP-UNTIL=60', '#EXT-X-MEDIA-SEQUENCE:100', '#EXT-X-DISCONTINUITY-SEQUENCE:7'];
  lines.push(`#EXT-X-DATERANGE:ID="p-a",CLASS="${LIVE.programmeClass}",START-DATE="${iso(T0 - 20_000)}",DURATION=30.000,X-PROGRAMME-ID="${A}"`);
  lines.push(`#EXT-X-DATERANGE:ID="p-b",CLASS="${LIVE.programmeClass}",START-DATE="${iso(T0 + 10_000)}",DURATION=8.000,X-PROGRAMME-ID="${B}"`);
  lines.push(`#EXT-X-DATERANGE:ID="ad",CLASS="com.example.other",START-DATE="${iso(T0)}",DURATION=1.0`);
  lines.push('#EXT-X-MAP:URI="a/init.mp4"', `#EXT-X-PROGRAM-DATE-TIME:${iso(T0)}`);
  for (let i = 0; i < 5; i++) lines.push('#EXTINF:2.000,', `a/seg_${i}.m4s`);
  lines.push('#EXT-X-DISCONTINUITY', '#EXT-X-MAP:URI="b/init.mp4"', `#EXT-X-PROGRAM-DATE-TIME:${iso(T0 + 10_000)}`);
  for (let i = 0; i < 4; i++) lines.push('#EXTINF:2.000,', `b/seg_${i}.m4s`);
  return lines.join('\n') + '\n';
}

function parse(text: string) {
  return M3U8Parser.parseLevelPlaylist(text, 'https://podium.test/live/t/x/c/v0/index.m3u8', 0, PlaylistLevelType.MAIN, 0, null);
}

function guideItem(programmeId: string, title: string, startMs: number, endMs: number, locale: string | null = 'en'): GuideItem {
  return { programmeId, title, synopsis: '', locale, fallback: false, start: iso(startMs), end: iso(endMs), sportCode: null };
}

describe('player: live time (programme dates ↔ media time)', () => {
  it('maps an instant to media time through the fragments’ PROGRAM-DATE-TIME, across a discontinuity', () => {
    const details = parse(livePlaylist());
    expect(details.live).to.equal(true);
    const frags = details.fragments;
    expect(frags).to.have.length(9);
    // hls.js has filled in every fragment's date from the tags (the server writes it only after discontinuities)
    expect(frags.map((f) => f.programDateTime)).to.deep.equal([0, 2, 4, 6, 8, 10, 12, 14, 16].map((s) => T0 + s * 1000));
    expect(mediaTimeAt(frags, T0)).to.equal(frags[0]!.start);
    expect(mediaTimeAt(frags, T0 + 3_500)).to.be.closeTo(frags[0]!.start + 3.5, 1e-9);
    // B's start is the first fragment after the discontinuity, whatever media time hls.js gave it
    expect(mediaTimeAt(frags, T0 + 10_000)).to.equal(frags[5]!.start);
    // after the live edge: nothing to seek to
    expect(mediaTimeAt(frags, T0 + 18_000)).to.equal(null);
  });

  it('follows the media times hls.js sets after reading the segments (PTS), not the playlist arithmetic', () => {
    // after a discontinuity hls.js re-aligns fragment starts on their PTS: the programme start follows
    const frags: TimedFragment[] = [
      { start: 1000, duration: 2, programDateTime: T0 },
      { start: 1002, duration: 2, programDateTime: T0 + 2000 },
      { start: 1004.04, duration: 2, programDateTime: T0 + 4000 },
    ];
    expect(mediaTimeAt(frags, T0 + 4000)).to.equal(1004.04);
    expect(mediaTimeAt(frags, T0 + 5000)).to.be.closeTo(1005.04, 1e-9);
  });

  it('an instant just before the window counts as its start only within the tolerance; a hole goes to the next fragment', () => {
    const frags: TimedFragment[] = [
      { start: 10, duration: 2, programDateTime: T0 },
      { start: 12, duration: 2, programDateTime: T0 + 2000 },
      { start: 14, duration: 2, programDateTime: T0 + 7000 }, // 3 s hole in dates (a gap the server filled with nothing)
      { start: 16, duration: 2, programDateTime: null },
    ];
    expect(mediaTimeAt(frags, T0 - 1500, 2)).to.equal(10);
    expect(mediaTimeAt(frags, T0 - 2500, 2)).to.equal(null);
    expect(mediaTimeAt(frags, T0 - 1)).to.equal(null);
    expect(mediaTimeAt(frags, T0 + 5000)).to.equal(14);
    expect(mediaTimeAt([], T0)).to.equal(null);
  });

  it('seeks where every track has begun the programme: audio boundaries may trail video’s by a few ms', () => {
    // as hls.js laid out a real channel's playlists: 2 s video segments, AAC ones of 2.005 s, the
    // programme (a discontinuity) starting at PROGRAM-DATE-TIME T0+4 s on both
    const video: TimedFragment[] = [0, 2, 4, 6].map((s) => ({ start: 48 + s, duration: 2, programDateTime: T0 + s * 1000 }));
    const audio: TimedFragment[] = [
      { start: 48.016, duration: 2.005, programDateTime: T0 + 5 },
      { start: 50.021, duration: 1.988, programDateTime: T0 + 2010 },
      { start: 52.009, duration: 2.005, programDateTime: T0 + 4000 },
      { start: 54.014, duration: 2.005, programDateTime: T0 + 6005 },
    ];
    expect(seekTimeAt(T0 + 4000, video, [audio])).to.equal(52.009);
    expect(seekTimeAt(T0 + 4000, video, [])).to.equal(52);
    // audio that has not reached the instant, or an unrelated far time, does not move the seek
    expect(seekTimeAt(T0 + 4000, video, [audio.slice(0, 2)])).to.equal(52);
    expect(seekTimeAt(T0 + 4000, video, [[{ start: 90, duration: 2, programDateTime: T0 + 4000 }]])).to.equal(52);
    expect(seekTimeAt(T0 + 60_000, video, [audio])).to.equal(null);
  });

  it('reads the programmes from the DATERANGEs of the programme class only, by start', () => {
    const details = parse(livePlaylist());
    const ranges = programmeRanges(details.dateRanges, LIVE.programmeClass);
    expect(ranges).to.deep.equal([
      { programmeId: A, startMs: T0 - 20_000, endMs: T0 + 10_000 },
      { programmeId: B, startMs: T0 + 10_000, endMs: T0 + 18_000 },
    ]);
    // a range without DURATION or END-DATE ends where the next begins (the last one: open)
    const open = parse(livePlaylist().replace(/,DURATION=30\.000/, '').replace(/,DURATION=8\.000/, ''));
    expect(programmeRanges(open.dateRanges, LIVE.programmeClass).map((r) => r.endMs)).to.deep.equal([T0 + 10_000, Number.POSITIVE_INFINITY]);
  });

  it('now/next: the stream decides what airs, the guide names it and adds what is after the live edge', () => {
    const stream = programmeRanges(parse(livePlaylist()).dateRanges, LIVE.programmeClass);
    const guide = [
      guideItem(A, 'Final du 100 m', T0 - 20_000, T0 + 10_000, 'fr'),
      // the guide was drawn before an edit moved B by a second: the stream's instants win, the guide's title stays
      guideItem(B, 'Relais 4 × 100 m', T0 + 11_000, T0 + 19_000, 'fr'),
      guideItem(C, 'Saut en longueur', T0 + 19_000, T0 + 60_000, 'fr'),
    ];
    const atA = nowNext(T0 + 5_000, stream, guide);
    expect(atA.now).to.include({ programmeId: A, title: 'Final du 100 m', locale: 'fr', startMs: T0 - 20_000, endMs: T0 + 10_000 });
    expect(atA.next).to.include({ programmeId: B, title: 'Relais 4 × 100 m', startMs: T0 + 10_000 });
    const atB = nowNext(T0 + 12_000, stream, guide);
    expect(atB.now?.programmeId).to.equal(B);
    // C is not in the playlist yet (it starts after the live edge): the guide says what is next
    expect(atB.next).to.include({ programmeId: C, title: 'Saut en longueur' });
  });

  it('now/next before the guide and the stream: the channel’s own now/next; unnamed stream programmes have no title', () => {
    const channel = {
      now: { programmeId: A, title: '100 m final', start: iso(T0 - 20_000), end: iso(T0 + 10_000) },
      next: { programmeId: B, title: '4 × 100 m relay', start: iso(T0 + 10_000), end: iso(T0 + 18_000) },
    };
    const early = nowNext(T0, [], [], channel);
    expect(early.now?.title).to.equal('100 m final');
    expect(early.next?.title).to.equal('4 × 100 m relay');
    const unnamed = nowNext(T0, [{ programmeId: C, startMs: T0 - 1000, endMs: T0 + 1000 }], [], { now: null, next: null });
    expect(unnamed.now).to.include({ programmeId: C, title: null });
    expect(unnamed.next).to.equal(null);
    // the slate between programmes: nothing on now, the next one still shown
    const gap = nowNext(T0 + 15_000, [], [guideItem(C, 'Long jump', T0 + 20_000, T0 + 30_000)]);
    expect(gap.now).to.equal(null);
    expect(gap.next?.title).to.equal('Long jump');
  });

  it('back to live: shown beyond three segments behind the sync position, not for the jitter of one or two', () => {
    const seg = 2;
    const n = LIVE.behindLiveSegments;
    expect(n).to.equal(3);
    expect(isBehindLive(100, 100, seg, n)).to.equal(false);
    expect(isBehindLive(96, 100, seg, n)).to.equal(false); // two segments: a slow refresh
    expect(isBehindLive(94, 100, seg, n)).to.equal(false); // exactly three: not yet
    expect(isBehindLive(93.9, 100, seg, n)).to.equal(true);
    expect(isBehindLive(0, 7200, seg, n)).to.equal(true); // started over two hours back
    expect(isBehindLive(100, null, seg, n)).to.equal(false); // no playlist yet
    expect(isBehindLive(Number.NaN, 100, seg, n)).to.equal(false);
  });

  it('the server’s clock from the live edge: the newest segment’s end date when the playlist arrived', () => {
    const frags = parse(livePlaylist()).fragments;
    // the edge is T0+18 s; this device's clock said T0+15 s when the playlist arrived: 3 s slow
    expect(clockOffsetMs(frags, T0 + 15_000)).to.equal(3000);
    expect(clockOffsetMs([], T0)).to.equal(0);
  });
});
