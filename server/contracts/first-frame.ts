// The start of the ladder the server writes into /watch/:id as JSON (server/http/routes/watch-page.ts)
// for player/src/first-frame.ts, and the ids both sides find it by. The ids are literal types:
// each side spells its constant with the contract's type, so tsc refuses a rename on one side.

/** id of the `<script type="application/json">` holding FirstFrameStart. */
export type FirstFrameDataId = 'podium-first-frame';
/** id of the `<div>` the stage's `<video>` goes into. */
export type FirstFrameStageId = 'podium-stage';
/** On the page's `<link rel=icon>` (href `data:,` meanwhile): the icon to restore with the app. */
export type DeferredIconAttr = 'data-deferred-href';

export interface FirstFrameTrack {
  type: 'video' | 'audio';
  /** RFC 6381 codec of this track, from the master's CODECS. */
  codec: string;
  /** The init segment, then the first media segments, in order (absolute paths or URLs). */
  urls: string[];
}

export interface FirstFrameStart {
  programmeId: string;
  /** The signed master playlist hls.js continues with. */
  master: string;
  durationSec: number;
  tracks: FirstFrameTrack[];
  /**
   * The app's entry module, then the chunks it imports statically. When present, the page does
   * not load the app itself: first-frame.ts does, once the first frame is up (or it gave up), so
   * the app's module graph does not compete with that frame on a busy CPU.
   */
  appModules?: string[];
}
