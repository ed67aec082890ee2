// Keys missing against English (fallback-aware) and keys English no longer has; also computes
// the effective coverage per locale printed at the end of the check.
import type { CheckContext, Coverage, Finding } from './types.js';
import { fallbackChain } from './locales.js';
import { pluralCategories, requiredKeys, sourceUnits, pluralGroupOf } from './source-units.js';
import { splitPlural } from './resources.js';

export function checkMissing({ loaded, sourceLocale }: CheckContext): { findings: Finding[]; coverage: Coverage[] } {
  const findings: Finding[] = [];
  const coverage: Coverage[] = [];
  const sources = loaded.files.get(sourceLocale) ?? new Map();
  for (const locale of loaded.locales) {
    if (locale === sourceLocale) continue;
    const chain = fallbackChain(locale, loaded.locales, sourceLocale);
    // en-GB may leave out what it shares with en; other locales must not lean on the source
    const parents = chain.filter((l) => l !== sourceLocale || locale.startsWith(sourceLocale + '-'));
    const cov: Coverage = { locale, own: 0, effective: 0, total: 0, chain: [locale, ...chain] };
    for (const [ns, source] of sources) {
      const own = loaded.files.get(locale)?.get(ns);
      const units = sourceUnits(source);
      cov.total += units.length;
      const missingKeys: string[] = [];
      for (const unit of units) {
        const required = requiredKeys(unit, locale);
        const inOwn = (k: string): boolean => own?.strings.has(k) ?? false;
        const inChain = (k: string): boolean => inOwn(k) || parents.some((p) => loaded.files.get(p)?.get(ns)?.strings.has(k));
        if (required.every(inOwn)) cov.own++;
        if (required.every(inChain)) cov.effective++;
        else if (!required.some(inOwn)) missingKeys.push(unit.plural === 'none' ? unit.base : required.join(', '));
        // partly present plural groups are reported by the plural check
      }
      const display = own?.display ?? `${loaded.dir}/${locale}/${ns}.json`;
      if (!own && missingKeys.length > 0) {
        findings.push({ severity: 'error', check: 'missing', file: display, message: `file missing: ${missingKeys.length} of ${units.length} ${sourceLocale} keys are not translated and no fallback covers them`, fix: `create ${display} with the keys of ${source.display}` });
      } else {
        for (const key of missingKeys) {
          findings.push({ severity: 'error', check: 'missing', file: display, key, message: `missing (present in ${source.display}${parents.length ? `, not in ${parents.join(', ')}` : ''})`, fix: `add a ${locale} translation of "${key}"` });
        }
      }
    }
    // keys the source does not have
    for (const [ns, file] of loaded.files.get(locale) ?? []) {
      const source = sources.get(ns);
      if (!source) {
        findings.push({ severity: 'error', check: 'missing', file: file.display, message: `namespace "${ns}" has no ${sourceLocale} source file`, fix: `add ${sourceLocale}/${ns}.json or delete this file` });
        continue;
      }
      for (const key of file.strings.keys()) {
        if (source.strings.has(key)) continue;
        const p = splitPlural(key);
        // a plural form English lacks (ru _few) is fine when English has the group
        if (p && pluralGroupOf(`${p.base}${p.ordinal ? '_ordinal' : ''}_other`, source)) continue;
        if (p && pluralCategories(locale).includes(p.category) && source.strings.has(p.base)) {
          findings.push({ severity: 'error', check: 'missing', file: file.display, key, message: `"${p.base}" is not plural in ${source.display}`, fix: `translate it as the single key "${p.base}", or make the source plural first` });
          continue;
        }
        findings.push({ severity: 'error', check: 'missing', file: file.display, key, message: `key not in ${source.display} (obsolete or misspelt)`, fix: 'delete it, or add it to the source first' });
      }
    }
    coverage.push(cov);
  }
  return { findings, coverage };
}
