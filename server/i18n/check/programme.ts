// Checks of a programme's translated title, short title, synopsis and event, the same ones the
// translator's editor runs on UI strings: an empty title, Simplified-only characters in zh-Hant
// (Traditional-only in zh-Hans), and a length limit per field in user-perceived characters.
// Pure (no Node API), so the studio's browser bundle runs it live as one types.
import { displayLength } from './length.js';
import { lengthIssue, scriptIssue, type IssueText } from './live.js';
import { scriptOf, wrongScript } from './script.js';

export const PROGRAMME_FIELDS = ['title', 'shortTitle', 'synopsis', 'event'] as const;
export type ProgrammeField = (typeof PROGRAMME_FIELDS)[number];

export interface ProgrammeFieldRule {
  /** Longest text in user-perceived characters (what a reader sees: rails show the short title, cards and pages the title). */
  limit: number;
  /** Storage bound in UTF-16 code units (the database column; a request beyond it is refused before the checks). */
  maxCodeUnits: number;
  /** Paragraphs: tab and line breaks allowed, and the text is kept as typed (not trimmed). */
  multiline: boolean;
  required: boolean;
}

/**
 * Each localized field's rules, declared once: the API's schemas (server/http/routes/schemas.ts),
 * the catalog's writes (every path: create, PUT, translate editor, demo seed), the studio's forms
 * and the translate editor's live checks all read them (issue 11).
 */
export const PROGRAMME_FIELD_RULES: Readonly<Record<ProgrammeField, ProgrammeFieldRule>> = Object.freeze({
  title: { limit: 150, maxCodeUnits: 300, multiline: false, required: true },
  shortTitle: { limit: 40, maxCodeUnits: 120, multiline: false, required: false },
  synopsis: { limit: 5000, maxCodeUnits: 20_000, multiline: true, required: false },
  event: { limit: 120, maxCodeUnits: 200, multiline: false, required: false },
});

/** Longest text each field may hold, in user-perceived characters (PROGRAMME_FIELD_RULES' limits). */
export const PROGRAMME_LIMITS: Readonly<Record<ProgrammeField, number>> = Object.freeze(
  Object.fromEntries(PROGRAMME_FIELDS.map((f) => [f, PROGRAMME_FIELD_RULES[f].limit])) as Record<ProgrammeField, number>,
);

export interface ProgrammeIssue extends IssueText {
  field: ProgrammeField;
  severity: 'error' | 'warning';
  check: 'empty' | 'script' | 'length';
  message: string;
  fix: string;
}

export function checkProgrammeText(locale: string, fields: Partial<Record<ProgrammeField, string | undefined>>): ProgrammeIssue[] {
  const issues: ProgrammeIssue[] = [];
  const script = scriptOf(locale);
  for (const field of PROGRAMME_FIELDS) {
    const value = fields[field] ?? '';
    if (field === 'title' && value.trim() === '') {
      issues.push({ field, severity: 'error', check: 'empty', code: 'empty', fixCode: 'empty', params: {}, message: 'the title is empty', fix: 'write the title in this language' });
      continue;
    }
    if (script) {
      const bad = wrongScript(value, script);
      if (bad.length > 0) {
        const issue = scriptIssue(script, bad);
        issues.push({ field, severity: 'error', check: 'script', ...issue, message: issue.message.replace(': ', ` in zh-${script}: `) });
      }
    }
    const length = displayLength(value);
    if (length > PROGRAMME_LIMITS[field]) issues.push({ field, severity: 'error', check: 'length', ...lengthIssue(length, PROGRAMME_LIMITS[field]) });
  }
  return issues;
}
