// Sport and discipline names in the viewer's language. The server gives each programme the code
// of its sport and discipline in the Olympic vocabulary (server/catalog/sports.ts: sportCode,
// disciplineCode); the names live in locales/<locale>/player.json under sports.<code>. A sport
// outside the vocabulary keeps the name the editor typed (the home page needs a rail title).
// The other sports fields are free text in the catalog's language (English): a discipline
// without a code and the event are shown only to English readers, never untranslated to others.
import type { TFunction } from 'i18next';
import type { Programme } from './api.js';

// The vocabulary's keys (test/unit/player/sports.test.ts keeps this list equal to the server's):
// i18n-keys: sports.aquatics, sports.archery, sports.athletics, sports.badminton, sports.basketball, sports.boxing
// i18n-keys: sports.breaking, sports.canoe, sports.cycling, sports.equestrian, sports.fencing, sports.football
// i18n-keys: sports.golf, sports.gymnastics, sports.handball, sports.hockey, sports.judo, sports.modern_pentathlon
// i18n-keys: sports.rowing, sports.rugby, sports.sailing, sports.shooting, sports.skateboarding, sports.sport_climbing
// i18n-keys: sports.surfing, sports.table_tennis, sports.taekwondo, sports.tennis, sports.triathlon, sports.volleyball
// i18n-keys: sports.weightlifting, sports.wrestling, sports.swimming, sports.diving, sports.water_polo
// i18n-keys: sports.artistic_gymnastics, sports.rhythmic_gymnastics, sports.beach_volleyball
// i18n-keys: sports.basketball_3x3, sports.rugby_sevens
// i18n-keys: sports.biathlon, sports.bobsleigh, sports.curling, sports.ice_hockey, sports.luge, sports.skating
// i18n-keys: sports.skiing, sports.ski_mountaineering, sports.skeleton, sports.figure_skating, sports.short_track
// i18n-keys: sports.speed_skating, sports.alpine_skiing, sports.cross_country_skiing, sports.freestyle_skiing
// i18n-keys: sports.nordic_combined, sports.ski_jumping, sports.snowboard

/** The name of a coded sport or discipline in the UI language; without a code, the typed name. */
export function sportName(t: TFunction, code: string | null | undefined, typed: string | null | undefined): string | null {
  if (code && /^[a-z0-9_]+$/.test(code)) return t(`sports.${code}`, { defaultValue: typed || code });
  return typed || null;
}

function primaryLanguage(tag: string | null | undefined): string {
  return (tag ?? '').split('-')[0]!.toLowerCase();
}

/**
 * "Sport · discipline · event" as far as it can be said in `language`: the sport always, the
 * discipline when coded (or for English readers) and not the sport again; the event from the
 * served localization when that is in the reader's language (a fallback title may not be), else
 * the typed one for English readers.
 */
export function sportsLine(p: Pick<Programme, 'sport' | 'sportCode' | 'discipline' | 'disciplineCode' | 'event'> & Partial<Pick<Programme, 'localizedEvent' | 'locale'>>, t: TFunction, language: string): string | null {
  const english = primaryLanguage(language) === 'en';
  const sport = sportName(t, p.sportCode, p.sport);
  const discipline = p.disciplineCode ? sportName(t, p.disciplineCode, p.discipline) : english ? p.discipline || null : null;
  const event = (p.localizedEvent && primaryLanguage(p.locale) === primaryLanguage(language) ? p.localizedEvent : null) || (english ? p.event || null : null);
  const parts = [sport, discipline && discipline !== sport ? discipline : null, event];
  return parts.filter(Boolean).join(' · ') || null;
}
