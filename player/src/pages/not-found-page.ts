import { h } from '../components/component.js';
import type { Page, PageContext } from './page.js';

export class NotFoundPage implements Page {
  readonly el: HTMLElement;

  constructor(ctx: PageContext) {
    const { t } = ctx.i18n;
    ctx.document.title = `${t('errors.title')} · ${t('app.name')}`;
    this.el = h(
      'section',
      { class: 'page' },
      h('div', { class: 'status status--error', role: 'alert' }, h('p', { class: 'status__title' }, t('errors.pageNotFound'))),
      h('a', { class: 'back-link', href: ctx.link('/') }, t('watch.back')),
    );
  }

  async start(): Promise<void> {}

  destroy(): void {
    this.el.remove();
  }
}
