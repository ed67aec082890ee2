// Shapes of /api/studio answers (server/catalog/studio-view.ts).
export interface StudioLocalization {
  locale: string;
  title: string;
  shortTitle: string;
  synopsis: string;
}
export interface StudioJob {
  id: string;
  state: string;
  progress: number;
  etaSec: number | null;
  error: string | null;
}
export interface StudioWindow {
  regions: string[];
  exclude: string[];
  start: string;
  end: string | null;
}
export interface StudioProgramme {
  id: string;
  status: string;
  publishedAt: string | null;
  durationSec: number | null;
  poster: string | null;
  hls: string | null;
  localizations: StudioLocalization[];
  windows: StudioWindow[];
  latestJob: StudioJob | null;
  createdAt: string;
  /** issue 5: audio languages with measured loudness (LUFS, dBTP), subtitle languages */
  audio?: { locale: string; role: string; name: string; loudness: { target: { integratedLufs: number }; source: { integratedLufs: number; truePeakDbtp: number }; result: { integratedLufs: number; truePeakDbtp: number } } | null }[];
  subtitles?: { locale: string; name: string }[];
}
