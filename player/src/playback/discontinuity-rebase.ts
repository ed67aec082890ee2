// A live channel's EXT-X-DISCONTINUITY-SEQUENCE, lowered to small numbers for hls.js.
//
// hls.js (1.7) keeps each discontinuity domain's timestamp offset in an array indexed by the
// sequence number and, on every main playlist refresh, walks that array from index 0
// (stream-controller onLevelLoaded: `initPTS.some(…)`): the cost grows with the number itself, not
// with how many domains there are — measured in V8, 10 ms at 1e5, 250 ms at 1e6, 1.4 s at 1e7,
// every 2 s refresh. Numbers of 2^31 and more (a count that starts high, or from 1970) left no
// fragment appended at all in Chromium. RFC 8216 allows any value up to 2^64, and a stateless
// server has good reasons for large ones (a pure function of the schedule and the clock), so
// the player lowers them: every playlist of one hls.js instance by the same amount, fixed by the
// first playlist it reads. Only differences between sequence numbers mean anything to a player,
// and they are kept.
import Hls, { type HlsConfig, type Loader, type LoaderCallbacks, type LoaderConfiguration, type LoaderContext, type PlaylistLoaderContext } from 'hls.js';

const TAG = /^#EXT-X-DISCONTINUITY-SEQUENCE:(\d+)[ \t]*$/m;

/**
 * The amount kept below the first number read: a rendition's playlist fetched a moment earlier
 * than the first one (another cache, a slower replica) may be a few discontinuities behind it.
 */
export const REBASE_MARGIN = 1000;

/** Per hls.js instance: the amount its playlists' sequence numbers are lowered by, once known. */
export interface RebaseState {
  base: number | null;
}

/**
 * Pure but for `state.base`, set from the first playlist with the tag: the playlist with its
 * EXT-X-DISCONTINUITY-SEQUENCE lowered by it. Playlists without the tag (the master, VOD) are
 * returned as they are.
 */
export function rebaseDiscontinuitySequence(text: string, state: RebaseState): string {
  const m = TAG.exec(text);
  if (!m) return text;
  const value = Number(m[1]);
  if (!Number.isSafeInteger(value)) return text;
  state.base ??= Math.max(0, value - REBASE_MARGIN);
  const lowered = Math.max(0, value - state.base);
  return lowered === value ? text : text.replace(TAG, `#EXT-X-DISCONTINUITY-SEQUENCE:${lowered}`);
}

type LoaderClass = new (config: HlsConfig) => Loader<PlaylistLoaderContext>;

/**
 * A playlist loader class for hls.js's `pLoader` config: hls.js's own loader, each playlist
 * rebased on its way in. hls.js makes one loader per request with its instance's config, so the
 * state hangs on that config object.
 */
export function rebasingPlaylistLoader(): LoaderClass {
  const states = new WeakMap<HlsConfig, RebaseState>();

  return class RebasingPlaylistLoader implements Loader<PlaylistLoaderContext> {
    private readonly inner: Loader<LoaderContext>;
    private readonly state: RebaseState;
    context: PlaylistLoaderContext | null = null;

    constructor(config: HlsConfig) {
      // the instance's own loader (the start-up prefetch's, boot-loader.ts, on a page that has one)
      const Inner = (config.loader ?? Hls.DefaultConfig.loader) as unknown as new (config: HlsConfig) => Loader<LoaderContext>;
      this.inner = new Inner(config);
      let state = states.get(config);
      if (!state) states.set(config, (state = { base: null }));
      this.state = state;
    }

    get stats() {
      return this.inner.stats;
    }

    load(context: PlaylistLoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<PlaylistLoaderContext>): void {
      this.context = context;
      const onSuccess = callbacks.onSuccess;
      const wrapped: LoaderCallbacks<PlaylistLoaderContext> = {
        ...callbacks,
        onSuccess: (response, stats, ctx, networkDetails) => {
          if (typeof response.data === 'string') response.data = rebaseDiscontinuitySequence(response.data, this.state);
          onSuccess(response, stats, ctx, networkDetails);
        },
      };
      this.inner.load(context, config, wrapped as unknown as LoaderCallbacks<LoaderContext>);
    }

    abort(): void {
      this.inner.abort();
    }

    destroy(): void {
      this.inner.destroy();
    }

    getCacheAge(): number | null {
      return this.inner.getCacheAge?.() ?? null;
    }

    getResponseHeader(name: string): string | null {
      return this.inner.getResponseHeader?.(name) ?? null;
    }
  };
}
