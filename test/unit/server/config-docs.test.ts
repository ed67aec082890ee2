// The README's configuration table is the documentation users read; SETTINGS in
// server/config.ts is what the code does. This test keeps them identical, row for row.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { SETTINGS } from '../../../server/config.js';

function readmeRows(): string[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const table = readme.split('<!-- config-table:start -->')[1]?.split('<!-- config-table:end -->')[0];
  if (!table) throw new Error('README.md lacks the config-table markers');
  return table
    .trim()
    .split('\n')
    .slice(2)
    .map((l) => l.trim());
}

describe('README configuration table', () => {
  it('lists every setting of server/config.ts with its default and meaning, in order', () => {
    const expected = Object.values(SETTINGS).map((s) => `| \`${s.env}\` | ${s.doc} | ${s.description} |`);
    expect(readmeRows()).to.deep.equal(expected);
  });
});
