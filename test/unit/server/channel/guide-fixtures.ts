// Literal inputs of the guide tests (guide, XMLTV, M3U): channels, a region's airings on the 2 s
// grid (slate runs included, an alternative among them) and programmes whose text is hostile to
// XML and M3U (markup characters, quotes, emoji, right-to-left and CJK scripts, control
// characters, a lone surrogate, line breaks).
import type { Channel } from '../../../../server/channel/channels.js';
import type { GuideChannel, GuideProgramme } from '../../../../server/channel/guide.js';
import type { Airing } from '../../../../server/channel/live-types.js';
import type { LocalizationAttrs } from '../../../../server/db/models.js';

/** 2024-07-26T17:30:00Z, on the 2 s grid. */
export const T0 = Date.UTC(2024, 6, 26, 17, 30, 0);
export const SLATE = 'slate-0000';

let nextId = 1;
export function loc(programmeId: string, locale: string, title: string, synopsis = '', event = ''): LocalizationAttrs {
  return { id: nextId++, programmeId, locale, title, shortTitle: '', synopsis, event, poster: null, createdAt: new Date(0), updatedAt: new Date(0) };
}

export function channel(slug: string, names: Record<string, string>, languages: string[]): Channel {
  return { id: `id-${slug}`, slug, names, languages, subtitleLanguages: [], regions: ['WW'], timezone: 'Europe/Paris', loop: true };
}

export function airing(programmeId: string, startMs: number, endMs: number, extra: Partial<Airing> = {}): Airing {
  const slate = programmeId === SLATE;
  return { id: `a-${programmeId}-${startMs}`, entryId: slate ? null : `e-${programmeId}`, programmeId, slate, replaced: false, firstSegment: 0, startMs, endMs, ...extra };
}

export const HOSTILE = {
  title: `Men's 100 m & "final" <live>`,
  synopsis: 'Line one\nLine two & <b>bold</b> 🏅 \u0001 lone \uD800 surrogate \uFFFE',
  /** What XML 1.0 can carry of it: the control character, the lone surrogate and U+FFFE removed, then trimmed. */
  synopsisInXml: 'Line one\nLine two & <b>bold</b> 🏅  lone  surrogate',
  event: 'Heat 1 > Heat 2\tsemi',
};

/** Four localizations, hostile text in English. */
export const sprint: GuideProgramme = {
  id: 'p-sprint',
  sport: 'Track and Field',
  poster: { renditionKey: 'p-sprint/r1', file: 'poster.jpg' },
  localizations: [
    loc('p-sprint', 'zh-Hant', '男子100米決賽', '決賽「精彩」'),
    loc('p-sprint', 'en', HOSTILE.title, HOSTILE.synopsis, HOSTILE.event),
    loc('p-sprint', 'ar', 'نهائي ١٠٠ متر رجال', 'سباق "نهائي" & مثير'),
    loc('p-sprint', 'zh-Hans', '男子100米决赛', '决赛'),
  ],
};

/** Exactly three localizations, two with an event. */
export const swim: GuideProgramme = {
  id: 'p-swim',
  sport: 'Swimming',
  poster: null,
  localizations: [
    loc('p-swim', 'fr', '4 × 100 m nage libre', 'Relais féminin.', 'Finale'),
    loc('p-swim', 'en', '4 × 100 m freestyle', "Women's relay.", 'Final'),
    loc('p-swim', 'ja', '4×100mリレー', '女子リレー。'),
  ],
};

/** A sport outside the Olympic vocabulary. */
export const esports: GuideProgramme = { id: 'p-esports', sport: 'Esports', poster: null, localizations: [loc('p-esports', 'en', 'Olympic Esports Week')] };

/** A programme read without its text. */
export const bare: GuideProgramme = { id: 'p-bare', sport: null, poster: null, localizations: [] };

export const olympic = channel('olympic', { fr: 'Chaîne olympique', en: 'Olympic Channel & "More"', 'zh-Hant-HK': '奧林匹克頻道', ar: 'القناة الأولمبية' }, ['en', 'fr']);

/**
 * The region's day around T0: slate, the sprint (1 h 2 min 4 s), slate, the swim (an
 * alternative to the entry's own programme), esports, the bare programme, slate.
 */
export function olympicDay(): GuideChannel {
  const a1 = T0 + 3_724_000;
  const a2 = a1 + 6_000;
  const a3 = a2 + 1_800_000;
  const a4 = a3 + 600_000;
  const a5 = a4 + 120_000;
  return {
    channel: olympic,
    masterUrl: '/media/t/tok-olympic/live/olympic/master.m3u8',
    airings: [
      airing(SLATE, T0 - 10_000, T0),
      airing('p-sprint', T0, a1),
      airing(SLATE, a1, a2),
      airing('p-swim', a2, a3, { replaced: true, entryId: 'e-other' }),
      airing('p-esports', a3, a4),
      airing('p-bare', a4, a5),
      airing(SLATE, a5, a5 + 20_000),
    ],
    programmes: new Map([sprint, swim, esports, bare].map((p) => [p.id, p])),
  };
}

/** A second channel, to check ordering and ids. */
export function archiveChannel(): GuideChannel {
  return {
    channel: channel('archive-1996', { en: 'Atlanta 1996', de: 'Atlanta 1996 (Archiv)' }, ['en']),
    masterUrl: 'https://cdn.example.test/media/t/tok,with|odd/live/archive-1996/master.m3u8',
    airings: [airing('p-swim', T0, T0 + 60_000)],
    programmes: new Map([[swim.id, swim]]),
  };
}
