// The translation bundles players load, and the news that one changed.
//
// A bundle is locales/<lng>/<ns>.json without its `@key` meta. Its version is the ETag of the
// file (the translation store's ETag), so `/locales/<lng>/<ns>.json?v=<version>` names one
// immutable content and can be cached for a year. After a save, announce() tells every
// subscriber ({ locale, ns, version }): the server-sent event stream for open players, and the
// server's own i18next. State lives in the object createBundleHub() returns (no module state).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseJson, stripMeta } from './check/resources.js';
import { etagOf } from './translation-store.js';

export interface BundleChange {
  locale: string;
  ns: string;
  version: string;
}

export interface Bundle {
  version: string;
  /** JSON text without `@key` meta. */
  body: string;
  /** The parsed tree, without meta. */
  tree: Record<string, unknown>;
}

const LOCALE_DIR = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const NAMESPACE = /^[A-Za-z0-9_-]{1,64}$/;

export function createBundleHub(localesDir: string) {
  const listeners = new Set<(change: BundleChange) => void>();
  const closers = new Set<() => void>();
  const cache = new Map<string, { stamp: string; bundle: Bundle }>();

  /** The bundle as on disk now (re-read when the file's mtime or size changed), or null. */
  function bundle(locale: string, ns: string): Bundle | null {
    if (!LOCALE_DIR.test(locale) || !NAMESPACE.test(ns)) return null;
    const file = path.join(localesDir, locale, `${ns}.json`);
    let stamp: string;
    try {
      const st = statSync(file);
      if (!st.isFile()) return null;
      stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return null;
    }
    const hit = cache.get(file);
    if (hit && hit.stamp === stamp) return hit.bundle;
    const content = readFileSync(file, 'utf8');
    const parsed = parseJson(content);
    // A file broken by hand is not served (the check names the error); players keep what they have.
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return null;
    const tree = stripMeta(parsed.value as Record<string, unknown>);
    const result: Bundle = { version: etagOf(content).slice(1, -1), body: JSON.stringify(tree), tree };
    cache.set(file, { stamp, bundle: result });
    return result;
  }

  /** locale → namespace → version, for every file in the folder. */
  function versions(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    let locales: string[] = [];
    try {
      locales = readdirSync(localesDir).filter((d) => LOCALE_DIR.test(d)).sort();
    } catch {
      return out;
    }
    for (const locale of locales) {
      let files: string[] = [];
      try {
        files = readdirSync(path.join(localesDir, locale)).filter((f) => f.endsWith('.json')).sort();
      } catch {
        continue;
      }
      for (const f of files) {
        const b = bundle(locale, f.slice(0, -'.json'.length));
        if (b) (out[locale] ??= {})[f.slice(0, -'.json'.length)] = b.version;
      }
    }
    return out;
  }

  return {
    bundle,
    versions,
    /** Tells every subscriber that locale/ns now has `version`. */
    announce(change: BundleChange): void {
      for (const fn of [...listeners]) {
        try {
          fn(change);
        } catch {
          // one broken subscriber must not keep the others from hearing about the change
        }
      }
    },
    subscribe(fn: (change: BundleChange) => void): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** Runs `fn` at shutdown (an event stream ends its response, so the server can close at once). */
    onShutdown(fn: () => void): () => void {
      closers.add(fn);
      return () => closers.delete(fn);
    },
    shutdown(): void {
      for (const fn of [...closers]) fn();
      closers.clear();
    },
    /** Number of subscribers (open event streams and in-process listeners). */
    get subscribers(): number {
      return listeners.size;
    },
  };
}

export type BundleHub = ReturnType<typeof createBundleHub>;
