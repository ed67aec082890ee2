// An hls.js loader that answers the master playlist from the copy main.ts fetched while the app
// chunk was still loading, and hands every other request to hls.js's own loader. It saves one
// round trip on the critical path to the first frame.
import Hls, { type HlsConfig, type Loader, type LoaderCallbacks, type LoaderConfiguration, type LoaderContext, type LoaderStats } from 'hls.js';
import type { PrefetchedPlaylist } from '../boot-state.js';

type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

function emptyStats(): LoaderStats {
  const t = performance.now();
  return {
    aborted: false,
    loaded: 0,
    retry: 0,
    total: 0,
    chunkCount: 0,
    bwEstimate: 0,
    loading: { start: t, first: t, end: t },
    parsing: { start: 0, end: 0 },
    buffering: { start: 0, first: 0, end: 0 },
  };
}

/** A loader class for hls.js's `loader` config; `master` is used once, for its own URL. */
export function prefetchingLoader(master: Promise<PrefetchedPlaylist | null>): LoaderClass {
  const Base = Hls.DefaultConfig.loader as unknown as LoaderClass;
  let pending: Promise<PrefetchedPlaylist | null> | null = master;

  return class PrefetchingLoader implements Loader<LoaderContext> {
    private readonly inner: Loader<LoaderContext>;
    context: LoaderContext | null = null;
    stats: LoaderStats = emptyStats();
    private aborted = false;

    constructor(config: HlsConfig) {
      this.inner = new Base(config);
    }

    load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      const early = (context as { type?: string }).type === 'manifest' ? pending : null;
      if (!early) return this.delegate(context, config, callbacks);
      pending = null;
      void early.then((copy) => {
        if (this.aborted) return;
        if (!copy || copy.url !== context.url) return this.delegate(context, config, callbacks);
        this.stats = emptyStats();
        this.stats.loaded = this.stats.total = copy.text.length;
        callbacks.onSuccess({ url: copy.url, data: copy.text }, this.stats, context, null);
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
