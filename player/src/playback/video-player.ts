// A video.js player whose HLS engine is hls.js (see hlsjs-source-handler.ts). The component
// owns the <video> element, the video.js Player and the player plugins (quality, audio and
// subtitle menus, shortcuts, resume, storyboard previews, QoE beacons), which are created when
// hls.js attaches and destroyed when it detaches. destroy() disposes everything.
// A live channel (`live: true`) plays through the same player with HLS_LIVE_CONFIG, video.js's
// live UI (the progress bar spans the DVR window) and "back to live" instead of resume,
// storyboard and playback rates.
import type Hls from 'hls.js';
import videojs from 'video.js/core.es.js';
import type * as PlayerModule from 'video.js/dist/types/player.js';
import type { Component } from '../components/component.js';
import { h } from '../components/component.js';
import { HLS_LIVE_CONFIG, PLAYBACK } from '../config.js';
import type { EventBus } from '../core/event-bus.js';
import type { I18n } from '../core/i18n.js';
import { PlayerEvent, type PlayerEventListeners } from '../core/player-events.js';
import { BUILT_IN_REGIONS } from '../core/regions.js';
import type { FirstFrameHandoff } from '../core/first-frame-protocol.js';
import { rebasingPlaylistLoader } from './discontinuity-rebase.js';
import { registerHlsJsSourceHandler, type HlsJsOptions } from './hlsjs-source-handler.js';
import { AudioMenu } from './plugins/audio-menu.js';
import { BackToLive } from './plugins/back-to-live.js';
import { Hotkeys } from './plugins/hotkeys.js';
import type { PlayerPlugin } from './plugins/plugin.js';
import { QoeReporter, defaultTransport } from './plugins/qoe-reporter.js';
import { QualityMenu } from './plugins/quality-menu.js';
import { ResumeTracker } from './plugins/resume.js';
import { StoryboardPreview } from './plugins/storyboard.js';
import { SubtitleMenu } from './plugins/subtitle-menu.js';
import { relabelVideoJsTexts } from './video-js-texts.js';
import { ensureVideoJsLanguage } from './video-languages.js';

export type Player = PlayerModule.default;

registerHlsJsSourceHandler(videojs);

/** The control bar: video.js's own audio/caption buttons are replaced by Podium's menus. */
const CONTROL_BAR = [
  'playToggle',
  'volumePanel',
  'currentTimeDisplay',
  'timeDivider',
  'durationDisplay',
  'progressControl',
  'customControlSpacer',
  'playbackRateMenuButton',
  'pictureInPictureToggle',
  'fullscreenToggle',
];

/** A live channel's control bar: no duration or playback rates (the edge cannot be outrun); "back to live" joins it. */
const LIVE_CONTROL_BAR = ['playToggle', 'volumePanel', 'progressControl', 'customControlSpacer', 'pictureInPictureToggle', 'fullscreenToggle'];

export interface VideoPlayerOptions {
  src: string;
  poster: string | null;
  /** The programme (resume position and QoE beacons are kept under it); a live channel's id when `live`. */
  programmeId: string;
  /** A live channel (issue 12): live hls.js settings and UI, no resume, storyboard or QoE (beacons are per programme). */
  live?: boolean;
  region: string | null;
  i18n: I18n;
  /** Accessible name of the player region, already localized. */
  label: string;
  bus: EventBus<PlayerEventListeners>;
  /** Resume position (seconds), or null to start at the beginning. */
  startPosition: number | null;
  storage: Storage | null;
  /** The storyboard index (WebVTT), if the programme has one. */
  storyboardUrl: string | null;
  /** Extra hls.js settings (tests, benchmarks). */
  hlsConfig?: HlsJsOptions['config'];
  /** The first frame already playing on the page's stage (first-frame.ts): adopt its <video>. */
  firstFrame?: FirstFrameHandoff | null;
}

/**
 * Moves the stage into the page without interrupting playback where the browser can
 * (Node.moveBefore keeps a media element playing); elsewhere a plain move pauses it, so play on.
 */
function moveKeepingPlayback(parent: HTMLElement, node: HTMLElement, video: HTMLVideoElement): void {
  const wasPlaying = !video.paused;
  const atomic = (parent as HTMLElement & { moveBefore?: (n: Node, ref: Node | null) => void }).moveBefore;
  try {
    if (atomic) atomic.call(parent, node, null);
    else parent.append(node);
  } catch {
    parent.append(node);
  }
  if (wasPlaying && video.paused) void video.play().catch(() => undefined);
}

export class VideoPlayer implements Component {
  readonly el: HTMLElement;
  readonly player: Player;
  private plugins: PlayerPlugin[] = [];
  private readonly video: HTMLVideoElement;
  private readonly unsubscribeLanguage: () => void;
  private destroyed = false;
  /** Adopted a playing first frame: video.js has yet to hear of that playback (catchUpWithPlayback). */
  private catchUpPending = false;

