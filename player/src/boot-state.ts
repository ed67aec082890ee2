// What the tiny entry (main.ts) hands to the app once the heavy chunk has loaded.
import type { PrefsStore } from './core/prefs.js';
import type { Route } from './core/routes.js';

export interface PrefetchedPlaylist {
  url: string;
  text: string;
}

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
  /** The master playlist of the programme on /watch/:id, fetched early. */
  master: Promise<PrefetchedPlaylist | null> | null;
}
