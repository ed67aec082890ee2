// A live channel's EXT-X-DISCONTINUITY-SEQUENCE lowered for hls.js (player/src/playback/
// discontinuity-rebase.ts): every playlist of one player by the same amount, so hls.js (which
// parses the result here, as in the browser) sees the same discontinuity domains, numbered small.
import { expect } from 'chai';
// the ES build: under mocha 'hls.js' resolves to the UMD build, which exports only the Hls class
import { M3U8Parser, PlaylistLevelType } from 'hls.js/dist/hls.mjs';
import { REBASE_MARGIN, rebaseDiscontinuitySequence, type RebaseState } from '../../../player/src/playback/discontinuity-rebase.js';

function playlist(discontinuitySequence: number | string, mediaSequence: number): string {
  return [
    '#EXTM3U',
    '#EXT-X-TARGETDURATION:2',
    `#EXT-X-MEDIA-SEQUENCE:${mediaSequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitySequence}`,
    '#EXT-X-PROGRAM-DATE-TIME:2026-07-24T18:00:00.000Z',
    '#EXTINF:2.000,',
    'a.m4s',
    '#EXT-X-DISCONTINUITY',
    '#EXTINF:2.000,',
    'b.m4s',
    '',
  ].join('\n');
}

const ccs = (text: string) => M3U8Parser.parseLevelPlaylist(text, 'https://podium.test/live/x/index.m3u8', 0, PlaylistLevelType.MAIN, 0, null).fragments.map((f) => f.cc);

describe('player: discontinuity sequence rebased for hls.js', () => {
  it('lowers a large sequence number to the margin, and every later playlist by the same amount', () => {
    const state: RebaseState = { base: null };
    const large = 2 ** 32 * 3 + 2 ** 31 + 12_345; // a schedule version's numbers, far past 2^32
    const first = rebaseDiscontinuitySequence(playlist(large, 900), state);
    expect(state.base).to.equal(large - REBASE_MARGIN);
    expect(ccs(first)).to.deep.equal([REBASE_MARGIN, REBASE_MARGIN + 1]);
    // a later refresh (the window slid past one boundary) and another rendition a little behind
    expect(ccs(rebaseDiscontinuitySequence(playlist(large + 1, 905), state))).to.deep.equal([REBASE_MARGIN + 1, REBASE_MARGIN + 2]);
    expect(ccs(rebaseDiscontinuitySequence(playlist(large - 3, 895), state))).to.deep.equal([REBASE_MARGIN - 3, REBASE_MARGIN - 2]);
    // the differences hls.js compares are the server's
    expect(ccs(playlist(large + 1, 905)).map((c) => c - large)).to.deep.equal([1, 2]);
  });

  it('leaves small numbers, playlists without the tag and numbers past 2^53 as they are', () => {
    const state: RebaseState = { base: null };
    expect(rebaseDiscontinuitySequence(playlist(7, 1), state)).to.equal(playlist(7, 1));
    expect(state.base).to.equal(0);
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000\nv0/index.m3u8\n';
    expect(rebaseDiscontinuitySequence(master, { base: null })).to.equal(master);
    const huge = playlist('18446744073709551615', 1); // RFC 8216's largest decimal-integer
    expect(rebaseDiscontinuitySequence(huge, { base: null })).to.equal(huge);
  });

  it('never goes below zero for a playlist older than the margin', () => {
    const state: RebaseState = { base: null };
    rebaseDiscontinuitySequence(playlist(1_000_000, 10), state);
    expect(ccs(rebaseDiscontinuitySequence(playlist(1_000_000 - REBASE_MARGIN - 50, 5), state))[0]).to.equal(0);
  });
});
