// What the server's /watch/:id and /channel/:id pages hand to first-frame.ts (JSON in the page: the
// server's contract FirstFrameStart, computed by server/catalog/ladder-start.ts or, at a live edge,
// server/channel/live-start.ts, and written into the page by server/http/routes/watch-page.ts), and
// what first-frame.ts hands
// to the app (window.podiumFirstFrame). The ids are typed by the contract, so tsc refuses a
// spelling that differs from the server's.
import type { DeferredIconAttr, FirstFrameDataId, FirstFrameLive, FirstFrameStageId, FirstFrameStart, FirstFrameTrack } from '../../../server/contracts/index.js';

export type { FirstFrameLive, FirstFrameStart, FirstFrameTrack };

export const FIRST_FRAME_DATA_ID: FirstFrameDataId = 'podium-first-frame';
export const FIRST_FRAME_STAGE_ID: FirstFrameStageId = 'podium-stage';
/** On the page's `<link rel=icon>` (href `data:,` meanwhile): the icon to restore with the app. */
export const DEFERRED_ICON_ATTR: DeferredIconAttr = 'data-deferred-href';
/** Dispatched on the stage's <video> when play() was refused. */
export const AUTOPLAY_REFUSED_EVENT = 'podium-autoplay-refused';

export interface FirstFrameBuffer {
  buffer: SourceBuffer;
  codec: string;
  container: string;
}

export interface FirstFrameHandoff {
  programmeId: string;
  master: string;
  /** A live page's: hls.js's first playlists, pinned to the page's slot (the app answers hls.js's requests with them). */
  live: FirstFrameLive | null;
  video: HTMLVideoElement;
  mediaSource: MediaSource;
  tracks: Partial<Record<FirstFrameTrack['type'], FirstFrameBuffer>>;
  /**
   * The files the page fetched (init and media segments) by their URL in the start, with when
   * (performance.now()): hls.js takes these copies instead of fetching them again.
   */
  fetched: Map<string, { data: ArrayBuffer; start: number; end: number }>;
  /** 'ready': every start segment is appended; 'failed': abandon the stage */
  state: 'loading' | 'ready' | 'failed';
  /** settles when state leaves 'loading' */
  settled: Promise<void>;
  /** performance.now() of the first 'playing' (QoE startup time), or null */
  playingAt: number | null;
  /** The browser refused muted autoplay: the first frame stays paused (the stage then dispatches AUTOPLAY_REFUSED_EVENT on the video). */
  autoplayRefused: boolean;
  /** Stops appending (hls.js takes over); resolves once no SourceBuffer is updating. */
  release(): Promise<void>;
}

/** The start JSON the server put into the page, or null (none, or unreadable). */
export function readFirstFrameStart(doc: Document): FirstFrameStart | null {
  const text = doc.getElementById(FIRST_FRAME_DATA_ID)?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as FirstFrameStart;
  } catch {
    return null;
  }
}

declare global {
  interface Window {
    podiumFirstFrame?: FirstFrameHandoff | null;
  }
}
