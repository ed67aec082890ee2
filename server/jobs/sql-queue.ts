// JobQueue on the database. A claim is a conditional UPDATE on one candidate row whose WHERE
// repeats the "claimable" condition; exactly one worker sees an affected-row count of 1.
// It needs no row locks or dialect-specific SQL (no SKIP LOCKED, no RETURNING), so it works the
// same on SQLite and PostgreSQL and across many worker processes on many machines.
import { randomUUID } from 'node:crypto';
import { Op, type WhereOptions } from 'sequelize';
import type { JobAttrs, JobRow, Models } from '../db/models.js';
import type { EnqueueInput, Job, JobQueue, JobType } from './queue.js';

const CLAIM_RETRIES = 5;

export interface SqlJobQueueOptions {
  /** A job claimed this many times without finishing is failed instead of run again. */
  maxAttempts?: number;
  now?: () => Date;
}

export class SqlJobQueue implements JobQueue {
  private readonly listeners = new Set<() => void>();
  private readonly failedListeners = new Set<(job: Job) => void>();
  private readonly maxAttempts: number;
  private readonly now: () => Date;

  constructor(
    private readonly models: Pick<Models, 'Job'>,
    options: SqlJobQueueOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.now = options.now ?? (() => new Date());
  }

  async enqueue<P extends Record<string, unknown>>(input: EnqueueInput<P>): Promise<Job<P>> {
    const row = await this.models.Job.create({
      id: input.id ?? randomUUID(),
      programmeId: input.programmeId,
      type: input.type,
      payload: JSON.stringify(input.payload),
    });
    for (const listener of this.listeners) listener();
    return toJob(row) as Job<P>;
  }

  async claim(workerId: string, leaseSec: number): Promise<Job | null> {
    for (let i = 0; i < CLAIM_RETRIES; i++) {
      const now = this.now();
      const claimable: WhereOptions<JobAttrs> = {
        [Op.or]: [{ state: 'queued' }, { state: 'running', leaseExpiresAt: { [Op.lt]: now } }],
      };
      const candidate = await this.models.Job.findOne({ where: claimable, order: [['createdAt', 'ASC'], ['id', 'ASC']] });
      if (!candidate) return null;
      const [affected] = await this.models.Job.update(
        {
          state: 'running',
          leaseOwner: workerId,
          leaseExpiresAt: new Date(now.getTime() + leaseSec * 1000),
          attempts: candidate.attempts + 1,
        },
        // attempts in the WHERE too: two workers that read the same candidate cannot both win.
        { where: { [Op.and]: [{ id: candidate.id, attempts: candidate.attempts }, claimable] } },
      );
      if (affected !== 1) continue;
      if (candidate.attempts + 1 > this.maxAttempts) {
        await this.fail(candidate.id, workerId, `gave up after ${this.maxAttempts} attempts (the worker stopped each time)`);
        continue;
      }
      return this.get(candidate.id);
    }
    return null;
  }

  async renew(jobId: string, workerId: string, leaseSec: number): Promise<boolean> {
    return this.updateOwned(jobId, workerId, { leaseExpiresAt: this.leaseEnd(leaseSec) });
  }

  async progress(jobId: string, workerId: string, leaseSec: number, fraction: number, etaSec: number | null): Promise<boolean> {
    const progress = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    const eta = etaSec === null || !Number.isFinite(etaSec) ? null : Math.max(0, etaSec);
    return this.updateOwned(jobId, workerId, { progress, etaSec: eta, leaseExpiresAt: this.leaseEnd(leaseSec) });
  }

  async complete(jobId: string, workerId: string): Promise<boolean> {
    return this.updateOwned(jobId, workerId, { state: 'succeeded', progress: 1, etaSec: 0, error: null, leaseOwner: null, leaseExpiresAt: null });
  }

  async fail(jobId: string, workerId: string, error: string): Promise<boolean> {
    const failed = await this.updateOwned(jobId, workerId, { state: 'failed', etaSec: null, error, leaseOwner: null, leaseExpiresAt: null });
    if (failed && this.failedListeners.size) {
      const job = await this.get(jobId).catch(() => null); // the failure is recorded; a sweep catches up on the rest
      if (job) for (const listener of this.failedListeners) listener(job);
    }
    return failed;
  }

  async release(jobId: string, workerId: string): Promise<boolean> {
    const job = await this.models.Job.findByPk(jobId);
    if (!job) return false;
    return this.updateOwned(jobId, workerId, {
      state: 'queued',
      progress: 0,
      etaSec: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      attempts: Math.max(0, job.attempts - 1),
    });
  }

  async get(jobId: string): Promise<Job | null> {
    const row = await this.models.Job.findByPk(jobId);
    return row ? toJob(row) : null;
  }

  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onFailed(listener: (job: Job) => void): () => void {
    this.failedListeners.add(listener);
    return () => this.failedListeners.delete(listener);
  }

  private leaseEnd(leaseSec: number): Date {
    return new Date(this.now().getTime() + leaseSec * 1000);
  }

  private async updateOwned(jobId: string, workerId: string, values: Partial<JobAttrs>): Promise<boolean> {
    const [affected] = await this.models.Job.update(values, { where: { id: jobId, leaseOwner: workerId, state: 'running' } });
    return affected === 1;
  }
}

function toJob(row: JobRow): Job {
  let payload: Record<string, unknown> = {};
  try {
    payload = JSON.parse(row.payload) as Record<string, unknown>;
  } catch {
    payload = {};
  }
  return {
    id: row.id,
    programmeId: row.programmeId,
    type: row.type as JobType,
    state: row.state,
    progress: Number(row.progress),
    etaSec: row.etaSec === null ? null : Number(row.etaSec),
    error: row.error,
    payload,
    attempts: row.attempts,
    leaseOwner: row.leaseOwner,
    leaseExpiresAt: row.leaseExpiresAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
