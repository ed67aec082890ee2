import { expect } from 'chai';
import { channelPath, parsePath, watchPath } from '../../../player/src/core/routes.js';

describe('player routes', () => {
  it('parses home and watch pages', () => {
    expect(parsePath('/')).to.deep.equal({ name: 'home' });
    expect(parsePath('/watch/abc-123')).to.deep.equal({ name: 'watch', id: 'abc-123' });
    expect(parsePath('/watch/abc-123/')).to.deep.equal({ name: 'watch', id: 'abc-123' });
  });

  it('round-trips ids through watchPath', () => {
    const id = 'a b/é';
    expect(parsePath(watchPath(id))).to.deep.equal({ name: 'watch', id });
  });

  it('parses a live channel’s page and round-trips its id', () => {
    expect(parsePath('/channel/3f2c')).to.deep.equal({ name: 'channel', id: '3f2c' });
    expect(parsePath(channelPath('a b'))).to.deep.equal({ name: 'channel', id: 'a b' });
    expect(parsePath('/channel/')).to.deep.equal({ name: 'notFound' });
  });

  it('sends anything else to not found', () => {
    expect(parsePath('/watch/')).to.deep.equal({ name: 'notFound' });
    expect(parsePath('/watch/a/b')).to.deep.equal({ name: 'notFound' });
    expect(parsePath('/watch/%E0%A4%A')).to.deep.equal({ name: 'notFound' });
    expect(parsePath('/admin')).to.deep.equal({ name: 'notFound' });
  });
});
