// npm run i18n:check [-- <localesDir>] [--src <dir>=<namespace> …] [--no-usage]
// Checks a locales folder (default: locales/) and prints every finding with file, key and fix,
// then the effective coverage per locale. Exit status 1 on any error; warnings do not fail.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatCoverage, formatFinding, runChecks, type SourceRoot } from './check/index.js';
import { sourceRoots } from './check/roots.js';

function parseArgs(argv: string[]): { localesDir: string; roots: SourceRoot[] } {
  let localesDir = 'locales';
  let roots: SourceRoot[] | null = null;
  let usage = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-usage') usage = false;
    else if (arg === '--src') {
      const [dir, namespace] = (argv[++i] ?? '').split('=');
      if (!dir || !namespace) throw new Error('--src needs <dir>=<namespace>, e.g. --src player/src=player');
      (roots ??= []).push({ dir, namespace });
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run i18n:check -- [<localesDir>] [--src <dir>=<namespace> …] [--no-usage]');
      process.exit(0);
    } else localesDir = arg;
  }
  return { localesDir: path.resolve(localesDir), roots: usage ? (roots ?? sourceRoots()) : [] };
}

const { localesDir, roots } = parseArgs(process.argv.slice(2));
if (!existsSync(localesDir)) {
  console.error(`i18n check: ${localesDir} does not exist (usage: npm run i18n:check -- [<localesDir>])`);
  process.exit(2);
}
const report = runChecks({ localesDir, sourceRoots: roots });
const order = (s: string): number => (s === 'error' ? 0 : 1);
for (const f of [...report.findings].sort((a, b) => order(a.severity) - order(b.severity))) console.log(formatFinding(f));
console.log(`\n${formatCoverage(report.coverage)}\n`);
console.log(`i18n check of ${path.relative(process.cwd(), localesDir) || localesDir}: ${report.errors} error(s), ${report.warnings} warning(s)`);
process.exitCode = report.errors > 0 ? 1 : 0;
