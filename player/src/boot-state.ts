// What the tiny entry (main.ts) hands to the app once the heavy chunk has loaded.
import type { PrefsStore } from './core/prefs.js';
import type { Route } from './core/routes.js';

import type { PrefetchMap } from './core/hls-prefetch.js';

export interface BootState {
  language: string;
  region: string | null;
  route: Route;
  prefs: PrefsStore;
  storage: Storage | null;
  /** UI string bundles already requested, by tag. */
  bundles: Record<string, Promise<Record<string, unknown> | null>>;
  /** API requests already in flight, by path (used once). */
  requests: Map<string, Promise<Response>>;
  /**
   * Fetched early for hls.js: on /watch/:id and /channel/:id without a first frame, the master,
   * start variant, default audio and their first (or live edge) segments; with a live first frame,
   * the master and hls.js's first playlists pinned to the page's slot.
   */
  media: PrefetchMap | null;
}
