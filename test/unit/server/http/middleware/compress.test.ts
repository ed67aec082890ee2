// Which answers the on-the-fly compression leaves alone whatever their type and size.
import { expect } from 'chai';
import { leftUncompressed } from '../../../../../server/http/middleware/compress.js';

describe('leftUncompressed', () => {
  it('leaves delivery, resumable uploads and event streams alone, whatever their type', () => {
    expect(leftUncompressed('/media/t/tok/p/r/v0.m3u8', 'application/vnd.apple.mpegurl')).to.equal(true);
    expect(leftUncompressed('/media/t/tok/p/r/subs/en.vtt', 'text/vtt; charset=utf-8')).to.equal(true);
    expect(leftUncompressed('/live/t/tok/c/v0.m3u8', 'text/plain')).to.equal(true);
    expect(leftUncompressed('/api/uploads', 'application/json')).to.equal(true);
    expect(leftUncompressed('/api/uploads/abc', 'text/plain')).to.equal(true);
    expect(leftUncompressed('/api/jobs/1/events', 'text/event-stream; charset=utf-8')).to.equal(true);
  });
  it('lets the rest through to the type and size checks', () => {
    expect(leftUncompressed('/api/programmes', 'application/json; charset=utf-8')).to.equal(false);
    expect(leftUncompressed('/api/uploadsx', 'application/json')).to.equal(false);
    expect(leftUncompressed('/watch/x', 'text/html; charset=utf-8')).to.equal(false);
    expect(leftUncompressed('/mediathek/x', 'text/html')).to.equal(false);
    expect(leftUncompressed('/locales/fr/player.json', undefined)).to.equal(false);
  });
});
