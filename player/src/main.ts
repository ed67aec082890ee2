// Browser entry: pick the language, load its strings, render the page for the URL.
import { App } from './app.js';
import { createHttpCatalogApi } from './core/api.js';
import { createI18n } from './core/i18n.js';
import { chooseLanguage } from './core/language.js';
import { parsePath } from './core/routes.js';

async function boot(): Promise<void> {
  const language = chooseLanguage(location.search, navigator.languages ?? [navigator.language]);
  document.documentElement.lang = language;
  const i18n = await createI18n(language);
  const app = new App(parsePath(location.pathname), {
    api: createHttpCatalogApi(),
    i18n,
    search: location.search,
    document,
  });
  document.getElementById('root')!.replaceChildren(app.el);
  await app.start();
}

void boot();
