// Checks of a programme's translated title, short title, synopsis and event, the same ones the
// translator's editor runs on UI strings: an empty title, Simplified-only characters in zh-Hant
// (Traditional-only in zh-Hans), and a length limit per field in user-perceived characters.
// Pure (no Node API), so the studio's browser bundle runs it live as one types.
import { displayLength } from './length.js';
import { scriptOf, wrongScript } from './script.js';

export const PROGRAMME_FIELDS = ['title', 'shortTitle', 'synopsis', 'event'] as const;
export type ProgrammeField = (typeof PROGRAMME_FIELDS)[number];

/** Longest text each field may hold: rails show the short title, cards and pages the title. */
export const PROGRAMME_LIMITS: Readonly<Record<ProgrammeField, number>> = Object.freeze({ title: 150, shortTitle: 40, synopsis: 5000, event: 120 });

export interface ProgrammeIssue {
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
      issues.push({ field, severity: 'error', check: 'empty', message: 'the title is empty', fix: 'write the title in this language' });
      continue;
    }
    if (script) {
      const bad = wrongScript(value, script);
      if (bad.length > 0) {
        issues.push({
          field,
          severity: 'error',
          check: 'script',
          message: `${script === 'Hant' ? 'Simplified' : 'Traditional'}-only characters in zh-${script}: ${bad.map(([c]) => c).join(' ')}`,
          fix: `write ${bad.map(([c, r]) => `${r} for ${c}`).join(', ')}`,
        });
      }
    }
    const length = displayLength(value);
    if (length > PROGRAMME_LIMITS[field]) {
      issues.push({ field, severity: 'error', check: 'length', message: `${length} characters, limit ${PROGRAMME_LIMITS[field]}`, fix: `shorten it to at most ${PROGRAMME_LIMITS[field]} characters` });
    }
  }
  return issues;
}
