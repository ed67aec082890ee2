// What every Podium process starts with, from the config, shared by the server (server/podium.ts,
// its in-process workers: PODIUM_WORKERS) and the worker-only process (server/worker-process.ts):
// the migrated database, its readiness probes and metrics, the job queue — SQL by default,
// BullMQ with REDIS_URL — the media storage (disk, or the bucket with PODIUM_S3_*: its failures
// counted in the metrics, the bucket in /readyz) and a Worker running the transcode and audio handlers.
import type { Logger } from 'pino';
import type { FfmpegBinaries } from '../transcoder/index.js';
import type { ProgrammeService } from './catalog/programmes.js';
import type { TrackService } from './catalog/tracks.js';
import type { Config } from './config.js';
import type { Sequelize } from 'sequelize';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { defineModels, type Models } from './db/models.js';
import { audioJobHandler } from './jobs/audio-job.js';
import { BullJobQueue } from './jobs/bull-queue.js';
import type { JobQueue } from './jobs/queue.js';
import { SqlJobQueue } from './jobs/sql-queue.js';
import { transcodeJobHandler, type TranscodeFn } from './jobs/transcode-job.js';
import { Worker } from './jobs/worker.js';
import type { MediaStore } from './media/store.js';
import { createMediaStorage, type MediaStorage } from './media/storage.js';
import { Metrics } from './metrics/metrics.js';
import { Readiness } from './metrics/readiness.js';

export interface ProcessCore extends JobQueueRuntime, MediaStorage {
  sequelize: Sequelize;
  models: Models;
  readiness: Readiness;
  metrics: Metrics;
}

/** The database (pool sizes from the config; migrated, once across processes), the queue, /readyz's probes and the metrics. */
export async function openProcessCore(config: Config, logger: Logger, role: 'server' | 'worker'): Promise<ProcessCore> {
  const sequelize = await openDatabase(config.database, logger, { max: config.dbPoolMax, min: config.dbPoolMin });
  try {
    await migrate(sequelize, logger);
  } catch (err) {
    await sequelize.close();
    throw err;
  }
  const models = defineModels(sequelize);
  const readiness = new Readiness().add('database', () => sequelize.authenticate());
  const { queue, records } = createJobQueue(config, models, logger, readiness);
  const metrics = new Metrics({ role, jobCounts: () => records.countByStateAndType() });
  const storage = createMediaStorage(config);
  const bucket = storage.objectStore;
  if (bucket) {
    readiness.add('bucket', () => bucket.check());
    bucket.errors.onError = (operation) => metrics.countObjectStorageError(operation);
  }
  return { sequelize, models, readiness, metrics, queue, records, ...storage };
}

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
