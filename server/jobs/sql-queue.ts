// JobQueue on the database. A claim is a conditional UPDATE on one candidate row whose WHERE
// repeats the "claimable" condition; exactly one worker sees an affected-row count of 1.
// It needs no row locks or dialect-specific SQL (no SKIP LOCKED, no RETURNING), so it works the
// same on SQLite and PostgreSQL and across many worker processes on many machines.
import { randomUUID } from 'node:crypto';
import { col, fn, Op, type Transaction, type WhereOptions } from 'sequelize';
import type { JobAttrs, JobRow, Models } from '../db/models.js';
import { LeaseLostError, type EnqueueInput, type Job, type JobLease, type JobQueue, type JobType } from './queue.js';

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
      const candidate = await this.models.Job.findOne({ where: this.claimable(), order: [['createdAt', 'ASC'], ['id', 'ASC']] });
      if (!candidate) return null;
      const taken = await this.take(candidate, workerId, leaseSec, this.claimable());
      if (taken === 'lost') continue;
      if (taken) return taken;
    }
    return null;
  }

  /**
   * Takes this job for workerId when the database still has it queued or running, whatever its
   * lease: another system (BullMQ's locks) decided that the job is free. Null when it is finished,
   * unknown, lost to a concurrent take, or failed now for having used up maxAttempts.
   */
  async claimJob(jobId: string, workerId: string, leaseSec: number): Promise<Job | null> {
    const candidate = await this.models.Job.findByPk(jobId);
    if (!candidate) return null;
    const taken = await this.take(candidate, workerId, leaseSec, { state: { [Op.in]: ['queued', 'running'] } });
    return taken === 'lost' ? null : taken;
  }

  /** Jobs not finished yet (queued, or running under a lease), oldest first. */
  async unfinished(): Promise<Pick<Job, 'id' | 'type' | 'state' | 'createdAt'>[]> {
    const rows = await this.models.Job.findAll({
      where: { state: { [Op.in]: ['queued', 'running'] } },
      attributes: ['id', 'type', 'state', 'createdAt'],
      order: [['createdAt', 'ASC'], ['id', 'ASC']],
    });
    return rows.map((r) => ({ id: r.id, type: r.type as JobType, state: r.state, createdAt: r.createdAt }));
  }

  /** How many jobs are in each state, per type (for the metrics). */
  async countByStateAndType(): Promise<{ state: string; type: string; count: number }[]> {
    const rows = (await this.models.Job.findAll({
      attributes: ['state', 'type', [fn('COUNT', col('id')), 'count']],
      group: ['state', 'type'],
      raw: true,
    })) as unknown as { state: string; type: string; count: number | string }[];
    return rows.map((r) => ({ state: r.state, type: r.type, count: Number(r.count) }));
  }

  private claimable(): WhereOptions<JobAttrs> {
    return { [Op.or]: [{ state: 'queued' }, { state: 'running', leaseExpiresAt: { [Op.lt]: this.now() } }] };
  }

  /** The conditional UPDATE of a claim; 'lost' when another worker changed the row first. */
  private async take(candidate: JobRow, workerId: string, leaseSec: number, condition: WhereOptions<JobAttrs>): Promise<Job | null | 'lost'> {
    const [affected] = await this.models.Job.update(
      { state: 'running', leaseOwner: workerId, leaseExpiresAt: this.leaseEnd(leaseSec), attempts: candidate.attempts + 1 },
      // attempts in the WHERE too: two workers that read the same candidate cannot both win.
      { where: { [Op.and]: [{ id: candidate.id, attempts: candidate.attempts }, condition] } },
    );
    if (affected !== 1) return 'lost';
    if (candidate.attempts + 1 > this.maxAttempts) {
      await this.fail(candidate.id, workerId, `gave up after ${this.maxAttempts} attempts (the worker stopped each time)`);
      return null;
    }
    return this.get(candidate.id);
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
    // 'succeeded' too: the handler may have recorded it with its publication (finishOwnedJob).
    const [affected] = await this.models.Job.update(
      { state: 'succeeded', progress: 1, etaSec: 0, error: null, leaseOwner: null, leaseExpiresAt: null },
      { where: { id: jobId, leaseOwner: workerId, state: { [Op.in]: ['running', 'succeeded'] } } },
    );
    return affected === 1;
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

/**
 * Records that the job held under `lease` succeeded, inside the caller's transaction (the one that
 * publishes its result), so a job is published at most once: once this commits no other worker can
 * take the job over, and when another took it first this throws LeaseLostError and the caller's
 * transaction (its publication) rolls back.
 */
export async function finishOwnedJob(models: Pick<Models, 'Job'>, lease: JobLease, transaction: Transaction): Promise<void> {
  const [affected] = await models.Job.update(
    { state: 'succeeded', progress: 1, etaSec: 0, error: null },
    { where: { id: lease.jobId, leaseOwner: lease.owner, state: 'running' }, transaction },
  );
  if (affected !== 1) throw new LeaseLostError(lease.jobId);
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
