// JobQueue on Redis with BullMQ (REDIS_URL), for workers on many machines. BullMQ decides who
// runs what: a claim is BullMQ's "manually fetched job" (getNextJob with the slot as lock token),
// a renewal extends its lock, and BullMQ's stalled-job checker puts back a job whose worker died
// (its lock expired) for another to take. The database stays the record of every job — state,
// attempts, progress, ETA, error — through the SQL queue's own records (sql-queue.ts), so editors
// read progress from any server, attempts are counted in one place (maxAttempts, as with the
// SQL queue), and nothing is lost with Redis's data: reconcile() adds back to Redis every job
// the database has as queued or running that Redis does not know. Every claim is confirmed by a
// conditional update of the job's row (SqlJobQueue.claimJob), so a job Redis hands out twice
// (re-added after a flush, or finished meanwhile) runs only while its row says it may.
import { Job as BullJob, Queue, Worker as BullWorker } from 'bullmq';
import type { Logger } from 'pino';
import type { SqlJobQueue } from './sql-queue.js';
import type { EnqueueInput, Job, JobQueue, JobType } from './queue.js';
import { redisClient, pingRedis, type RedisClient } from './redis.js';

const QUEUE_NAME = 'jobs';
const CLAIM_TRIES = 5;
/** Stalls are counted by the database's attempts (maxAttempts), not by BullMQ. */
const NO_STALL_LIMIT = 1_000_000;

export interface BullJobQueueOptions {
  /** The database records (state, attempts, progress…) of every job. */
  records: SqlJobQueue;
  redisUrl: string;
  /** Key prefix of every Redis key (PODIUM_REDIS_PREFIX; tests use their own). */
  prefix: string;
  logger: Logger;
  /** How often reconcile() runs on its own (0: only when called). */
  reconcileEveryMs?: number;
}

