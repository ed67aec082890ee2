// Accept-Encoding negotiation for precompressed answers (RFC 9110 §12.5.3).
import { expect } from 'chai';
import { acceptedCodings } from '../../../../server/http/accept-encoding.js';

describe('acceptedCodings', () => {
  const offered = ['br', 'gzip'] as const;
  const cases: Array<[string | undefined, string[]]> = [
    [undefined, []],
    ['', []],
    ['identity', []],
    ['gzip, deflate, br, zstd', ['br', 'gzip']], // a browser's: ties go to our order
    ['gzip, deflate', ['gzip']],
    ['br', ['br']],
    ['br;q=0, gzip', ['gzip']],
    ['BR;Q=0, GZIP', ['gzip']],
    ['gzip;q=1, br;q=0.5', ['gzip', 'br']], // the client's weights come first
    ['x-gzip', ['gzip']],
    ['*', ['br', 'gzip']],
    ['*;q=0', []],
    ['*, br;q=0', ['gzip']],
    ['gzip;q=0.5, *;q=0.1', ['gzip', 'br']],
    ['identity;q=1, gzip;q=0.5', []], // the bytes as they are, first
    ['br, identity', ['br']],
    ['gzip;q=2', []], // a malformed weight refuses the coding
    ['gzip;q=abc, br', ['br']],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${JSON.stringify(expected)}`, () => {
      expect(acceptedCodings(header, offered)).to.deep.equal(expected);
    });
  }
  it('reads a header sent several times as one list', () => {
    expect(acceptedCodings(['gzip', 'br;q=0'], offered)).to.deep.equal(['gzip']);
  });
});
