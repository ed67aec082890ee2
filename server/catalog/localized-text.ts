// Which of a programme's localizations a viewer reads, and the text fields that follow from it:
// the first localization along the viewer's CLDR fallback chain, else the first one stored
// (flagged `fallback`). One implementation for every surface that names a programme to a viewer:
// the catalog's items (ProgrammeService.view) and the channels' guide and now/next
// (server/channel/guide.ts), so a programme reads the same in a list, a guide and a live page.
import type { LocalizationAttrs } from '../db/models.js';
import { chooseLocalization, createLocaleKeyer } from '../locale-fallback/index.js';

/** The fields of a localization the choice reads (a row, a plain object from a raw query, a literal). */
export type LocalizationText = Pick<LocalizationAttrs, 'locale' | 'title' | 'shortTitle' | 'synopsis' | 'event'>;

export interface ProgrammeText<L extends LocalizationText> {
  /** The localization served, or null when the programme has none. */
  localization: L | null;
  title: string;
  /** For cards and narrow layouts: the short title, else the title. */
  shortTitle: string;
  synopsis: string;
  /** The event's name in that language, or null when it has none. */
  event: string | null;
  /** The served localization's stored tag, or null when the programme has none. */
  locale: string | null;
  /** True unless the served localization is the chain's first entry. */
  fallback: boolean;
}

/**
 * Memoized BCP 47 keys of stored tags (Intl.Locale work once per tag, not per item and request):
 * the results of a pure function, so sharing the cache between callers changes no answer.
 */
const sharedKeyer = createLocaleKeyer();

/** The text a viewer with CLDR fallback `chain` reads of a programme with `localizations`. */
export function programmeText<L extends LocalizationText>(
  localizations: readonly L[],
  chain: readonly string[],
  keyer: (tag: unknown) => string | null = sharedKeyer,
): ProgrammeText<L> {
  const chosen = chooseLocalization(chain, new Map(localizations.map((l) => [l.locale, l])), { keyer });
  const loc = chosen?.value ?? null;
  return {
    localization: loc,
    title: loc?.title ?? '',
    shortTitle: loc?.shortTitle || loc?.title || '',
    synopsis: loc?.synopsis ?? '',
    event: loc?.event || null,
    locale: chosen?.locale ?? null,
    fallback: chosen?.fallback ?? true,
  };
}
