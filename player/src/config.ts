// The player's tunables in one place, as the server's are in server/config.ts: hls.js settings,
// first-frame timings, QoE and resume intervals, list and rail sizes. The player has no
// environment to read, so these are fixed at build time; each value says why it is what it is.
//
// One frozen object per area, each marked pure: esbuild keeps in a bundle only the areas its
// code reads (first-frame.js, inlined in every watch page, takes FIRST_FRAME and RESUME only).
import type { HlsConfig } from 'hls.js';
import type { LiveSyncDurationSec } from '../../server/contracts/index.js';

/** The server picks a live page's first segments this far behind the edge too (its contract's type: tsc refuses a change on one side). */
const LIVE_SYNC_SEC: LiveSyncDurationSec = 6;

/**
 * hls.js defaults for VOD sport, tuned for a fast first frame (player/README "hls.js inside
 * video.js"); tests and benchmarks may override them per player (VideoPlayerOptions.hlsConfig).
 */
export const HLS_CONFIG: Readonly<Partial<HlsConfig>> = /* @__PURE__ */ Object.freeze<Partial<HlsConfig>>({
  // Load only once the manifest is parsed, so the start level can be pinned to the master's
  // first-listed variant (our packager lists the ~2 Mb/s rung first, as Apple recommends).
  autoStartLoad: false,
  // VOD: none of the low-latency machinery (part loading, playlist blocking reloads).
  lowLatencyMode: false,
  // No bandwidth probe before the first fragment: the first-listed rung is the start, then ABR.
  testBandwidth: false,
  // Request the first fragment while the init segment is still in flight.
  startFragPrefetch: true,
  // A modest forward buffer (s), so start-up requests are not queued behind look-ahead fragments.
  maxBufferLength: 12,
  // The most hls.js may grow that buffer to (s) when bandwidth allows.
  maxMaxBufferLength: 30,
  // Played media kept behind the playhead (s): enough for a quick seek back without refetching.
  backBufferLength: 30,
  // Rungs taller than the player are not worth their bytes (ABR still adapts below the cap).
  capLevelToPlayerSize: true,
  // No interstitials controller: Podium's streams carry no interstitials, and hls.js 1.7's
  // controller starts loading again at the playhead when a transferred MediaSource attaches (a
  // first frame's: interstitials-controller startLoadingPrimaryAt), aborting the fragment hls.js
  // had just taken from the page and fetching it once more.
  interstitialsController: undefined,
});

/**
 * What a live channel (issue 12) changes in HLS_CONFIG: a sliding window of 2 s segments with a
 * DVR window of hours behind the edge (server PODIUM_CHANNEL_DVR_SEC), start-over from the guide.
 */
export const HLS_LIVE_CONFIG: Readonly<Partial<HlsConfig>> = /* @__PURE__ */ Object.freeze<Partial<HlsConfig>>({
  // Start (and "back to live") 6 s behind the newest segment: three 2 s segments, so one slow
  // segment or playlist refresh does not stall at the edge. In seconds rather than hls.js's
  // segment count, so a channel with longer segments keeps the same delay.
  liveSyncDuration: LIVE_SYNC_SEC,
  // liveMaxLatencyDuration stays unset (hls.js: no limit): a viewer who paused or started a
  // programme over is never pulled forward to the edge; the back-to-live button is their choice.
  // Never speed up to catch up with the edge: sport commentary at 1.1× is noticeable.
  maxLiveSyncPlaybackRate: 1,
  // The media element's duration is Infinity and its seekable range is the DVR window, which is
  // what video.js's live UI (liveui) reads for the progress bar; a growing finite duration would
  // show a VOD timeline hours long that shifts under the viewer.
  liveDurationInfinity: true,
});

