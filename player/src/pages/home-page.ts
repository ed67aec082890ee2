// "/": rails of programmes in the viewer's language — "Live now" first (the channels the region
// receives, each with what is on and how far it is; not shown when there are none, or when the
// channel list cannot be had: the catalog still shows), the latest, then one per sport when the
// catalog says which sport a programme belongs to (grouped by the sport's code, titled with its
// name in the viewer's language, core/sports.ts).
import { ChannelCard } from '../components/channel-card.js';
import { h, type Component } from '../components/component.js';
import { ProgrammeCard } from '../components/programme-card.js';
import { StatusMessage } from '../components/status-message.js';
import { CATALOG, LIVE } from '../config.js';
import type { Channel, Programme } from '../core/api.js';
import { sportName } from '../core/sports.js';
import { apiErrorMessage, type Page, type PageContext } from './page.js';

function recency(p: Programme): number {
  const t = Date.parse(p.recordedAt ?? '');
  return Number.isNaN(t) ? 0 : t;
}

export interface Rail {
  kind: 'latest' | 'sport';
  /** A sport rail: the sport as typed on its first programme, and its vocabulary code if any. */
  sport?: string;
  sportCode?: string | null;
  items: Programme[];
}

/** Pure: the rails to show, in order. Programmes of one sport code share a rail whatever the typed names. */
export function buildRails(items: readonly Programme[]): Rail[] {
  const latest = [...items].sort((a, b) => recency(b) - recency(a)).slice(0, CATALOG.latestRailSize);
  const bySport = new Map<string, Rail>();
  for (const p of items) {
    if (!p.sport && !p.sportCode) continue;
    const key = p.sportCode ? `code:${p.sportCode}` : `name:${p.sport}`;
    const rail = bySport.get(key) ?? { kind: 'sport' as const, sport: p.sport ?? p.sportCode!, sportCode: p.sportCode ?? null, items: [] };
    rail.items.push(p);
    bySport.set(key, rail);
  }
  return [{ kind: 'latest', items: latest }, ...bySport.values()];
}

export class HomePage implements Page {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private children: Component[] = [];
  private liveRail: { el: HTMLElement; cards: ChannelCard[] } | null = null;
  private liveTimer: ReturnType<typeof setInterval> | null = null;
  private abort = new AbortController();
  private destroyed = false;

  constructor(private readonly ctx: PageContext) {
    const { t } = ctx.i18n;
    this.body = h('div', { class: 'home__body', 'aria-live': 'polite', 'aria-busy': 'true' });
    this.el = h('section', { class: 'page home', 'aria-labelledby': 'home-title' }, h('h1', { id: 'home-title', class: 'page__title' }, t('home.title')), this.body);
    ctx.document.title = `${t('home.title')} · ${t('app.name')}`;
  }

  async start(): Promise<void> {
    const { t } = this.ctx.i18n;
    this.clear();
    this.body.setAttribute('aria-busy', 'true');
    this.mount(new StatusMessage({ kind: 'info', title: t('status.loading') }));
    // the channels alongside the catalog; a failure only leaves the rail out
    const channels = this.ctx.api.listChannels(this.ctx.viewer(), this.abort.signal).catch(() => [] as Channel[]);
    try {
      const items = await this.ctx.api.listProgrammes(this.ctx.viewer(), this.abort.signal);
      const live = await channels;
      if (this.destroyed) return;
      this.clear();
      this.renderLiveRail(live);
      if (items.length === 0) {
        this.mount(new StatusMessage({ kind: 'info', title: t('home.empty') }));
      } else {
        for (const rail of buildRails(items)) this.renderRail(rail.kind === 'latest' ? t('home.latest') : sportName(t, rail.sportCode, rail.sport)!, rail.items, rail.kind);
      }
    } catch (err) {
      if (this.destroyed) return;
      this.clear();
      this.mount(new StatusMessage({ kind: 'error', title: apiErrorMessage(err, t, this.ctx), retryLabel: t('actions.retry'), onRetry: this.onRetry }));
    } finally {
      this.body.setAttribute('aria-busy', 'false');
    }
  }

  private renderRail(title: string, items: Programme[], kind: string): void {
    const id = `rail-${this.body.children.length}`;
    const grid = h('ul', { class: 'grid rail__items', role: 'list' });
    for (const programme of items) {
      const card = new ProgrammeCard(programme, this.ctx.i18n.t, this.ctx.link);
      this.children.push(card);
      grid.append(card.el);
    }
    this.body.append(h('section', { class: `rail rail--${kind}`, 'aria-labelledby': id }, h('h2', { id, class: 'rail__title' }, title), grid));
  }

  private renderLiveRail(channels: readonly Channel[]): void {
    this.dropLiveRail();
    if (channels.length === 0) return;
    const { t } = this.ctx.i18n;
    const now = Date.now();
    const cards = channels.map((c) => new ChannelCard(c, t, this.ctx.link, now));
    const el = h('section', { class: 'rail rail--live', 'aria-labelledby': 'rail-live' }, h('h2', { id: 'rail-live', class: 'rail__title' }, t('home.liveNow')), h('ul', { class: 'grid rail__items', role: 'list' }, ...cards.map((c) => c.el)));
    this.liveRail = { el, cards };
    this.body.prepend(el);
    this.liveTimer = setInterval(this.onLiveTick, LIVE.railTickMs);
  }

  private onLiveTick = (): void => {
    const now = Date.now();
    const ended = (this.liveRail?.cards ?? []).map((c) => c.tick(now)).some(Boolean);
    if (!ended) return;
    // a programme ended: what is on now comes from the server (the schedule and the region's rights)
    if (this.liveTimer !== null) clearInterval(this.liveTimer);
    this.liveTimer = null;
    void this.ctx.api.listChannels(this.ctx.viewer(), this.abort.signal).then(
      (channels) => !this.destroyed && this.liveRail && this.renderLiveRail(channels),
      () => undefined,
    );
  };

  private dropLiveRail(): void {
    if (this.liveTimer !== null) clearInterval(this.liveTimer);
    this.liveTimer = null;
    for (const card of this.liveRail?.cards ?? []) card.destroy();
    this.liveRail?.el.remove();
    this.liveRail = null;
  }

  private onRetry = (): void => {
    void this.start();
  };

  private mount(child: Component): void {
    this.children.push(child);
    this.body.append(child.el);
  }

  private clear(): void {
    this.dropLiveRail();
    for (const child of this.children.splice(0)) child.destroy();
    this.body.replaceChildren();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.abort.abort();
    this.clear();
    this.el.remove();
  }
}
