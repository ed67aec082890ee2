// Untranslated strings (identical to the source) are warnings, not errors: "Podium" or "OK" may
// rightly stay. Brand names go in <locales>/untranslated-allowlist.json; a single key can be
// marked with `"@key": { "untranslated": true }` in English. A regional locale whose string is
// identical to its parent's (zh-Hant-HK = zh-Hant) is flagged too: the fallback already covers it.
import type { CheckContext, Finding } from './types.js';
import { fallbackChain } from './locales.js';
import { eachTranslation, pluralGroupOf, sourceStringFor } from './source-units.js';
import { splitPlural } from './resources.js';

const PLACEHOLDER = /\{\{[^}]*\}\}|\$t\([^)]*\)|<[^<>]+>/g;

function hasWordsToTranslate(text: string, allowlist: Set<string>): boolean {
  let rest = text.replace(PLACEHOLDER, ' ');
  for (const word of [...allowlist].sort((a, b) => b.length - a.length)) rest = rest.split(word).join(' ');
  return /\p{L}{2,}/u.test(rest);
}

export function checkUntranslated({ loaded, sourceLocale }: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const { file, source } of eachTranslation(loaded, sourceLocale)) {
    if (!source) continue;
    const parents = fallbackChain(file.locale, loaded.locales, sourceLocale).filter((l) => l !== sourceLocale);
    for (const [key, value] of file.strings) {
      const p = splitPlural(key);
      const base = p && pluralGroupOf(`${p.base}${p.ordinal ? '_ordinal' : ''}_other`, source) ? p.base : key;
      if (source.meta.get(base)?.untranslated) continue;
      const parent = parents.find((l) => loaded.files.get(l)?.get(file.namespace)?.strings.has(key));
      const parentValue = parent ? loaded.files.get(parent)?.get(file.namespace)?.strings.get(key) : undefined;
      if (parent && parentValue === value) {
        findings.push({ severity: 'warning', check: 'untranslated', file: file.display, key, message: `identical to ${parent}`, fix: `delete it: ${file.locale} falls back to ${parent}; keep only real ${file.locale} differences` });
        continue;
      }
      const src = sourceStringFor(key, source);
      if (src === undefined || src !== value || !hasWordsToTranslate(value, loaded.allowlist)) continue;
      findings.push({ severity: 'warning', check: 'untranslated', file: file.display, key, message: `identical to the source "${src}"`, fix: `translate it, or if it must stay (a brand name) add the name to ${loaded.dir}/untranslated-allowlist.json or mark "@${base}": { "untranslated": true } in ${source.display}` });
    }
  }
  return findings;
}
