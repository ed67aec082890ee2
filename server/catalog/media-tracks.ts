// The media-tracks format: the programme row's JSON summary of its current rendition's audio
// languages (with loudness), subtitles and storyboard (column `mediaTracks`), written when a
// rendition is published (transcode job, TrackService) and read by the viewer and studio views.
import type { AudioRole, PackageManifest } from '../../transcoder/index.js';

export const AUDIO_ROLES = ['main', 'commentary', 'description'] as const;

/** Loudness figures as stored and shown to editors (LUFS, dBTP, LU). */
export interface StoredLoudness {
  target: { integratedLufs: number; truePeakDbtp: number };
  source: { integratedLufs: number; truePeakDbtp: number; lraLu: number };
  result: { integratedLufs: number; truePeakDbtp: number; lraLu: number };
}

export interface MediaTracks {
  audio: { locale: string; role: AudioRole; name: string; loudness: StoredLoudness | null }[];
  subtitles: { locale: string; name: string }[];
  /** storyboard WebVTT index in the rendition folder, or null */
  thumbnails: string | null;
}

/** The programme row's summary of a packaged folder. */
export function summarizeManifest(m: PackageManifest): MediaTracks {
  const fig = (x: { integratedLufs: number; truePeakDbtp: number; lraLu: number }) => ({ integratedLufs: x.integratedLufs, truePeakDbtp: x.truePeakDbtp, lraLu: x.lraLu });
  return {
    audio: m.audio.map((a) => ({
      locale: a.language,
      role: a.role,
      name: a.name,
      loudness: a.loudness
        ? { target: { integratedLufs: a.loudness.target.integratedLufs, truePeakDbtp: a.loudness.target.truePeakDbtp }, source: fig(a.loudness.source), result: fig(a.loudness.result) }
        : null,
    })),
    subtitles: m.subtitles.map((s) => ({ locale: s.language, name: s.name })),
    thumbnails: m.storyboard,
  };
}

export function parseMediaTracks(json: string | null | undefined): MediaTracks {
  const empty: MediaTracks = { audio: [], subtitles: [], thumbnails: null };
  if (!json) return empty;
  try {
    const v = JSON.parse(json) as Partial<MediaTracks>;
    return { audio: Array.isArray(v.audio) ? v.audio : [], subtitles: Array.isArray(v.subtitles) ? v.subtitles : [], thumbnails: typeof v.thumbnails === 'string' ? v.thumbnails : null };
  } catch {
    return empty;
  }
}

/** The viewer item's part: languages without loudness figures, the storyboard as a (signed) URL. */
export function viewerTracks(json: string | null | undefined, url: ((file: string) => string) | null): { audio: MediaTracks['audio'] extends (infer T)[] ? Omit<T, 'loudness'>[] : never; subtitles: MediaTracks['subtitles']; thumbnails: string | null } {
  const t = parseMediaTracks(json);
  return {
    audio: t.audio.map(({ locale, role, name }) => ({ locale, role, name })),
    subtitles: t.subtitles.map(({ locale, name }) => ({ locale, name })),
    thumbnails: url && t.thumbnails ? url(t.thumbnails) : null,
  };
}
