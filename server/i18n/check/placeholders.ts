// Placeholders a translation must keep from the source: i18next interpolations ({{var}},
// {{- var}}, {{date, datetime}}), nesting ($t(key), $t(key, {…})) and HTML tags (<b>, </b>, <br/>).
// In a plural form the number may be spelt out, so {{count}} alone may be left out.
import type { CheckContext, Finding } from './types.js';
import { eachTranslation, sourceStringFor } from './source-units.js';
import { splitPlural } from './resources.js';

export interface Placeholders {
  vars: string[];
  nesting: string[];
  tags: string[];
}

const VAR = /\{\{\s*-?\s*([^,}\s]+)[^}]*\}\}/g;
const NEST = /\$t\(\s*([^,)\s]+)/g;
const TAG = /<\s*(\/?)\s*([a-zA-Z][\w-]*)[^<>]*?(\/?)\s*>/g;

export function extractPlaceholders(text: string): Placeholders {
  const vars = [...text.matchAll(VAR)].map((m) => `{{${m[1]}}}`);
  const nesting = [...text.matchAll(NEST)].map((m) => `$t(${m[1]})`);
  const tags = [...text.matchAll(TAG)].map((m) => `<${m[1]}${m[2]!.toLowerCase()}${m[3]}>`);
  return { vars, nesting, tags };
}

/** Elements of `a` not matched one-for-one in `b` (multiset difference). */
function minus(a: string[], b: string[]): string[] {
  const pool = [...b];
  const out: string[] = [];
  for (const x of a) {
    const i = pool.indexOf(x);
    if (i >= 0) pool.splice(i, 1);
    else out.push(x);
  }
  return out;
}

export function comparePlaceholders(source: string, target: string, pluralForm: boolean): { missing: string[]; extra: string[] } {
  const s = extractPlaceholders(source);
  const t = extractPlaceholders(target);
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  let missingVars = uniq(s.vars).filter((v) => !t.vars.includes(v));
  if (pluralForm) missingVars = missingVars.filter((v) => v !== '{{count}}');
  const extraVars = uniq(t.vars).filter((v) => !s.vars.includes(v) && !(pluralForm && v === '{{count}}'));
  return {
    missing: [...missingVars, ...uniq(minus(s.nesting, t.nesting)), ...minus(s.tags, t.tags)],
    extra: [...extraVars, ...uniq(minus(t.nesting, s.nesting)), ...minus(t.tags, s.tags)],
  };
}

export function checkPlaceholders({ loaded, sourceLocale }: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const { file, source } of eachTranslation(loaded, sourceLocale)) {
    if (!source) continue;
    for (const [key, value] of file.strings) {
      const src = sourceStringFor(key, source);
      if (src === undefined) continue;
      const { missing, extra } = comparePlaceholders(src, value, splitPlural(key) !== null);
      if (missing.length > 0) {
        findings.push({ severity: 'error', check: 'placeholders', file: file.display, key, message: `missing ${missing.join(' ')} (source: "${src}")`, fix: `keep ${missing.join(' ')} exactly as in the source; only move them` });
      }
      if (extra.length > 0) {
        findings.push({ severity: 'error', check: 'placeholders', file: file.display, key, message: `${extra.join(' ')} not in the source (source: "${src}")`, fix: `remove or correct ${extra.join(' ')}; names must match the source exactly` });
      }
    }
  }
  return findings;
}
