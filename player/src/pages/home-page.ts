// "/": the catalog as a grid of cards in the viewer's language.
import { h, type Component } from '../components/component.js';
import { ProgrammeCard } from '../components/programme-card.js';
import { StatusMessage } from '../components/status-message.js';
import { apiErrorMessage, type Page, type PageContext } from './page.js';

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
    const { t, language } = this.ctx.i18n;
    this.clear();
    this.body.setAttribute('aria-busy', 'true');
    this.mount(new StatusMessage({ kind: 'info', title: t('status.loading') }));
    try {
      const items = await this.ctx.api.listProgrammes(language, this.abort.signal);
      if (this.destroyed) return;
      this.clear();
      if (items.length === 0) {
        this.mount(new StatusMessage({ kind: 'info', title: t('home.empty') }));
      } else {
        const grid = h('ul', { class: 'grid', role: 'list' });
        for (const programme of items) {
          const card = new ProgrammeCard(programme, t, this.ctx.search);
          this.children.push(card);
          grid.append(card.el);
        }
        this.body.append(grid);
      }
    } catch (err) {
      if (this.destroyed) return;
      this.clear();
      this.mount(new StatusMessage({ kind: 'error', title: apiErrorMessage(err, t), retryLabel: t('actions.retry'), onRetry: this.onRetry }));
    } finally {
      this.body.setAttribute('aria-busy', 'false');
    }
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
