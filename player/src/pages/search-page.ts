// "/search?q=…": GET /api/search (ranked, across every localization, honouring rights). Until
// the server has that endpoint, the titles of the viewer's catalog are filtered here instead
// (accent- and case-insensitive), so the page works either way.
import { ListenerGroup, h, type Component } from '../components/component.js';
import { ProgrammeCard } from '../components/programme-card.js';
import { StatusMessage } from '../components/status-message.js';
import type { Programme } from '../core/api.js';
import { apiErrorMessage, type Page, type PageContext } from './page.js';

export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Pure: the local fallback search over already-loaded programmes. */
export function filterProgrammes(items: readonly Programme[], q: string): Programme[] {
  const needle = fold(q.trim());
  if (!needle) return [];
  return items.filter((p) => [p.title, p.shortTitle, p.synopsis, p.sport].some((f) => f && fold(f).includes(needle)));
}

export class SearchPage implements Page {
  readonly el: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly form: HTMLFormElement;
  private readonly results: HTMLElement;
  private readonly listeners = new ListenerGroup();
  private children: Component[] = [];
  private abort = new AbortController();
  private destroyed = false;

  constructor(private readonly ctx: PageContext) {
    const { t } = ctx.i18n;
    const q = new URLSearchParams(ctx.document.location.search).get('q') ?? '';
    this.input = h('input', { id: 'search-q', class: 'search__input', type: 'search', name: 'q', autocomplete: 'off', enterkeyhint: 'search' });
    this.input.value = q;
    this.form = h(
      'form',
      { class: 'search__form', role: 'search', action: '/search' },
      h('label', { for: 'search-q', class: 'search__label' }, t('search.label')),
      this.input,
      h('button', { type: 'submit', class: 'button search__submit' }, t('search.submit')),
    );
    this.results = h('div', { class: 'search__results', 'aria-live': 'polite' });
    this.el = h('section', { class: 'page search', 'aria-labelledby': 'search-title' }, h('h1', { id: 'search-title', class: 'page__title' }, t('search.title')), this.form, this.results);
    ctx.document.title = `${t('search.title')} · ${t('app.name')}`;
    this.registerListeners();
  }

  private registerListeners(): void {
    this.listeners.add(this.form, 'submit', this.onSubmit as EventListener);
  }

  private onSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const url = new URL(this.ctx.document.location.href);
    url.searchParams.set('q', this.input.value.trim());
    history.replaceState(null, '', url);
    void this.start();
  };

  async start(): Promise<void> {
    const { t } = this.ctx.i18n;
    const q = this.input.value.trim();
    this.clear();
    if (!q) return;
    this.abort.abort();
    this.abort = new AbortController();
    this.mount(new StatusMessage({ kind: 'info', title: t('status.loading') }));
    try {
      const viewer = this.ctx.viewer();
      const found = (await this.ctx.api.search(q, viewer, this.abort.signal)) ?? filterProgrammes(await this.ctx.api.listProgrammes(viewer, this.abort.signal), q);
      if (this.destroyed) return;
      this.clear();
      this.results.append(h('p', { class: 'search__count' }, t('search.results', { count: found.length, query: q })));
      if (found.length) {
        const grid = h('ul', { class: 'grid', role: 'list' });
        for (const p of found) {
          const card = new ProgrammeCard(p, t, this.ctx.link);
          this.children.push(card);
          grid.append(card.el);
        }
        this.results.append(grid);
      }
    } catch (err) {
      if (this.destroyed || (err as Error).name === 'AbortError') return;
      this.clear();
      this.mount(new StatusMessage({ kind: 'error', title: apiErrorMessage(err, t, this.ctx), retryLabel: t('actions.retry'), onRetry: () => void this.start() }));
    }
  }

  private mount(child: Component): void {
    this.children.push(child);
    this.results.append(child.el);
  }

  private clear(): void {
    for (const child of this.children.splice(0)) child.destroy();
    this.results.replaceChildren();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.abort.abort();
    this.listeners.removeAll();
    this.clear();
    this.el.remove();
  }
}
