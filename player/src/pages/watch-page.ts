// "/watch/:id": title, the player (autoplay, muted), synopsis. A programme still being
// transcoded shows a localized "still processing" message and is polled until it is ready.
import type Hls from 'hls.js';
import { ErrorTypes, type ErrorData } from 'hls.js';
import { h, type Component } from '../components/component.js';
import { StatusMessage } from '../components/status-message.js';
import type { Programme } from '../core/api.js';
import { EventBus } from '../core/event-bus.js';
import { withLangQuery } from '../core/format.js';
import { PlayerEvent, type PlayerEventListeners } from '../core/player-events.js';
import { VideoPlayer } from '../playback/video-player.js';
import { apiErrorMessage, type Page, type PageContext } from './page.js';

export const PROCESSING_POLL_MS = 5000;

/** Debug/test handle: which engine plays, and its instance. Not an API for app code. */
export interface PodiumDebugHandle {
  engine: 'hls.js' | null;
  hls: Hls | null;
  player: VideoPlayer['player'] | null;
}

declare global {
  interface Window {
    __podium?: PodiumDebugHandle;
  }
}

export class WatchPage implements Page {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly bus = new EventBus<PlayerEventListeners>();
  private children: Component[] = [];
  private player: VideoPlayer | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private abort = new AbortController();
  private destroyed = false;

  constructor(
    private readonly ctx: PageContext,
    private readonly programmeId: string,
  ) {
    const { t } = ctx.i18n;
    this.body = h('div', { class: 'watch__body', 'aria-live': 'polite' });
    this.el = h(
      'section',
      { class: 'page watch' },
      h('a', { class: 'back-link', href: withLangQuery('/', ctx.search) }, t('watch.back')),
      this.body,
    );
    this.registerListeners();
  }

  private registerListeners(): void {
    this.bus.on(PlayerEvent.EngineAttached, this.onEngineAttached);
    this.bus.on(PlayerEvent.EngineDetached, this.onEngineDetached);
    this.bus.on(PlayerEvent.FatalError, this.onFatalError);
  }

  private unregisterListeners(): void {
    this.bus.off(PlayerEvent.EngineAttached, this.onEngineAttached);
    this.bus.off(PlayerEvent.EngineDetached, this.onEngineDetached);
    this.bus.off(PlayerEvent.FatalError, this.onFatalError);
  }

  async start(): Promise<void> {
    const { t, language } = this.ctx.i18n;
    let programme: Programme;
    try {
      programme = await this.ctx.api.getProgramme(this.programmeId, language, this.abort.signal);
    } catch (err) {
      if (this.destroyed) return;
      this.ctx.document.title = `${t('errors.title')} · ${t('app.name')}`;
      this.show(new StatusMessage({ kind: 'error', title: apiErrorMessage(err, t), retryLabel: t('actions.retry'), onRetry: this.onRetry }));
      return;
    }
    if (this.destroyed) return;
    this.ctx.document.title = `${programme.title} · ${t('app.name')}`;
    if (programme.hls === null) {
      this.renderProcessing(programme);
      this.pollTimer = setTimeout(this.onPoll, PROCESSING_POLL_MS);
      return;
    }
    this.renderPlayer(programme, programme.hls);
  }

  private renderProcessing(programme: Programme): void {
    const { t } = this.ctx.i18n;
    this.clear();
    this.body.append(h('h1', { class: 'page__title', lang: programme.locale }, programme.title));
    this.mount(new StatusMessage({ kind: 'info', title: t('status.processing'), detail: t('watch.processingDetail') }));
  }

  private renderPlayer(programme: Programme, src: string): void {
    const { t, language } = this.ctx.i18n;
    this.clear();
    this.player = new VideoPlayer(this.body, { src, poster: programme.poster, language, label: t('watch.playerLabel', { title: programme.title }), bus: this.bus });
    this.body.append(
      h(
        'div',
        { class: 'watch__meta', lang: programme.locale },
        h('h1', { class: 'page__title' }, programme.title),
        programme.synopsis ? h('p', { class: 'watch__synopsis' }, programme.synopsis) : null,
      ),
    );
  }

  private onPoll = (): void => {
    this.pollTimer = null;
    void this.start();
  };

  private onRetry = (): void => {
    this.clear();
    void this.start();
  };

  private onEngineAttached = (info: { engine: 'hls.js'; hls: Hls }): void => {
    this.player?.el.setAttribute('data-engine', info.engine);
    window.__podium = { engine: info.engine, hls: info.hls, player: this.player?.player ?? null };
  };

  private onEngineDetached = (): void => {
    this.player?.el.removeAttribute('data-engine');
    window.__podium = { engine: null, hls: null, player: null };
  };

  private onFatalError = (data: ErrorData): void => {
    const { t } = this.ctx.i18n;
    const message = data.type === ErrorTypes.NETWORK_ERROR ? t('errors.playbackNetwork') : t('errors.playback');
    // video.js shows { code, message } in its error dialog; its typings only admit a MediaError.
    this.player?.player.error({ code: 4, message } as unknown as Parameters<NonNullable<WatchPage['player']>['player']['error']>[0]);
  };

  private show(child: Component): void {
    this.clear();
    this.mount(child);
  }

  private mount(child: Component): void {
    this.children.push(child);
    this.body.append(child.el);
  }

  private clear(): void {
    for (const child of this.children.splice(0)) child.destroy();
    this.player?.destroy();
    this.player = null;
    this.body.replaceChildren();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.abort.abort();
    this.clear();
    this.unregisterListeners();
    this.bus.removeAllListeners();
    this.el.remove();
  }
}
