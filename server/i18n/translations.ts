// The translator's editor, domain side: what a locale × namespace looks like to a translator
// (source beside target, plural forms per CLDR with example numbers, meta, where each key is
// used, live-check results, stale keys), and saving a batch of changes through the translation
// store — checked first, refused on a stale ETag, then announced to the bundle hub so the
// server's i18next and open players switch to the new text. HTTP lives in
// server/http/routes/translations.ts; files and history in translation-store.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALLOWLIST_FILE, loadLocales } from './check/load.js';
import { checkString, type LiveIssue } from './check/live.js';
import { fallbackChain } from './check/locales.js';
import { checkMissing } from './check/missing.js';
import { checkPlaceholders } from './check/placeholders.js';
import { checkPlurals } from './check/plurals.js';
import { checkScript } from './check/script.js';
import { checkLength } from './check/length.js';
import { parseJson, flatten, type PluralCategory } from './check/resources.js';
import { pluralCategories, pluralExamples, requiredKeys, sourceUnits, sourceStringFor } from './check/source-units.js';
import type { CheckContext, KeyMeta, LoadedLocales, NamespaceFile } from './check/types.js';
import { extractFromRoots, type KeyUse, type SourceRoot } from './check/usage.js';
import { createBundleHub, type BundleHub } from './bundles.js';
import { createTranslationStore, type HistoryEntry, type NamespaceVersion, type TranslationStore } from './translation-store.js';

export class TranslationError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid' | 'check_failed',
    message: string,
    readonly key?: string,
    readonly issues?: LiveIssue[],
  ) {
    super(message);
  }
}

export interface NamespaceCoverage {
  namespace: string;
  own: number;
  effective: number;
  total: number;
  errors: number;
  warnings: number;
}

export interface LocaleOverview {
  locale: string;
  chain: string[];
  dir: 'ltr' | 'rtl';
  namespaces: NamespaceCoverage[];
}

export interface KeyView {
  key: string;
  /** CLDR category and an example number, for a plural form. */
  plural: { category: PluralCategory; example: number } | null;
  /** The English string this key translates (the same form, else `_other`). */
  source: string;
  /** The locale's own value, or null when missing. */
  value: string | null;
  /** What viewers see when the value is missing: a parent locale's text (zh-Hant for zh-Hant-HK). */
  inherited: { locale: string; value: string } | null;
  issues: LiveIssue[];
}

export interface UnitView {
  /** Key without plural suffix. */
  base: string;
  plural: 'none' | 'cardinal' | 'ordinal';
  meta: KeyMeta;
  /** file:line of the code using the key. */
  usedIn: string[];
  keys: KeyView[];
  missing: boolean;
  failing: boolean;
  /** The source changed after the translation was last saved here. */
  stale: boolean;
}

export interface NamespaceView {
  locale: string;
  namespace: string;
  sourceLocale: string;
  etag: string;
  dir: 'ltr' | 'rtl';
  chain: string[];
  pluralCategories: Array<{ category: PluralCategory; example: number }>;
  units: UnitView[];
  stale: Array<{ key: string; was: string | null; now: string | null }>;
  /** Keys of the file English does not have (obsolete). */
  obsolete: string[];
  /** Words that may stay identical to English (for the editor's live checks). */
  allowlist: string[];
}

export type SaveOutcome =
  | { ok: true; etag: string; version: string; changed: string[] }
  | { ok: false; current: NamespaceVersion; yours: Record<string, string | null>; conflicts: string[] };

export interface TranslationServiceOptions {
  localesDir: string;
  store: TranslationStore;
  hub: BundleHub;
  /** Code to extract "where used" from; empty for none. */
  sourceRoots?: SourceRoot[];
  sourceLocale?: string;
}

const RTL = new Set(['ar', 'he', 'fa', 'ur']);
export const directionOf = (locale: string): 'ltr' | 'rtl' => (RTL.has(locale.split('-')[0]!) ? 'rtl' : 'ltr');

