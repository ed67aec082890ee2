// The job side of a process, from the config, shared by the server (server/podium.ts, its
// in-process workers: PODIUM_WORKERS) and the worker-only process (server/worker-process.ts):
// the queue — SQL by default, BullMQ with REDIS_URL — and a Worker running the transcode and
// audio handlers, observed by the metrics.
import type { Logger } from 'pino';
import type { FfmpegBinaries } from '../transcoder/index.js';
import type { ProgrammeService } from './catalog/programmes.js';
import type { TrackService } from './catalog/tracks.js';
import type { Config } from './config.js';
import type { Models } from './db/models.js';
import { audioJobHandler } from './jobs/audio-job.js';
import { BullJobQueue } from './jobs/bull-queue.js';
import type { JobQueue } from './jobs/queue.js';
import { SqlJobQueue } from './jobs/sql-queue.js';
import { transcodeJobHandler, type TranscodeFn } from './jobs/transcode-job.js';
import { Worker } from './jobs/worker.js';
import type { MediaStore } from './media/store.js';
import type { Metrics } from './metrics/metrics.js';
import type { Readiness } from './metrics/readiness.js';

export interface JobQueueRuntime {
  queue: JobQueue;
  /** The database's records of every job (the queue itself without REDIS_URL). */
  records: SqlJobQueue;
}

/** SQL queue by default; BullMQ on REDIS_URL, its reconciler running, Redis added to the readiness probes. */
export function createJobQueue(config: Config, models: Models, logger: Logger, readiness?: Readiness): JobQueueRuntime {
  const records = new SqlJobQueue(models);
  if (!config.redisUrl) return { queue: records, records };
  const queue = new BullJobQueue({ records, redisUrl: config.redisUrl, prefix: config.redisPrefix, logger, reconcileEveryMs: config.jobReconcileSec * 1000 });
  readiness?.add('redis', () => queue.ping());
  return { queue, records };
}

export interface JobWorkerDeps {
  config: Config;
  logger: Logger;
  queue: JobQueue;
  bins: FfmpegBinaries;
  media: MediaStore;
  catalog: ProgrammeService;
  tracks: TrackService;
  transcode: TranscodeFn;
  preset?: string;
  metrics?: Metrics;
  /** Slots; PODIUM_WORKERS by default. */
  concurrency?: number;
}

export function createJobWorker(d: JobWorkerDeps): Worker {
  const loudnessTarget = { integratedLufs: d.config.loudnessTarget, truePeakDbtp: -1, lraLu: 11 };
  return new Worker({
    queue: d.queue,
    concurrency: d.concurrency ?? d.config.workers,
    leaseSec: d.config.jobLeaseSec,
    logger: d.logger,
    ...(d.metrics ? { observer: d.metrics.workerObserver() } : {}),
    handlers: {
      transcode: transcodeJobHandler({
        bins: d.bins,
        media: d.media,
        catalog: d.catalog,
        transcode: d.transcode,
        preset: d.preset,
        loudnessTarget,
        tracks: d.tracks,
        ...(d.metrics ? { onEncoded: (mediaSec: number, wallSec: number) => d.metrics!.observeEncode(mediaSec, wallSec) } : {}),
      }),
      audio: audioJobHandler(d.tracks),
    },
  });
}
