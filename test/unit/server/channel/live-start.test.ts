// The live page's start (server/channel/live-start.ts), its pure parts: where hls.js places each
// segment of the first live playlist it reads (checked against hls.js's own M3U8Parser), and which
// segments near the edge the page plays before hls.js takes over.
import { expect } from 'chai';
// The ESM build: the CommonJS one (what a bare 'hls.js' resolves to here) exports only the player class.
import { M3U8Parser, PlaylistLevelType } from 'hls.js/dist/hls.mjs';
import { renderLivePlaylist } from '../../../../server/channel/live-playlist.js';
import { chooseLiveStart, LIVE_START_SEGMENTS, LIVE_SYNC_SEC, parseLiveSegments, type LiveSegment } from '../../../../server/channel/live-start.js';
import { parseLiveRendition } from '../../../../server/channel/live-master.js';
import { ALL, LANGUAGES, MAGAZINE, PORTRAIT, SEGMENT_MS, SLATE, SPORT, SUBTITLE_LANGUAGES, window } from './live-fixtures.js';

const MEDIA = new Map(ALL.map((m) => [m.programmeId, m]));
const lineup = { media: ALL, languages: LANGUAGES, subtitleLanguages: SUBTITLE_LANGUAGES };
const url = (programmeId: string, renditionId: string, file: string) => `/media/t/tok/${programmeId}/${renditionId}/${file}`;

/** A playlist as live-playlist.ts writes it over a hand-built window (rendition `name`: v720, a-en…). */
function playlist(name: string, runs: Parameters<typeof window>[2]): string {
  const w = window(2000, 50, runs);
  return renderLivePlaylist({ rendition: parseLiveRendition(name, lineup)!, ...w, media: MEDIA, languages: LANGUAGES, subtitleLanguages: SUBTITLE_LANGUAGES, segmentMs: SEGMENT_MS, url, emptySubtitleUrl: '/live/empty.vtt', skip: undefined, canSkipUntilSec: 12 });
}

/** Segments of `count` slots each from programme runs, durations and discontinuities as given (for the choice alone). */
function segments(runs: { cc: number; count: number }[]): LiveSegment[] {
  const out: LiveSegment[] = [];
  let sn = 100;
  let start = 0;
  for (const r of runs) {
    for (let i = 0; i < r.count; i++) {
      out.push({ sn, cc: r.cc, uri: `s${sn}`, map: `m${r.cc}`, durationSec: 2, startSec: start });
      sn++;
      start += 2;
    }
  }
  return out;
}

describe('channel: the live page’s start', () => {
  it('places every segment as hls.js does when the playlist is the first it reads: EXTINFs summed in order, discontinuities counted, the EXT-X-MAP in effect', () => {
    const runs = [
      { media: SPORT, from: 6, count: 6 }, // its last segment lasts 1.2 s
      { media: SLATE, from: 0, count: 2, slate: true },
      { media: MAGAZINE, from: 0, count: 9 },
      { media: PORTRAIT, from: 0, count: 3 },
    ];
    for (const name of ['v720', 'a-en', 'a-fr']) {
      const text = playlist(name, runs);
      const ours = parseLiveSegments(text);
      const theirs = M3U8Parser.parseLevelPlaylist(text, 'https://podium.test/live/t/tok/ch/x.m3u8', 0, PlaylistLevelType.MAIN, 0, null).fragments;
      expect(ours.map((s) => ({ sn: s.sn, cc: s.cc, uri: s.uri, map: s.map, start: s.startSec, duration: s.durationSec })), name).to.deep.equal(
        theirs.map((f) => ({ sn: f.sn, cc: f.cc, uri: f.relurl, map: f.initSegment?.relurl ?? null, start: f.start, duration: f.duration })),
      );
      // audio segments of 2.005 / 1.984 s: the sums are hls.js's floating-point ones, not rounded
      if (name.startsWith('a-')) expect(ours.some((s) => !Number.isInteger(s.startSec * 1000))).to.equal(true);
    }
  });

  it('starts where hls.js would (6 s before the end, its lookup tolerance) with up to three segments of that programme', () => {
    // 20 segments of one programme: the end at 40 s, hls.js's position 34 s, in the segment [34, 36)
    const one = segments([{ cc: 0, count: 20 }]);
    expect(chooseLiveStart(one, LIVE_SYNC_SEC, LIVE_START_SEGMENTS)).to.deep.equal({ index: 17, count: 3 });
    // at most `max`
    expect(chooseLiveStart(one, LIVE_SYNC_SEC, 2)).to.deep.equal({ index: 17, count: 2 });
    // a position 0.25 s (the tolerance) or less before a segment's end belongs to the next one
    expect(chooseLiveStart(one, 6.2, LIVE_START_SEGMENTS)).to.deep.equal({ index: 17, count: 3 }); // 33.8 s: in [32, 34), but within 0.25 s of its end
    expect(chooseLiveStart(one, 6.3, LIVE_START_SEGMENTS)).to.deep.equal({ index: 16, count: 3 }); // 33.7 s
  });

  it('stays inside one programme: stops at a boundary, and moves a segment back (or on) rather than play one segment alone', () => {
    // boundary after the natural start's second segment: two segments, not three
    expect(chooseLiveStart(segments([{ cc: 0, count: 19 }, { cc: 1, count: 1 }]), LIVE_SYNC_SEC, 3)).to.deep.equal({ index: 17, count: 2 });
    // the natural start is the last segment of its programme: one segment earlier, two of it
    expect(chooseLiveStart(segments([{ cc: 0, count: 18 }, { cc: 1, count: 2 }]), LIVE_SYNC_SEC, 3)).to.deep.equal({ index: 16, count: 2 });
    // …unless that programme is a single segment too: the next programme (closer to the edge)
    expect(chooseLiveStart(segments([{ cc: 0, count: 16 }, { cc: 1, count: 1 }, { cc: 2, count: 1 }, { cc: 3, count: 2 }]), LIVE_SYNC_SEC, 3)).to.deep.equal({ index: 18, count: 2 });
    // one-segment programmes all along: one segment, where hls.js starts
    const singles = segments(Array.from({ length: 20 }, (_, cc) => ({ cc, count: 1 })));
    expect(chooseLiveStart(singles, LIVE_SYNC_SEC, 3)).to.deep.equal({ index: 17, count: 1 });
    expect(chooseLiveStart([], LIVE_SYNC_SEC, 3)).to.equal(null);
  });
});
