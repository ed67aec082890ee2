// "/watch/:id": the player (autoplay, muted), title and synopsis. A programme still being
// transcoded shows a localized "still processing" message and is polled until it is ready; one
// outside the viewer's region says so with the date it opens there; a lost connection shows
// a banner that turns into "restored" when segments load again. Changing the UI language
// relabels the page and the player in place — playback goes on.
import type Hls from 'hls.js';
import { ErrorTypes, type ErrorData } from 'hls.js';
import { h, type Component } from '../components/component.js';
import { NetworkBanner } from '../components/network-banner.js';
import { StatusMessage } from '../components/status-message.js';
import { WATCH_PAGE } from '../config.js';
import { ApiError, type Programme } from '../core/api.js';
import { EventBus } from '../core/event-bus.js';
import { PlayerEvent, type PlayerEventListeners } from '../core/player-events.js';
import { textAttrs } from '../core/language.js';
import { programmePath } from '../core/routes.js';
import { prefetchingLoader } from '../playback/boot-loader.js';
import { setDebugHandle } from '../playback/debug-handle.js';
import type { FirstFrameHandoff } from '../core/first-frame-protocol.js';
import { discardFirstFrame, takeFirstFrame } from '../playback/first-frame-stage.js';
import { resumePosition } from '../playback/plugins/resume.js';
import { VideoPlayer } from '../playback/video-player.js';
import { apiErrorMessage, type Page, type PageContext } from './page.js';

/** The item's storyboard (`thumbnails`), else the conventional place beside the master. */
export function storyboardUrlFor(programme: Programme, base: string): string | null {
  if (programme.thumbnails) return new URL(programme.thumbnails, base).href;
  if (!programme.hls) return null;
  return new URL('storyboard/storyboard.vtt', new URL(programme.hls, base)).href;
}

export class WatchPage implements Page {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly backLink: HTMLAnchorElement;
  private readonly banner: NetworkBanner;
  private readonly bus = new EventBus<PlayerEventListeners>();
  private children: Component[] = [];
  private player: VideoPlayer | null = null;
  private meta: { title: HTMLElement; synopsis: HTMLElement; details: HTMLAnchorElement; box: HTMLElement } | null = null;
  private programme: Programme | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private abort = new AbortController();
  private destroyed = false;

  constructor(
    private readonly ctx: PageContext,
    private readonly programmeId: string,
  ) {
    const { t } = ctx.i18n;
    this.body = h('div', { class: 'watch__body', 'aria-live': 'polite' });
    this.backLink = h('a', { class: 'back-link', href: ctx.link('/') }, t('watch.back'));
    this.banner = new NetworkBanner(ctx.i18n);
    this.el = h('section', { class: 'page watch' }, this.backLink, this.banner.el, this.body);
    this.registerListeners();
  }

  private registerListeners(): void {
    this.bus.on(PlayerEvent.EngineAttached, this.onEngineAttached);
    this.bus.on(PlayerEvent.EngineDetached, this.onEngineDetached);
    this.bus.on(PlayerEvent.FatalError, this.onFatalError);
    this.bus.on(PlayerEvent.NetworkLost, this.onNetworkLost);
    this.bus.on(PlayerEvent.NetworkRecovered, this.onNetworkRecovered);
  }

  private unregisterListeners(): void {
    this.bus.off(PlayerEvent.EngineAttached, this.onEngineAttached);
    this.bus.off(PlayerEvent.EngineDetached, this.onEngineDetached);
    this.bus.off(PlayerEvent.FatalError, this.onFatalError);
    this.bus.off(PlayerEvent.NetworkLost, this.onNetworkLost);
    this.bus.off(PlayerEvent.NetworkRecovered, this.onNetworkRecovered);
  }

  async start(): Promise<void> {
    const { t } = this.ctx.i18n;
    let programme: Programme;
    try {
      programme = await this.ctx.api.getProgramme(this.programmeId, this.ctx.viewer(), this.abort.signal);
    } catch (err) {
      if (this.destroyed) return;
      this.showError(err);
      return;
    }
    if (this.destroyed) return;
    this.programme = programme;
    this.ctx.document.title = `${programme.title} · ${t('app.name')}`;
    if (programme.hls === null) {
      discardFirstFrame(this.ctx.document);
      this.renderProcessing(programme);
      this.pollTimer = setTimeout(this.onPoll, WATCH_PAGE.processingPollMs);
      return;
    }
    const firstFrame = await takeFirstFrame(this.ctx.document, programme.id);
    if (this.destroyed) return discardFirstFrame(this.ctx.document);
    this.renderPlayer(programme, programme.hls, firstFrame);
  }

  private showError(err: unknown): void {
    discardFirstFrame(this.ctx.document);
    const { t } = this.ctx.i18n;
    this.ctx.document.title = `${t('errors.title')} · ${t('app.name')}`;
    const unavailable = err instanceof ApiError && err.status === 451;
    this.show(
      new StatusMessage({
        kind: 'error',
        title: apiErrorMessage(err, t, this.ctx),
        ...(unavailable ? {} : { retryLabel: t('actions.retry'), onRetry: this.onRetry }),
      }),
    );
  }

