// Assembles a running Podium from a Config: database + migrations → worker → channel slate →
// HTTP → demo catalog, then the demo channel (in the background). main.ts wraps it with process concerns (signals, exit codes); tests call it directly.
import http from 'node:http';
import { mediaFastPath, type MediaFastPath } from './http/media-fast-path.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import { transcode as realTranscode, type FfmpegBinaries } from '../transcoder/index.js';
import { createApp } from './app.js';
import { ProgrammeService } from './catalog/programmes.js';
import type { Config } from './config.js';
import type { Models } from './db/models.js';
import { seedDemo } from './demo/seed.js';
import { seedDemoChannel } from './demo/channel.js';
import { startAccounts, type AccountsRuntime } from './accounts/runtime.js';
import { StudioCatalogView } from './catalog/studio-view.js';
import type { TranscodeFn } from './jobs/transcode-job.js';
import type { JobQueue } from './jobs/queue.js';
import { TrackService } from './catalog/tracks.js';
import type { Worker } from './jobs/worker.js';
import { createJobWorker, openProcessCore } from './job-runtime.js';
import type { Metrics } from './metrics/metrics.js';
import type { Readiness } from './metrics/readiness.js';
import { MediaFileCache } from './media/file-cache.js';
import type { S3MediaStore } from './media/s3-store.js';
import { FailedSources } from './jobs/failed-sources.js';
import { startHousekeeping, type Housekeeping } from './media/housekeeping.js';
import { answerClientError, sendsOwnContinue, serverTimeouts } from './http/middleware/timeouts.js';
import type { ViewingDeps } from './http/middleware/viewer.js';
import { createSearchIndex } from './search/index.js';
import { createViewing } from './viewing.js';
import type { Channel } from './channel/channels.js';
import { createChannelEras, createChannelRuntime, type ChannelRuntime } from './channel-runtime.js';
import { Slate } from './channel/slate.js';
import { SqlQoeStore } from './qoe/store.js';
import { createTranslations } from './i18n/translations.js';
import { sourceRoots } from './i18n/check/roots.js';

/** Temp files untouched this long belong to a process that died (a live one keeps writing). */
const STALE_TEMP_MS = 60 * 60 * 1000;
/** Housekeeping runs every quarter of the upload expiry, at most hourly (PODIUM_UPLOAD_EXPIRY_SEC). */
const housekeepingEveryMs = (expirySec: number) => Math.min(60 * 60 * 1000, Math.max(1000, expirySec * 250));

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface PodiumOptions {
  config: Config;
  logger: Logger;
  bins: FfmpegBinaries;
  /** Defaults to the transcoder library's transcode(). */
  transcode?: TranscodeFn;
  /** x264 preset for the transcoder (tests pass "ultrafast"). */
  preset?: string;
  playerDir?: string;
  localesDir?: string;
  /** Folder holding demo.json. */
  contentDir?: string;
  /** Clock for rights decisions and playback tokens (tests inject one). */
  now?: () => Date;
  /**
   * Make sure the channel slate is packaged, at start (default true). Test apps leave it off unless
   * they need it: its transcode would otherwise run in every one of them.
   */
  ensureSlate?: boolean;
}

export interface Podium {
  server: http.Server;
  /** http://host:port the server listens on. */
  url: string;
  sequelize: Sequelize;
  models: Models;
  catalog: ProgrammeService;
  queue: JobQueue;
  worker: Worker;
  metrics: Metrics;
  readiness: Readiness;
  viewing: ViewingDeps;
  accounts: AccountsRuntime;
  /** Removes sources of finally failed jobs and expired unfinished uploads (its first round runs at start). */
  housekeeping: Housekeeping;
  /** Published files held in memory for delivery (PODIUM_MEDIA_CACHE_MB); its stats() for operators and tests. */
  mediaFiles: MediaFileCache;
  /** Hot segments answered before express (server/http/media-fast-path.ts). */
  deliveryFastPath: MediaFastPath;
  /** Settles once the demo catalog is seeded (ids of programmes created now). */
  demo: Promise<string[]>;
  /**
   * Settles once the demo channel is made, after the demo programmes are packaged: the channel
   * when this start created it, else null (demo off, there already, failed: logged, or closing).
   */
  demoChannel: Promise<Channel | null>;
  /** Channels, schedules, live states and playlists, the viewer's channel side (server/channel-runtime.ts). */
  channels: ChannelRuntime;
  /** The channel slate: `current()` is its rendition once packaged. */
  slate: Slate;
  /** The bucket's media store when PODIUM_S3_* are set (readiness, error counts), else null. */
  objectStore: S3MediaStore | null;
  /** The rendition folders the orphan sweep keeps: those programmes name now, and those a channel's unpruned eras still air from. */
  renditionKeys(): Promise<Set<string>>;
  close(): Promise<void>;
}

