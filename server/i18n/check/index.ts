// The i18n checker: loads a locales folder, runs every check, returns findings and coverage.
// One module per check; the CLI (server/i18n/check-cli.ts) prints the result.
import type { CheckContext, Coverage, Finding } from './types.js';
import { loadLocales } from './load.js';
import { checkLocaleFolders } from './locales.js';
import { checkMissing } from './missing.js';
import { checkPlurals } from './plurals.js';
import { checkPlaceholders } from './placeholders.js';
import { checkScript } from './script.js';
import { checkUntranslated } from './untranslated.js';
import { checkLength } from './length.js';
import { checkUsage, type SourceRoot } from './usage.js';

export type { Finding, Coverage } from './types.js';
export type { SourceRoot } from './usage.js';

export interface CheckOptions {
  localesDir: string;
  sourceLocale?: string;
  /** Folders to extract used keys from; empty skips the usage check. */
  sourceRoots?: SourceRoot[];
}

export interface CheckReport {
  findings: Finding[];
  coverage: Coverage[];
  errors: number;
  warnings: number;
}

export function runChecks(options: CheckOptions): CheckReport {
  const sourceLocale = options.sourceLocale ?? 'en';
  const { loaded, findings } = loadLocales(options.localesDir, sourceLocale);
  const ctx: CheckContext = { loaded, sourceLocale };
  findings.push(...checkLocaleFolders(ctx));
  const missing = checkMissing(ctx);
  findings.push(...missing.findings);
  findings.push(...checkPlurals(ctx));
  findings.push(...checkPlaceholders(ctx));
  findings.push(...checkScript(ctx));
  findings.push(...checkLength(ctx));
  findings.push(...checkUntranslated(ctx));
  if (options.sourceRoots && options.sourceRoots.length > 0) findings.push(...checkUsage(ctx, options.sourceRoots));
  return {
    findings,
    coverage: missing.coverage,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

export function formatFinding(f: Finding): string {
  const where = f.position ? `${f.file}:${f.position}` : f.file;
  const key = f.key ? ` [${f.key}]` : '';
  return `${f.severity === 'error' ? 'error' : 'warning'} ${where}${key} ${f.check}: ${f.message}\n    fix: ${f.fix}`;
}

export function formatCoverage(coverage: Coverage[]): string {
  const rows = coverage.map((c) => {
    const pct = (n: number): string => (c.total === 0 ? '100.0%' : `${((100 * n) / c.total).toFixed(1)}%`);
    return `${c.locale.padEnd(11)} ${pct(c.effective).padStart(7)} ${pct(c.own).padStart(7)}  ${String(c.effective).padStart(4)}/${c.total}  ${c.chain.join(' → ')}`;
  });
  return ['locale      effective   own   keys     fallback chain', ...rows].join('\n');
}

export { checkString, type LiveInput, type LiveIssue } from './live.js';
