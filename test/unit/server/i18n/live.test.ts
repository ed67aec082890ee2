import { expect } from 'chai';
import { checkString } from '../../../../server/i18n/check/index.js';

describe('i18n live checks (for the editor)', () => {
  it('passes a good translation', () => {
    expect(checkString({ locale: 'zh-Hant', key: 'home.greeting', value: '你好，<b>{{name}}</b>', source: 'Hello <b>{{name}}</b>' })).to.deep.equal([]);
  });

  it('flags placeholders, script, length and untranslated as one types', () => {
    const issues = checkString({ locale: 'zh-Hant', key: 'play', value: '播放决赛 {{nom}}', source: 'Play {{name}}', meta: { maxLength: 4 } });
    expect(issues.map((i) => i.check)).to.deep.equal(['placeholders', 'placeholders', 'script', 'length']);
    expect(checkString({ locale: 'de', key: 'live', value: 'Live', source: 'Live' })[0]).to.include({ severity: 'warning', check: 'untranslated' });
    expect(checkString({ locale: 'de', key: 'brand', value: 'Podium', source: 'Podium', allowlist: new Set(['Podium']) })).to.deep.equal([]);
  });

  it('lets a plural form spell out the number', () => {
    expect(checkString({ locale: 'ar', key: 'medals_two', value: 'ميداليتان', source: '{{count}} medals' })).to.deep.equal([]);
  });
});
