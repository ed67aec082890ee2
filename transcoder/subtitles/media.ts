import { canonicalLanguage, languageName } from '../audio/language.js';

export interface SubtitleMediaInput {
  /** BCP 47, e.g. "zh-Hant" */
  language: string;
  /** URI of the subtitle media playlist, relative to the master playlist */
  uri: string;
  /** menu label; default: the language's name in that language. Must be unique in the group. */
  name?: string;
  groupId?: string;
  default?: boolean;
  autoselect?: boolean;
  forced?: boolean;
}

/**
 * The master playlist line of one subtitle rendition, e.g.
 * `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",LANGUAGE="fr",NAME="Français",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="subs_fr/index.m3u8"`.
 * Variants must then carry `SUBTITLES="subs"` (see `SUBTITLE_GROUP_ID`).
 */
export function renderSubtitleMedia(input: SubtitleMediaInput): string {
  const language = canonicalLanguage(input.language);
  const attrs = [
    'TYPE=SUBTITLES',
    `GROUP-ID=${quoted(input.groupId ?? SUBTITLE_GROUP_ID)}`,
    `LANGUAGE=${quoted(language)}`,
    `NAME=${quoted(input.name ?? languageName(language))}`,
    `DEFAULT=${input.default ? 'YES' : 'NO'}`,
    `AUTOSELECT=${input.autoselect === false ? 'NO' : 'YES'}`,
    `FORCED=${input.forced ? 'YES' : 'NO'}`,
    `URI=${quoted(input.uri)}`,
  ];
  return `#EXT-X-MEDIA:${attrs.join(',')}`;
}

export const SUBTITLE_GROUP_ID = 'subs';

/** An HLS quoted-string: no double quote, CR or LF allowed (RFC 8216 §4.2). */
export function quoted(s: string): string {
  if (/["\r\n]/.test(s)) throw new RangeError(`HLS attribute value must not contain quotes or line breaks: ${JSON.stringify(s)}`);
  return `"${s}"`;
}
