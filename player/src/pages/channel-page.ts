// "/channel/:id": a live channel (issue 12). The region's live stream in the same video.js +
// hls.js player as the watch page (VideoPlayer with `live`: HLS_LIVE_CONFIG, back to live, the
// audio and subtitle menus), continuing the live edge the page plays already when the server put
// one in it (first-frame.ts, server/channel/live-start.ts), now/next at the playhead in the viewer's language — from the stream's
// DATERANGEs, named by the guide, the channel's own now/next until then — and the guide grid on the
// channel's clock with start-over inside the DVR window. A channel not offered in the region says
// so; one whose slate is still being packaged (503 not_ready) is asked for again after its
// Retry-After. A language change relabels in place: playback goes on.
import type Hls from 'hls.js';
import { ErrorTypes, type ErrorData } from 'hls.js';
import { h } from '../components/component.js';
import { GuideGrid } from '../components/guide-grid.js';
import { NowNextView } from '../components/now-next.js';
import { StatusMessage } from '../components/status-message.js';
import { LIVE } from '../config.js';
import { ApiError, type Channel, type GuideItem } from '../core/api.js';
import type { FirstFrameHandoff } from '../core/first-frame-protocol.js';
import { guideFormats, layoutGuide, zoneName, type GuideRow } from '../core/guide-layout.js';
import type { PrefetchMap } from '../core/hls-prefetch.js';
import { textAttrs } from '../core/language.js';
import { nowNext } from '../core/live-time.js';
import { setDebugHandle } from '../playback/debug-handle.js';
import { discardFirstFrame, takeFirstFrame } from '../playback/first-frame-stage.js';
import { LiveStream } from '../playback/live-stream.js';
import { VideoPlayer } from '../playback/video-player.js';
import type { PageContext } from './page.js';
import { PlayerPage } from './player-page.js';

/** The localized message for a channel that cannot be shown (literal keys, so extraction finds them). */
function channelErrorMessage(err: unknown, t: PageContext['i18n']['t']): string {
  const e = err as { status?: number; code?: string } | null;
  if (e?.status === 451 || e?.code === 'unavailable_in_region') return t('live.unavailable');
  if (e?.status === 404) return t('live.notFound');
  if (e?.status === 0) return t('errors.network');
  return t('errors.generic');
}

interface LiveView {
  title: HTMLElement;
  badge: HTMLElement;
  nowNext: NowNextView;
  guide: GuideGrid;
}

