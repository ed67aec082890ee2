// The start of the ladder the server writes into /watch/:id as JSON (server/http/routes/watch-page.ts)
// for player/src/first-frame.ts, and the ids both sides find it by; /channel/:id carries the live
// edge's start the same way (server/http/routes/channel-page.ts, with `live`). The ids are literal
// types: each side spells its constant with the contract's type, so tsc refuses a rename on one side.

/** id of the `<script type="application/json">` holding FirstFrameStart. */
export type FirstFrameDataId = 'podium-first-frame';
/** id of the `<div>` the stage's `<video>` goes into. */
export type FirstFrameStageId = 'podium-stage';
/** On the page's `<link rel=icon>` (href `data:,` meanwhile): the icon to restore with the app. */
export type DeferredIconAttr = 'data-deferred-href';
/**
 * How far behind a live playlist's end (s) the player starts and holds (hls.js `liveSyncDuration`,
 * player/src/config.ts HLS_LIVE_CONFIG): the server picks the live page's start segments there.
 */
export type LiveSyncDurationSec = 6;

export interface FirstFrameTrack {
  type: 'video' | 'audio';
  /** RFC 6381 codec of this track, from the master's CODECS. */
  codec: string;
  /** The init segment, then the first media segments, in order (absolute paths or URLs). */
  urls: string[];
  /**
   * Live: the SourceBuffer's timestampOffset (s) for these segments — the one hls.js will give
   * them (its timestamp offset for their discontinuity, from the fragment after them), so they
   * sit where its timeline places them. Absent: 0 (on demand).
   */
  timestampOffset?: number;
}

/** What a live channel's page adds: how hls.js's timeline is made to agree with the stage's. */
export interface FirstFrameLive {
  /**
   * hls.js's first media playlists: the URL hls.js will request (resolved from the master) and
   * the same playlist pinned to the slot the page was computed from (`?slot=`: the same bytes),
   * which the player answers hls.js's first request with. hls.js places live fragments from the
   * first playlist it reads, so these make its timeline the page's.
   */
  playlists: { url: string; pinned: string }[];
}

export interface FirstFrameStart {
  /** The programme the page plays; on a live page (`live`), the channel. */
  programmeId: string;
  /** The signed master playlist hls.js continues with. */
  master: string;
  /** 0 on a live page (no end). */
  durationSec: number;
  tracks: FirstFrameTrack[];
  /**
   * The app's entry module, then the chunks it imports statically. When present, the page does
   * not load the app itself: first-frame.ts does, once the first frame is up (or it gave up), so
   * the app's module graph does not compete with that frame on a busy CPU.
   */
  appModules?: string[];
  /**
   * A live channel's edge (/channel/:id): the tracks are the segments hls.js would start on, each
   * with its timestampOffset; the stage plays from where they begin.
   */
  live?: FirstFrameLive;
}
