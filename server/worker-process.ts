// A worker-only process (`npm run worker`): database + migrations → the job queue (BullMQ with
// REDIS_URL, else the database's) → PODIUM_WORKERS slots running transcodes and audio jobs. Its
// only HTTP answers are /healthz, /readyz and /metrics on PODIUM_WORKER_PORT. Stopping hands
// running jobs back to the queue (they are taken up again at once by another worker).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from 'pino';
import { transcode as realTranscode, type FfmpegBinaries } from '../transcoder/index.js';
import { ProgrammeService } from './catalog/programmes.js';
import { createChannelEras } from './channel-runtime.js';
import { TrackService } from './catalog/tracks.js';
import type { Config } from './config.js';
import { opsRoutes } from './http/routes/ops.js';
import { FailedSources } from './jobs/failed-sources.js';
import type { TranscodeFn } from './jobs/transcode-job.js';
import type { Worker } from './jobs/worker.js';
import { createJobWorker, openProcessCore } from './job-runtime.js';
import { createSearchIndex } from './search/index.js';

export interface WorkerProcessOptions {
  config: Config;
  logger: Logger;
  bins: FfmpegBinaries;
  transcode?: TranscodeFn;
  preset?: string;
}

export interface WorkerProcess {
  worker: Worker;
  /** http://host:port of /healthz, /readyz, /metrics */
  url: string;
  close(): Promise<void>;
}

export async function startWorkerProcess(opts: WorkerProcessOptions): Promise<WorkerProcess> {
  const { config, logger, bins } = opts;
  if (config.workers < 1) throw new Error('PODIUM_WORKERS: a worker process needs at least 1 (got 0)');
  const { sequelize, models, readiness, metrics, queue, media } = await openProcessCore(config, logger, 'worker');
  const now = () => new Date();
  // A rendition a job publishes airs on the channels from their next slot on (server/channel/eras.ts).
  const eras = createChannelEras(config, models, now);
  const catalog = new ProgrammeService({ sequelize, models, media, queue, search: createSearchIndex(sequelize), defaultAvailability: config.defaultAvailability, now, edits: eras });
  const loudnessTarget = { integratedLufs: config.loudnessTarget, truePeakDbtp: -1, lraLu: 11 };
  const tracks = new TrackService({ models, sequelize, media, queue, bins, loudnessTarget, logger, edits: eras });
  const unfollowFailures = new FailedSources({ queue, media, logger, inUse: (programmeId, key) => tracks.usesSource(programmeId, key) }).follow();
  const worker = createJobWorker({ config, logger, queue, bins, media, catalog, tracks, transcode: opts.transcode ?? realTranscode, preset: opts.preset, metrics });

  let stopping = false;
  const app = express();
  app.disable('x-powered-by');
  app.use(opsRoutes({ metrics, readiness, isHealthy: () => !stopping }));
  app.use((_req, res) => void res.status(404).json({ error: { code: 'not_found', message: 'a worker answers /healthz, /readyz and /metrics only' } }));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.workerPort, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address}:${address.port}`;
  worker.start();
  logger.info({ url, workers: config.workers, queue: config.redisUrl ? 'redis' : 'database' }, 'Podium worker started');

  let closing: Promise<void> | undefined;
  return {
    worker,
    url,
    close() {
      closing ??= (async () => {
        stopping = true;
        await worker.stop();
        unfollowFailures();
        await queue.close?.();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await sequelize.close();
      })();
      return closing;
    },
  };
}
