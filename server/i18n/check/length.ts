// Length limits declared beside the source string: `"@play": { "maxLength": 12 }` next to
// `"play"` in English limits "play" (every plural form of a plural key) in every locale. Length
// is counted in user-perceived characters (Intl.Segmenter graphemes) with HTML tags and
// placeholders ({{var}}, $t()) removed: the limit is for the fixed text.
import type { CheckContext, Finding } from './types.js';
import { pluralGroupOf } from './source-units.js';
import { splitPlural } from './resources.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const NOT_COUNTED = /\{\{[^}]*\}\}|\$t\([^)]*\)|<[^<>]+>/g;

export function displayLength(text: string): number {
  return [...segmenter.segment(text.replace(NOT_COUNTED, ''))].length;
}

export function checkLength({ loaded, sourceLocale }: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const sources = loaded.files.get(sourceLocale);
  if (!sources) return findings;
  for (const source of sources.values()) {
    for (const key of source.meta.keys()) {
      const hasPlural = [...source.strings.keys()].some((k) => pluralGroupOf(k, source)?.base === key);
      if (!source.strings.has(key) && !hasPlural) {
        findings.push({ severity: 'error', check: 'meta', file: source.display, key: '@' + key, message: `meta for "${key}", which does not exist`, fix: `rename it to sit beside an existing key, or delete it` });
      }
    }
  }
  for (const [locale, byNs] of loaded.files) {
    for (const file of byNs.values()) {
      if (locale !== sourceLocale && file.meta.size > 0) {
        for (const key of file.meta.keys()) {
          findings.push({ severity: 'error', check: 'meta', file: file.display, key: '@' + key, message: 'meta (@key) belongs only in the source file', fix: `delete it here; declare it in ${sourceLocale}/${file.namespace}.json` });
        }
      }
      const source = sources.get(file.namespace);
      if (!source) continue;
      for (const [key, value] of file.strings) {
        const p = splitPlural(key);
        const group = p ? pluralGroupOf(`${p.base}${p.ordinal ? '_ordinal' : ''}_other`, source) : null;
        const base = group ? group.base : key;
        const max = source.meta.get(base)?.maxLength;
        if (max === undefined) continue;
        const len = displayLength(value);
        if (len > max) {
          findings.push({ severity: 'error', check: 'length', file: file.display, key, message: `${len} characters, limit ${max} ("${value}")`, fix: `shorten it to at most ${max} characters (limit declared as "@${base}" in ${source.display})` });
        }
      }
    }
  }
  return findings;
}
