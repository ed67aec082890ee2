// Read-only views of the catalog for the studio: every programme (drafts and unpublished ones
// included, whatever the region), with all its localizations, its availability windows and its
// latest job. Viewer lists filter by region and rights; editors must see everything but the
// channel slate, which is the platform's, not an editor's programme (nothing to translate,
// publish or schedule: channels air it by themselves).
import { Op } from 'sequelize';
import type { Models } from '../db/models.js';
import { shownJobError } from '../jobs/job-error.js';
import type { MediaStore } from '../media/store.js';
import type { SearchIndex } from '../search/index.js';
import { CatalogError } from './errors.js';
import { parseMediaTracks, type MediaTracks } from './media-tracks.js';
import { SLATE_EXTERNAL_ID } from './programmes.js';

export interface StudioLocalization {
  locale: string;
  title: string;
  shortTitle: string;
  synopsis: string;
  event: string;
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
  /** Audio languages with their measured loudness (source and result, LUFS / dBTP), subtitle languages. */
  audio: MediaTracks['audio'];
  subtitles: MediaTracks['subtitles'];
}

type Plain = Record<string, unknown>;
const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());
const list = (v: unknown): string[] => {
  try {
    const parsed = JSON.parse(String(v ?? '[]')) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};

type Finder = { findAll(opts: object): Promise<Plain[]> };
function windowModel(models: Models): Finder | undefined {
  return (models as unknown as Record<string, Finder | undefined>).AvailabilityWindow;
}

/** The most an editor's search answers (a picker, not a list to page through). */
export const STUDIO_SEARCH_MAX = 50;

export class StudioCatalogView {
  constructor(private readonly deps: { models: Models; media: MediaStore; search: SearchIndex }) {}

  async list(): Promise<StudioProgramme[]> {
    return this.load();
  }

  /**
   * The programmes whose localizations match `q`, best first, by the viewers' ranked index but
   * without their filters: drafts, unpublished programmes and every region's rights included (a
   * scheduler picks what a channel will air later, or elsewhere), the slate left out.
   */
  async search(q: string, limit = 20): Promise<StudioProgramme[]> {
    const hits = await this.deps.search.query(q, { limit: Math.min(limit, STUDIO_SEARCH_MAX) });
    if (hits.length === 0) return [];
    const found = new Map((await this.load(hits.map((h) => h.programmeId))).map((p) => [p.id, p]));
    return hits.flatMap((h) => found.get(h.programmeId) ?? []);
  }

  async get(id: string): Promise<StudioProgramme> {
    const [p] = await this.load(id);
    if (!p) throw new CatalogError('not_found', `no programme ${id}`);
    return p;
  }

  private async load(id?: string | string[]): Promise<StudioProgramme[]> {
    const { models } = this.deps;
    const notSlate = { [Op.or]: [{ externalId: null }, { externalId: { [Op.ne]: SLATE_EXTERNAL_ID } }] };
    const where = id ? { id, ...notSlate } : notSlate;
    const programmes = (await models.Programme.findAll({ where, order: [['createdAt', 'DESC'], ['id', 'ASC']], raw: true })) as unknown as Plain[];
    if (!programmes.length) return [];
    const ids = programmes.map((p) => String(p.id));
    const inIds = { programmeId: { [Op.in]: ids } };
    const [locs, jobs, windows] = await Promise.all([
      models.Localization.findAll({ where: inIds, order: [['locale', 'ASC']], raw: true }) as unknown as Promise<Plain[]>,
      models.Job.findAll({ where: inIds, order: [['createdAt', 'DESC']], raw: true }) as unknown as Promise<Plain[]>,
      // availability_windows arrive with issue 3's catalog migration; absent → no windows
      windowModel(models)?.findAll({ where: inIds, order: [['startAt', 'ASC'], ['id', 'ASC']], raw: true }) ?? Promise.resolve([] as Plain[]),
    ]);
    return programmes.map((p) => {
      const pid = String(p.id);
      const job = jobs.find((j) => j.programmeId === pid);
      const key = p.renditionPath as string | null;
      return {
        id: pid,
        status: String(p.status),
        publishedAt: iso(p.publishedAt),
        durationSec: p.durationSec == null ? null : Number(p.durationSec),
        poster: key && p.poster ? this.deps.media.publicUrl(key, String(p.poster)) : null,
        hls: key ? this.deps.media.publicUrl(key, 'master.m3u8') : null,
        localizations: locs
          .filter((l) => l.programmeId === pid)
          .map((l) => ({ locale: String(l.locale), title: String(l.title), shortTitle: String(l.shortTitle ?? ''), synopsis: String(l.synopsis ?? ''), event: String(l.event ?? '') })),
        windows: windows
          .filter((w) => w.programmeId === pid)
          .map((w) => ({ regions: list(w.regions), exclude: list(w.exclude), start: iso(w.startAt)!, end: iso(w.endAt) })),
        latestJob: job
          ? { id: String(job.id), state: String(job.state), progress: Number(job.progress), etaSec: job.etaSec == null ? null : Number(job.etaSec), error: shownJobError((job.error as string | null) ?? null) }
          : null,
        createdAt: iso(p.createdAt)!,
        ...(({ audio, subtitles }) => ({ audio, subtitles }))(parseMediaTracks(p.mediaTracks as string | null)),
      };
    });
  }
}
