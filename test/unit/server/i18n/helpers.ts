import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks, type CheckReport, type Finding } from '../../../../server/i18n/check/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/i18n');

export function check(fixture: string, src?: string): CheckReport {
  return runChecks({
    localesDir: path.join(FIXTURES, fixture),
    sourceRoots: src ? [{ dir: path.join(FIXTURES, src), namespace: 'player' }] : [],
  });
}

export function errors(report: CheckReport, check?: string): Finding[] {
  return report.findings.filter((f) => f.severity === 'error' && (!check || f.check === check));
}

export function warnings(report: CheckReport, check?: string): Finding[] {
  return report.findings.filter((f) => f.severity === 'warning' && (!check || f.check === check));
}

/** "<locale>/<file> <key>" for compact assertions. */
export function where(f: Finding): string {
  const parts = f.file.split(/[\\/]/);
  return `${parts.slice(-2).join('/')} ${f.key ?? ''}`.trim();
}
