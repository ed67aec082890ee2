// The per-string checks, for the translator's editor to run as one types: placeholders, Chinese
// script, length limit and untranslated. File-level checks (missing keys, plural sets, usage)
// stay in runChecks().
import type { KeyMeta } from './types.js';
import { comparePlaceholders } from './placeholders.js';
import { scriptOf, wrongScript } from './script.js';
import { displayLength } from './length.js';
import { splitPlural } from './resources.js';

export interface LiveInput {
  locale: string;
  key: string;
  value: string;
  /** English string the value translates (the same plural form, else `_other`). */
  source: string;
  /** Meta declared beside the English key. */
  meta?: KeyMeta;
  /** Brand names that may stay identical to English. */
  allowlist?: ReadonlySet<string>;
}

export interface LiveIssue {
  severity: 'error' | 'warning';
  check: 'placeholders' | 'script' | 'length' | 'untranslated';
  message: string;
  fix: string;
}

export function checkString(input: LiveInput): LiveIssue[] {
  const issues: LiveIssue[] = [];
  const { missing, extra } = comparePlaceholders(input.source, input.value, splitPlural(input.key) !== null);
  if (missing.length > 0) issues.push({ severity: 'error', check: 'placeholders', message: `missing ${missing.join(' ')}`, fix: `keep ${missing.join(' ')} exactly as in the source` });
  if (extra.length > 0) issues.push({ severity: 'error', check: 'placeholders', message: `${extra.join(' ')} not in the source`, fix: `remove or correct ${extra.join(' ')}` });
  const script = scriptOf(input.locale);
  if (script) {
    const bad = wrongScript(input.value, script);
    if (bad.length > 0) {
      issues.push({ severity: 'error', check: 'script', message: `${script === 'Hant' ? 'Simplified' : 'Traditional'}-only characters: ${bad.map(([c]) => c).join(' ')}`, fix: `write ${bad.map(([c, r]) => `${r} for ${c}`).join(', ')}` });
    }
  }
  const max = input.meta?.maxLength;
  if (max !== undefined && displayLength(input.value) > max) {
    issues.push({ severity: 'error', check: 'length', message: `${displayLength(input.value)} characters, limit ${max}`, fix: `shorten it to at most ${max} characters` });
  }
  if (input.value === input.source && !input.meta?.untranslated && ![...(input.allowlist ?? [])].some((w) => w === input.value.trim())) {
    if (/\p{L}{2,}/u.test(input.value.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)|<[^<>]+>/g, ' '))) {
      issues.push({ severity: 'warning', check: 'untranslated', message: 'identical to the source', fix: 'translate it, unless it is a name that stays the same' });
    }
  }
  return issues;
}
