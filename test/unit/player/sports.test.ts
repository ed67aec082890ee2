// Sport names in the viewer's language and script: the vocabulary's codes through the real
// locale files, the typed name outside it, untranslatable free text only for English readers.
import { expect } from 'chai';
import i18next, { type TFunction } from 'i18next';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fallbackChain } from '../../../player/src/core/language.js';
import { sportName, sportsLine } from '../../../player/src/core/sports.js';
import { OLYMPIC_SPORTS } from '../../../server/catalog/sports.js';
import { extractKeys } from '../../../server/i18n/check/usage.js';

const root = path.resolve(import.meta.dirname, '../../..');
const bundle = (l: string) => JSON.parse(readFileSync(path.join(root, 'locales', l, 'player.json'), 'utf8')) as Record<string, unknown>;

async function tFor(lng: string): Promise<TFunction> {
  const i = i18next.createInstance();
  const chain = fallbackChain(lng);
  await i.init({ lng, fallbackLng: (code: string) => fallbackChain(code).slice(1), resources: Object.fromEntries(chain.map((l) => [l, { translation: bundle(l) }])), interpolation: { escapeValue: false } });
  return i.t;
}

describe('player: sport names', () => {
  it('official names in each language and script: Traditional for Taiwan, Hong Kong wording for HK', async () => {
    const cases: Array<[string, string, string]> = [
      ['zh-Hans', 'athletics', '田径'],
      ['zh-Hant', 'athletics', '田徑'],
      ['zh-Hant-HK', 'athletics', '田徑'], // from zh-Hant
      ['zh-Hant', 'table_tennis', '桌球'],
      ['zh-Hant-HK', 'table_tennis', '乒乓球'],
      ['ja', 'athletics', '陸上競技'],
      ['ko', 'table_tennis', '탁구'],
      ['ar', 'athletics', 'ألعاب القوى'],
      ['ar', 'gymnastics', 'الجمباز'],
      ['ru', 'sport_climbing', 'Скалолазание'],
      ['de', 'artistic_gymnastics', 'Gerätturnen'],
      ['fr', 'table_tennis', 'Tennis de table'],
      ['es', 'basketball', 'Baloncesto'],
      ['pt', 'table_tennis', 'Tênis de mesa'],
      ['en', 'sport_climbing', 'Sport Climbing'],
      // Winter Games
      ['zh-Hans', 'short_track', '短道速滑'],
      ['zh-Hant', 'figure_skating', '花式滑冰'],
      ['zh-Hant-HK', 'luge', '無舵雪橇'],
      ['zh-Hant-HK', 'figure_skating', '花式滑冰'], // from zh-Hant
      ['ja', 'nordic_combined', 'ノルディック複合'],
      ['ar', 'ice_hockey', 'هوكي الجليد'],
      ['de', 'ski_jumping', 'Skispringen'],
      ['ru', 'cross_country_skiing', 'Лыжные гонки'],
    ];
    for (const [lng, code, name] of cases) expect(sportName(await tFor(lng), code, 'typed'), `${lng} ${code}`).to.equal(name);
  });

  it('outside the vocabulary: the typed name (and never a raw key)', async () => {
    const t = await tFor('ar');
    expect(sportName(t, null, 'Kabaddi')).to.equal('Kabaddi');
    expect(sportName(t, 'no_such_sport', 'Kabaddi')).to.equal('Kabaddi');
    expect(sportName(t, null, null)).to.equal(null);
  });

  it('sport · discipline · event: coded parts translated, free text only for English readers, no repeats', async () => {
    const p = { sport: 'Gymnastics', sportCode: 'gymnastics', discipline: 'Artistic Gymnastics', disciplineCode: 'artistic_gymnastics', event: "Men's Rings" };
    expect(sportsLine(p, await tFor('zh-Hant-HK'), 'zh-Hant-HK')).to.equal('體操 · 競技體操');
    expect(sportsLine(p, await tFor('en'), 'en')).to.equal("Gymnastics · Artistic Gymnastics · Men's Rings");
    const sprint = { sport: 'Athletics', sportCode: 'athletics', discipline: 'Sprint', disciplineCode: null, event: "Men's 100 m" };
    expect(sportsLine(sprint, await tFor('ar'), 'ar')).to.equal('ألعاب القوى');
    expect(sportsLine(sprint, await tFor('en'), 'en-GB')).to.equal("Athletics · Sprint · Men's 100 m");
    const tt = { sport: 'Table Tennis', sportCode: 'table_tennis', discipline: 'Table Tennis', disciplineCode: 'table_tennis', event: null };
    expect(sportsLine(tt, await tFor('zh-Hant-HK'), 'zh-Hant-HK')).to.equal('乒乓球');
  });

  it('the event from the served localization when it is in the reader’s language; never a fallback’s', async () => {
    const base = { sport: 'Gymnastics', sportCode: 'gymnastics', discipline: 'Artistic Gymnastics', disciplineCode: 'artistic_gymnastics', event: "Men's Rings" };
    expect(sportsLine({ ...base, locale: 'zh-Hant', localizedEvent: '男子吊環' }, await tFor('zh-Hant-HK'), 'zh-Hant-HK')).to.equal('體操 · 競技體操 · 男子吊環');
    expect(sportsLine({ ...base, locale: 'ar', localizedEvent: 'الحلق للرجال' }, await tFor('ar'), 'ar')).to.equal('الجمباز · الجمباز الفني · الحلق للرجال');
    // an English localization served to an Arabic reader (fallback): its event stays out, as the typed one does
    expect(sportsLine({ ...base, locale: 'en', localizedEvent: "Men's rings final" }, await tFor('ar'), 'ar')).to.equal('الجمباز · الجمباز الفني');
    // English readers: the English localization's event over the typed one
    expect(sportsLine({ ...base, locale: 'en', localizedEvent: "Men's rings final" }, await tFor('en'), 'en-GB')).to.equal("Gymnastics · Artistic Gymnastics · Men's rings final");
  });

  it('core/sports.ts declares every vocabulary key for the i18n usage check', () => {
    const file = 'player/src/core/sports.ts';
    const declared = extractKeys(readFileSync(path.join(root, file), 'utf8'), 'player', file).map((u) => u.key).filter((k) => k.startsWith('sports.'));
    expect(declared.sort()).to.deep.equal(OLYMPIC_SPORTS.map((s) => `sports.${s.code}`).sort());
  });
});