export class ChannelPage extends PlayerPage {
  private stream: LiveStream | null = null;
  private view: LiveView | null = null;
  private channel: Channel | null = null;
  private guide: GuideItem[] = [];
  private guideFetchedAt = 0;
  private guideLoading = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private guideTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    ctx: PageContext,
    private readonly channelId: string,
  ) {
    super(ctx, 'live');
  }

  async start(): Promise<void> {
    let channel: Channel;
    try {
      channel = await this.ctx.api.getChannel(this.channelId, this.ctx.viewer(), this.abort.signal);
    } catch (err) {
      if (!this.destroyed) this.showError(err);
      return;
    }
    if (this.destroyed) return;
    this.channel = channel;
    const { firstFrame, prefetched } = await this.takeFirstFrame(channel);
    if (this.destroyed) return discardFirstFrame(this.ctx.document);
    this.render(channel, firstFrame, prefetched);
    await this.loadGuide();
  }

  /**
   * The live edge the page is already playing (first-frame.ts), with hls.js's first playlists as
   * main.ts fetched them (pinned to the page's slot: server/channel/live-start.ts). Without both,
   * hls.js would place its fragments elsewhere than the stage's: the stage is dropped and hls.js
   * starts on a fresh element.
   */
  private async takeFirstFrame(channel: Channel): Promise<{ firstFrame: FirstFrameHandoff | null; prefetched: PrefetchMap | null }> {
    const prefetched = this.ctx.takePrefetchedMedia();
    const firstFrame = await takeFirstFrame(this.ctx.document, channel.id);
    if (!firstFrame) return { firstFrame, prefetched };
    const base = this.ctx.document.baseURI;
    const playlists = firstFrame.live ? [firstFrame.master, ...firstFrame.live.playlists.map((p) => p.url)] : [];
    const ready = playlists.length > 0 && (await Promise.all(playlists.map((u) => prefetched?.get(new URL(u, base).href) ?? null))).every((r) => r !== null);
    if (ready) return { firstFrame, prefetched };
    discardFirstFrame(this.ctx.document);
    return { firstFrame: null, prefetched: null };
  }

  private showError(err: unknown): void {
    const { t } = this.ctx.i18n;
    discardFirstFrame(this.ctx.document);
    this.clear();
    if (err instanceof ApiError && err.status === 503 && err.code === 'not_ready') {
      // the channel's slate is still being packaged (first start): it plays as soon as it is ready
      this.ctx.document.title = `${t('live.starting')} · ${t('app.name')}`;
      this.mount(new StatusMessage({ kind: 'info', title: t('live.starting') }));
      this.retryTimer = setTimeout(this.onRetry, err.retryAfterSec !== null ? err.retryAfterSec * 1000 : LIVE.notReadyRetryMs);
      return;
    }
    this.ctx.document.title = `${t('errors.title')} · ${t('app.name')}`;
    const final = err instanceof ApiError && (err.status === 451 || err.status === 404);
    this.mount(new StatusMessage({ kind: 'error', title: channelErrorMessage(err, t), ...(final ? {} : { retryLabel: t('actions.retry'), onRetry: this.onRetry }) }));
  }

  private render(channel: Channel, firstFrame: FirstFrameHandoff | null = null, prefetched: PrefetchMap | null = null): void {
    const { t } = this.ctx.i18n;
    this.clear();
    this.ctx.document.title = `${channel.name} · ${t('app.name')}`;
    const title = h('h1', { class: 'page__title live__title', ...textAttrs(channel.locale) }, channel.name);
    const badge = h('span', { class: 'badge badge--live' }, t('live.badge'));
    const stage = h('div', { class: 'live__stage' });
    this.body.append(h('header', { class: 'live__header' }, title, badge), h('div', { class: 'live__layout' }, stage, h('div', { class: 'live__side' })));
    this.player = new VideoPlayer(stage, {
      src: channel.hls,
      poster: null,
      programmeId: channel.id,
      live: true,
      region: this.ctx.viewer().region,
      i18n: this.ctx.i18n,
      label: t('live.playerLabel', { channel: channel.name }),
      bus: this.bus,
      startPosition: null,
      storage: this.ctx.storage,
      storyboardUrl: null,
      // the live edge the page plays already, or the playlists and edge segments main.ts fetched while the app loaded
      hlsConfig: this.prefetchedConfig(prefetched, firstFrame),
      firstFrame,
    });
    const nowNextView = new NowNextView();
    stage.append(nowNextView.el);
    const guide = new GuideGrid({ onStartOver: this.onStartOver });
    guide.say(t('status.loading'));
    this.body.querySelector('.live__side')!.append(guide.el);
    this.view = { title, badge, nowNext: nowNextView, guide };
    this.update();
    this.tickTimer = setInterval(this.onTick, LIVE.nowNextTickMs);
    this.guideTimer = setInterval(this.onGuideTimer, LIVE.guideRefreshMs);
  }

  /** The guide from the start of the DVR window to LIVE.guideAheadSec ahead. */
  private async loadGuide(): Promise<void> {
    const channel = this.channel;
    if (!channel || this.guideLoading) return;
    this.guideLoading = true;
    this.guideFetchedAt = Date.now();
    const now = this.stream?.serverNowMs() ?? Date.now();
    try {
      this.guide = await this.ctx.api.getChannelGuide(channel.id, this.ctx.viewer(), { from: new Date(now - channel.dvrSec * 1000), to: new Date(now + LIVE.guideAheadSec * 1000) }, this.abort.signal);
      if (this.destroyed || !this.view) return;
      this.view.guide.say(this.guide.length === 0 ? this.ctx.i18n.t('live.guideEmpty') : '');
    } catch (err) {
      if (this.destroyed || !this.view || (err as Error).name === 'AbortError') return;
      this.view.guide.say(this.ctx.i18n.t('live.guideUnavailable'));
    } finally {
      this.guideLoading = false;
    }
    this.update();
  }

  /** now/next at the playhead and the guide's states, from the stream when it plays, else the channel's answer and the clock. */
  private update(): void {
    const channel = this.channel;
    const view = this.view;
    if (!channel || !view) return;
    const { t, language } = this.ctx.i18n;
    const playingMs = this.stream?.playingMs() ?? null;
    const behind = this.stream?.isBehind() ?? false;
    // At live the viewer sees the edge a few seconds late (the target latency): "on now" is what
    // they see then, so the guide and now/next agree across a boundary. Behind it, "on now" is
    // what airs (the server's clock) and the programme being watched is marked apart.
    const nowMs = playingMs !== null && !behind ? playingMs : (this.stream?.serverNowMs() ?? Date.now());
    const formats = guideFormats(language, channel.timezone);
    const current = nowNext(playingMs ?? nowMs, this.stream?.programmes() ?? [], this.guide, channel);
    view.nowNext.update(current, playingMs ?? nowMs, t, formats);
    // a programme the guide does not name (an edit since it was fetched): ask again, now and then
    if (current.now && current.now.title === null && Date.now() - this.guideFetchedAt > LIVE.guideMissRefetchMs) void this.loadGuide();
    const days = layoutGuide(this.guide, { locale: language, timeZone: channel.timezone, nowMs, dvrSec: channel.dvrSec, playingMs: behind ? playingMs : null, maxPastRows: LIVE.guideMaxPastRows, maxRows: LIVE.guideMaxRows });
    view.guide.update(days, zoneName(language, channel.timezone, nowMs), t);
  }

  private onTick = (): void => {
    // while hls.js plays, the stream drives the updates (LiveStream)
    if (!this.stream) this.update();
  };

  private onGuideTimer = (): void => {
    void this.loadGuide();
  };

  private onStartOver = (row: GuideRow): void => {
    if (!this.view) return;
    const ok = this.stream?.seekTo(row.startMs) ?? false;
    this.view.guide.say(ok ? '' : this.ctx.i18n.t('live.outOfWindow'));
    this.update();
  };

  /** After a UI language change: labels, the channel's name and the guide's titles in the new language; same playback. */
  async relabel(): Promise<void> {
    const { t } = this.ctx.i18n;
    this.relabelChrome();
    if (!this.player || !this.view) {
      this.clear();
      await this.start();
      return;
    }
    this.view.badge.textContent = t('live.badge');
    try {
      const channel = await this.ctx.api.getChannel(this.channelId, this.ctx.viewer(), this.abort.signal);
      if (this.destroyed || !this.view) return;
      this.channel = channel;
      this.view.title.textContent = channel.name;
      for (const [attr, value] of Object.entries(textAttrs(channel.locale))) this.view.title.setAttribute(attr, value);
    } catch {
      /* keep the name we have */
    }
    if (this.destroyed || !this.player || !this.channel) return;
    this.ctx.document.title = `${this.channel.name} · ${t('app.name')}`;
    this.player.setLabel(t('live.playerLabel', { channel: this.channel.name }));
    if (this.player.player.error()) this.player.player.error(null);
    this.update();
    await this.loadGuide();
  }

  private onRetry = (): void => {
    this.retryTimer = null;
    this.clear();
    void this.start();
  };

  protected onEngineAttached(info: { hls: Hls }): void {
    this.stream?.destroy();
    this.stream = new LiveStream(info.hls, () => this.update());
    // video.js may hand the source to hls.js while VideoPlayer is still being constructed
    if (this.player) setDebugHandle(this.player, info.hls);
    else queueMicrotask(() => this.stream && setDebugHandle(this.player, info.hls));
  }

  protected onEngineDetached(): void {
    this.stream?.destroy();
    this.stream = null;
    setDebugHandle(this.player, null);
  }

  protected onFatalError(data: ErrorData): void {
    const { t } = this.ctx.i18n;
    const code = (data.response as { code?: number } | undefined)?.code;
    if (code === 451) {
      // the channel stopped being offered here (or a copied playlist URL): ask the API why, in our language
      this.ctx.api.getChannel(this.channelId, this.ctx.viewer()).then(
        () => this.showPlayerError(t('live.unavailable')),
        (err: unknown) => this.showError(err),
      );
      return;
    }
    this.showPlayerError(data.type === ErrorTypes.NETWORK_ERROR ? t('errors.playbackNetwork') : t('errors.playback'));
  }

  protected override clear(): void {
    if (this.tickTimer !== null) clearInterval(this.tickTimer);
    if (this.guideTimer !== null) clearInterval(this.guideTimer);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.tickTimer = this.guideTimer = this.retryTimer = null;
    this.stream?.destroy();
    this.stream = null;
    this.view?.nowNext.destroy();
    this.view?.guide.destroy();
    this.view = null;
    super.clear();
  }

  override destroy(): void {
    super.destroy();
    discardFirstFrame(this.ctx.document);
  }
}