export function createTranslationService(opts: TranslationServiceOptions) {
  const sourceLocale = opts.sourceLocale ?? 'en';
  let uses: Map<string, KeyUse[]> | undefined;

  /** Code locations by `ns:key`, extracted once per process (the code does not change at run time). */
  function usesOf(ns: string, base: string): string[] {
    if (!uses) {
      uses = new Map();
      for (const u of extractFromRoots(opts.sourceRoots ?? [])) {
        const id = `${u.namespace}:${u.key}`;
        uses.set(id, [...(uses.get(id) ?? []), u]);
      }
    }
    return (uses.get(`${ns}:${base}`) ?? []).map((u) => `${u.file}:${u.line}`);
  }

  function allowlist(): Set<string> {
    const file = path.join(opts.localesDir, ALLOWLIST_FILE);
    if (!existsSync(file)) return new Set();
    const parsed = parseJson(readFileSync(file, 'utf8'));
    return new Set(parsed.ok && Array.isArray(parsed.value) ? (parsed.value as unknown[]).filter((v): v is string => typeof v === 'string') : []);
  }

  function onlyNamespace(loaded: LoadedLocales, ns: string): LoadedLocales {
    const files = new Map<string, Map<string, NamespaceFile>>();
    for (const [locale, byNs] of loaded.files) {
      const f = byNs.get(ns);
      files.set(locale, f ? new Map([[ns, f]]) : new Map());
    }
    return { ...loaded, files };
  }

  function overview(): { sourceLocale: string; locales: LocaleOverview[] } {
    const { loaded } = loadLocales(opts.localesDir, sourceLocale);
    const namespaces = [...(loaded.files.get(sourceLocale)?.keys() ?? [])].sort();
    const rows = new Map<string, LocaleOverview>();
    for (const locale of loaded.locales) {
      if (locale === sourceLocale) continue;
      rows.set(locale, { locale, chain: [locale, ...fallbackChain(locale, loaded.locales, sourceLocale)], dir: directionOf(locale), namespaces: [] });
    }
    for (const ns of namespaces) {
      const ctx: CheckContext = { loaded: onlyNamespace(loaded, ns), sourceLocale };
      const { coverage } = checkMissing(ctx);
      const findings = [...checkMissing(ctx).findings, ...checkPlurals(ctx), ...checkPlaceholders(ctx), ...checkScript(ctx), ...checkLength(ctx)];
      for (const c of coverage) {
        const file = loaded.files.get(c.locale)?.get(ns);
        const mine = findings.filter((f) => (file ? f.file === file.display : f.file.includes(`/${c.locale}/`)));
        rows.get(c.locale)?.namespaces.push({
          namespace: ns,
          own: c.own,
          effective: c.effective,
          total: c.total,
          errors: mine.filter((f) => f.severity === 'error').length,
          warnings: mine.filter((f) => f.severity === 'warning').length,
        });
      }
    }
    return { sourceLocale, locales: [...rows.values()] };
  }

  function requireFolders(locale: string, ns: string): { locales: string[] } {
    const { loaded } = loadLocales(opts.localesDir, sourceLocale);
    if (!loaded.locales.includes(locale)) throw new TranslationError('not_found', `no locale folder ${locale}`);
    if (!loaded.files.get(sourceLocale)?.has(ns)) throw new TranslationError('not_found', `no ${sourceLocale} namespace ${ns}`);
    return { locales: loaded.locales };
  }

  function fileOf(locale: string, ns: string, version: NamespaceVersion, meta = new Map<string, KeyMeta>()): NamespaceFile {
    return { locale, namespace: ns, path: '', display: `${locale}/${ns}.json`, strings: new Map(Object.entries(version.strings)), meta };
  }

  async function sourceFile(ns: string): Promise<NamespaceFile> {
    const source = await opts.store.read(sourceLocale, ns);
    const parsed = source.content ? parseJson(source.content) : null;
    const meta = new Map<string, KeyMeta>();
    if (parsed?.ok) for (const [k, v] of flatten(parsed.value).meta) if (v && typeof v === 'object') meta.set(k, v as KeyMeta);
    return fileOf(sourceLocale, ns, source, meta);
  }

  async function namespace(locale: string, ns: string): Promise<NamespaceView> {
    const { locales } = requireFolders(locale, ns);
    if (locale === sourceLocale) throw new TranslationError('invalid', `${sourceLocale} is the source: it is edited with the code`);
    const source = await sourceFile(ns);
    const target = await opts.store.read(locale, ns);
    const chain = fallbackChain(locale, locales, sourceLocale);
    const parents = await Promise.all(chain.filter((l) => l !== sourceLocale).map(async (l) => ({ locale: l, strings: (await opts.store.read(l, ns)).strings })));
    const examples = pluralExamples(locale);
    const words = allowlist();
    const stale = await opts.store.staleKeys(locale, ns);
    const staleSet = new Set(stale.map((s) => s.key));
    const required = new Set<string>();
    const units: UnitView[] = sourceUnits(source).map((unit) => {
      const meta = source.meta.get(unit.base) ?? {};
      const keys: KeyView[] = requiredKeys(unit, locale).map((key) => {
        required.add(key);
        const src = sourceStringFor(key, source) ?? '';
        const value = target.strings[key] ?? null;
        const parent = parents.find((p) => p.strings[key] !== undefined);
        const category = unit.plural === 'none' ? null : (key.slice(key.lastIndexOf('_') + 1) as PluralCategory);
        return {
          key,
          plural: category ? { category, example: examples.get(category) ?? 0 } : null,
          source: src,
          value,
          inherited: value === null && parent ? { locale: parent.locale, value: parent.strings[key]! } : null,
          issues: value === null ? [] : checkString({ locale, key, value, source: src, meta, allowlist: words }),
        };
      });
      return {
        base: unit.base,
        plural: unit.plural,
        meta,
        usedIn: usesOf(ns, unit.base),
        keys,
        missing: keys.some((k) => k.value === null && k.inherited === null),
        failing: keys.some((k) => k.issues.some((i) => i.severity === 'error')),
        stale: keys.some((k) => staleSet.has(k.key)),
      };
    });
    return {
      locale,
      namespace: ns,
      sourceLocale,
      etag: target.etag,
      dir: directionOf(locale),
      chain: [locale, ...chain],
      pluralCategories: pluralCategories(locale).map((category) => ({ category, example: examples.get(category) ?? 0 })),
      units,
      stale,
      obsolete: Object.keys(target.strings).filter((k) => !required.has(k)),
      allowlist: [...words],
    };
  }

  /** The live checks of one value, as the editor runs them (for API users and scripts). */
  async function check(locale: string, ns: string, key: string, value: string): Promise<LiveIssue[]> {
    requireFolders(locale, ns);
    const source = await sourceFile(ns);
    const src = sourceStringFor(key, source);
    if (src === undefined) throw new TranslationError('invalid', `${key} is not a key of ${sourceLocale}/${ns}.json`, key);
    const base = sourceUnits(source).find((u) => requiredKeys(u, locale).includes(key) || u.base === key)?.base ?? key;
    return checkString({ locale, key, value, source: src, meta: source.meta.get(base), allowlist: allowlist() });
  }

  async function save(req: { locale: string; ns: string; ifMatch: string; changes: Record<string, string | null>; author: string }): Promise<SaveOutcome> {
    requireFolders(req.locale, req.ns);
    if (req.locale === sourceLocale) throw new TranslationError('invalid', `${sourceLocale} is the source: it is edited with the code`);
    const source = await sourceFile(req.ns);
    const units = sourceUnits(source);
    const words = allowlist();
    const current = await opts.store.read(req.locale, req.ns);
    for (const [key, value] of Object.entries(req.changes)) {
      const unit = units.find((u) => requiredKeys(u, req.locale).includes(key));
      if (!unit) {
        if (value === null && Object.hasOwn(current.strings, key)) continue; // deleting an obsolete key is fine
        throw new TranslationError('invalid', `${key} is not a key ${req.locale} translates in ${req.ns} (see ${sourceLocale}/${req.ns}.json and the locale's plural forms)`, key);
      }
      if (value === null) continue;
      const issues = checkString({ locale: req.locale, key, value, source: sourceStringFor(key, source) ?? '', meta: source.meta.get(unit.base), allowlist: words });
      const errors = issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) throw new TranslationError('check_failed', `${key}: ${errors.map((e) => `${e.message} (fix: ${e.fix})`).join('; ')}`, key, issues);
    }
    const result = await opts.store.save({ locale: req.locale, namespace: req.ns, ifMatch: req.ifMatch, changes: req.changes, author: req.author });
    if (!result.ok) return { ok: false, current: result.conflict.current, yours: result.conflict.mine, conflicts: result.conflict.keys };
    const version = result.version.etag.slice(1, -1);
    if (result.changed.length > 0) opts.hub.announce({ locale: req.locale, ns: req.ns, version });
    return { ok: true, etag: result.version.etag, version, changed: result.changed };
  }

  async function history(locale: string, ns: string, key?: string): Promise<HistoryEntry[]> {
    requireFolders(locale, ns);
    return opts.store.history(locale, ns, key);
  }

  return { overview, namespace, check, save, history };
}

export type TranslationService = ReturnType<typeof createTranslationService>;

export interface TranslationsRuntime {
  store: TranslationStore;
  hub: BundleHub;
  service: TranslationService;
}

/**
 * The editor's parts for one app: the store on `localesDir` (history under
 * <dataDir>/i18n-history), the bundle hub, the service; `onChange` hears every saved bundle
 * (the server's i18next reloads its `server` namespace from it).
 */
export function createTranslations(opts: {
  localesDir: string;
  dataDir: string;
  sourceRoots?: SourceRoot[];
  onChange?: (change: { locale: string; ns: string; tree: Record<string, unknown> }) => void;
}): TranslationsRuntime {
  const store = createTranslationStore({ localesDir: opts.localesDir, dataDir: opts.dataDir });
  const hub = createBundleHub(opts.localesDir);
  if (opts.onChange) {
    const onChange = opts.onChange;
    hub.subscribe((c) => {
      const b = hub.bundle(c.locale, c.ns);
      if (b) onChange({ locale: c.locale, ns: c.ns, tree: b.tree });
    });
  }
  const service = createTranslationService({ localesDir: opts.localesDir, store, hub, sourceRoots: opts.sourceRoots });
  return { store, hub, service };
}
