// Sequelize models, defined per Sequelize instance (no module-level model classes), so two
// databases (e.g. SQLite and PostgreSQL in one test run) can be open side by side.
// The schema itself comes from migrations/, never from sync().
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export const PROGRAMME_STATUSES = ['draft', 'processing', 'ready', 'failed'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface ProgrammeAttrs {
  id: string;
  externalId: string | null;
  status: ProgrammeStatus;
  durationSec: number | null;
  renditionId: string | null;
  /** Rendition folder relative to the media root: `<programmeId>/<renditionId>`. */
  renditionPath: string | null;
  /** Poster file name inside the rendition folder. */
  poster: string | null;
  sport: string | null;
  discipline: string | null;
  event: string | null;
  gamesEdition: string | null;
  recordedAt: Date | null;
  /** JSON array of strings. */
  tags: string;
  /** null = unpublished: never shown to viewers. */
  publishedAt: Date | null;
  /** JSON MediaTracks (server/catalog/tracks.ts) of the current rendition: audio, subtitles, storyboard; null before issue 5. */
  mediaTracks: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface AvailabilityWindowAttrs {
  id: number;
  programmeId: string;
  /** JSON array of alpha-2 codes, or ["WW"]. */
  regions: string;
  /** JSON array of alpha-2 codes. */
  exclude: string;
  startAt: Date;
  endAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface LocalizationAttrs {
  id: number;
  programmeId: string;
  locale: string;
  title: string;
  shortTitle: string;
  synopsis: string;
  /** The event's name in this language; '' = none (readers of English see the programme's typed event). */
  event: string;
  /** Per-locale poster (file in the rendition folder or absolute URL); null = the programme's. */
  poster: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface JobAttrs {
  id: string;
  programmeId: string;
  type: string;
  state: JobState;
  progress: number;
  etaSec: number | null;
  error: string | null;
  /** JSON text; the queue parses it. */
  payload: string;
  attempts: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Issue 12: a linear channel (server/channel/channels.ts). JSON fields are TEXT. */
export interface ChannelAttrs {
  id: string;
  slug: string;
  /** JSON { <locale>: name }. */
  names: string;
  /** JSON array of BCP 47 audio language tags. */
  languages: string;
  /** JSON array of BCP 47 subtitle language tags. */
  subtitleLanguages: string;
  /** JSON array of alpha-2 codes, or ["WW"]. */
  regions: string;
  timezone: string;
  loop: boolean;
  /** The schedule's version (its ETag); each accepted schedule write adds one. */
  scheduleVersion: number;
  createdAt: Date;
  updatedAt: Date;
}
/** One programme on a channel's schedule, with its computed start and end (server/channel/schedule.ts). */
export interface ScheduleEntryAttrs {
  id: string;
  channelId: string;
  position: number;
  programmeId: string;
  startAt: Date;
  endAt: Date;
  /** JSON { <REGION>: programmeId | null }. */
  alternatives: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A schedule era (server/channel/eras.ts): a snapshot of what decides a channel's airing from a slot on. */
export interface ChannelEraAttrs {
  id: number;
  channelId: string;
  /** The era's first slot's start (a multiple of the slot grid). */
  effectiveAt: Date;
  recordedAt: Date;
  cause: string;
  /** JSON EraSnapshot. */
  snapshot: string;
  /** JSON { <REGION> | "*": number } once the eras before it are pruned, else null. */
  ccBase: string | null;
}

type Auto = 'createdAt' | 'updatedAt';
export type ProgrammeRow = Model<
  ProgrammeAttrs,
  Optional<
    ProgrammeAttrs,
    Auto | 'externalId' | 'status' | 'durationSec' | 'renditionId' | 'renditionPath' | 'poster' | 'sport' | 'discipline' | 'event' | 'gamesEdition' | 'recordedAt' | 'tags' | 'publishedAt' | 'mediaTracks'
  >
> &
  ProgrammeAttrs;
export type LocalizationRow = Model<LocalizationAttrs, Optional<LocalizationAttrs, Auto | 'id' | 'shortTitle' | 'event' | 'poster'>> & LocalizationAttrs;
export type AvailabilityWindowRow = Model<AvailabilityWindowAttrs, Optional<AvailabilityWindowAttrs, Auto | 'id' | 'exclude' | 'endAt'>> & AvailabilityWindowAttrs;
export type JobRow = Model<JobAttrs, Optional<JobAttrs, Auto | 'state' | 'progress' | 'etaSec' | 'error' | 'attempts' | 'leaseOwner' | 'leaseExpiresAt'>> & JobAttrs;

export type ChannelRow = Model<ChannelAttrs, Optional<ChannelAttrs, Auto | 'subtitleLanguages' | 'regions' | 'timezone' | 'loop' | 'scheduleVersion'>> & ChannelAttrs;
export type ScheduleEntryRow = Model<ScheduleEntryAttrs, Optional<ScheduleEntryAttrs, Auto | 'alternatives'>> & ScheduleEntryAttrs;
export type ChannelEraRow = Model<ChannelEraAttrs, Optional<ChannelEraAttrs, 'id' | 'ccBase'>> & ChannelEraAttrs;

export interface Models {
  Programme: ModelStatic<ProgrammeRow>;
  Localization: ModelStatic<LocalizationRow>;
  AvailabilityWindow: ModelStatic<AvailabilityWindowRow>;
  Job: ModelStatic<JobRow>;
  Channel: ModelStatic<ChannelRow>;
  ScheduleEntry: ModelStatic<ScheduleEntryRow>;
  ChannelEra: ModelStatic<ChannelEraRow>;
}

export function defineModels(sequelize: Sequelize): Models {
  const common = { underscored: true, timestamps: true } as const;
  const Programme = sequelize.define<ProgrammeRow>(
    'Programme',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      externalId: { type: DataTypes.STRING(200), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'draft' },
      durationSec: { type: DataTypes.DOUBLE, allowNull: true },
      renditionId: { type: DataTypes.STRING(64), allowNull: true },
      renditionPath: { type: DataTypes.STRING(300), allowNull: true },
      poster: { type: DataTypes.STRING(200), allowNull: true },
      sport: { type: DataTypes.STRING(80), allowNull: true },
      discipline: { type: DataTypes.STRING(80), allowNull: true },
      event: { type: DataTypes.STRING(160), allowNull: true },
      gamesEdition: { type: DataTypes.STRING(80), allowNull: true },
      recordedAt: { type: DataTypes.DATE, allowNull: true },
      tags: { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' },
      publishedAt: { type: DataTypes.DATE, allowNull: true },
      mediaTracks: { type: DataTypes.TEXT, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { ...common, tableName: 'programmes' },
  );
  const Localization = sequelize.define<LocalizationRow>(
    'Localization',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      programmeId: { type: DataTypes.UUID, allowNull: false },
      locale: { type: DataTypes.STRING(35), allowNull: false },
      title: { type: DataTypes.STRING(300), allowNull: false },
      shortTitle: { type: DataTypes.STRING(120), allowNull: false, defaultValue: '' },
      synopsis: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      event: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
      poster: { type: DataTypes.STRING(300), allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { ...common, tableName: 'localizations' },
  );
  const Job = sequelize.define<JobRow>(
    'Job',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      programmeId: { type: DataTypes.UUID, allowNull: false },
      type: { type: DataTypes.STRING(32), allowNull: false },
      state: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'queued' },
      progress: { type: DataTypes.DOUBLE, allowNull: false, defaultValue: 0 },
      etaSec: { type: DataTypes.DOUBLE, allowNull: true },
      error: { type: DataTypes.TEXT, allowNull: true },
      payload: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      leaseOwner: { type: DataTypes.STRING(100), allowNull: true },
      leaseExpiresAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { ...common, tableName: 'jobs' },
  );
  const AvailabilityWindow = sequelize.define<AvailabilityWindowRow>(
    'AvailabilityWindow',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      programmeId: { type: DataTypes.UUID, allowNull: false },
      regions: { type: DataTypes.TEXT, allowNull: false },
      exclude: { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' },
      startAt: { type: DataTypes.DATE, allowNull: false },
      endAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { ...common, tableName: 'availability_windows' },
  );
  const Channel = sequelize.define<ChannelRow>(
    'Channel',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      slug: { type: DataTypes.STRING(64), allowNull: false },
      names: { type: DataTypes.TEXT, allowNull: false },
      languages: { type: DataTypes.TEXT, allowNull: false },
      subtitleLanguages: { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' },
      regions: { type: DataTypes.TEXT, allowNull: false, defaultValue: '["WW"]' },
      timezone: { type: DataTypes.STRING(64), allowNull: false, defaultValue: 'UTC' },
      loop: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      scheduleVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { ...common, tableName: 'channels' },
  );
  const ScheduleEntry = sequelize.define<ScheduleEntryRow>(
    'ScheduleEntry',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      channelId: { type: DataTypes.UUID, allowNull: false },
      position: { type: DataTypes.INTEGER, allowNull: false },
      programmeId: { type: DataTypes.UUID, allowNull: false },
      startAt: { type: DataTypes.DATE, allowNull: false },
      endAt: { type: DataTypes.DATE, allowNull: false },
      alternatives: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { ...common, tableName: 'schedule_entries' },
  );
  const ChannelEra = sequelize.define<ChannelEraRow>(
    'ChannelEra',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      channelId: { type: DataTypes.UUID, allowNull: false },
      effectiveAt: { type: DataTypes.DATE, allowNull: false },
      recordedAt: { type: DataTypes.DATE, allowNull: false },
      cause: { type: DataTypes.STRING(16), allowNull: false },
      snapshot: { type: DataTypes.TEXT, allowNull: false },
      ccBase: { type: DataTypes.TEXT, allowNull: true },
    },
    { underscored: true, timestamps: false, tableName: 'channel_eras' },
  );
  Programme.hasMany(Localization, { as: 'localizations', foreignKey: 'programmeId' });
  Localization.belongsTo(Programme, { foreignKey: 'programmeId' });
  Programme.hasMany(AvailabilityWindow, { as: 'windows', foreignKey: 'programmeId' });
  return { Programme, Localization, AvailabilityWindow, Job, Channel, ScheduleEntry, ChannelEra };
}
