// hls.js as the playback engine inside video.js, as a source handler on the Html5 tech.
//
// video.js asks each registered source handler, in order, whether it can handle a source
// (Tech.withSourceHandlers: selectSourceHandler → canHandleSource → handleSource; dispose()
// when the source changes or the tech is disposed). We register ours at index 0 so it wins
// over Html5's native handler — recent Chromium and Safari answer "maybe" for HLS natively —
// and the app imports 'video.js/core', which does not bundle VHS (@videojs/http-streaming),
// so video.js's own HLS engine is never there to compete.
//
// One HlsJsPlayback per source: constructor → registerListeners() → attach/load; onXxx
// handlers; dispose() unregisters and destroys the Hls instance.
import Hls, { ErrorTypes, Events, type ErrorData, type HlsConfig, type ManifestParsedData, type ExtendedSourceBuffer, type SourceBufferTrackSet } from 'hls.js';
import { HLS_CONFIG, PLAYBACK } from '../config.js';
import type { FirstFrameHandoff } from '../core/first-frame-protocol.js';
import type { EventBus } from '../core/event-bus.js';
import { PlayerEvent, type PlayerEventListeners } from '../core/player-events.js';

export const HLS_MIME_TYPES: readonly string[] = [
  'application/x-mpegurl',
  'application/vnd.apple.mpegurl',
  'audio/mpegurl',
  'audio/x-mpegurl',
];

export const HANDLER_NAME = 'hls.js';

/** Per-player options, passed as videojs(el, { html5: { hlsjs: { … } } }). */
export interface HlsJsOptions {
  bus?: EventBus<PlayerEventListeners>;
  config?: Partial<HlsConfig>;
  /** The first frame's MediaSource on this element (first-frame.ts): hls.js continues it. */
  firstFrame?: FirstFrameHandoff | null;
}

/** The first frame's SourceBuffers described the way hls.js's media transfer expects them. */
export function transferTracks(handoff: FirstFrameHandoff): SourceBufferTrackSet {
  const tracks: SourceBufferTrackSet = {};
  for (const [type, t] of Object.entries(handoff.tracks)) {
    if (!t) continue;
    const name = type as 'video' | 'audio';
    tracks[name] = { id: name === 'video' ? 'main' : 'audio', container: t.container, codec: t.codec, levelCodec: t.codec, buffer: t.buffer as ExtendedSourceBuffer, listeners: [] };
  }
  return tracks;
}

/** What we need from video.js's Html5 tech (its own typings do not describe source handlers). */
export interface TechLike {
  el(): Element;
}

export interface SourceObject {
  src: string;
  type?: string;
}

export interface SourceHandler {
  name: string;
  canPlayType(type: string): '' | 'maybe' | 'probably';
  canHandleSource(source: SourceObject, options?: unknown): '' | 'maybe' | 'probably';
  handleSource(source: SourceObject, tech: TechLike, options?: { hlsjs?: HlsJsOptions }): HlsJsPlayback;
}

interface TechClassWithSourceHandlers {
  sourceHandlers?: unknown[];
  registerSourceHandler(handler: SourceHandler, index?: number): void;
}

export function isHlsType(type: string | undefined): boolean {
  if (!type) return false;
  return HLS_MIME_TYPES.includes(type.split(';')[0]!.trim().toLowerCase());
}

