// createApp(deps): the express app, built only from injected dependencies (no module state),
// so tests can run several apps side by side.
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { ProgrammeService } from './catalog/programmes.js';
import type { JobQueue } from './jobs/queue.js';
import type { MediaStore } from './media/store.js';
import type { MediaFileCache } from './media/file-cache.js';
import { errorHandler, notFoundHandler } from './http/middleware/error-handler.js';
import { requestLog } from './http/middleware/request-log.js';
import { compressAnswers } from './http/middleware/compress.js';
import { opsRoutes } from './http/routes/ops.js';
import { Metrics } from './metrics/metrics.js';
import { Readiness } from './metrics/readiness.js';
import { bodyTimeouts } from './http/middleware/timeouts.js';
import { refuseBadQuery } from './http/middleware/validate.js';
import type { AccountsRuntime } from './accounts/runtime.js';
import type { StudioCatalogView } from './catalog/studio-view.js';
import { authRoutes } from './http/routes/auth.js';
import { studioApiRoutes } from './http/routes/studio.js';
import { describeStudioApi } from './http/routes/studio-openapi.js';
import { tokenRoutes } from './http/routes/tokens.js';
import { jobEventRoutes } from './http/routes/job-events.js';
import { uploadRoutes } from './http/routes/uploads.js';
import { authenticateRequest } from './http/middleware/session-auth.js';
import { studioRoutes } from './http/routes/studio-pages.js';
import { signedMediaHandler } from './http/routes/media.js';
import { openApiRoute } from './http/routes/openapi.js';
import { discoveryRoutes } from './http/routes/discovery.js';
import { programmeEditingRoutes } from './http/routes/programme-editing.js';
import { programmeMetadataRoutes } from './http/routes/programme-metadata.js';
import { programmeTrackRoutes } from './http/routes/programme-tracks.js';
import type { TrackService } from './catalog/tracks.js';
import { unavailableHandler, viewerContext, type ViewingDeps } from './http/middleware/viewer.js';
import { playerRoutes } from './http/routes/player.js';
import { watchPageHandler } from './http/routes/watch-page.js';
import { channelPageHandler } from './http/routes/channel-page.js';
import { bundleRoutes, i18nEventRoutes, translationRoutes } from './http/routes/translations.js';
import type { TranslationsRuntime } from './i18n/translations.js';
import { jobRoutes } from './http/routes/jobs.js';
import { programmeRoutes } from './http/routes/programmes.js';
import { qoeRoutes } from './http/routes/qoe.js';
import { channelRoutes } from './http/routes/channels.js';
import { channelViewingRoutes, guideFileRoutes } from './http/routes/channel-viewing.js';
import { liveRoutes } from './http/routes/live.js';
import type { ChannelService } from './channel/channels.js';
import type { ChannelViewing } from './channel/channel-viewing.js';
import type { LivePlaylists } from './channel/live-playlists.js';
import type { LiveStarts } from './channel/live-start.js';
import type { ScheduleService } from './channel/schedule.js';
import type { SchedulePlanView } from './channel/schedule-plan-view.js';
import type { QoeStore } from './qoe/store.js';
import type { ResumableUploads } from './media/resumable-store.js';

