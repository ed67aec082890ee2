// The application shell: skip link, masthead (brand, search, language and region switchers),
// the page for the current route. A language change relabels the page in place when it can
// (the watch page keeps playing) and otherwise rebuilds it — never a page reload.
import { h, type Component } from './components/component.js';
import { Switchers } from './components/switchers.js';
import { textDirection, uiLanguageFor } from './core/language.js';
import type { PrefsStore } from './core/prefs.js';
import type { Route } from './core/routes.js';
import { ChannelPage } from './pages/channel-page.js';
import { HomePage } from './pages/home-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import type { Page, PageContext } from './pages/page.js';
import { ProgrammePage } from './pages/programme-page.js';
import { SearchPage } from './pages/search-page.js';
import { WatchPage } from './pages/watch-page.js';

export function createPage(route: Route, ctx: PageContext): Page {
  switch (route.name) {
    case 'home':
      return new HomePage(ctx);
    case 'programme':
      return new ProgrammePage(ctx, route.id);
    case 'watch':
      return new WatchPage(ctx, route.id);
    case 'channel':
      return new ChannelPage(ctx, route.id);
    case 'search':
      return new SearchPage(ctx);
    case 'notFound':
      return new NotFoundPage(ctx);
  }
}

export interface AppOptions {
  route: Route;
  ctx: PageContext;
  prefs: PrefsStore;
  /** Sets the viewer's region for later API calls. */
  setRegion(region: string): void;
  /** False when the server takes the region from its CDN (GET /api/regions `selectable`): no picker then. */
  regionSelectable(): boolean;
}

export class App implements Component {
  readonly el: HTMLElement;
  private page: Page;
  private readonly main: HTMLElement;
  private masthead: HTMLElement;
  private switchers: Switchers | null = null;
  private destroyed = false;

  constructor(private readonly o: AppOptions) {
    this.page = createPage(o.route, o.ctx);
    this.main = h('main', { id: 'main', class: 'main', tabindex: '-1' }, this.page.el);
    this.masthead = this.buildMasthead();
    this.el = h('div', { class: 'app' }, this.masthead, this.main);
  }

  private buildMasthead(): HTMLElement {
    const { ctx } = this.o;
    const { t } = ctx.i18n;
    const viewer = ctx.viewer();
    this.switchers?.destroy();
    this.switchers = new Switchers({ t, language: viewer.lang, region: viewer.region, regions: ctx.regions(), regionSelectable: this.o.regionSelectable(), onLanguage: this.onLanguage, onRegion: this.onRegion });
    return h(
      'div',
      { class: 'shell' },
      h('a', { class: 'skip-link', href: '#main' }, t('app.skipToContent')),
      h(
        'header',
        { class: 'masthead' },
        h(
          'a',
          { class: 'brand', href: ctx.link('/'), 'aria-label': t('app.homeLink') },
          h('span', { class: 'brand__mark', 'aria-hidden': 'true' }),
          h('span', { class: 'brand__name' }, t('app.name')),
        ),
        h('span', { class: 'masthead__tagline' }, t('app.tagline')),
        h('nav', { class: 'masthead__nav', 'aria-label': t('app.navigation') }, h('a', { class: 'masthead__link', href: ctx.link('/search') }, t('search.title'))),
        this.switchers.el,
      ),
    );
  }

  /** Rebuilds the masthead (labels, switchers with a new region list). */
  relabelShell(): void {
    const next = this.buildMasthead();
    this.masthead.replaceWith(next);
    this.masthead = next;
  }

  /** The strings changed (a translator saved): relabel the shell and the page, same language. */
  async relabel(): Promise<void> {
    if (this.destroyed) return;
    this.relabelShell();
    if (this.page.relabel) await this.page.relabel();
    else await this.rebuildPage();
  }

  /** The switcher picked a language: strings, video.js texts, dates and the catalog follow. */
  private onLanguage = (choice: string): void => {
    void this.changeLanguage(choice);
  };

  async changeLanguage(choice: string): Promise<void> {
    const { ctx, prefs } = this.o;
    const language = uiLanguageFor(choice, ctx.viewer().region);
    prefs.write({ language: choice });
    this.replaceQuery('lang', choice);
    await ctx.i18n.changeLanguage(language);
    if (this.destroyed) return;
    const root = ctx.document.documentElement;
    root.lang = language;
    root.dir = textDirection(language);
    this.relabelShell();
    if (this.page.relabel) await this.page.relabel();
    else await this.rebuildPage();
  }

  private onRegion = (region: string): void => {
    const { ctx, prefs } = this.o;
    prefs.write({ region });
    this.replaceQuery('region', region);
    this.o.setRegion(region);
    // HK/MO read Hong Kong wording: a zh-Hant viewer moving there (or away) changes language too.
    const language = uiLanguageFor(ctx.i18n.language === 'zh-Hant-HK' ? 'zh-Hant' : ctx.i18n.language, region);
    if (language !== ctx.i18n.language) void this.changeLanguage(language === 'zh-Hant-HK' ? 'zh-Hant' : language).then(() => this.rebuildPage());
    else {
      this.relabelShell();
      void this.rebuildPage();
    }
  };

  /** Only when the URL already says ?lang= / ?region=: keep it true, so a shared link matches. */
  private replaceQuery(key: string, value: string): void {
    const url = new URL(this.o.ctx.document.location.href);
    if (!url.searchParams.has(key)) return;
    url.searchParams.set(key, value);
    history.replaceState(history.state, '', url);
  }

  private async rebuildPage(): Promise<void> {
    this.page.destroy();
    this.page = createPage(this.o.route, this.o.ctx);
    this.main.replaceChildren(this.page.el);
    await this.page.start();
  }

  start(): Promise<void> {
    return this.page.start();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.switchers?.destroy();
    this.page.destroy();
    this.el.remove();
  }
}
