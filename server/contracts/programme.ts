// A programme as viewers get it: the items of GET /api/programmes and /api/search, and the body
// of GET /api/programmes/:id. The catalog produces it (catalog/programmes.ts view()), the
// OpenAPI schema documents it (http/routes/schemas.ts, checked against this type by tsc), the
// player reads it (player/src/core/api.ts).

export type ProgrammeStatus = 'draft' | 'processing' | 'ready' | 'failed';

export interface ProgrammeAudio {
  locale: string;
  role: 'main' | 'commentary' | 'description';
  /** The packager's NAME; clients label renditions from `locale`, not from this. */
  name: string;
}

export interface ProgrammeSubtitle {
  locale: string;
  name: string;
}

export interface ProgrammeItem {
  id: string;
  title: string;
  /** For cards and narrow layouts: the title when the localization has none. */
  shortTitle: string;
  synopsis: string;
  /** The localization served (its stored tag), or null when the programme has none. */
  locale: string | null;
  /** True when `locale` is not the one the viewer asked for first. */
  fallback: boolean;
  status: ProgrammeStatus;
  durationSec: number | null;
  poster: string | null;
  /** Signed master playlist URL, bound to the programme and the viewer's region; null until ready. */
  hls: string | null;
  sport: string | null;
  /** The sport's code in the Olympic vocabulary (clients name it in the viewer's language: sports.<code>); null outside it. */
  sportCode: string | null;
  discipline: string | null;
  disciplineCode: string | null;
  /** The event as the editor typed it (one language: clients show it to readers of English only). */
  event: string | null;
  /** The event's name in the served localization (`locale`), or null when it has none. */
  localizedEvent: string | null;
  gamesEdition: string | null;
  /** ISO 8601. */
  recordedAt: string | null;
  tags: string[];
  /** Audio languages of the current rendition in menu order; the first main track is the master's DEFAULT. */
  audio: ProgrammeAudio[];
  subtitles: ProgrammeSubtitle[];
  /** Signed URL of the seek-preview storyboard (WebVTT, cues point at sprite sheets by relative URI), or null. */
  thumbnails: string | null;
}

/** GET /api/programmes: one page of the viewer's list. */
export interface ProgrammeListPage {
  items: ProgrammeItem[];
  /** Opaque cursor of the next page, or null on the last page. */
  nextCursor: string | null;
  /** The URL of the next page (this request's URL with `cursor`), or null. */
  next: string | null;
}

/** GET /api/search: hits, best first. */
export interface SearchResults {
  query: string;
  items: (ProgrammeItem & { matchedLocale: string })[];
}