export interface AppDeps {
  /** Accounts, sessions, API tokens, CSRF: who is calling (server/accounts/runtime.ts). */
  accounts: AccountsRuntime;
  /** The studio's read side: every programme, drafts included. */
  studioView: StudioCatalogView;
  /** Partial resumable (tus) uploads, with their expiry (server/media/resumable-store.ts). */
  resumableUploads: ResumableUploads;
  /** How often a job's event stream reads the job (default 500 ms). */
  jobEventsPollMs?: number;
  catalog: ProgrammeService;
  queue: JobQueue;
  media: MediaStore;
  /** Published files for signed delivery: held in memory within PODIUM_MEDIA_CACHE_MB (server/media/file-cache.ts), in front of `media`. */
  mediaFiles: MediaFileCache;
  logger: Logger;
  uploadMaxBytes: number;
  /** Built player (index.html + assets). */
  playerDir: string;
  /** locales/<lng>/<ns>.json */
  localesDir: string;
  /** Answers /healthz; false while shutting down. */
  isHealthy?: () => boolean;
  /** /metrics and /readyz (server/metrics/); a bare pair when absent. */
  ops?: { metrics: Metrics; readiness: Readiness };
  /** Player quality-of-experience beacons and their summary. */
  qoe: QoeStore;
  /** Regions, locale negotiation, rights, signed playback, search, OpenAPI (issue 3, viewer side). */
  viewing: ViewingDeps;
  /** The translator's editor: translation store on localesDir, bundle hub, service (server/i18n/translations.ts). */
  translations: TranslationsRuntime;
  /** PODIUM_TRUST_PROXY: express's `trust proxy` (req.ip from X-Forwarded-For through these proxies); absent = the socket address. */
  trustProxy?: number | readonly string[];
  /** Audio languages and subtitles (issue 5); the routes are mounted when present. */
  tracks?: TrackService;
  /** Linear channels: their schedules, the viewer's side and the live playlists (issue 12, server/channel/). */
  channels: { channels: ChannelService; schedules: ScheduleService; plans: SchedulePlanView; viewing: ChannelViewing; playlists: LivePlaylists; starts: LiveStarts };
  /** PODIUM_BODY_TIMEOUT_SEC and PODIUM_UPLOAD_IDLE_TIMEOUT_SEC: how long a request body may take (server/http/middleware/timeouts.ts). */
  timeouts: { bodySec: number; uploadIdleSec: number };
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');
  // The client address sign-in rate limits count: behind a proxy, the one it forwards (if trusted).
  app.set('trust proxy', deps.trustProxy === undefined ? false : typeof deps.trustProxy === 'number' ? deps.trustProxy : [...deps.trustProxy]);

