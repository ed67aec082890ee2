// Builds issue 3's viewer side from the config: region table, server messages (i18next),
// playback tokens, rights audit (pino), availability and localization stores, the rights-aware
// viewer catalog and the OpenAPI registry. podium.ts passes the result to createApp().
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import { AvailabilityStore, type AvailabilityEdits } from './catalog/availability.js';
import { LocalizationStore, backfillSearchIndex } from './catalog/localizations.js';
import type { ProgrammeService } from './catalog/programmes.js';
import { ViewerCatalog } from './catalog/viewer.js';
import { PublishedSnapshot } from './catalog/published-snapshot.js';
import type { Config } from './config.js';
import type { Models } from './db/models.js';
import type { MediaStore } from './media/store.js';
import { PosterStore } from './catalog/posters.js';
import { loadServerMessages } from './http/messages.js';
import { OpenApiRegistry } from './http/openapi.js';
import type { ViewingDeps } from './http/middleware/viewer.js';
import { RegionTable } from './regions/index.js';
import { PlaybackTokens, createRightsAudit } from './rights/index.js';
import type { SearchIndex } from './search/index.js';

export interface ViewingOptions {
  config: Config;
  logger: Logger;
  sequelize: Sequelize;
  models: Models;
  catalog: ProgrammeService;
  search: SearchIndex;
  localesDir: string;
  now: () => Date;
  /** Where per-locale posters are stored. */
  media: MediaStore;
  /** Told of every availability and publication edit (the channels' schedule eras: server/channel/eras.ts). */
  availabilityEdits: AvailabilityEdits;
}

export async function createViewing(opts: ViewingOptions): Promise<ViewingDeps> {
  const { config, logger, sequelize, models, catalog, search, now, media } = opts;
  const secret = config.playbackSecret ?? randomBytes(32).toString('base64url');
  if (!config.playbackSecret) logger.info('PODIUM_PLAYBACK_SECRET is not set: signed playback URLs are valid for this process only');
  const tokens = new PlaybackTokens({ secrets: [secret], ttlSec: config.playbackTokenTtlSec, now });
  const audit = createRightsAudit({ now, sink: (e) => logger.info({ audit: 'rights', ...e }, 'rights decision') });
  const availability = new AvailabilityStore({ sequelize, models, edits: opts.availabilityEdits });
  const localizations = new LocalizationStore({ sequelize, models, search, media });
  await backfillSearchIndex({ sequelize, models, search }, logger);
  return {
    regions: new RegionTable(),
    defaultRegion: config.defaultRegion,
    regionHeader: config.regionHeader ?? null,
    messages: await loadServerMessages(opts.localesDir),
    catalog: new ViewerCatalog({
      sequelize,
      models,
      catalog,
      availability,
      search,
      tokens,
      audit,
      now,
      tokenTtlSec: config.playbackTokenTtlSec,
      tokenBucketSec: config.playbackTokenBucketSec,
      snapshot: config.catalogCacheSec > 0 ? new PublishedSnapshot({ models, ttlMs: config.catalogCacheSec * 1000 }) : undefined,
    }),
    availability,
    localizations,
    posters: new PosterStore({ sequelize, models, media }),
    tokens,
    audit,
    openapi: new OpenApiRegistry(),
    now,
  };
}
