// The job queue seen by the rest of Podium. The SQL implementation (sql-queue.ts) keeps jobs
// in the database with leases; the BullMQ one (bull-queue.ts, with REDIS_URL) hands them out
// through Redis and keeps the database as the record of every job. One contract test suite
// (test/unit/server/jobs/queue-contract.test.ts) runs against both.
import type { JobState } from '../db/models.js';

/** transcode: a source → a new ladder; audio: one more audio language packaged beside the video (issue 5). */
export type JobType = 'transcode' | 'audio';

export interface Job<P = Record<string, unknown>> {
  id: string;
  programmeId: string;
  type: JobType;
  state: JobState;
  /** 0..1 */
  progress: number;
  etaSec: number | null;
  error: string | null;
  payload: P;
  attempts: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who holds a running job: what a handler passes along to publish its result at most once. */
export interface JobLease {
  jobId: string;
  owner: string;
}

/** The job is no longer this worker's: another took it over (this one was presumed dead). */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(jobId: string) {
    super(`job ${jobId} was taken over by another worker`);
  }
}

export interface EnqueueInput<P = Record<string, unknown>> {
  /** Chosen by the caller when it must name files after the job before enqueueing. */
  id?: string;
  programmeId: string;
  type: JobType;
  payload: P;
}

export interface JobQueue {
  enqueue<P extends Record<string, unknown>>(input: EnqueueInput<P>): Promise<Job<P>>;
  /**
   * Takes the oldest queued job, or a running one whose lease has expired (its worker died),
   * and leases it to workerId for leaseSec. Returns null when there is nothing to do.
   */
  claim(workerId: string, leaseSec: number): Promise<Job | null>;
  /** Extends the lease; false when the lease was lost (another worker took the job). */
  renew(jobId: string, workerId: string, leaseSec: number): Promise<boolean>;
  /** Records progress; also extends the lease. False when the lease was lost. */
  progress(jobId: string, workerId: string, leaseSec: number, fraction: number, etaSec: number | null): Promise<boolean>;
  complete(jobId: string, workerId: string): Promise<boolean>;
  fail(jobId: string, workerId: string, error: string): Promise<boolean>;
  /** Gives a running job back to the queue (graceful shutdown); the attempt does not count. */
  release(jobId: string, workerId: string): Promise<boolean>;
  get(jobId: string): Promise<Job | null>;
  /** Called after enqueue so an idle in-process worker can start at once instead of polling. */
  onEnqueued(listener: () => void): () => void;
  /**
   * Called with the job once this process recorded its final failure (a handler's error, or a
   * claim that gave up after maxAttempts): nothing will run it again, so its files can go.
   */
  onFailed(listener: (job: Job) => void): () => void;
  /** Lets go of connections and timers (the SQL queue has none). */
  close?(): Promise<void>;
}
