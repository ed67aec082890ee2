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
  /** On /watch/:id: the master, start variant, default audio and their first segments, fetched early. */
  media: PrefetchMap | null;
}
