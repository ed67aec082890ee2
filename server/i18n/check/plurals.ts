// Plural forms exactly as CLDR defines them for each locale (Intl.PluralRules): for a group
// that English has as plural, every category of the locale must be there and no other.
import type { CheckContext, Finding, NamespaceFile } from './types.js';
import { pluralCategories, pluralExamples } from './source-units.js';
import { splitPlural, type PluralCategory } from './resources.js';

export function checkPlurals({ loaded, sourceLocale }: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const sources = loaded.files.get(sourceLocale);
  for (const [locale, byNs] of loaded.files) {
    for (const file of byNs.values()) {
      const source = sources?.get(file.namespace);
      findings.push(...checkFile(file, locale, source && locale !== sourceLocale ? source : file));
    }
  }
  return findings;
}

function checkFile(file: NamespaceFile, locale: string, source: NamespaceFile): Finding[] {
  const findings: Finding[] = [];
  // groups: base + kind → categories present in this file
  const groups = new Map<string, { base: string; ordinal: boolean; present: Set<PluralCategory> }>();
  for (const key of file.strings.keys()) {
    const p = splitPlural(key);
    if (!p) continue;
    const infix = p.ordinal ? '_ordinal_' : '_';
    if (!source.strings.has(`${p.base}${infix}other`)) continue; // not a plural group in the source
    const id = `${p.base}${infix}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { base: p.base, ordinal: p.ordinal, present: new Set() }));
    g.present.add(p.category);
  }
  for (const [infixed, g] of groups) {
    const required = pluralCategories(locale, g.ordinal ? 'ordinal' : 'cardinal');
    const examples = pluralExamples(locale);
    const missing = required.filter((c) => !g.present.has(c));
    const extra = [...g.present].filter((c) => !required.includes(c));
    const cats = required.map((c) => (g.ordinal ? c : `${c} (e.g. ${examples.get(c)})`)).join(', ');
    for (const c of missing) {
      findings.push({ severity: 'error', check: 'plurals', file: file.display, key: infixed + c, message: `plural form "${c}" missing; ${locale} needs exactly ${cats}`, fix: `add "${infixed}${c}"` });
    }
    for (const c of extra) {
      findings.push({ severity: 'error', check: 'plurals', file: file.display, key: infixed + c, message: `plural form "${c}" does not exist in ${locale}; it needs exactly ${cats}`, fix: `delete "${infixed}${c}"` });
    }
  }
  return findings;
}
