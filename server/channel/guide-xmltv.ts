// The programme guide as XMLTV (issue 12: GET /api/epg.xml?region=), pure: the channels a region
// receives and what each airs there (slate runs left out) → one document valid against the
// XMLTV DTD (Debian xmltv-util's /usr/share/xmltv/xmltv.dtd), byte-identical for the same input.
//
// What the DTD decides here:
// - Times are "YYYYMMDDhhmmss" plus an offset; the format has no fractional seconds. Airings
//   start on the 2 s segment grid, so whole seconds are exact and equal the playlists'
//   PROGRAM-DATE-TIME and DATERANGE START-DATE; any millisecond part would be cut (start and
//   stop alike, so back-to-back programmes still meet). Written in UTC ("+0000").
// - A programme's children come in a fixed order: title+, sub-title*, desc*, …, category*, …,
//   icon*. Every localization gives a title (and a sub-title, its event, and a desc, its
//   synopsis, when it has them), each with lang= its stored BCP 47 tag; category is the sport
//   named in each of those languages.
// - Element text "may not contain newlines" except desc's: line breaks elsewhere become spaces.
// - Channels are listed before programmes; the DTD asks for channel ids sorted, for diffing.
import { sportCode } from '../catalog/sports.js';
import type { LocalizationAttrs } from '../db/models.js';
import { guideChannelId, inChannelOrder, type GuideChannel, type GuideProgramme } from './guide.js';

export interface XmltvOptions {
  /** The <tv generator-info-name>, "progname/version" (default "Podium"). */
  generatorName?: string;
  /** The URL of a programme's poster (the caller signs it for the region). */
  posterUrl: (programmeId: string, poster: NonNullable<GuideProgramme['poster']>) => string;
  /** The sport's name in `lang` (sports.<code> in locales/), or null when there is none in that language. */
  sportName: (code: string, lang: string) => string | null;
}

/** Characters XML 1.0 does not allow at all (C0 controls but tab and line breaks, lone surrogates, U+FFFE, U+FFFF). */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML 1.0 may hold it; line breaks kept (desc) or turned into spaces (everything else). */
function clean(text: string, multiline = false): string {
  const s = text.replace(NOT_XML, '');
  return (multiline ? s.replace(/\r\n?/g, '\n') : s.replace(/[\t\r\n]+/g, ' ')).trim();
}

const escText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string): string => escText(clean(s)).replace(/"/g, '&quot;');

/** An XMLTV time: UTC, whole seconds ("20240726173000 +0000"). */
export function xmltvTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())} +0000`;
}

/** `<name lang="…">text</name>` lines, one per distinct (lang, text), empty texts left out. */
function elements(name: string, items: readonly { lang: string | null; text: string }[], multiline = false): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { lang, text } of items) {
    const t = clean(text, multiline);
    const key = `${lang ?? ''}\u0000${t}`;
    if (!t || seen.has(key)) continue;
    seen.add(key);
    out.push(`    <${name}${lang === null ? '' : ` lang="${escAttr(lang)}"`}>${escText(t)}</${name}>`);
  }
  return out;
}

/** The channel's names, its own languages first. */
function namesOf(ch: GuideChannel): { lang: string; text: string }[] {
  return inChannelOrder(ch.channel, Object.entries(ch.channel.names), ([tag]) => tag).map(([lang, text]) => ({ lang, text }));
}

/** A programme's elements (the same for each of its airings: written once per document). */
function programmeBody(ch: GuideChannel, programmeId: string, opts: XmltvOptions): string[] {
  const programme = ch.programmes.get(programmeId);
  const locs: LocalizationAttrs[] = inChannelOrder(ch.channel, programme?.localizations ?? [], (l) => l.locale);
  let titles = elements('title', locs.map((l) => ({ lang: l.locale, text: l.title })));
  if (titles.length === 0) {
    // title+ is required; a published programme always has one (creation refuses none), so this
    // is a programme read without its text: the channel's name says at least where it airs.
    titles = elements('title', [...namesOf(ch), { lang: null, text: ch.channel.slug }]).slice(0, 1);
  }
  const code = sportCode(programme?.sport ?? null);
  const categories = code
    ? locs.flatMap((l) => {
        const name = opts.sportName(code, l.locale);
        return name ? [{ lang: l.locale, text: name }] : [];
      })
    : // A sport outside the Olympic vocabulary: the editor's own words, language unknown.
      programme?.sport
      ? [{ lang: null, text: programme.sport }]
      : [];
  const icon = programme?.poster ? [`    <icon src="${escAttr(opts.posterUrl(programme.id, programme.poster))}"/>`] : [];
  return [
    ...titles,
    ...elements('sub-title', locs.map((l) => ({ lang: l.locale, text: l.event }))),
    ...elements('desc', locs.map((l) => ({ lang: l.locale, text: l.synopsis })), true),
    ...elements('category', categories),
    ...icon,
  ];
}

/** The XMLTV document for `channels` (each as one region receives it). */
export function renderXmltv(channels: readonly GuideChannel[], opts: XmltvOptions): string {
  const sorted = channels
    .map((ch) => ({ ch, id: guideChannelId(ch.channel) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<tv generator-info-name="${escAttr(opts.generatorName ?? 'Podium')}">`,
  ];
  for (const { ch, id } of sorted) {
    let display = elements('display-name', namesOf(ch));
    // display-name+ is required: the slug when no name survives cleaning.
    if (display.length === 0) display = elements('display-name', [{ lang: null, text: ch.channel.slug }]);
    lines.push(`  <channel id="${escAttr(id)}">`, ...display, '  </channel>');
  }
  for (const { ch, id } of sorted) {
    const airings = ch.airings.filter((a) => !a.slate).sort((a, b) => a.startMs - b.startMs);
    const bodies = new Map<string, string>();
    for (const a of airings) {
      // Shorter than a second cannot be written (never on a 2 s grid).
      if (Math.floor(a.endMs / 1000) <= Math.floor(a.startMs / 1000)) continue;
      let body = bodies.get(a.programmeId);
      if (body === undefined) bodies.set(a.programmeId, (body = programmeBody(ch, a.programmeId, opts).join('\n')));
      lines.push(`  <programme start="${xmltvTime(a.startMs)}" stop="${xmltvTime(a.endMs)}" channel="${escAttr(id)}">`, body, '  </programme>');
    }
  }
  lines.push('</tv>', '');
  return lines.join('\n');
}
