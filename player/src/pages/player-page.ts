// What the watch page and a live channel's page share: a back link, the network banner, a body
// that holds the player or a status message, the player's event bus and its listeners, and one
// teardown order. Each page adds what it plays and shows (watch-page.ts, channel-page.ts).
import type Hls from 'hls.js';
import type { ErrorData } from 'hls.js';
import { h, type Component } from '../components/component.js';
import { NetworkBanner } from '../components/network-banner.js';
import { EventBus } from '../core/event-bus.js';
import { PlayerEvent, type PlayerEventListeners } from '../core/player-events.js';
import type { FirstFrameHandoff } from '../core/first-frame-protocol.js';
import type { PrefetchMap } from '../core/hls-prefetch.js';
import { prefetchingLoader } from '../playback/boot-loader.js';
import type { VideoPlayer, VideoPlayerOptions } from '../playback/video-player.js';
import type { Page, PageContext } from './page.js';

export abstract class PlayerPage implements Page {
  readonly el: HTMLElement;
  protected readonly body: HTMLElement;
  protected readonly backLink: HTMLAnchorElement;
  protected readonly banner: NetworkBanner;
  protected readonly bus = new EventBus<PlayerEventListeners>();
  protected children: Component[] = [];
  protected player: VideoPlayer | null = null;
  protected readonly abort = new AbortController();
  protected destroyed = false;
  // Bound once here: a subclass's own fields are not yet set while this constructor runs.
  private readonly listeners = {
    attached: (info: { engine: 'hls.js'; version: string; hls: Hls }) => this.onEngineAttached(info),
    detached: () => this.onEngineDetached(),
    fatal: (data: ErrorData) => this.onFatalError(data),
    lost: () => this.banner.lost(),
    recovered: () => this.banner.restored(),
  };

  /** `kind` names the page's CSS block (`page <kind>`, `<kind>__body`). */
  constructor(
    protected readonly ctx: PageContext,
    kind: 'watch' | 'live',
  ) {
    const { t } = ctx.i18n;
    this.body = h('div', { class: `${kind}__body`, 'aria-live': 'polite' });
    this.backLink = h('a', { class: 'back-link', href: ctx.link('/') }, t('watch.back'));
    this.banner = new NetworkBanner(ctx.i18n);
    this.el = h('section', { class: `page ${kind}` }, this.backLink, this.banner.el, this.body);
    this.bus.on(PlayerEvent.EngineAttached, this.listeners.attached);
    this.bus.on(PlayerEvent.EngineDetached, this.listeners.detached);
    this.bus.on(PlayerEvent.FatalError, this.listeners.fatal);
    this.bus.on(PlayerEvent.NetworkLost, this.listeners.lost);
    this.bus.on(PlayerEvent.NetworkRecovered, this.listeners.recovered);
  }

  abstract start(): Promise<void>;
  protected abstract onEngineAttached(info: { hls: Hls }): void;
  protected abstract onEngineDetached(): void;
  protected abstract onFatalError(data: ErrorData): void;

  /**
   * hls.js settings that take what the page fetched early: the responses main.ts fetched (once per
   * page load; `prefetched`, when the page took them already) and the files a first frame fetched,
   * so that hls.js fetches none of them again.
   */
  protected prefetchedConfig(prefetched: PrefetchMap | null = this.ctx.takePrefetchedMedia(), firstFrame: FirstFrameHandoff | null = null): VideoPlayerOptions['hlsConfig'] {
    let map = prefetched;
    for (const [path, copy] of firstFrame?.fetched ?? []) {
      const url = new URL(path, this.ctx.document.baseURI).href;
      (map ??= new Map()).set(url, Promise.resolve({ url, ...copy }));
    }
    return map ? { loader: prefetchingLoader(map) } : undefined;
  }

  /** The back link and the banner in the current UI language. */
  protected relabelChrome(): void {
    this.backLink.textContent = this.ctx.i18n.t('watch.back');
    this.backLink.href = this.ctx.link('/');
    this.banner.relabel();
  }

  protected showPlayerError(message: string): void {
    // video.js shows { code, message } in its error dialog; its typings only admit a MediaError.
    this.player?.player.error({ code: 4, message } as unknown as Parameters<VideoPlayer['player']['error']>[0]);
  }

  protected mount(child: Component): void {
    this.children.push(child);
    this.body.append(child.el);
  }

  /** Empties the body: its components, then the player. Pages clear their own state first. */
  protected clear(): void {
    for (const child of this.children.splice(0)) child.destroy();
    this.player?.destroy();
    this.player = null;
    this.body.replaceChildren();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.abort.abort();
    this.clear();
    this.banner.destroy();
    this.bus.off(PlayerEvent.EngineAttached, this.listeners.attached);
    this.bus.off(PlayerEvent.EngineDetached, this.listeners.detached);
    this.bus.off(PlayerEvent.FatalError, this.listeners.fatal);
    this.bus.off(PlayerEvent.NetworkLost, this.listeners.lost);
    this.bus.off(PlayerEvent.NetworkRecovered, this.listeners.recovered);
    this.bus.removeAllListeners();
    this.el.remove();
  }
}
