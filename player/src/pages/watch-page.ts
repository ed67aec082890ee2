// "/watch/:id": the player (autoplay, muted), title and synopsis. A programme still being
// transcoded shows a localized "still processing" message and is polled until it is ready; one
// outside the viewer's region says so with the date it opens there; a lost connection shows
// a banner that turns into "restored" when segments load again. Changing the UI language
// relabels the page and the player in place — playback goes on.
import type Hls from 'hls.js';
import { ErrorTypes, type ErrorData } from 'hls.js';
import { h, type Component } from '../components/component.js';
import { StatusMessage } from '../components/status-message.js';
import { WATCH_PAGE } from '../config.js';
import { ApiError, type Programme } from '../core/api.js';
import { textAttrs } from '../core/language.js';
import { programmePath } from '../core/routes.js';
import { setDebugHandle } from '../playback/debug-handle.js';
import type { FirstFrameHandoff } from '../core/first-frame-protocol.js';
import { discardFirstFrame, takeFirstFrame } from '../playback/first-frame-stage.js';
import { resumePosition } from '../playback/plugins/resume.js';
import { VideoPlayer } from '../playback/video-player.js';
import { apiErrorMessage, type PageContext } from './page.js';
import { PlayerPage } from './player-page.js';

/** The item's storyboard (`thumbnails`), else the conventional place beside the master. */
export function storyboardUrlFor(programme: Programme, base: string): string | null {
  if (programme.thumbnails) return new URL(programme.thumbnails, base).href;
  if (!programme.hls) return null;
  return new URL('storyboard/storyboard.vtt', new URL(programme.hls, base)).href;
}

export class WatchPage extends PlayerPage {
  private meta: { title: HTMLElement; synopsis: HTMLElement; details: HTMLAnchorElement; box: HTMLElement } | null = null;
  private programme: Programme | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    ctx: PageContext,
    private readonly programmeId: string,
  ) {
    super(ctx, 'watch');
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
      hlsConfig: this.prefetchedConfig(undefined, firstFrame),
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
    this.relabelChrome();
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

  protected onEngineAttached(info: { hls: Hls }): void {
    setDebugHandle(this.player, info.hls);
  }

  protected onEngineDetached(): void {
    setDebugHandle(this.player, null);
  }

  protected onFatalError(data: ErrorData): void {
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
  }

  private show(child: Component): void {
    this.clear();
    this.mount(child);
  }

  protected override clear(): void {
    this.meta = null;
    super.clear();
  }

  override destroy(): void {
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    super.destroy();
    discardFirstFrame(this.ctx.document);
  }
}
