// An hls.js loader that answers from the responses main.ts fetched while the app chunk was
// still loading (the master, the start rung's playlist, its default audio, their init and first
// segments: core/hls-prefetch.ts; a live first frame's pinned playlists) and from the files a first
// frame fetched (pages/player-page.ts), and hands every other request to hls.js's own loader. Each
// prefetched response is used once. It takes the whole start-up chain off the critical path.
import Hls, { type HlsConfig, type Loader, type LoaderCallbacks, type LoaderConfiguration, type LoaderContext, type LoaderStats } from 'hls.js';
import type { PrefetchMap } from '../core/hls-prefetch.js';

type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

function stats(start: number, end: number, bytes: number): LoaderStats {
  return {
    aborted: false,
    loaded: bytes,
    retry: 0,
    total: bytes,
    chunkCount: 0,
    bwEstimate: 0,
    loading: { start, first: start + (end - start) / 2, end },
    parsing: { start: 0, end: 0 },
    buffering: { start: 0, first: 0, end: 0 },
  };
}

/** A loader class for hls.js's `loader` config. */
export function prefetchingLoader(prefetched: PrefetchMap): LoaderClass {
  const Base = Hls.DefaultConfig.loader as unknown as LoaderClass;

  return class PrefetchingLoader implements Loader<LoaderContext> {
    private readonly inner: Loader<LoaderContext>;
    context: LoaderContext | null = null;
    stats: LoaderStats = stats(0, 0, 0);
    private aborted = false;

    constructor(config: HlsConfig) {
      this.inner = new Base(config);
    }

    load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      // hls.js keeps the master's URL as given (relative); the prefetch keys are absolute
      const url = new URL(context.url, document.baseURI).href;
      const early = context.rangeStart || context.rangeEnd ? undefined : prefetched.get(url);
      if (!early) return this.delegate(context, config, callbacks);
      prefetched.delete(url);
      void early.then((copy) => {
        if (this.aborted) return;
        const binary = context.responseType === 'arraybuffer';
        if (!copy || binary !== copy.data instanceof ArrayBuffer) return this.delegate(context, config, callbacks);
        const size = typeof copy.data === 'string' ? copy.data.length : copy.data.byteLength;
        this.stats = stats(copy.start, Math.max(copy.end, copy.start + 1), size);
        callbacks.onSuccess({ url: copy.url, data: copy.data }, this.stats, context, null);
      });
    }

    private delegate(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.inner.load(context, config, callbacks);
      this.stats = this.inner.stats;
    }

    abort(): void {
      this.aborted = true;
      this.inner.abort();
    }

    destroy(): void {
      this.aborted = true;
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
