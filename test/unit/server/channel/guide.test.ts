// The JSON guide, now/next and the channel's name: what a region airs, in the viewer's language
// by the catalog's own rule (the chains come from the real negotiation, as a request's would).
import { expect } from 'chai';
import { ProgrammeService } from '../../../../server/catalog/programmes.js';
import type { ProgrammeRow } from '../../../../server/db/models.js';
import { channelName, guideChannelId, guideItems, inChannelOrder, nowNext } from '../../../../server/channel/guide.js';
import { negotiate } from '../../../../server/locale-fallback/index.js';
import { HOSTILE, SLATE, T0, airing, channel, olympic, olympicDay, sprint, swim } from './guide-fixtures.js';

const chainOf = (acceptLanguage: string): readonly string[] => negotiate({ acceptLanguage, available: [] }).chain;

describe('channel guide (JSON items, now/next, channel name)', () => {
  describe('guideItems', () => {
    it('lists every programme the region airs, in order, and never the slate', () => {
      const ch = olympicDay();
      const items = guideItems(ch, { chain: chainOf('en') });
      expect(items.map((i) => i.programmeId)).to.deep.equal(['p-sprint', 'p-swim', 'p-esports', 'p-bare']);
      expect(items.map((i) => i.programmeId)).to.not.include(SLATE);
    });

    it('gives each airing its exact start and end (ISO 8601, to the millisecond)', () => {
      const ch = olympicDay();
      const items = guideItems(ch, { chain: chainOf('en') });
      const aired = ch.airings.filter((a) => !a.slate);
      items.forEach((item, i) => {
        expect(Date.parse(item.start)).to.equal(aired[i]!.startMs);
        expect(Date.parse(item.end)).to.equal(aired[i]!.endMs);
      });
      expect(items[0]).to.include({ start: '2024-07-26T17:30:00.000Z', end: '2024-07-26T18:32:04.000Z' });
      // Back to back where nothing else airs between; the slate's 6 s show as a gap.
      expect(items[2]!.end).to.equal(items[3]!.start);
      expect(Date.parse(items[1]!.start) - Date.parse(items[0]!.end)).to.equal(6000);
    });

    it('localizes each programme along the CLDR chain: exact, parent, script, then English, then the first stored', () => {
      const ch = olympicDay();
      const pick = (chain: readonly string[], id: string) => {
        const item = guideItems(ch, { chain }).find((i) => i.programmeId === id)!;
        return { title: item.title, locale: item.locale, fallback: item.fallback };
      };
      expect(pick(chainOf('ar'), 'p-sprint')).to.deep.equal({ title: 'نهائي ١٠٠ متر رجال', locale: 'ar', fallback: false });
      expect(pick(chainOf('zh-HK'), 'p-sprint')).to.deep.equal({ title: '男子100米決賽', locale: 'zh-Hant', fallback: true });
      expect(pick(chainOf('zh-CN'), 'p-sprint')).to.deep.equal({ title: '男子100米决赛', locale: 'zh-Hans', fallback: true });
      expect(pick(chainOf('fr-CA'), 'p-swim')).to.deep.equal({ title: '4 × 100 m nage libre', locale: 'fr', fallback: true });
      expect(pick(chainOf('fr'), 'p-swim')).to.deep.equal({ title: '4 × 100 m nage libre', locale: 'fr', fallback: false });
      expect(pick(chainOf('de-AT'), 'p-sprint')).to.deep.equal({ title: HOSTILE.title, locale: 'en', fallback: true });
      // A chain without English or any stored language: the first localization stored.
      expect(pick(['de'], 'p-swim')).to.deep.equal({ title: '4 × 100 m nage libre', locale: 'fr', fallback: true });
      // No text at all: empty, no locale, a fallback (as the catalog answers such a programme).
      expect(pick(chainOf('en'), 'p-bare')).to.deep.equal({ title: '', locale: null, fallback: true });
    });

    it('carries the synopsis as stored and the sport code from the typed sport', () => {
      const items = guideItems(olympicDay(), { chain: chainOf('en') });
      expect(items[0]).to.include({ synopsis: HOSTILE.synopsis, sportCode: 'athletics' }); // "Track and Field"
      expect(items[1]!.sportCode).to.equal('swimming');
      expect(items[2]!.sportCode).to.equal(null); // "Esports": outside the Olympic vocabulary
      expect(items[3]).to.include({ sportCode: null, synopsis: '' });
    });

    it('lists an alternative aired in this region as what the region sees', () => {
      const ch = olympicDay();
      const replaced = ch.airings.find((a) => a.replaced)!;
      const item = guideItems(ch, { chain: chainOf('en') }).find((i) => Date.parse(i.start) === replaced.startMs)!;
      expect(item.programmeId).to.equal(replaced.programmeId);
      expect(item.title).to.equal('4 × 100 m freestyle');
    });

    it("chooses the same localization as the catalog's programme items", () => {
      // ProgrammeService.view is the catalog's item; both go through server/catalog/localized-text.ts.
      const catalog = new ProgrammeService({} as ConstructorParameters<typeof ProgrammeService>[0]);
      const row = (id: string) => ({ id, status: 'ready', renditionPath: null, durationSec: 60, poster: null, sport: null, discipline: null, event: null, gamesEdition: null, recordedAt: null, tags: '[]', mediaTracks: null }) as unknown as ProgrammeRow;
      for (const al of ['ar', 'zh-HK', 'zh-CN', 'fr-CA', 'de-AT', 'ja', 'pt-BR, fr;q=0.5']) {
        const chain = chainOf(al);
        for (const item of guideItems(olympicDay(), { chain })) {
          const p = [sprint, swim].find((x) => x.id === item.programmeId);
          if (!p) continue;
          const view = catalog.view(row(p.id), { chain, localizations: p.localizations as never, mediaUrl: () => '' });
          expect({ title: item.title, synopsis: item.synopsis, locale: item.locale, fallback: item.fallback }, `${al} ${p.id}`).to.deep.equal({ title: view.title, synopsis: view.synopsis, locale: view.locale, fallback: view.fallback });
        }
      }
    });
  });

  describe('nowNext', () => {
    const ch = olympicDay();
    const [, sprintAiring, gap, swimAiring, esportsAiring, bareAiring, lastSlate] = ch.airings;
    const en = { chain: chainOf('en') };

    it('now is the airing containing the instant, next the programme after it', () => {
      const { now, next } = nowNext(ch, T0 + 60_000, en);
      expect(now).to.deep.equal({ programmeId: 'p-sprint', title: HOSTILE.title, start: new Date(sprintAiring!.startMs).toISOString(), end: new Date(sprintAiring!.endMs).toISOString() });
      // The 6 s of slate between them are skipped.
      expect(next).to.deep.equal({ programmeId: 'p-swim', title: '4 × 100 m freestyle', start: new Date(swimAiring!.startMs).toISOString(), end: new Date(swimAiring!.endMs).toISOString() });
    });

    it('an airing starts at its first millisecond and ends before its end', () => {
      expect(nowNext(ch, sprintAiring!.startMs, en).now?.programmeId).to.equal('p-sprint');
      expect(nowNext(ch, sprintAiring!.endMs - 1, en).now?.programmeId).to.equal('p-sprint');
      expect(nowNext(ch, esportsAiring!.startMs, en)).to.deep.include({ now: { programmeId: 'p-esports', title: 'Olympic Esports Week', start: new Date(esportsAiring!.startMs).toISOString(), end: new Date(esportsAiring!.endMs).toISOString() } });
      expect(nowNext(ch, esportsAiring!.startMs, en).next?.programmeId).to.equal('p-bare');
    });

    it('while the slate airs, now is null and next the programme after the slate', () => {
      const r = nowNext(ch, gap!.startMs + 2000, en);
      expect(r.now).to.equal(null);
      expect(r.next?.programmeId).to.equal('p-swim');
      const before = nowNext(ch, T0 - 5000, en);
      expect(before.now).to.equal(null);
      expect(before.next?.programmeId).to.equal('p-sprint');
    });

    it('next is null when no programme follows in the airings given', () => {
      expect(nowNext(ch, bareAiring!.startMs, en)).to.deep.include({ next: null });
      expect(nowNext(ch, lastSlate!.startMs, en)).to.deep.equal({ now: null, next: null });
      expect(nowNext(ch, lastSlate!.endMs + 1, en)).to.deep.equal({ now: null, next: null });
    });

    it('outside any airing, next is the first programme starting after the instant', () => {
      const sparse = { ...ch, airings: [airing('p-sprint', T0, T0 + 10_000), airing('p-swim', T0 + 20_000, T0 + 30_000)] };
      expect(nowNext(sparse, T0 + 15_000, en)).to.deep.include({ now: null });
      expect(nowNext(sparse, T0 + 15_000, en).next?.programmeId).to.equal('p-swim');
    });

    it('titles follow the viewer', () => {
      expect(nowNext(ch, T0, { chain: chainOf('zh-HK') }).now?.title).to.equal('男子100米決賽');
      expect(nowNext(ch, T0, { chain: chainOf('fr') }).next?.title).to.equal('4 × 100 m nage libre');
    });
  });

  describe('channelName', () => {
    it('names the channel along the same chain, with the stored tag', () => {
      expect(channelName(olympic, { chain: chainOf('fr-CA') })).to.deep.equal({ name: 'Chaîne olympique', locale: 'fr' });
      expect(channelName(olympic, { chain: chainOf('zh-HK') })).to.deep.equal({ name: '奧林匹克頻道', locale: 'zh-Hant-HK' });
      expect(channelName(olympic, { chain: chainOf('ar-EG') })).to.deep.equal({ name: 'القناة الأولمبية', locale: 'ar' });
      expect(channelName(olympic, { chain: chainOf('ja') })).to.deep.equal({ name: 'Olympic Channel & "More"', locale: 'en' });
      expect(channelName(olympic, { chain: ['ja'] })).to.deep.equal({ name: 'Chaîne olympique', locale: 'fr' }); // first stored
    });
  });

  describe('inChannelOrder and the channel id', () => {
    it("puts the channel's languages first, as listed, a regional variant after its language, then the rest by tag", () => {
      const ch = channel('x', {}, ['fr', 'en']);
      const tags = ['zh-Hant', 'en', 'ar', 'en-GB', 'fr', 'de'];
      expect(inChannelOrder(ch, tags, (t) => t)).to.deep.equal(['fr', 'en', 'en-GB', 'ar', 'de', 'zh-Hant']);
    });

    it('is the slug under .podium', () => {
      expect(guideChannelId(olympic)).to.equal('olympic.podium');
    });
  });
});
