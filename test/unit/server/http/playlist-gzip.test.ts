// Which Accept-Encoding headers get a playlist gzip (the header's reading: accept-encoding.test.ts),
// and that its gzip is made once per playlist.
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { GZIP_MIN_BYTES, playlistRepresentation } from '../../../../server/http/playlist-gzip.js';

describe('playlist gzip', () => {
  it('gzip when Accept-Encoding allows it: named with q above 0, or * not overruled by name', () => {
    const body = Buffer.alloc(GZIP_MIN_BYTES, '#EXTINF:2.000000,\n');
    const yes = ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.8', 'GZIP', 'x-gzip', '*', 'br, *;q=0.1', 'gzip;q=0.001', ['br', 'gzip']];
    const no = [undefined, '', 'identity', 'br', 'gzip;q=0', 'gzip; q=0.000', '*;q=0', 'gzip;q=0, *', 'deflate, br, *;q=0', 'gzipx'];
    for (const h of yes) expect(playlistRepresentation({}, body, '"e"', h).encoding, String(h)).to.equal('gzip');
    for (const h of no) expect(playlistRepresentation({}, body, '"e"', h).encoding, String(h)).to.equal(null);
  });

  it('compresses a playlist once, keeps it beside the playlist, and leaves small ones and refusing clients alone', () => {
    const body = Buffer.from(Array.from({ length: 300 }, (_, i) => `#EXTINF:2.000000,\nseg_${i}.m4s`).join('\n'));
    const of = {};
    const a = playlistRepresentation(of, body, '"abc"', 'gzip');
    expect(a.encoding).to.equal('gzip');
    expect(a.etag).to.equal('"abc.gz"');
    expect(gunzipSync(a.body).equals(body)).to.equal(true);
    expect(playlistRepresentation(of, body, '"abc"', 'gzip, br').body).to.equal(a.body); // the same bytes, not compressed again
    expect(playlistRepresentation(of, body, '"abc"', 'br')).to.deep.equal({ body, etag: '"abc"', encoding: null });
    const small = body.subarray(0, GZIP_MIN_BYTES - 1);
    expect(playlistRepresentation({}, small, '"s"', 'gzip').encoding).to.equal(null);
  });
});
