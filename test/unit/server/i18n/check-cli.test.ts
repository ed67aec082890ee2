import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { FIXTURES, ROOT } from './helpers.js';

function cli(...args: string[]): { status: number | null; out: string } {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const r = spawnSync(tsx, ['server/i18n/check-cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('npm run i18n:check', () => {
  it('exits 1 and names file, key and fix on a broken folder', () => {
    const r = cli(path.join(FIXTURES, 'plurals'), '--no-usage');
    expect(r.status).to.equal(1);
    expect(r.out).to.match(/error test\/fixtures\/i18n\/plurals\/ru\/player\.json \[medals_few\] plurals:/);
    expect(r.out).to.include('fix: add "medals_few"');
  });

  it('exits 0 with warnings only', () => {
    const r = cli(path.join(FIXTURES, 'untranslated'), '--no-usage');
    expect(r.status).to.equal(0);
    expect(r.out).to.match(/0 error\(s\), 2 warning\(s\)/);
  });

  it('passes on the project locales/ and prints the coverage table', () => {
    const r = cli();
    expect(r.out).to.match(/locale\s+effective/);
    expect(r.out).to.match(/zh-Hant-HK .* zh-Hant-HK → zh-Hant → en/);
    expect(r.status, r.out).to.equal(0);
  });
});
