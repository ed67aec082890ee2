// Labels for audio and subtitle renditions from their LANGUAGE attribute, in the UI language
// (Intl.DisplayNames) — never the playlist's NAME, which is in whatever language the packager
// wrote. Two renditions in one language are told apart by role, then by number.
import { languageName } from '../../core/format.js';

export interface TrackLike {
  lang?: string;
  name?: string;
  characteristics?: string;
}

export interface LabelStrings {
  unknown: string;
  describes: string;
  numbered(label: string, n: number): string;
}

const DESCRIBES_VIDEO = 'public.accessibility.describes-video';

export function trackLabels(tracks: readonly TrackLike[], uiLanguage: string, strings: LabelStrings): string[] {
  const base = tracks.map((t) => {
    const name = t.lang && t.lang !== 'und' ? languageName(t.lang, uiLanguage) : strings.unknown;
    const describes = (t.characteristics ?? '').split(',').map((c) => c.trim()).includes(DESCRIBES_VIDEO);
    return describes ? `${name} (${strings.describes})` : name;
  });
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const l of base) total.set(l, (total.get(l) ?? 0) + 1);
  return base.map((l) => {
    if ((total.get(l) ?? 0) < 2) return l;
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return strings.numbered(l, n);
  });
}
