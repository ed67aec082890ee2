// Uploads of jobs that failed for good. A job's source (uploads/<programmeId>/<jobId>.source, up
// to the upload limit) is kept while the job may still run — queued, running, or taken up again
// after its worker died — and after it succeeded (an audio upload is packaged again on every new
// video, see TrackService.carryOver; a transcode's source is kept for re-packaging). Once the job
// failed finally (its handler failed: never retried; or its claims gave up after maxAttempts)
// nothing reads it again, so it is removed — unless the programme's current rendition still names
// it as the origin of an audio language (an attempt that published, then died before recording
// success): that one stays. Removal follows the failure at once in the process that recorded it;
// the sweep (at start and periodically) catches up after a crash in between.
import type { Logger } from 'pino';
import type { MediaStore } from '../media/store.js';
import type { Job, JobQueue } from './queue.js';

export interface FailedSourcesDeps {
  queue: JobQueue;
  media: MediaStore;
  /** Whether the programme still packages something from this source (TrackService.usesSource). */
  inUse(programmeId: string, sourceKey: string): Promise<boolean>;
  logger: Logger;
}

export class FailedSources {
  constructor(private readonly deps: FailedSourcesDeps) {}

  /** Removes sources as this process records final failures; returns the unsubscribe function. */
  follow(): () => void {
    return this.deps.queue.onFailed((job) => void this.release(job));
  }

  /** Removes the source of a finally failed job unless it is still in use. Never throws (logged). */
  async release(job: Job): Promise<boolean> {
    const key = job.payload.source;
    if (job.state !== 'failed' || typeof key !== 'string') return false;
    try {
      if (await this.deps.inUse(job.programmeId, key)) return false;
      const removed = await this.deps.media.removeSource(key);
      if (removed) this.deps.logger.info({ jobId: job.id, programmeId: job.programmeId }, 'removed the source of a failed job');
      return removed;
    } catch (err) {
      this.deps.logger.warn({ err, jobId: job.id }, 'could not remove the source of a failed job; the next sweep tries again');
      return false;
    }
  }

  /** Removes every stored source whose job failed finally; returns how many. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (const source of await this.deps.media.listSources()) {
      // A source without a job row is left alone: its upload may be being committed right now.
      const job = await this.deps.queue.get(source.jobId).catch(() => null);
      if (job?.programmeId === source.programmeId && job.payload.source === source.key && (await this.release(job))) removed++;
    }
    return removed;
  }
}
