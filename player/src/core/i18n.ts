// UI strings through i18next, loaded from the server's /locales/<lng>/<ns>.json (the files in
// locales/ at the repository root). One instance per app, created here and passed down — no
// global i18next singleton. Keys are literal at every call site (t('home.title')) so that the
// extraction tool of the localization workflow can find them.
//
// The language can change while the page runs (the switcher): changeLanguage() fetches the
// bundles it lacks, switches i18next, and tells every subscriber so it relabels itself.
// The strings can change too (a translator saved in the studio): followUpdates() listens to
// /api/i18n/events, fetches the new version of a loaded bundle (/locales/<lng>/player.json?v=…,
// cached for good), swaps it into i18next and tells the same subscribers plus onUpdate's.
// The studio (server/studio/client/i18n.ts) runs the same loader on its own namespace, `studio`.
import i18next, { type i18n, type TFunction } from 'i18next';
import { fallbackChain } from './language.js';

export const NAMESPACE = 'player';

export type LanguageListener = (language: string) => void;

export interface I18n {
  readonly language: string;
  readonly t: TFunction;
  readonly instance: i18n;
  changeLanguage(language: string): Promise<void>;
  onChange(listener: LanguageListener): () => void;
  /** Strings of a loaded language were replaced (same language): relabel. */
  onUpdate(listener: () => void): () => void;
  /** Follows the server's bundle changes (EventSource); returns a function that stops. */
  followUpdates(eventSource?: typeof EventSource): () => void;
}

type Bundle = Record<string, unknown>;

async function fetchBundle(lng: string, fetchImpl: typeof fetch, version?: string, ns: string = NAMESPACE): Promise<Bundle | null> {
  try {
    const v = version ? `?v=${encodeURIComponent(version)}` : '';
    const res = await fetchImpl(`/locales/${encodeURIComponent(lng)}/${ns}.json${v}`, { headers: { accept: 'application/json' } });
    if (!res.ok) return null;
    return (await res.json()) as Bundle;
  } catch {
    return null;
  }
}

/**
 * `prefetched` maps a tag to a bundle request already in flight (started by boot.ts);
 * `namespace` is the bundle this app reads (the player's, or the studio's).
 */
export async function createI18n(
  language: string,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
  prefetched: Record<string, Promise<Bundle | null> | undefined> = {},
  namespace: string = NAMESPACE,
): Promise<I18n> {
  const instance = i18next.createInstance();
  const loaded = new Set<string>();
  const listeners = new Set<LanguageListener>();
  const updateListeners = new Set<() => void>();
  /** Newest version announced per language: an older fetch finishing late is dropped. */
  const announced = new Map<string, string>();

  async function update(lng: string, version: string): Promise<void> {
    if (!loaded.has(lng)) return; // fetched with the current version if the viewer switches to it
    announced.set(lng, version);
    const bundle = await fetchBundle(lng, fetchImpl, version, namespace);
    if (!bundle || announced.get(lng) !== version) return;
    instance.removeResourceBundle(lng, namespace);
    instance.addResourceBundle(lng, namespace, bundle, true, true);
    for (const listener of [...listeners]) listener(instance.language);
    for (const listener of [...updateListeners]) listener();
  }

  async function load(lng: string): Promise<void> {
    const chain = fallbackChain(lng).filter((l) => !loaded.has(l));
    const bundles = await Promise.all(chain.map((l) => prefetched[l] ?? fetchBundle(l, fetchImpl, undefined, namespace)));
    chain.forEach((l, i) => {
      loaded.add(l);
      const bundle = bundles[i];
      if (bundle) instance.addResourceBundle(l, namespace, bundle, true, true);
    });
  }

  const firstLoad = load(language);
  await instance.init({
    lng: language,
    fallbackLng: (code: string) => fallbackChain(code).slice(1),
    ns: [namespace],
    defaultNS: namespace,
    resources: {},
    interpolation: { escapeValue: false }, // we only ever set textContent, never innerHTML
    returnNull: false,
  });
  await firstLoad;
  await instance.changeLanguage(language);

  const t = ((...args: unknown[]) => (instance.t as unknown as (...a: unknown[]) => string)(...args)) as unknown as TFunction;
  return {
    get language() {
      return instance.language;
    },
    t,
    instance,
    async changeLanguage(lng: string) {
      if (lng === instance.language) return;
      await load(lng);
      await instance.changeLanguage(lng);
      for (const listener of [...listeners]) listener(lng);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onUpdate(listener) {
      updateListeners.add(listener);
      return () => updateListeners.delete(listener);
    },
    followUpdates(eventSource = globalThis.EventSource) {
      if (!eventSource) return () => undefined;
      const source = new eventSource('/api/i18n/events');
      // Changes saved while the stream was down (EventSource reconnects by itself): compare the
      // server's versions with the ones this page holds; the first connection sets the baseline.
      let reconnect = false;
      source.addEventListener('open', () => {
        const first = !reconnect;
        reconnect = true;
        void fetchImpl('/api/i18n/version', { headers: { accept: 'application/json' } })
          .then((r) => (r.ok ? (r.json() as Promise<{ versions?: Record<string, Record<string, string>> }>) : null))
          .then((body) => {
            for (const lng of loaded) {
              const version = body?.versions?.[lng]?.[namespace];
              if (!version) continue;
              if (first || !announced.has(lng)) {
                if (!announced.has(lng)) announced.set(lng, version);
              } else if (announced.get(lng) !== version) void update(lng, version);
            }
          })
          .catch(() => undefined);
      });
      source.addEventListener('change', (e) => {
        try {
          const change = JSON.parse((e as MessageEvent<string>).data) as { locale?: unknown; ns?: unknown; version?: unknown };
          if (change.ns === namespace && typeof change.locale === 'string' && typeof change.version === 'string') void update(change.locale, change.version);
        } catch {
          // a malformed event is ignored; the next one carries the full state of its bundle
        }
      });
      return () => source.close();
    },
  };
}
