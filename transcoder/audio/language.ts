/**
 * BCP 47 helpers shared by the audio and subtitle renditions. Pure: no I/O.
 */

/** Canonical form of a BCP 47 tag ("zh-hant" → "zh-Hant"); throws RangeError on an invalid tag. */
export function canonicalLanguage(tag: string): string {
  return Intl.getCanonicalLocales(tag)[0]!;
}

/**
 * The human name of a language written in that language, as players show it in their menus:
 * "fr" → "français", "zh-Hant" → "繁體中文", "en" → "English". Falls back to the tag.
 */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
    // capitalise the first letter with the language's own rules ("français" → "Français")
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    return tag;
  }
}


/**
 * How well a track language serves a wanted language: 3 exact, 2 same language and script
 * (zh-Hant ≈ zh-TW), 1 same primary language, 0 none. Chinese scripts never match across
 * (a zh-Hans reader is not served by zh-Hant).
 */
export function languageMatch(track: string, wanted: string): 0 | 1 | 2 | 3 {
  const a = safeLocale(track);
  const b = safeLocale(wanted);
  if (!a || !b) return 0;
  if (a.baseName === b.baseName) return 3;
  if (a.language !== b.language) return 0;
  const sa = a.maximize().script;
  const sb = b.maximize().script;
  if (sa && sb && sa !== sb) return 0;
  return sa === sb ? 2 : 1;
}

function safeLocale(tag: string): Intl.Locale | null {
  try {
    return new Intl.Locale(tag);
  } catch {
    return null;
  }
}

export interface LanguageTrack {
  language: string;
  role: 'main' | 'commentary' | 'description';
}

export interface DefaultPolicyInput {
  /** the viewer's languages in preference order (Accept-Language, or ?lang=) */
  viewerLanguages: readonly string[];
  /** the default language of the viewer's region (e.g. "fr" for France), if known */
  regionLanguage?: string | null;
  /** the viewer asked for audio description */
  prefersDescription?: boolean;
}

/**
 * The default track: the best match for the viewer's languages in order, then the region's
 * default language, then the first main track, then the first track. Audio description is
 * chosen only for a viewer who asked for it (and preferred for them when it exists in a matching
 * language). Returns the index into `tracks`, or -1 when there are none.
 */
export function chooseDefaultTrack(tracks: readonly LanguageTrack[], policy: DefaultPolicyInput): number {
  if (tracks.length === 0) return -1;
  const wantsAd = policy.prefersDescription === true;
  const eligible = tracks.map((t, i) => ({ t, i })).filter(({ t }) => (t.role === 'description') === wantsAd);
  const pool = eligible.length > 0 ? eligible : tracks.map((t, i) => ({ t, i })).filter(({ t }) => t.role !== 'description');
  const wanted = [...policy.viewerLanguages, ...(policy.regionLanguage ? [policy.regionLanguage] : [])];
  for (const w of wanted) {
    let best = -1;
    let bestScore = 0;
    for (const { t, i } of pool) {
      const s = languageMatch(t.language, w) * 2 + (t.role === 'main' ? 1 : 0);
      if (languageMatch(t.language, w) > 0 && s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    if (best >= 0) return best;
  }
  const firstMain = pool.find(({ t }) => t.role === 'main');
  return firstMain ? firstMain.i : (pool[0]?.i ?? 0);
}