export class BullJobQueue implements JobQueue {
  private readonly queue: Queue;
  private readonly clients: RedisClient[] = [];
  private readonly probe: RedisClient;
  private consumer: BullWorker | null = null;
  /** BullMQ's handles of the jobs this process's slots hold, by job id. */
  private readonly held = new Map<string, BullJob>();
  private readonly listeners = new Set<() => void>();
  private reconciler: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly opts: BullJobQueueOptions) {
    this.queue = new Queue(QUEUE_NAME, { connection: this.client('queue') as never, prefix: opts.prefix });
    this.queue.on('error', (err) => opts.logger.warn({ err }, 'job queue: redis error'));
    this.probe = this.client('probe');
    const every = opts.reconcileEveryMs ?? 0;
    if (every > 0) {
      const tick = () => void this.reconcile().catch((err: unknown) => opts.logger.warn({ err }, 'job reconciliation failed; retried later'));
      tick();
      this.reconciler = setInterval(tick, every);
      this.reconciler.unref();
    }
  }

  async enqueue<P extends Record<string, unknown>>(input: EnqueueInput<P>): Promise<Job<P>> {
    const job = await this.opts.records.enqueue(input);
    // Recorded: with Redis away, the reconciler adds it once Redis is back.
    await this.add(job.id, job.type).catch((err: unknown) => this.opts.logger.warn({ err, jobId: job.id }, 'job recorded but not yet in redis; the reconciler adds it'));
    for (const listener of this.listeners) listener();
    return job;
  }

  async claim(workerId: string, leaseSec: number): Promise<Job | null> {
    const consumer = this.consumerFor(leaseSec);
    for (let i = 0; i < CLAIM_TRIES; i++) {
      const next = await consumer.getNextJob(workerId, { block: false });
      if (!next?.id) return null;
      const job = await this.opts.records.claimJob(next.id, workerId, leaseSec);
      if (job) {
        this.held.set(job.id, next);
        return job;
      }
      // Finished meanwhile, unknown to the database, or failed now for its attempts: not run.
      await next.moveToCompleted(null, workerId, false).catch((err: unknown) => this.opts.logger.debug({ err, jobId: next.id }, 'could not drop a job from redis'));
    }
    return null;
  }

  async renew(jobId: string, workerId: string, leaseSec: number): Promise<boolean> {
    return (await this.opts.records.renew(jobId, workerId, leaseSec)) && (await this.extendLock(jobId, workerId, leaseSec));
  }

  async progress(jobId: string, workerId: string, leaseSec: number, fraction: number, etaSec: number | null): Promise<boolean> {
    return (await this.opts.records.progress(jobId, workerId, leaseSec, fraction, etaSec)) && (await this.extendLock(jobId, workerId, leaseSec));
  }

  async complete(jobId: string, workerId: string): Promise<boolean> {
    const done = await this.opts.records.complete(jobId, workerId);
    if (done) await this.settle(jobId, (j) => j.moveToCompleted(null, workerId, false));
    return done;
  }

  async fail(jobId: string, workerId: string, error: string): Promise<boolean> {
    const failed = await this.opts.records.fail(jobId, workerId, error);
    if (failed) await this.settle(jobId, (j) => j.moveToFailed(new Error(error), workerId, false));
    return failed;
  }

  async release(jobId: string, workerId: string): Promise<boolean> {
    const released = await this.opts.records.release(jobId, workerId);
    if (released) await this.settle(jobId, (j) => j.moveToWait(workerId));
    return released;
  }

  get(jobId: string): Promise<Job | null> {
    return this.opts.records.get(jobId);
  }

  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onFailed(listener: (job: Job) => void): () => void {
    return this.opts.records.onFailed(listener);
  }

  /** Adds to Redis every job the database has as queued or running that Redis does not know; returns their ids. */
  async reconcile(): Promise<string[]> {
    const added: string[] = [];
    for (const job of await this.opts.records.unfinished()) {
      if (this.closed) break;
      if ((await this.queue.getJobState(job.id)) !== 'unknown') continue;
      await this.add(job.id, job.type);
      added.push(job.id);
    }
    if (added.length) this.opts.logger.warn({ jobs: added }, 'jobs the database has but redis had lost were queued again');
    return added;
  }

  /** Rejects when Redis does not answer (the readiness probe). */
  ping(): Promise<void> {
    return pingRedis(this.probe);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.reconciler);
    await this.consumer?.close(true).catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    for (const client of this.clients) if (client.isOpen) client.destroy();
  }

  private client(role: string): RedisClient {
    const client = redisClient(this.opts.redisUrl, this.opts.logger, role);
    this.clients.push(client);
    return client;
  }

  private async add(jobId: string, type: JobType): Promise<void> {
    // jobId: adding a job Redis already has does nothing. One attempt: a handler's failure is final.
    await this.queue.add(type, {}, { jobId, attempts: 1, removeOnComplete: true, removeOnFail: true });
  }

  /** One BullMQ worker per process, fetching manually; its lock lasts a lease, its stalled check runs every half lease. */
  private consumerFor(leaseSec: number): BullWorker {
    if (this.consumer) return this.consumer;
    const consumer = new BullWorker(QUEUE_NAME, null, {
      connection: this.client('worker') as never,
      prefix: this.opts.prefix,
      autorun: false,
      lockDuration: leaseSec * 1000,
      stalledInterval: Math.max(500, (leaseSec * 1000) / 2),
      maxStalledCount: NO_STALL_LIMIT,
    });
    consumer.on('error', (err) => this.opts.logger.warn({ err }, 'job worker: redis error'));
    void consumer.startStalledCheckTimer();
    this.consumer = consumer;
    return consumer;
  }

  private async extendLock(jobId: string, workerId: string, leaseSec: number): Promise<boolean> {
    const job = this.held.get(jobId) ?? (await BullJob.fromId(this.queue, jobId));
    // Gone from Redis (flushed): the lock is lost with it; the reconciler queues the job again.
    if (!job) return false;
    return (await job.extendLock(workerId, leaseSec * 1000)) === 1;
  }

  /**
   * Ends the job's turn in Redis once the database took the outcome from its holder (a refused
   * caller leaves Redis alone). The database has the outcome, so a failure here is only logged: the
   * job, handed out again when its lock expires, is then dropped by claim().
   */
  private async settle(jobId: string, move: (job: BullJob) => Promise<unknown>): Promise<void> {
    const job = this.held.get(jobId);
    this.held.delete(jobId);
    if (!job) return;
    await move(job).catch((err: unknown) => this.opts.logger.debug({ err, jobId }, 'redis no longer had this job locked by this worker'));
  }
}
