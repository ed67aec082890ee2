// What the server's /watch/:id page hands to first-frame.ts (JSON in the page: the server's
// contract FirstFrameStart, computed by server/catalog/ladder-start.ts and written into the page
// by server/http/routes/watch-page.ts), and what first-frame.ts hands
// to the app (window.podiumFirstFrame). The ids are typed by the contract, so tsc refuses a
// spelling that differs from the server's.
import type { DeferredIconAttr, FirstFrameDataId, FirstFrameStageId, FirstFrameStart, FirstFrameTrack } from '../../../server/contracts/index.js';

export type { FirstFrameStart, FirstFrameTrack };

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
  video: HTMLVideoElement;
  mediaSource: MediaSource;
  tracks: Partial<Record<FirstFrameTrack['type'], FirstFrameBuffer>>;
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

declare global {
  interface Window {
    podiumFirstFrame?: FirstFrameHandoff | null;
  }
}