function looksLikeHlsUrl(src: string): boolean {
  return /\.m3u8($|[?#])/i.test(src);
}

export class HlsJsPlayback {
  readonly hls: Hls;
  private readonly media: HTMLMediaElement;
  private readonly bus: EventBus<PlayerEventListeners> | undefined;
  private mediaRecoveries = 0;
  private networkLost = false;
  private disposed = false;
  /** Continuing a first frame's playback (its media attached once the page stopped appending). */
  private continuing = false;
  private attachPending = false;
  private manifestParsed = false;
  private loadStarted = false;

  constructor(source: SourceObject, tech: TechLike, options: HlsJsOptions = {}) {
    this.media = tech.el() as HTMLMediaElement;
    this.bus = options.bus;
    this.hls = new Hls({ ...HLS_CONFIG, ...options.config });
    this.registerListeners();
    const handoff = options.firstFrame;
    if (handoff && handoff.video === this.media) {
      // hls.js continues the first frame's MediaSource: it loads on from what is buffered.
      this.continuing = this.attachPending = true;
      this.hls.loadSource(handoff.master);
      void handoff.release().then(() => {
        if (this.disposed) return;
        this.hls.attachMedia({ media: this.media, mediaSource: handoff.mediaSource, tracks: transferTracks(handoff) });
        this.attachPending = false;
        this.startLoading();
      });
      // Announced (menus built) only once hls.js owns the media: until its first fragment has
      // told it the tracks, the transfer is pending, and a rung or track switch then would stall it.
      this.hls.once(Events.MEDIA_ATTACHED, this.announce);
    } else {
      this.hls.attachMedia(this.media);
      this.hls.loadSource(source.src);
      this.announce();
    }
  }

  private announce = (): void => {
    if (!this.disposed) this.bus?.emit(PlayerEvent.EngineAttached, { engine: 'hls.js', version: Hls.version, hls: this.hls });
  };

  private registerListeners(): void {
    this.hls.on(Events.MANIFEST_PARSED, this.onManifestParsed);
    this.hls.on(Events.ERROR, this.onError);
    this.hls.on(Events.FRAG_LOADED, this.onFragLoaded);
  }

  private unregisterListeners(): void {
    this.hls.off(Events.MEDIA_ATTACHED, this.announce);
    this.hls.off(Events.MANIFEST_PARSED, this.onManifestParsed);
    this.hls.off(Events.ERROR, this.onError);
    this.hls.off(Events.FRAG_LOADED, this.onFragLoaded);
  }

  private onFragLoaded = (): void => {
    if (!this.networkLost) return;
    this.networkLost = false;
    this.bus?.emit(PlayerEvent.NetworkRecovered);
  };

  private onManifestParsed = (_event: Events.MANIFEST_PARSED, data: ManifestParsedData): void => {
    // hls.js sorts levels by bitrate; data.firstLevel is the index of the master's first variant.
    // Start there, then let ABR (auto level, on by default) adapt.
    if (this.hls.config.autoStartLoad === false) {
      this.hls.startLevel = data.firstLevel;
      this.manifestParsed = true;
      this.startLoading();
    }
  };

  /**
   * Once the manifest is parsed (and a first frame's media attached). startLoad() alone starts at
   * the beginning: only autoStartLoad reads config.startPosition (resume). Continuing a first frame,
   * hls.js starts at the stage's playhead — where it buffered, on the timeline a live page made
   * hls.js's own (server/channel/live-start.ts) — with the media attached, so that it sees what the
   * stage buffered and loads on after it rather than fetching those segments again.
   */
  private startLoading(): void {
    if (!this.manifestParsed || this.attachPending || this.loadStarted || this.disposed) return;
    this.loadStarted = true;
    const buffered = this.media.buffered;
    this.hls.startLoad(this.continuing && buffered.length > 0 ? Math.max(this.media.currentTime, buffered.start(0)) : this.hls.config.startPosition);
  }

  private onError = (_event: Events.ERROR, data: ErrorData): void => {
    if (data.type === ErrorTypes.NETWORK_ERROR && !this.networkLost) {
      this.networkLost = true;
      this.bus?.emit(PlayerEvent.NetworkLost, data);
    }
    if (!data.fatal) return; // hls.js retries non-fatal errors itself
    if (data.type === ErrorTypes.MEDIA_ERROR && this.mediaRecoveries < PLAYBACK.maxMediaRecoveries) {
      this.mediaRecoveries += 1;
      this.hls.recoverMediaError();
      return;
    }
    // Network errors are fatal only once hls.js's own retry policy is exhausted.
    this.bus?.emit(PlayerEvent.FatalError, data);
  };

  /** Called by video.js when the source changes or the tech is disposed. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unregisterListeners();
    this.hls.destroy();
    this.bus?.emit(PlayerEvent.EngineDetached);
  }

  destroy(): void {
    this.dispose();
  }
}

export const hlsJsSourceHandler: SourceHandler = {
  name: HANDLER_NAME,
  canPlayType(type) {
    return isHlsType(type) && Hls.isSupported() ? 'probably' : '';
  },
  canHandleSource(source) {
    if (source.type) return this.canPlayType(source.type);
    return looksLikeHlsUrl(source.src) && Hls.isSupported() ? 'maybe' : '';
  },
  handleSource(source, tech, options) {
    return new HlsJsPlayback(source, tech, options?.hlsjs);
  },
};

/** Put the hls.js handler first on the Html5 tech. Safe to call more than once. */
export function registerHlsJsSourceHandler(videojs: { getTech(name: string): unknown }): void {
  const Html5 = videojs.getTech('Html5') as TechClassWithSourceHandlers | undefined;
  if (!Html5 || typeof Html5.registerSourceHandler !== 'function') {
    throw new Error('video.js Html5 tech with source handlers is required');
  }
  if (Html5.sourceHandlers?.includes(hlsJsSourceHandler)) return;
  Html5.registerSourceHandler(hlsJsSourceHandler, 0);
}
