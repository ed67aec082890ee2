// Which audio rendition a viewer starts with: the one in the viewer's UI language, else the one
// in the region's default language, else the master's DEFAULT (issue 5). Languages match on
// language and script after CLDR likely-subtags (Intl.Locale.maximize), so a zh-Hant-HK viewer
// gets a zh-Hant commentary but never a zh-Hans one, and fr-CA matches fr. Audio description is
// never chosen by language alone: it is picked deliberately from the menu.
export interface AudioTrackInfo {
  lang?: string;
  characteristics?: string;
}

function languageAndScript(tag: string | null | undefined): string | null {
  if (!tag || tag === 'und') return null;
  try {
    const max = new Intl.Locale(tag).maximize();
    return `${max.language}-${max.script ?? ''}`;
  } catch {
    return null;
  }
}

/** Index of the track to start on, or -1 to keep the master's DEFAULT. */
export function chooseDefaultAudioTrack(tracks: readonly AudioTrackInfo[], preferences: readonly (string | null | undefined)[]): number {
  for (const preference of preferences) {
    const want = languageAndScript(preference);
    if (!want) continue;
    const index = tracks.findIndex(
      (t) => !/describes-video/.test(t.characteristics ?? '') && languageAndScript(t.lang) === want,
    );
    if (index >= 0) return index;
  }
  return -1;
}
