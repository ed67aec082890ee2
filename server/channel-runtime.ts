// Builds issue 12's channel side from the config: channels and schedules (editors), the live
// states and playlists (viewers), the guide. podium.ts passes the result to createApp().
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import { ChannelService } from './channel/channels.js';
import { ChannelViewing } from './channel/channel-viewing.js';
import { LivePlaylists } from './channel/live-playlists.js';
import { ChannelEras } from './channel/eras.js';
import { LiveStarts } from './channel/live-start.js';
import { LiveStates, SEGMENT_MS } from './channel/live-state.js';
import { ProgrammeMediaReader, type PublishedRendition } from './channel/programme-media.js';
import { ScheduleService } from './channel/schedule.js';
import { SchedulePlanView } from './channel/schedule-plan-view.js';
import type { Config } from './config.js';
import type { Models } from './db/models.js';
import { EMPTY_SUBTITLE_PATH } from './http/routes/live.js';
import type { ViewingDeps } from './http/middleware/viewer.js';
import { loadSportNames } from './i18n/sport-names.js';
import type { MediaStore } from './media/store.js';
import type { PlaybackTokens } from './rights/index.js';

/** Delta updates: a refresh lists the last minute in full (≥ 6 target durations, rfc8216bis 6.2.5.1) and skips the rest of the DVR window. */
const CAN_SKIP_UNTIL_SEC = 60;

export interface ChannelRuntimeOptions {
  config: Config;
  logger: Logger;
  sequelize: Sequelize;
  models: Models;
  media: MediaStore;
  viewing: ViewingDeps;
  localesDir: string;
  now: () => Date;
  /** The slate's rendition (server/channel/slate.ts), null while it is being packaged. */
  slate: () => Promise<PublishedRendition | null>;
  /** The schedule eras (createChannelEras), also told of availability edits by the catalog. */
  eras: ChannelEras;
}

export interface ChannelRuntime {
  channels: ChannelService;
  schedules: ScheduleService;
  /** The studio's plan of a schedule: readiness and what each region airs (server/channel/schedule-plan-view.ts). */
  plans: SchedulePlanView;
  viewing: ChannelViewing;
  playlists: LivePlaylists;
  /** A live page's first frame: the region's edge segments (server/channel/live-start.ts). */
  starts: LiveStarts;
  states: LiveStates;
}

/**
 * The schedule eras' store (server/channel/eras.ts), made before the viewer side: its availability
 * store tells it of rights and publication edits. An edit takes effect once every server has re-read
 * (PODIUM_CATALOG_CACHE_SEC).
 */
export function createChannelEras(config: Config, models: Models, now: () => Date): ChannelEras {
  return new ChannelEras({ models, now, segmentMs: SEGMENT_MS, leadMs: config.catalogCacheSec * 1000 });
}

/** The live playlists from the config (a test or bench builds a second one, with empty caches, the same way). */
export function createLivePlaylists(config: Config, states: LiveStates, tokens: PlaybackTokens, now: () => Date): LivePlaylists {
  return new LivePlaylists({
    states,
    tokens,
    now,
    tokenTtlSec: config.playbackTokenTtlSec,
    tokenBucketSec: config.playbackTokenBucketSec,
    dvrSec: config.channelDvrSec,
    canSkipUntilSec: CAN_SKIP_UNTIL_SEC,
    emptySubtitleUrl: EMPTY_SUBTITLE_PATH,
  });
}

export function createChannelRuntime(opts: ChannelRuntimeOptions): ChannelRuntime {
  const { config, logger, sequelize, models, media, viewing, now, eras } = opts;
  const states = new LiveStates({ models, reader: new ProgrammeMediaReader(media), slate: opts.slate, now, refreshMs: config.catalogCacheSec * 1000, eras, dvrMs: config.channelDvrSec * 1000, logger });
  const playlists = createLivePlaylists(config, states, viewing.tokens, now);
  const channelViewing = new ChannelViewing({
    models,
    states,
    playlists,
    now,
    dvrSec: config.channelDvrSec,
    sportName: loadSportNames(opts.localesDir),
  });
  return {
    channels: new ChannelService({ models }),
    schedules: new ScheduleService({ sequelize, models, eras }),
    plans: new SchedulePlanView({ models, states }),
    viewing: channelViewing,
    playlists,
    starts: new LiveStarts({ playlists, media }),
    states,
  };
}