export const LIVE = /* @__PURE__ */ Object.freeze({
  /**
   * "Back to live" shows when the playhead is more than this many segments behind where hls.js
   * keeps a live viewer (its target latency): a stall or a slow refresh moves it one or two
   * segments, which is not worth a button; three (6 s) is a delay a viewer notices.
   */
  behindLiveSegments: 3,
  /** now/next follow the playhead's programme date time this often (ms) while playing (and on every playlist refresh). */
  nowNextTickMs: 1000,
  /** The guide grid is fetched again this often (ms): schedule edits and rights changes show within it. */
  guideRefreshMs: 5 * 60_000,
  /**
   * The guide grid asks from the start of the DVR window (start-over) to this far ahead (s): an
   * evening of programmes, without a loop of short clips answering thousands of items per refresh.
   */
  guideAheadSec: 6 * 3600,
  /** Rows the grid keeps before the programme on air, and in all: a loop of short clips lists thousands in a day. */
  guideMaxPastRows: 60,
  guideMaxRows: 150,
  /** A stream DATERANGE naming a programme the guide does not list asks for the guide again, at most this often (ms). */
  guideMissRefetchMs: 30_000,
  /**
   * Start-over seeks this far (s) past the instant both tracks begin a programme. Seeking exactly
   * onto a programme boundary (a discontinuity) left hls.js 1.7 with the video buffered and its
   * audio controller idle, the seek never completing (Chromium, a real channel: video and audio
   * boundaries 9 ms apart); a tenth of a second in, every seek completed. Two or three frames.
   */
  startOverLeadSec: 0.1,
  /** 503 not_ready without Retry-After (the channel's slate is still being packaged): ask again after this long (ms). */
  notReadyRetryMs: 5000,
  /** The EXT-X-DATERANGE class of a programme on a channel's playlists (server/channel live playlists). */
  programmeClass: 'org.podium.programme',
  /** The home page's live rail redraws its progress bars this often (ms); its now/next are fetched again at a programme's end. */
  railTickMs: 15_000,
});

export const PLAYBACK = /* @__PURE__ */ Object.freeze({
  /** A fatal decode error is retried this many times (hls.js detaches and re-attaches the media) before the viewer is told. */
  maxMediaRecoveries: 2,
  /** The playback-rate menu: slow motion for replays, up to double speed for catching up. */
  playbackRates: /* @__PURE__ */ Object.freeze([0.5, 0.75, 1, 1.25, 1.5, 2]),
  /** ←/→ seek by this many seconds (the step YouTube and most players use). */
  seekStepSec: 5,
  /** ↑/↓ change the volume by this fraction (ten steps from silent to full). */
  volumeStep: 0.1,
});

export const FIRST_FRAME = /* @__PURE__ */ Object.freeze({
  /**
   * The app (video.js + hls.js, ~1 MB of JavaScript) waits for the stage's first frame so it does
   * not compete with it for the main thread, but at most this long (ms) after first-frame.js ran
   * or main.ts started waiting: a frame that is slow to come must not also delay the controls.
   */
  appWaitCapMs: 1500,
});

export const RESUME = /* @__PURE__ */ Object.freeze({
  /** A position before this (s) is not worth resuming: the viewer barely started. */
  minSec: 5,
  /** Near the end a programme starts again from the top: within the last this-many seconds (or the last quarter of a short clip). */
  endMarginSec: 10,
  /** While playing, the position is saved at most this often (ms); pause and pagehide save at once. */
  saveEveryMs: 5000,
});

export const QOE = /* @__PURE__ */ Object.freeze({
  /** Running totals are sent this often (ms) while the page is open, besides pagehide and when hidden: a closed tab loses at most this much. */
  flushMs: 30_000,
});

export const CATALOG = /* @__PURE__ */ Object.freeze({
  /** GET /api/programmes page size the home page asks for: the server's largest page. */
  listPageSize: 100,
  /** Pages the home page follows (500 programmes): enough for the rails, bounded for a huge catalog. */
  listMaxPages: 5,
  /** Programmes in the home page's "latest" rail. */
  latestRailSize: 24,
});

export const WATCH_PAGE = /* @__PURE__ */ Object.freeze({
  /** A programme still being transcoded is asked for again this often (ms) until it is ready. */
  processingPollMs: 5000,
  /** How long (ms) "connection restored" stays up after the network came back. */
  restoredNoticeMs: 4000,
});

export const PREFS = /* @__PURE__ */ Object.freeze({
  /** The language and region cookies live this long (s): a year, renewed on each choice. */
  cookieMaxAgeSec: 31_536_000, // 365 days
});