  private renderProcessing(programme: Programme): void {
    const { t } = this.ctx.i18n;
    this.clear();
    this.body.append(h('h1', { class: 'page__title', ...textAttrs(programme.locale) }, programme.title));
    this.mount(new StatusMessage({ kind: 'info', title: t('status.processing'), detail: t('watch.processingDetail') }));
  }

  private renderPlayer(programme: Programme, src: string, firstFrame: FirstFrameHandoff | null = null): void {
    const { t } = this.ctx.i18n;
    this.clear();
    const prefetched = this.ctx.takePrefetchedMedia();
    const base = this.ctx.document.location.href;
    this.player = new VideoPlayer(this.body, {
      src,
      poster: programme.poster,
      programmeId: programme.id,
      region: this.ctx.viewer().region,
      i18n: this.ctx.i18n,
      label: t('watch.playerLabel', { title: programme.title }),
      bus: this.bus,
      startPosition: resumePosition(this.ctx.storage, programme.id, programme.durationSec),
      storage: this.ctx.storage,
      storyboardUrl: storyboardUrlFor(programme, base),
      hlsConfig: prefetched ? { loader: prefetchingLoader(prefetched) } : undefined,
      firstFrame,
    });
    // lang/dir on the programme's own text only: the "about" link is in the UI language
    const title = h('h1', { class: 'page__title', ...textAttrs(programme.locale) }, programme.title);
    const synopsis = h('p', { class: 'watch__synopsis', ...textAttrs(programme.locale) }, programme.synopsis ?? '');
    const details = h('a', { class: 'watch__details', href: this.ctx.link(programmePath(programme.id)) }, t('watch.details'));
    const box = h('div', { class: 'watch__meta' }, title, synopsis, details);
    this.meta = { title, synopsis, details, box };
    this.body.append(box);
  }

  /** After a UI language change: new labels, the programme's text in the new language, same playback. */
  async relabel(): Promise<void> {
    const { t } = this.ctx.i18n;
    this.backLink.textContent = t('watch.back');
    this.backLink.href = this.ctx.link('/');
    this.banner.relabel();
    if (!this.player) {
      if (this.pollTimer !== null) clearTimeout(this.pollTimer);
      this.pollTimer = null;
      this.clear();
      await this.start();
      return;
    }
    try {
      const p = await this.ctx.api.getProgramme(this.programmeId, this.ctx.viewer(), this.abort.signal);
      if (this.destroyed || !this.meta) return;
      this.programme = p;
      this.meta.title.textContent = p.title;
      this.meta.synopsis.textContent = p.synopsis ?? '';
      for (const [attr, value] of Object.entries(textAttrs(p.locale))) for (const el of [this.meta.title, this.meta.synopsis]) el.setAttribute(attr, value);
    } catch {
      /* keep the text we have */
    }
    if (!this.meta || this.destroyed) return;
    this.meta.details.textContent = t('watch.details');
    this.meta.details.href = this.ctx.link(programmePath(this.programmeId));
    const title = this.programme?.title ?? '';
    this.ctx.document.title = `${title} · ${t('app.name')}`;
    this.player.setLabel(t('watch.playerLabel', { title }));
    if (this.player.player.error()) this.player.player.error(null);
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
    setDebugHandle(this.player, info.hls);
  };

  private onEngineDetached = (): void => {
    setDebugHandle(this.player, null);
  };

  private onNetworkLost = (): void => {
    this.banner.lost();
  };

  private onNetworkRecovered = (): void => {
    this.banner.restored();
  };

  private onFatalError = (data: ErrorData): void => {
    const code = (data.response as { code?: number } | undefined)?.code;
    if (code === 451) {
      // The rights changed under us (or a copied playlist URL): ask the API why, in our language.
      this.ctx.api.getProgramme(this.programmeId, this.ctx.viewer()).then(
        () => this.showPlayerError(this.ctx.i18n.t('errors.unavailable')),
        (err: unknown) => (err instanceof ApiError && err.status === 451 ? this.showError(err) : this.showPlayerError(this.ctx.i18n.t('errors.unavailable'))),
      );
      return;
    }
    const { t } = this.ctx.i18n;
    this.showPlayerError(data.type === ErrorTypes.NETWORK_ERROR ? t('errors.playbackNetwork') : t('errors.playback'));
  };

  private showPlayerError(message: string): void {
    // video.js shows { code, message } in its error dialog; its typings only admit a MediaError.
    this.player?.player.error({ code: 4, message } as unknown as Parameters<NonNullable<WatchPage['player']>['player']['error']>[0]);
  }

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
    this.meta = null;
    this.body.replaceChildren();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.banner.destroy();
    this.abort.abort();
    this.clear();
    discardFirstFrame(this.ctx.document);
    this.unregisterListeners();
    this.bus.removeAllListeners();
    this.el.remove();
  }
}
