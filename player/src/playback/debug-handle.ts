// The debug/test handle: which engine plays, and its instance, on `window.__podium` (the browser
// tests read it, with `data-engine` on `.player-frame`). Not an API for app code: pages only set it.
import type Hls from 'hls.js';
import type { VideoPlayer } from './video-player.js';

export interface PodiumDebugHandle {
  engine: 'hls.js' | null;
  hls: Hls | null;
  player: VideoPlayer['player'] | null;
  /** Sends the QoE totals now (tests). */
  flushQoe?: () => void;
}

declare global {
  interface Window {
    __podium?: PodiumDebugHandle;
  }
}

/** hls.js attached inside `player` (or detached: `hls` null). */
export function setDebugHandle(player: VideoPlayer | null, hls: Hls | null): void {
  if (hls) player?.el.setAttribute('data-engine', 'hls.js');
  else player?.el.removeAttribute('data-engine');
  window.__podium = hls ? { engine: 'hls.js', hls, player: player?.player ?? null, flushQoe: () => player?.qoe()?.flush() } : { engine: null, hls: null, player: null };
}
