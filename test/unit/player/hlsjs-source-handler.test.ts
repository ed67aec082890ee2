// The registration contract with video.js, without a browser: our handler goes first on the
// Html5 tech (ahead of the native one, which recent Chromium/Safari would accept for HLS),
// once, and claims HLS MIME types only. Playback itself is covered by test/browser.
import { expect } from 'chai';
import { hlsJsSourceHandler, isHlsType, registerHlsJsSourceHandler } from '../../../player/src/playback/hlsjs-source-handler.js';

function fakeVideojs() {
  const nativeSourceHandler = { name: 'native' };
  const Html5 = {
    sourceHandlers: [nativeSourceHandler] as unknown[],
    registerSourceHandler(handler: unknown, index?: number) {
      this.sourceHandlers.splice(index ?? this.sourceHandlers.length, 0, handler);
    },
  };
  return { Html5, nativeSourceHandler, videojs: { getTech: (name: string) => (name === 'Html5' ? Html5 : undefined) } };
}

describe('player: hls.js source handler for video.js', () => {
  it('registers ahead of the native handler, once', () => {
    const { Html5, nativeSourceHandler, videojs } = fakeVideojs();
    registerHlsJsSourceHandler(videojs);
    registerHlsJsSourceHandler(videojs);
    expect(Html5.sourceHandlers).to.deep.equal([hlsJsSourceHandler, nativeSourceHandler]);
  });

  it('refuses to run without an Html5 tech that takes source handlers', () => {
    expect(() => registerHlsJsSourceHandler({ getTech: () => undefined })).to.throw(/Html5 tech/);
  });

  it('recognises the HLS MIME types, case- and parameter-insensitively', () => {
    expect(isHlsType('application/x-mpegURL')).to.equal(true);
    expect(isHlsType('application/vnd.apple.mpegurl; charset=utf-8')).to.equal(true);
    expect(isHlsType('video/mp4')).to.equal(false);
    expect(isHlsType(undefined)).to.equal(false);
  });

  it('does not claim non-HLS sources', () => {
    expect(hlsJsSourceHandler.canHandleSource({ src: '/clip.mp4', type: 'video/mp4' })).to.equal('');
    expect(hlsJsSourceHandler.canHandleSource({ src: '/clip.mp4' })).to.equal('');
  });
});