export async function startPodium(opts: PodiumOptions): Promise<Podium> {
  const { config, logger, bins } = opts;
  const { sequelize, models, readiness, metrics, queue, media, resumableUploads, objectStore } = await openProcessCore(config, logger, 'server');
  const now = opts.now ?? (() => new Date());
  const search = createSearchIndex(sequelize);
  // Told of rights, publication and rendition edits by the catalog (the channels airing a programme switch from their next slot on).
  const eras = createChannelEras(config, models, now);
  const catalog = new ProgrammeService({ sequelize, models, media, queue, search, defaultAvailability: config.defaultAvailability, now, edits: eras });
  // Before the demo seed: an empty search index is backfilled from existing localizations.
  const localesDir = opts.localesDir ?? path.join(ROOT, 'locales');
  const viewing = await createViewing({ config, logger, sequelize, models, catalog, search, localesDir, now, media, availabilityEdits: eras });
  let accounts;
  try {
    accounts = await startAccounts({ sequelize, config, logger });
  } catch (err) {
    await sequelize.close();
    throw err;
  }
  const swept = await media.sweepStale(STALE_TEMP_MS);
  if (swept.length) logger.info({ removed: swept.length }, 'removed partial uploads and renditions left by an earlier crash');

  // Issue 5: audio languages and subtitles, every audio rendition normalized to PODIUM_LOUDNESS_TARGET.
  const loudnessTarget = { integratedLufs: config.loudnessTarget, truePeakDbtp: -1, lraLu: 11 };
  const tracks = new TrackService({ models, sequelize, media, queue, bins, loudnessTarget, logger, edits: eras });
  // Issue 16: a finally failed job's source goes at once (what a crash leaves, in the housekeeping).
  const failedSources = new FailedSources({ queue, media, logger, inUse: (programmeId, key) => tracks.usesSource(programmeId, key) });
  const unfollowFailures = failedSources.follow();
  const worker = createJobWorker({ config, logger, queue, bins, media, catalog, tracks, transcode: opts.transcode ?? realTranscode, preset: opts.preset, metrics });
  worker.start();
  // Issue 12: the channel slate, packaged like an upload by the worker; channels answer not_ready until it is.
  const slate = new Slate({ catalog, media, queue, bins, logger });
  if (opts.ensureSlate ?? true) {
    await slate.ensure().catch((err: unknown) => logger.error({ err }, 'the channel slate could not be submitted for packaging; channels cannot air until a restart does it'));
  }
  const live = createChannelRuntime({ config, logger, sequelize, models, media, viewing, localesDir, now, slate: () => slate.current(), eras });
  const { channels, schedules } = live;

  // Translators' saves: history under the data dir; a saved `server` bundle reloads the server's i18next.
  const translations = createTranslations({
    localesDir,
    dataDir: config.dataPath,
    sourceRoots: sourceRoots(ROOT),
    onChange: (c) => (c.ns === 'server' ? viewing.messages.reload(c.locale, c.tree) : undefined),
  });
  let stopping = false;
  const mediaFiles = new MediaFileCache(media, { maxBytes: config.mediaCacheMb * 1024 * 1024 });
  const app = createApp({
    catalog,
    queue,
    media,
    mediaFiles,
    logger,
    accounts,
    studioView: new StudioCatalogView({ models, media, search }),
    resumableUploads,
    uploadMaxBytes: config.uploadMaxBytes,
    trustProxy: config.trustProxy,
    timeouts: { bodySec: config.bodyTimeoutSec, uploadIdleSec: config.uploadIdleTimeoutSec },
    playerDir: opts.playerDir ?? path.join(ROOT, 'player', 'dist'),
    localesDir: opts.localesDir ?? path.join(ROOT, 'locales'),
    isHealthy: () => !stopping,
    ops: { metrics, readiness },
    viewing,
    qoe: new SqlQoeStore(sequelize),
    translations,
    tracks,
    channels: live,
  });
  // Headers are bounded here; Node's whole-request timeout stays off (multi-gigabyte uploads take
  // long) and bodies are bounded per route by the app (server/http/middleware/timeouts.ts).
  // Segments and playlists are answered before express when they can be (server/http/media-fast-path.ts); the rest by the app.
  const fast = mediaFastPath({ files: mediaFiles, tokens: viewing.tokens, audit: viewing.audit, viewer: viewing.catalog, live: live.playlists, regionHeader: viewing.regionHeader, metrics });
  const server = http.createServer(serverTimeouts({ headersSec: config.headersTimeoutSec }), (req, res) => fast(req, res, () => app(req, res)));
  server.on('clientError', answerClientError);
  // `Expect: 100-continue` (curl -T does it): for source uploads the client is told to send the
  // body only once auth, the programme and the declared size have been checked (receiveBody);
  // every other request is answered 100 Continue at once, as Node does by default.
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!sendsOwnContinue(req.method, req.url)) res.writeContinue();
    server.emit('request', req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  logger.info({ url }, 'Podium is listening');
  const renditionKeys = async () => {
    const [named, aired] = await Promise.all([catalog.renditionKeys(), eras.renditionKeys()]);
    return new Set([...named, ...aired]);
  };
  const housekeeping = startHousekeeping({
    logger,
    everyMs: housekeepingEveryMs(config.uploadExpirySec),
    tasks: [
      { name: 'sources of failed jobs', run: () => failedSources.sweep() },
      { name: 'expired unfinished uploads', run: () => resumableUploads.deleteExpired() },
      // Object storage: renditions no programme and no channel era names (a crash between upload and publish, or replaced ones) after the grace period.
      { name: 'orphaned renditions', run: async () => (await media.sweepOrphans(await renditionKeys(), config.s3OrphanGraceSec * 1000)).length },
    ],
  });
  // The demo catalog is built after the server listens: a first start on an empty data dir
  // serves the page at once and the programmes turn ready as the worker transcodes them.
  const contentDir = opts.contentDir ?? path.join(ROOT, 'content');
  const demo: Promise<string[]> = config.demo
    ? seedDemo({ catalog, media, bins, logger, contentDir, localizations: viewing.localizations }).catch((err: unknown) => {
        logger.error({ err }, 'demo catalog could not be built');
        return [];
      })
    : Promise.resolve([]);
  // The demo channel waits for the demo programmes' packaging; closing stops the wait.
  const stopDemoChannel = new AbortController();
  const demoChannel: Promise<Channel | null> = config.demo
    ? demo
        .then(() => seedDemoChannel({ catalog, channels, schedules, logger, contentDir, signal: stopDemoChannel.signal }))
        .catch((err: unknown) => {
          if (!stopDemoChannel.signal.aborted) logger.error({ err }, 'demo channel could not be created');
          return null;
        })
    : Promise.resolve(null);

  let closing: Promise<void> | undefined;
  return {
    server,
    url,
    sequelize,
    models,
    catalog,
    queue,
    worker,
    metrics,
    readiness,
    viewing,
    accounts,
    housekeeping,
    mediaFiles,
    deliveryFastPath: fast,
    demo,
    demoChannel,
    channels: live,
    slate,
    objectStore,
    renditionKeys,
    close() {
      closing ??= (async () => {
        stopping = true;
        await demo;
        stopDemoChannel.abort();
        await demoChannel;
        translations.hub.shutdown();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), 5000);
        accounts.stop();
        await worker.stop();
        unfollowFailures();
        await housekeeping.stop();
        await queue.close?.();
        await closed;
        clearTimeout(force);
        await sequelize.close();
      })();
      return closing;
    },
  };
}
