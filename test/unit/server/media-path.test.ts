import { expect } from 'chai';
import { decodeMediaPath, isSafeMediaSegment, splitRenditionPath } from '../../../server/media/media-path.js';

describe('server/media/media-path', () => {
  it('decodes each segment of a request path once', () => {
    expect(decodeMediaPath('/p1/r1/v0/seg%201.m4s')).to.deep.equal(['p1', 'r1', 'v0', 'seg 1.m4s']);
    expect(decodeMediaPath('p1/r1/master.m3u8')).to.deep.equal(['p1', 'r1', 'master.m3u8']);
    // %25 decodes to a literal %: the result is a name, never decoded again
    expect(decodeMediaPath('/p1/%252e%252e/x.m3u8')).to.deep.equal(['p1', '%2e%2e', 'x.m3u8']);
  });

  it('refuses every way out and every hidden or odd name', () => {
    for (const p of ['/p1/../x.m3u8', '/p1/%2e%2e/x.m3u8', '/p1/%2E%2E/x.m3u8', '/p1/.%2e/x.m3u8', '/p1/a%2fb.m3u8', '/p1/a%5cb.m3u8', '/p1/a\\b.m3u8', '/p1/a%00.m3u8', '/p1//x.m3u8', '/p1/./x.m3u8', '/p1/.hidden.m3u8', '/p1/c%3a.m3u8', '/p1/%e0%a4%a.m3u8', '', '/', `/${'a'.repeat(1025)}`]) {
      expect(decodeMediaPath(p), p).to.equal(null);
    }
    for (const d of ['', '.', '..', '.x', 'a/b', 'a\\b', 'a\0', 'c:']) expect(isSafeMediaSegment(d), JSON.stringify(d)).to.equal(false);
    expect(isSafeMediaSegment('seg_00001.m4s')).to.equal(true);
  });

  it('splits decoded segments into the rendition key and the file below it', () => {
    expect(splitRenditionPath(['p1', 'r1', 'v0', 'seg.m4s'])).to.deep.equal({ renditionKey: 'p1/r1', file: 'v0/seg.m4s' });
    expect(splitRenditionPath(['p1', 'r1'])).to.equal(null);
  });
});
