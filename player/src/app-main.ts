// The app proper, loaded by main.ts as a separate chunk: i18next with the bundles main.ts
// already requested, the catalog API with its early requests, the shell and the page.
import { App } from './app.js';
import type { BootState } from './boot-state.js';
import { createHttpCatalogApi, type Viewer } from './core/api.js';
import { withLangQuery } from './core/format.js';
import { createI18n } from './core/i18n.js';
import { BUILT_IN_REGIONS, type RegionInfo } from './core/regions.js';
import type { PageContext } from './pages/page.js';

export async function startApp(boot: BootState): Promise<App> {
  const i18n = await createI18n(boot.language, undefined, boot.bundles);
  const api = createHttpCatalogApi('', undefined, boot.requests);
  let region = boot.region;
  let regions: readonly RegionInfo[] = BUILT_IN_REGIONS;
  let regionSelectable = true;
  let media = boot.media;
  const ctx: PageContext = {
    api,
    i18n,
    document,
    viewer: (): Viewer => ({ lang: i18n.language, region }),
    regions: () => regions,
    link: (path) => withLangQuery(path, location.search),
    storage: boot.storage,
    takePrefetchedMedia() {
      const m = media;
      media = null;
      return m;
    },
  };
  const app = new App({ route: boot.route, ctx, prefs: boot.prefs, setRegion: (r) => (region = r), regionSelectable: () => regionSelectable });
  document.getElementById('root')!.replaceChildren(app.el);
  const started = app.start();
  // The region list is not needed for the first frame: fetch it afterwards.
  void started.then(async () => {
    const fromServer = await api.listRegions().catch(() => null);
    if (fromServer) {
      regions = fromServer.regions;
      // The region the server resolved (CDN country header or its default) dates and QoE use it;
      // it is not remembered, so the server's view stays authoritative until the viewer picks one.
      if (!region && fromServer.current && fromServer.current !== 'WW') region = fromServer.current;
      // Behind a CDN that places the viewer, the server's region is the only one (a remembered or
      // linked ?region= is ignored there): dates follow it and the masthead shows it, unpickable.
      if (!fromServer.selectable) {
        regionSelectable = false;
        region = fromServer.current;
      }
      app.relabelShell();
    }
  });
  await started;
  // A translator's save reaches this page without a reload (server-sent events, versioned bundles).
  i18n.onUpdate(() => void app.relabel());
  i18n.followUpdates();
  return app;
}
