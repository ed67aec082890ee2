// The unit of translation: one English key, where a plural group (medals_one, medals_other)
// counts once. Checks ask which keys a locale needs for a unit: a plural unit needs exactly the
// CLDR categories of that locale (Intl.PluralRules), a plain unit needs its key.
import type { LoadedLocales, NamespaceFile } from './types.js';
import { PLURAL_ORDER, splitPlural, type PluralCategory } from './resources.js';

export interface SourceUnit {
  namespace: string;
  /** Key without plural suffix. */
  base: string;
  plural: 'none' | 'cardinal' | 'ordinal';
}

const categoryCache = new Map<string, PluralCategory[]>();

export function pluralCategories(locale: string, type: 'cardinal' | 'ordinal' = 'cardinal'): PluralCategory[] {
  const id = `${locale}/${type}`;
  let cats = categoryCache.get(id);
  if (!cats) {
    const found = new Intl.PluralRules(locale, { type }).resolvedOptions().pluralCategories as PluralCategory[];
    cats = PLURAL_ORDER.filter((c) => found.includes(c));
    categoryCache.set(id, cats);
  }
  return cats;
}

/** A small example number for each category, shown to translators (ar few → 3, ru other → 1.5). */
export function pluralExamples(locale: string): Map<PluralCategory, number> {
  const rules = new Intl.PluralRules(locale);
  const candidates = [...Array.from({ length: 201 }, (_, i) => i), 1000, 1_000_000, 0.5, 1.5, 2.5];
  const out = new Map<PluralCategory, number>();
  for (const n of candidates) {
    const c = rules.select(n) as PluralCategory;
    if (!out.has(c)) out.set(c, n);
  }
  return out;
}

/** The base key of a plural group in `file`, when the key is one of its forms (needs an `_other`). */
export function pluralGroupOf(key: string, file: NamespaceFile | undefined): { base: string; ordinal: boolean } | null {
  const p = splitPlural(key);
  if (!p || !file) return null;
  const other = p.ordinal ? `${p.base}_ordinal_other` : `${p.base}_other`;
  return file.strings.has(other) ? { base: p.base, ordinal: p.ordinal } : null;
}

export function sourceUnits(source: NamespaceFile): SourceUnit[] {
  const units = new Map<string, SourceUnit>();
  for (const key of source.strings.keys()) {
    const group = pluralGroupOf(key, source);
    if (group) {
      const id = (group.ordinal ? 'o:' : 'c:') + group.base;
      if (!units.has(id)) units.set(id, { namespace: source.namespace, base: group.base, plural: group.ordinal ? 'ordinal' : 'cardinal' });
    } else units.set('k:' + key, { namespace: source.namespace, base: key, plural: 'none' });
  }
  return [...units.values()];
}

export function requiredKeys(unit: SourceUnit, locale: string): string[] {
  if (unit.plural === 'none') return [unit.base];
  const infix = unit.plural === 'ordinal' ? '_ordinal_' : '_';
  return pluralCategories(locale, unit.plural).map((c) => unit.base + infix + c);
}

/** The English keys that belong to a unit. */
export function sourceKeysOf(unit: SourceUnit, source: NamespaceFile): string[] {
  if (unit.plural === 'none') return [unit.base];
  const infix = unit.plural === 'ordinal' ? '_ordinal_' : '_';
  return PLURAL_ORDER.map((c) => unit.base + infix + c).filter((k) => source.strings.has(k));
}

/** English string to compare a translated key with: the same plural form, else `_other`. */
export function sourceStringFor(key: string, source: NamespaceFile): string | undefined {
  const direct = source.strings.get(key);
  if (direct !== undefined) return direct;
  const group = pluralGroupOf(key, source);
  if (!group) {
    const p = splitPlural(key);
    if (!p) return undefined;
    return source.strings.get(p.ordinal ? `${p.base}_ordinal_other` : `${p.base}_other`);
  }
  return source.strings.get(group.ordinal ? `${group.base}_ordinal_other` : `${group.base}_other`);
}

export function eachTranslation(loaded: LoadedLocales, sourceLocale: string): Array<{ file: NamespaceFile; source: NamespaceFile | undefined }> {
  const out: Array<{ file: NamespaceFile; source: NamespaceFile | undefined }> = [];
  const sources = loaded.files.get(sourceLocale);
  for (const [locale, byNs] of loaded.files) {
    if (locale === sourceLocale) continue;
    for (const file of byNs.values()) out.push({ file, source: sources?.get(file.namespace) });
  }
  return out;
}
