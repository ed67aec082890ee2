// The application shell: header, the page for the current route, footer. Pages are created
// from the route and destroyed when the app is.
import { h, type Component } from './components/component.js';
import { withLangQuery } from './core/format.js';
import type { Route } from './core/routes.js';
import { HomePage } from './pages/home-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import type { Page, PageContext } from './pages/page.js';
import { WatchPage } from './pages/watch-page.js';

export function createPage(route: Route, ctx: PageContext): Page {
  switch (route.name) {
    case 'home':
      return new HomePage(ctx);
    case 'watch':
      return new WatchPage(ctx, route.id);
    case 'notFound':
      return new NotFoundPage(ctx);
  }
}

export class App implements Component {
  readonly el: HTMLElement;
  private readonly page: Page;

  constructor(route: Route, ctx: PageContext) {
    const { t } = ctx.i18n;
    this.page = createPage(route, ctx);
    const main = h('main', { id: 'main', class: 'main', tabindex: '-1' }, this.page.el);
    this.el = h(
      'div',
      { class: 'app' },
      h('a', { class: 'skip-link', href: '#main' }, t('app.skipToContent')),
      h(
        'header',
        { class: 'masthead' },
        h(
          'a',
          { class: 'brand', href: withLangQuery('/', ctx.search), 'aria-label': t('app.homeLink') },
          h('span', { class: 'brand__mark', 'aria-hidden': 'true' }),
          h('span', { class: 'brand__name' }, t('app.name')),
        ),
        h('span', { class: 'masthead__tagline' }, t('app.tagline')),
      ),
      main,
    );
  }

  start(): Promise<void> {
    return this.page.start();
  }

  destroy(): void {
    this.page.destroy();
    this.el.remove();
  }
}