  // A request id in every log line of the request, and its latency by route in /metrics.
  app.use(requestLog(deps.logger, deps.ops?.metrics));
  // Before anything reads a body: a slow one is cut off (408) wherever it goes.
  app.use(bodyTimeouts(deps.timeouts));
  // No route takes a control character or a lone surrogate in its query (400 naming the parameter).
  const badQuery = refuseBadQuery();
  const viewer = viewerContext(deps.viewing);
  // Delivery first (issue 14): segments and playlists are most of the requests at Games scale, and
  // none of the HTML pages' headers (helmet: CSP, frame options…) means anything for them, so they
  // skip the thirty layers below. Signed URLs only (/media/t/<token>/<programme>/<rendition>/<file>);
  // no unsigned route for viewers. A channel's live playlists are signed per region; their segments
  // are ordinary /media/t/ URLs.
  app.use('/media/t', badQuery, viewer, signedMediaHandler({ files: deps.mediaFiles, tokens: deps.viewing.tokens, viewer: deps.viewing.catalog, audit: deps.viewing.audit, regionHeader: deps.viewing.regionHeader }));
  app.use('/live', badQuery, viewer, liveRoutes({ playlists: deps.channels.playlists, tokens: deps.viewing.tokens, regionHeader: deps.viewing.regionHeader }));

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // video.js injects its base styles at run time
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          // hls.js feeds MediaSource through blob: URLs and may run its demuxer in a blob: worker
          // data: — hls.js 1.7 gives each subtitle track a <track src="data:,WEBVTT"> placeholder
          mediaSrc: ["'self'", 'blob:', 'data:'],
          workerSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'self'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          // Podium is often reached over plain http on a LAN address: do not rewrite its own URLs to https
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  // Every answer from here on may be compressed (text over 1 KiB: server/http/middleware/compress.ts);
  // the delivery routes above never see it, and the player's files come precompressed.
  app.use(compressAnswers());
  app.use(opsRoutes({ metrics: deps.ops?.metrics ?? new Metrics({ role: 'server' }), readiness: deps.ops?.readiness ?? new Readiness(), isHealthy: deps.isHealthy }));
  app.use(badQuery);
  // Who is calling (bearer token or studio session + CSRF token); the route guards decide.
  app.use('/api', authenticateRequest({ accounts: deps.accounts.service, csrf: deps.accounts.csrf, cookieName: deps.accounts.cookie.name }));
  app.use('/api/auth', authRoutes({ accounts: deps.accounts, locales: deps.viewing.messages.locales }));
  app.use('/api/tokens', tokenRoutes(deps));
  app.use('/api/uploads', uploadRoutes(deps));
  app.use('/api/studio', studioApiRoutes({ studioView: deps.studioView, channels: deps.channels, openapi: deps.viewing.openapi }));
  describeStudioApi(deps.viewing.openapi, deps.viewing.messages.locales);
  // Viewer routes: region + locale for every request (Content-Language, Vary), incl. playlists and segments.
  app.use(['/api/programmes', '/api/regions', '/api/search', '/api/channels', '/api/epg.xml', '/api/channels.m3u', '/media', '/watch', '/channel'], viewer);
  app.use('/api', openApiRoute(deps.viewing.openapi, { title: 'Podium API', version: '1' }));
  app.use('/api', discoveryRoutes({ ...deps.viewing, viewer: deps.viewing.catalog }));
  app.use('/api/programmes', programmeEditingRoutes(deps.viewing));
  app.use('/api/programmes', programmeMetadataRoutes({ catalog: deps.catalog, posters: deps.viewing.posters, openapi: deps.viewing.openapi }));
  if (deps.tracks) app.use('/api/programmes', programmeTrackRoutes({ tracks: deps.tracks, media: deps.media, uploadMaxBytes: deps.uploadMaxBytes, openapi: deps.viewing.openapi }));
  app.use('/api/programmes', programmeRoutes({ ...deps, viewer: deps.viewing.catalog, openapi: deps.viewing.openapi }));
  app.use('/api/jobs', jobEventRoutes(deps));
  app.use('/api/jobs', jobRoutes(deps));
  app.use('/api/qoe', qoeRoutes(deps));
  app.use('/api/channels', channelRoutes({ ...deps.channels, openapi: deps.viewing.openapi }));
  app.use('/api/channels', channelViewingRoutes({ viewing: deps.channels.viewing, openapi: deps.viewing.openapi }));
  app.use('/api', guideFileRoutes({ viewing: deps.channels.viewing, openapi: deps.viewing.openapi }));
  app.use('/api/translations', translationRoutes({ translations: deps.translations.service, hub: deps.translations.hub, studioView: deps.studioView, openapi: deps.viewing.openapi }));
  app.use('/api/i18n', i18nEventRoutes(deps.translations));
  app.use('/api', notFoundHandler());
  // Bundles without @meta; ?v=<version> (GET /api/i18n/version, or the change events) is immutable.
  app.use('/locales', bundleRoutes(deps.translations));
  // The studio's shell is written in the editor's language: the session (if any) names the account.
  app.use(
    '/studio',
    authenticateRequest({ accounts: deps.accounts.service, csrf: deps.accounts.csrf, cookieName: deps.accounts.cookie.name }),
    studioRoutes({ locales: deps.viewing.messages.locales, accounts: deps.accounts.store }),
  );
  // More pages of the player's single-page app: served as its index (the "/" route below).
  app.get(['/programme/:id', '/search'], (req, _res, next) => {
    req.url = '/';
    next();
  });
  // The watch page with its first frame's segments in it (falls through to the plain index).
  app.get('/watch/:id', watchPageHandler({ playerDir: deps.playerDir, media: deps.media, viewer: deps.viewing.catalog }));
  // A live channel's page with the live edge's first segments in it (issue 12; the plain index otherwise).
  app.get('/channel/:id', channelPageHandler({ playerDir: deps.playerDir, starts: deps.channels.starts }));
  app.use(playerRoutes(deps.playerDir));
  app.use(notFoundHandler());
  app.use(unavailableHandler(deps.viewing));
  app.use(errorHandler(deps.logger));
  return app;
}
