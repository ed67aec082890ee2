// What the server's /watch/:id page hands to first-frame.ts (JSON in the page), and what
// first-frame.ts hands to the app (window.podiumFirstFrame). The server writes the JSON from
// the same fields (FirstFrameStart in server/catalog/ladder-start.ts; server/http/watch-page.ts).

export const FIRST_FRAME_DATA_ID = 'podium-first-frame';
export const FIRST_FRAME_STAGE_ID = 'podium-stage';
/** On the page's `<link rel=icon>` (href `data:,` meanwhile): the icon to restore with the app. */
export const DEFERRED_ICON_ATTR = 'data-deferred-href';
/** Dispatched on the stage's <video> when play() was refused. */
export const AUTOPLAY_REFUSED_EVENT = 'podium-autoplay-refused';

export interface FirstFrameTrack {
  type: 'video' | 'audio';
  /** RFC 6381 codec of this track, from the master's CODECS */
  codec: string;
  /** the init segment, then the first media segments, in order (absolute paths or URLs) */
  urls: string[];
}

export interface FirstFrameStart {
  programmeId: string;
  /** the signed master playlist hls.js continues with */
  master: string;
  durationSec: number;
  tracks: FirstFrameTrack[];
  /**
   * The app's entry module, then the chunks it imports statically. When present, the page
   * does not load the app itself: first-frame.ts does, once the first frame is up (or it gave
   * up), so the app's module graph does not compete with that frame on a busy CPU.
   */
  appModules?: string[];
}

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
