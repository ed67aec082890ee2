import { expect } from 'chai';
import { checkProgrammeText, PROGRAMME_LIMITS } from '../../../../server/i18n/check/programme.js';

describe('i18n programme text checks (title, short title, synopsis, event)', () => {
  it('passes good texts in each script', () => {
    expect(checkProgrammeText('zh-Hant', { title: '桌球決賽', shortTitle: '桌球', synopsis: '金牌戰。' })).to.deep.equal([]);
    expect(checkProgrammeText('zh-Hans', { title: '乒乓球决赛' })).to.deep.equal([]);
    expect(checkProgrammeText('fr', { title: 'Finale', synopsis: '' })).to.deep.equal([]);
  });
  it('flags an empty title, the wrong Chinese script per field and lengths in characters', () => {
    expect(checkProgrammeText('de', { title: '  ' }).map((i) => [i.field, i.check])).to.deep.equal([['title', 'empty']]);
    const zh = checkProgrammeText('zh-Hant', { title: '乒乓球决赛', synopsis: '金牌战' });
    expect(zh.map((i) => [i.field, i.check])).to.deep.equal([['title', 'script'], ['synopsis', 'script']]);
    expect(zh[0]!.fix).to.include('決 for 决');
    expect(checkProgrammeText('zh-Hans', { title: '乒乓球決賽' })[0]).to.include({ field: 'title', check: 'script' });
    const long = checkProgrammeText('ja', { title: 'あ'.repeat(PROGRAMME_LIMITS.title + 1), shortTitle: '👩‍👩‍👧'.repeat(PROGRAMME_LIMITS.shortTitle) });
    expect(long.map((i) => [i.field, i.check])).to.deep.equal([['title', 'length']]); // emoji sequences count once
    // the event too: script and length
    expect(checkProgrammeText('zh-Hant', { title: '決賽', event: '女子400米栏' }).map((i) => [i.field, i.check])).to.deep.equal([['event', 'script']]);
    expect(checkProgrammeText('fr', { title: 'Finale', event: 'é'.repeat(PROGRAMME_LIMITS.event + 1) }).map((i) => [i.field, i.check])).to.deep.equal([['event', 'length']]);
  });
});
