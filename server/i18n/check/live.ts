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

/**
 * What an issue says, for a translator's screen to put in its own words (the studio's
 * `translate.checks.<code>` and `translate.fixes.<fix>` strings); `message` and `fix` are the
 * English the API and `npm run i18n:check` print.
 */
export interface IssueText {
  code: 'placeholdersMissing' | 'placeholdersExtra' | 'simplifiedOnly' | 'traditionalOnly' | 'tooLong' | 'untranslated' | 'empty';
  fixCode: 'placeholdersMissing' | 'placeholdersExtra' | 'script' | 'tooLong' | 'untranslated' | 'empty';
  params: Record<string, string | number>;
}

export interface LiveIssue extends IssueText {
  severity: 'error' | 'warning';
  check: 'placeholders' | 'script' | 'length' | 'untranslated';
  message: string;
  fix: string;
}

/** The script issue of a value in a Chinese locale (`script` the locale's), shared with programme texts. */
export function scriptIssue(script: 'Hans' | 'Hant', bad: ReadonlyArray<readonly [string, string]>): IssueText & { message: string; fix: string } {
  const chars = bad.map(([c]) => c).join(' ');
  return {
    code: script === 'Hant' ? 'simplifiedOnly' : 'traditionalOnly',
    fixCode: 'script',
    params: { chars, pairs: bad.map(([c, r]) => `${c} → ${r}`).join(', ') },
    message: `${script === 'Hant' ? 'Simplified' : 'Traditional'}-only characters: ${chars}`,
    fix: `write ${bad.map(([c, r]) => `${r} for ${c}`).join(', ')}`,
  };
}

/** The length issue of a value over its limit. */
export function lengthIssue(length: number, limit: number): IssueText & { message: string; fix: string } {
  return { code: 'tooLong', fixCode: 'tooLong', params: { length, limit }, message: `${length} characters, limit ${limit}`, fix: `shorten it to at most ${limit} characters` };
}

export function checkString(input: LiveInput): LiveIssue[] {
  const issues: LiveIssue[] = [];
  const { missing, extra } = comparePlaceholders(input.source, input.value, splitPlural(input.key) !== null);
  if (missing.length > 0) {
    const items = missing.join(' ');
    issues.push({ severity: 'error', check: 'placeholders', code: 'placeholdersMissing', fixCode: 'placeholdersMissing', params: { items }, message: `missing ${items}`, fix: `keep ${items} exactly as in the source` });
  }
  if (extra.length > 0) {
    const items = extra.join(' ');
    issues.push({ severity: 'error', check: 'placeholders', code: 'placeholdersExtra', fixCode: 'placeholdersExtra', params: { items }, message: `${items} not in the source`, fix: `remove or correct ${items}` });
  }
  const script = scriptOf(input.locale);
  if (script) {
    const bad = wrongScript(input.value, script);
    if (bad.length > 0) issues.push({ severity: 'error', check: 'script', ...scriptIssue(script, bad) });
  }
  const max = input.meta?.maxLength;
  if (max !== undefined && displayLength(input.value) > max) issues.push({ severity: 'error', check: 'length', ...lengthIssue(displayLength(input.value), max) });
  if (input.value === input.source && !input.meta?.untranslated && ![...(input.allowlist ?? [])].some((w) => w === input.value.trim())) {
    if (/\p{L}{2,}/u.test(input.value.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)|<[^<>]+>/g, ' '))) {
      issues.push({ severity: 'warning', check: 'untranslated', code: 'untranslated', fixCode: 'untranslated', params: {}, message: 'identical to the source', fix: 'translate it, unless it is a name that stays the same' });
    }
  }
  return issues;
}
