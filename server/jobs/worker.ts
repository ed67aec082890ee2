// In-process worker: `concurrency` loops that claim jobs from the JobQueue, keep their lease
// alive with a heartbeat, and record the outcome. A job whose lease is lost (this process was
// too slow, another worker took it) is aborted; a job interrupted by a graceful shutdown is
// released back to the queue; one whose process died keeps its lease until it expires, then
// the next start (or another worker) takes it up again.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { jobErrorMessage } from './job-error.js';
import { LeaseLostError, type Job, type JobLease, type JobQueue, type JobType } from './queue.js';

export interface JobContext {
  signal: AbortSignal;
  /** Throttled; also renews the lease. */
  reportProgress(fraction: number, etaSec: number | null): void;
  logger: Logger;
  /** Who holds the job: a handler publishes its result under it, at most once (finishOwnedJob). */
  lease: JobLease;
}

/** What the worker tells the metrics (server/metrics/): when a job starts and how it ended. */
export interface WorkerObserver {
  jobStarted(job: Job): void;
  jobEnded(job: Job, outcome: 'succeeded' | 'failed' | 'released' | 'lost', seconds: number): void;
}

export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

export interface WorkerOptions {
  queue: JobQueue;
  /** A job type without a handler fails with "no handler for job type". */
  handlers: Partial<Record<JobType, JobHandler>>;
  concurrency: number;
  leaseSec: number;
  logger: Logger;
  /** Idle poll interval, to notice jobs from other processes and expired leases. */
  pollMs?: number;
  workerId?: string;
  observer?: WorkerObserver;
}

const PROGRESS_WRITE_MS = 500;

export class Worker {
  readonly workerId: string;
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly active = new Map<string, AbortController>();
  private readonly wakers = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly opts: WorkerOptions) {
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    if (this.running || this.opts.concurrency < 1) return;
    this.running = true;
    this.unsubscribe = this.opts.queue.onEnqueued(() => this.wakeAll());
    for (let i = 0; i < this.opts.concurrency; i++) this.loops.push(this.loop(`${this.workerId}#${i}`));
    this.opts.logger.info({ workerId: this.workerId, concurrency: this.opts.concurrency }, 'worker started');
  }

  /** Stops claiming, aborts running jobs and gives them back to the queue. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    for (const controller of this.active.values()) controller.abort(new Error('worker stopping'));
    this.wakeAll();
    await Promise.allSettled(this.loops);
    this.loops = [];
  }

  private wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private async loop(slotId: string): Promise<void> {
    const { queue, leaseSec, logger } = this.opts;
    const pollMs = this.opts.pollMs ?? Math.min(2000, (leaseSec * 1000) / 2);
    while (this.running) {
      let job: Job | null = null;
      try {
        job = await queue.claim(slotId, leaseSec);
      } catch (err) {
        logger.error({ err }, 'job claim failed');
      }
      if (!job) {
        await new Promise<void>((resolve) => {
          let timer: NodeJS.Timeout | undefined = undefined;
          const done = () => {
            clearTimeout(timer);
            this.wakers.delete(done);
            resolve();
          };
          timer = setTimeout(done, pollMs);
          this.wakers.add(done);
        });
        continue;
      }
      await this.run(job, slotId);
    }
  }

  private async run(job: Job, slotId: string): Promise<void> {
    const { queue, leaseSec } = this.opts;
    const logger = this.opts.logger.child({ jobId: job.id, programmeId: job.programmeId, attempt: job.attempts });
    const controller = new AbortController();
    this.active.set(job.id, controller);
    const started = Date.now();
    const ended = (outcome: Parameters<WorkerObserver['jobEnded']>[1]) => this.opts.observer?.jobEnded(job, outcome, (Date.now() - started) / 1000);
    this.opts.observer?.jobStarted(job);
    let leaseLost = false;
    const loseLease = () => {
      if (leaseLost) return;
      leaseLost = true;
      logger.warn('job lease lost; aborting');
      controller.abort(new Error('lease lost'));
    };
    const heartbeat = setInterval(() => {
      queue.renew(job.id, slotId, leaseSec).then((ok) => ok || loseLease(), (err) => logger.warn({ err }, 'lease renewal failed'));
    }, (leaseSec * 1000) / 3);
    let lastWrite = 0;
    const ctx: JobContext = {
      signal: controller.signal,
      logger,
      lease: { jobId: job.id, owner: slotId },
      reportProgress: (fraction, etaSec) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_WRITE_MS) return;
        lastWrite = now;
        queue.progress(job.id, slotId, leaseSec, fraction, etaSec).then((ok) => ok || loseLease(), (err) => logger.warn({ err }, 'progress write failed'));
      },
    };
    logger.info({ type: job.type }, 'job started');
    try {
      const handler = this.opts.handlers[job.type];
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      await handler(job, ctx);
      if (await queue.complete(job.id, slotId)) logger.info('job succeeded');
      ended('succeeded');
    } catch (err) {
      if (err instanceof LeaseLostError) loseLease();
      if (controller.signal.aborted && !leaseLost) {
        const released = await queue.release(job.id, slotId).catch(() => false);
        logger.warn({ released }, 'job interrupted by shutdown; it will be taken up again');
        ended('released');
      } else if (controller.signal.aborted) {
        logger.warn('job abandoned: another worker holds its lease');
        ended('lost');
      } else {
        ended('failed');
        // The log has the whole error; the job (read by editors, over the API) a path-free one.
        const message = jobErrorMessage(err);
        logger.error({ err }, 'job failed');
        await queue.fail(job.id, slotId, message).catch((e) => logger.error({ err: e }, 'could not record job failure'));
      }
    } finally {
      clearInterval(heartbeat);
      this.active.delete(job.id);
    }
  }
}
