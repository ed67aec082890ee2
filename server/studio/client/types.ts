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
}
