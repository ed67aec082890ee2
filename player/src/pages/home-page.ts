// "/": rails of programmes in the viewer's language — the latest, then one per sport when the
// catalog says which sport a programme belongs to (grouped by the sport's code, titled with its
// name in the viewer's language, core/sports.ts). A "live now" rail appears only when a live
// channel exists (none yet, so it is not rendered at all).
import { h, type Component } from '../components/component.js';
import { ProgrammeCard } from '../components/programme-card.js';
import { StatusMessage } from '../components/status-message.js';
import { CATALOG } from '../config.js';
import type { Programme } from '../core/api.js';
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
    try {
      const items = await this.ctx.api.listProgrammes(this.ctx.viewer(), this.abort.signal);
      if (this.destroyed) return;
      this.clear();
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

  private onRetry = (): void => {
    void this.start();
  };

  private mount(child: Component): void {
    this.children.push(child);
    this.body.append(child.el);
  }

  private clear(): void {
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