  /** The player is appended to `container` first: video.js expects its element in the DOM. */
  constructor(container: HTMLElement, private readonly options: VideoPlayerOptions) {
    const firstFrame = options.firstFrame ?? null;
    if (firstFrame) {
      // The stage (<div data-vjs-player><video>) becomes the video.js player element in place.
      this.video = firstFrame.video;
      this.video.classList.add('vjs-big-play-centered');
      this.video.setAttribute('aria-label', options.label);
      const stage = this.video.parentElement!;
      stage.removeAttribute('id');
      stage.classList.remove('podium-stage');
      this.el = h('div', { class: 'player-frame', dir: 'ltr' });
      container.append(this.el);
      moveKeepingPlayback(this.el, stage, this.video);
    } else {
      this.video = h('video', {
        class: 'video-js vjs-big-play-centered',
        playsinline: '',
        'aria-label': options.label,
      });
      this.el = h('div', { class: 'player-frame', dir: 'ltr' }, this.video);
      container.append(this.el);
    }
    const hlsjs: HlsJsOptions = {
      bus: options.bus,
      // live: small discontinuity numbers for hls.js, whatever the server counts from (discontinuity-rebase.ts)
      config: { ...(options.live ? { ...HLS_LIVE_CONFIG, pLoader: rebasingPlaylistLoader() } : {}), ...(options.startPosition !== null ? { startPosition: options.startPosition } : {}), ...options.hlsConfig },
      firstFrame,
    };
    this.registerListeners();
    const language = options.i18n.language;
    this.player = videojs(this.video, {
      autoplay: 'muted', // browsers allow autoplay only without sound
      controls: true,
      fluid: true,
      aspectRatio: '16:9',
      preload: 'auto',
      // English until the dictionary chunk has arrived (it never delays the first frame)
      language: 'en',
      poster: options.poster ?? undefined,
      techOrder: ['html5'],
      html5: { hlsjs, nativeAudioTracks: false, nativeVideoTracks: false },
      ...(options.live ? { liveui: true, controlBar: { children: LIVE_CONTROL_BAR, skipButtons: false } } : { playbackRates: [...PLAYBACK.playbackRates], controlBar: { children: CONTROL_BAR, skipButtons: false } }),
      sources: [{ src: options.src, type: 'application/x-mpegURL' }],
    });
    this.player.addClass(`vjs-podium`);
    this.catchUpPending = firstFrame !== null;
    void this.applyLanguage(language);
    this.unsubscribeLanguage = options.i18n.onChange(this.onLanguageChanged);
  }

  /**
   * video.js missed the events of a playback that started before it (the first frame): replay
   * them (its own late-init path: loadstart … canplay for the element's readyState) and, if
   * playing, play/playing, so the control bar, poster and big play button show the real state.
   */
  private catchUpWithPlayback(): void {
    if (this.destroyed) return;
    const tech = this.player.tech(true) as unknown as { handleLateInit_?(el: HTMLMediaElement): void; trigger(type: string): void };
    tech.handleLateInit_?.(this.video);
    if (!this.video.paused) {
      tech.trigger('play');
      tech.trigger('playing');
    }
  }

  private registerListeners(): void {
    this.options.bus.on(PlayerEvent.EngineAttached, this.onEngineAttached);
    this.options.bus.on(PlayerEvent.EngineDetached, this.onEngineDetached);
  }

  private unregisterListeners(): void {
    this.options.bus.off(PlayerEvent.EngineAttached, this.onEngineAttached);
    this.options.bus.off(PlayerEvent.EngineDetached, this.onEngineDetached);
    this.unsubscribeLanguage();
  }

  private async applyLanguage(language: string): Promise<void> {
    try {
      await ensureVideoJsLanguage(videojs, language);
    } catch {
      /* a missing dictionary chunk leaves video.js in English */
    }
    if (this.destroyed || this.options.i18n.language !== language) return;
    this.player.language(language); // video.js relabels its controls on 'languagechange'
    relabelVideoJsTexts(this.player); // … and these texts it only localizes when it creates them
  }

  private onLanguageChanged = (language: string): void => {
    void this.applyLanguage(language);
  };

  /** hls.js is ready inside video.js: build the plugins once the player itself is ready. */
  private onEngineAttached = (info: { hls: Hls }): void => {
    this.player.ready(() => {
      if (this.destroyed) return;
      this.destroyPlugins();
      const deps = { player: this.player, hls: info.hls, i18n: this.options.i18n, videojs };
      const win = window;
      const menus = [
        new QualityMenu(deps),
        new AudioMenu(deps, BUILT_IN_REGIONS.find((r) => r.code === this.options.region)?.defaultLocale ?? null),
        new SubtitleMenu(deps),
        new Hotkeys(this.player, document),
      ];
      this.plugins = this.options.live ? [...menus, new BackToLive(deps)] : [
        ...menus,
        new ResumeTracker(this.player, this.options.storage, this.options.programmeId, win),
        new QoeReporter({
          player: this.player,
          hls: info.hls,
          programmeId: this.options.programmeId,
          region: this.options.region,
          transport: defaultTransport(navigator, (...a) => fetch(...a)),
          win,
          requestedAt: 0,
          playingAt: this.options.firstFrame?.playingAt ?? null,
        }),
      ];
      if (this.options.storyboardUrl && !this.options.live) this.plugins.push(new StoryboardPreview(this.player, this.options.storyboardUrl));
      // After the plugins exist, so they hear the replayed events too.
      if (this.catchUpPending) {
        this.catchUpPending = false;
        this.catchUpWithPlayback();
      }
    });
  };

  private onEngineDetached = (): void => {
    this.destroyPlugins();
  };

  private destroyPlugins(): void {
    for (const plugin of this.plugins.splice(0)) plugin.destroy();
  }

  /** The QoE reporter of the current playback (tests flush it). */
  qoe(): QoeReporter | null {
    return (this.plugins.find((p) => p instanceof QoeReporter) as QoeReporter | undefined) ?? null;
  }

  setLabel(label: string): void {
    this.video.setAttribute('aria-label', label);
    this.player.el().setAttribute('aria-label', label);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.destroyPlugins();
    this.unregisterListeners();
    this.player.dispose(); // removes the element video.js built and disposes the tech
    this.el.remove();
  }
}
