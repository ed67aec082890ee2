// A video.js player whose HLS engine is hls.js (see hlsjs-source-handler.ts). The component
// owns the <video> element and the video.js Player; destroy() disposes both, which in turn
// disposes the source handler and its Hls instance.
import videojs from 'video.js/core.es.js';
import type * as PlayerModule from 'video.js/dist/types/player.js';
import videojsFr from 'video.js/dist/lang/fr.json' with { type: 'json' };
import type { Component } from '../components/component.js';
import { h } from '../components/component.js';
import type { EventBus } from '../core/event-bus.js';
import type { PlayerEventListeners } from '../core/player-events.js';
import { registerHlsJsSourceHandler, type HlsJsOptions } from './hlsjs-source-handler.js';

export type Player = PlayerModule.default;

registerHlsJsSourceHandler(videojs);
// video.js's own control labels (Play, Mute, Fullscreen…) for the languages we ship.
videojs.addLanguage('fr', videojsFr);

export interface VideoPlayerOptions {
  src: string;
  poster: string | null;
  language: string;
  /** Accessible name of the player region, already localized. */
  label: string;
  bus: EventBus<PlayerEventListeners>;
}

export class VideoPlayer implements Component {
  readonly el: HTMLElement;
  readonly player: Player;
  private destroyed = false;

  /** The player is appended to `container` first: video.js expects its element in the DOM. */
  constructor(container: HTMLElement, options: VideoPlayerOptions) {
    const video = h('video', {
      class: 'video-js vjs-big-play-centered',
      playsinline: '',
      'aria-label': options.label,
    });
    this.el = h('div', { class: 'player-frame' }, video);
    container.append(this.el);
    const hlsjs: HlsJsOptions = { bus: options.bus };
    this.player = videojs(video, {
      autoplay: 'muted', // browsers allow autoplay only without sound
      controls: true,
      fluid: true,
      aspectRatio: '16:9',
      preload: 'auto',
      language: options.language,
      poster: options.poster ?? undefined,
      techOrder: ['html5'],
      html5: { hlsjs },
      sources: [{ src: options.src, type: 'application/x-mpegURL' }],
    });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.player.dispose(); // removes the element video.js built and disposes the tech
    this.el.remove();
  }
}
