import { expect } from 'chai';
import { check, errors, warnings, where } from './helpers.js';

describe('i18n check', () => {
  it('passes a correct folder with plurals, placeholders, meta and a zh-Hant-HK overlay', () => {
    const report = check('good', 'good-src');
    expect(report.findings.map((f) => `${where(f)} ${f.message}`)).to.deep.equal([]);
    expect(report.errors).to.equal(0);
  });

  it('reports invalid JSON with file:line:column', () => {
    const [f] = errors(check('invalid-json'), 'json');
    expect(f).to.include({ position: '4:3' });
    expect(f!.file).to.match(/invalid-json\/fr\/player\.json$/);
    expect(f!.fix).to.match(/trailing commas/);
  });

  it('reports a key written twice in one object (JSON.parse would keep only the last) and non-string values', () => {
    const found = errors(check('duplicate-keys'), 'json');
    expect(found.map((f) => `${where(f)} ${f.position ?? ''}`.trim())).to.have.members(['fr/player.json home.title 5:5', 'fr/player.json home.list']);
  });

  it('reports keys missing against English, a missing file and obsolete keys', () => {
    const found = errors(check('missing'), 'missing').map(where);
    expect(found).to.have.members(['de/player.json', 'fr/player.json home.play', 'fr/player.json home.stop']);
  });

  describe('plural forms exactly per CLDR', () => {
    const found = errors(check('plurals'), 'plurals');
    it('ru needs few', () => expect(found.map(where)).to.include('ru/player.json medals_few'));
    it('fr has no two', () => expect(found.map(where)).to.include('fr/player.json medals_two'));
    it('ja has only other', () => expect(found.map(where)).to.include('ja/player.json medals_one'));
    it('names the categories with example numbers', () => {
      const ru = found.find((f) => f.key === 'medals_few')!;
      expect(ru.message).to.include('one (e.g. 1), few (e.g. 2), many (e.g. 0), other (e.g. 0.5)');
      expect(ru.fix).to.equal('add "medals_few"');
    });
    it('accepts complete Arabic, Russian, French and Chinese groups', () => {
      expect(errors(check('good'), 'plurals')).to.deep.equal([]);
    });
  });

  it('reports placeholder mismatches: {{var}}, HTML tags, $t() nesting', () => {
    const found = errors(check('placeholders'), 'placeholders');
    const text = found.map((f) => `${f.key}: ${f.message}`);
    expect(text.some((t) => t.startsWith('welcome: missing {{name}}'))).to.equal(true);
    expect(text.some((t) => t.startsWith('welcome: {{nom}} not in the source'))).to.equal(true);
    expect(text.some((t) => t.startsWith('live: missing <b> </b>'))).to.equal(true);
    expect(text.some((t) => t.startsWith('full: missing $t(title)'))).to.equal(true);
    expect(text.some((t) => t.startsWith('medals_other: {{extra}} not in the source'))).to.equal(true);
    // a plural form may spell the number out
    expect(found.find((f) => f.key === 'medals_one')).to.equal(undefined);
  });

  it('reports Simplified-only characters in zh-Hant and Traditional-only in zh-Hans, with the fix', () => {
    const found = errors(check('script'), 'script');
    expect(found.map(where)).to.have.members(['zh-Hans/player.json games', 'zh-Hant/player.json final']);
    expect(found.find((f) => f.key === 'final')!.fix).to.equal('write 決 for 决');
    expect(found.find((f) => f.key === 'games')!.fix).to.equal('write 奥 for 奧');
  });

  it('counts zh-Hant-HK keys covered by zh-Hant, and reports effective coverage', () => {
    const report = check('fallback');
    const hk = report.coverage.find((c) => c.locale === 'zh-Hant-HK')!;
    expect(hk).to.deep.include({ own: 1, effective: 3, total: 4, chain: ['zh-Hant-HK', 'zh-Hant', 'en'] });
    const missing = errors(report, 'missing').map(where);
    expect(missing).to.have.members(['zh-Hant/player.json d', 'zh-Hant-HK/player.json d']);
    expect(missing).not.to.include('zh-Hant-HK/player.json b');
  });

  it('warns on untranslated strings, except allowlisted brands and keys marked untranslated', () => {
    const report = check('untranslated');
    expect(report.errors).to.equal(0);
    const found = warnings(report, 'untranslated').map(where);
    expect(found).to.have.members(['de/player.json live', 'zh-Hant-HK/player.json title']);
  });

  it('enforces maxLength declared beside the English key, for every plural form', () => {
    const found = errors(check('length'), 'length');
    expect(found.map(where)).to.have.members(['de/player.json play', 'de/player.json medals_other']);
    expect(found[0]!.fix).to.match(/at most 10 characters/);
  });

  it('validates meta: fields, a key beside it, English only', () => {
    const found = errors(check('meta'), 'meta').map(where);
    expect(found).to.have.members(['en/player.json @play', 'en/player.json @ghost', 'fr/player.json @play']);
  });

  it('refuses a bare zh folder and non-canonical tags', () => {
    const found = errors(check('folders'), 'locales').map((f) => f.file.split('/').pop());
    expect(found).to.have.members(['zh', 'pt_BR']);
  });

  it('reports keys used in code that English lacks; finds t(key), obj.t(locale, key) and i18n-key comments', () => {
    const report = check('usage', 'usage-src');
    expect(errors(report, 'usage').map((f) => f.key)).to.have.members(['player:home.subtitle', 'other:thing']);
    expect(errors(report, 'usage')[0]!.file).to.match(/page\.ts:3$/);
    // home.dynamic is declared by an i18n-key comment
    // home.old is used as m.t(locale, 'home.old'); home.dynamic through an i18n-key comment
    expect(warnings(report, 'usage').map((f) => f.key)).to.deep.equal(['home.unused']);
  });
});
