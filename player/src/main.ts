// Browser entry, kept tiny so it runs before the heavy chunk (video.js + hls.js) has even been
// compiled: pick the language and region, start every request the first screen needs (the UI
// strings, and on /watch/:id the programme and its master playlist), then load the app.
import { fallbackChain, chooseLanguage, textDirection, uiLanguageFor } from './core/language.js';
import { createPrefsStore, regionFromSearch, safeLocalStorage } from './core/prefs.js';
import { parsePath } from './core/routes.js';
import type { BootState } from './boot-state.js';

function boot(): void {
  const storage = safeLocalStorage(window);
  const prefs = createPrefsStore(document, storage);
  const stored = prefs.read();
  const region = regionFromSearch(location.search) ?? stored.region;
  const choice = chooseLanguage(location.search, navigator.languages ?? [navigator.language], undefined, undefined, stored.language);
  const language = uiLanguageFor(choice, region);
  document.documentElement.lang = language;
  document.documentElement.dir = textDirection(language);

  const json = (url: string) => fetch(url, { headers: { accept: 'application/json' } });
  const bundles: BootState['bundles'] = {};
  for (const lng of fallbackChain(language)) {
    bundles[lng] = json(`/locales/${encodeURIComponent(lng)}/player.json`)
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, unknown>>) : null))
      .catch(() => null);
  }
  const requests = new Map<string, Promise<Response>>();
  const route = parsePath(location.pathname);
  let master: BootState['master'] = null;
  if (route.name === 'watch') {
    const q = new URLSearchParams({ lang: language });
    if (region) q.set('region', region);
    const path = `/api/programmes/${encodeURIComponent(route.id)}?${q}`;
    const programme = json(path);
    requests.set(path, programme);
    // The master playlist as soon as its URL is known; hls.js takes it from here (boot-loader.ts).
    master = programme
      .then((r) => (r.ok ? r.clone().json() : null))
      .then((p: { hls?: string | null } | null) => {
        if (!p?.hls) return null;
        const url = new URL(p.hls, location.href).href;
        return fetch(url).then(async (r) => (r.ok ? { url: r.url || url, text: await r.text() } : null));
      })
      .catch(() => null);
  }
  const state: BootState = { language, region, route, prefs, storage, bundles, requests, master };
  void import('./app-main.js').then((m) => m.startApp(state));
}

boot();
