// The demo catalog goes through the catalog's writes, which apply the programme field rules: a
// demo text past a limit or in the wrong Chinese script would leave a fresh `npm start` without it.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { checkProgrammeText } from '../../../server/i18n/check/programme.js';

describe('content/demo.json', () => {
  it('every localization passes the programme field rules', () => {
    const demo = JSON.parse(readFileSync(new URL('../../../content/demo.json', import.meta.url), 'utf8')) as { programmes?: unknown[] } | unknown[];
    const list = (Array.isArray(demo) ? demo : demo.programmes ?? []) as { externalId: string; localizations: Record<string, Record<string, string>> }[];
    expect(list.length).to.be.greaterThan(0);
    for (const p of list) {
      for (const [locale, text] of Object.entries(p.localizations)) {
        expect(checkProgrammeText(locale, text).filter((i) => i.severity === 'error'), `${p.externalId} ${locale}`).to.deep.equal([]);
      }
    }
  });
});
