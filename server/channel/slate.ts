// The slate (issue 12): what a channel airs where nothing else may (gaps in the schedule, a region
// without the rights). It is a programme like any other, packaged by the ordinary transcode job
// from a generated source (a dark still card with silent stereo audio, made with lavfi: no
// download), so its segments sit on the same 2-second grid as every programme's. It is never
// published (catalog/programmes.ts SLATE_EXTERNAL_ID): no viewer list, search or editor's list
// shows it; viewers reach its files only through the tokens a channel mints.
//
// ensure() runs at every start and is idempotent across restarts and safe when several processes
// start at once: the unique externalId makes one row, and each packaging attempt has a job id
// derived from (programme, attempt), so two processes submitting the same attempt enqueue it once.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { UniqueConstraintError } from 'sequelize';
import { synthesizeClip } from '../../transcoder/synth.js';
import type { FfmpegBinaries } from '../../transcoder/index.js';
import { SLATE_EXTERNAL_ID, type ExternalProgramme, type ProgrammeService } from '../catalog/programmes.js';
import type { JobQueue } from '../jobs/queue.js';
import type { MediaStore } from '../media/store.js';
import { WORLDWIDE } from '../regions/index.js';
import type { PublishedRendition } from './programme-media.js';

/** The generated source: 720p25 (a common rung, so every variant of a channel's ladder has a near one), 10 s = five 2-second segments. */
export const SLATE_SOURCE = { width: 1280, height: 720, fps: 25, durationSec: 10, card: '0x10161f' } as const;

export interface SlateDeps {
  catalog: ProgrammeService;
  media: MediaStore;
  queue: Pick<JobQueue, 'get'>;
  bins: FfmpegBinaries;
  logger: Logger;
}

/** The job id of packaging attempt `attempt` (0, 1, …): the same in every process (a UUID v8 from SHA-256). */
export function slateJobId(programmeId: string, attempt: number): string {
  const h = createHash('sha256').update(`${SLATE_EXTERNAL_ID} ${programmeId} ${attempt}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class Slate {
  constructor(private readonly deps: SlateDeps) {}

  /**
   * Creates the slate's programme if missing and submits its source unless it is packaged or a
   * packaging job is queued or running. A failed attempt is tried again at the next start.
   */
  async ensure(): Promise<void> {
    const { catalog, media, bins, logger } = this.deps;
    const slate = (await catalog.findByExternalId(SLATE_EXTERNAL_ID)) ?? (await this.create());
    if (slate.renditionId) return;
    let attempt = 0;
    for (;;) {
      const job = await this.deps.queue.get(slateJobId(slate.id, attempt));
      if (!job) break;
      if (job.state === 'queued' || job.state === 'running') return; // being packaged
      attempt++;
    }
    const temp = await media.incomingSourcePath(slate.id);
    try {
      await synthesizeClip(bins, { ...SLATE_SOURCE, out: temp, container: 'mp4', silent: true });
    } catch (err) {
      await media.discard(temp);
      throw err;
    }
    try {
      const { jobId } = await catalog.submitSource(slate.id, temp, { audioLanguage: 'und', jobId: slateJobId(slate.id, attempt) });
      logger.info({ programmeId: slate.id, jobId, attempt }, 'channel slate queued for packaging');
    } catch (err) {
      // Another process submitted the same attempt first (its source was replaced by an equal one).
      if (!(err instanceof UniqueConstraintError)) throw err;
    }
  }

  /** The slate's published rendition; null until it is packaged (and while ensure() has not run). */
  async current(): Promise<PublishedRendition | null> {
    const slate = await this.deps.catalog.findByExternalId(SLATE_EXTERNAL_ID);
    if (!slate?.renditionId || !slate.renditionPath) return null;
    return { programmeId: slate.id, renditionId: slate.renditionId, renditionKey: slate.renditionPath };
  }

  /** The slate's row; when another process creates it at the same moment, that one. */
  private async create(): Promise<ExternalProgramme> {
    try {
      await this.deps.catalog.createProgramme({
        externalId: SLATE_EXTERNAL_ID,
        // No localization: it has no title a viewer or a search could ever meet.
        localizations: {},
        // Open everywhere, for ever: what airs in a region is decided by the channel, not by the slate's rights.
        windows: [{ regions: [WORLDWIDE], exclude: [], start: new Date(0), end: null }],
        published: false,
      });
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
    }
    const row = await this.deps.catalog.findByExternalId(SLATE_EXTERNAL_ID);
    if (!row) throw new Error('the channel slate programme could not be created');
    return row;
  }
}
