// What a Podium process measures, in Prometheus's text format (prom-client): HTTP latency by route
// pattern, jobs by state and type (read from the database at scrape time, so every process shows
// the whole queue), how long jobs waited, encode speed as a multiple of real time, and
// object-storage errors. One registry per process object (no prom-client global), so tests can run
// several apps side by side. Nothing here knows HTTP frameworks: the request middleware
// (server/http/middleware/request-log.ts) and the worker feed it.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { WorkerObserver } from '../jobs/worker.js';

export interface MetricsOptions {
  /** 'server' or 'worker': a label on every series. */
  role: string;
  /** Jobs per state and type, read when /metrics is scraped. */
  jobCounts?: () => Promise<{ state: string; type: string; count: number }[]>;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly queueWait: Histogram<'type'>;
  private readonly jobRun: Histogram<'type' | 'outcome'>;
  private readonly encodeSpeed: Histogram;
  private readonly storageErrors: Counter<'op'>;

  constructor(opts: MetricsOptions) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ role: opts.role });
    collectDefaultMetrics({ register: this.registry, prefix: 'podium_process_' });
    this.http = new Histogram({
      name: 'podium_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern (not the raw URL), method and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.queueWait = new Histogram({
      name: 'podium_job_queue_wait_seconds',
      help: 'Time from a job being queued to its first start.',
      labelNames: ['type'],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    });
    this.jobRun = new Histogram({
      name: 'podium_job_run_seconds',
      help: 'How long one run of a job took, by outcome (succeeded, failed, released at shutdown, lost to another worker).',
      labelNames: ['type', 'outcome'],
      buckets: [1, 5, 15, 60, 300, 900, 3600, 4 * 3600],
      registers,
    });
    this.encodeSpeed = new Histogram({
      name: 'podium_encode_speed_ratio',
      help: 'Media seconds encoded per wall-clock second (a multiple of real time), per transcode.',
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
      registers,
    });
    this.storageErrors = new Counter({
      name: 'podium_object_storage_errors_total',
      help: 'Object-storage operations that failed, by operation.',
      labelNames: ['op'],
      registers,
    });
    const jobCounts = opts.jobCounts;
    if (jobCounts) {
      new Gauge({
        name: 'podium_jobs',
        help: 'Jobs in the database by state and type (every process sees the whole queue).',
        labelNames: ['state', 'type'],
        registers,
        async collect() {
          this.reset();
          for (const row of await jobCounts().catch(() => [])) this.set({ state: row.state, type: row.type }, row.count);
        },
      });
    }
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  observeEncode(mediaSec: number, wallSec: number): void {
    if (mediaSec > 0 && wallSec > 0) this.encodeSpeed.observe(mediaSec / wallSec);
  }

  /** For the object store: one failed operation (`get`, `put`, `head`, `delete`, `list`…). */
  readonly countObjectStorageError = (op: string): void => {
    this.storageErrors.inc({ op });
  };

  /** The worker's hooks: queue wait at a job's first start, run time by outcome. */
  workerObserver(): WorkerObserver {
    return {
      jobStarted: (job) => {
        if (job.attempts <= 1) this.queueWait.observe({ type: job.type }, Math.max(0, (Date.now() - job.createdAt.getTime()) / 1000));
      },
      jobEnded: (job, outcome, seconds) => this.jobRun.observe({ type: job.type, outcome }, seconds),
    };
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
