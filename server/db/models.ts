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
  createdAt: Date;
  updatedAt: Date;
}
export interface LocalizationAttrs {
  id: number;
  programmeId: string;
  locale: string;
  title: string;
  synopsis: string;
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

type Auto = 'createdAt' | 'updatedAt';
export type ProgrammeRow = Model<ProgrammeAttrs, Optional<ProgrammeAttrs, Auto | 'externalId' | 'status' | 'durationSec' | 'renditionId' | 'renditionPath' | 'poster'>> & ProgrammeAttrs;
export type LocalizationRow = Model<LocalizationAttrs, Optional<LocalizationAttrs, Auto | 'id'>> & LocalizationAttrs;
export type JobRow = Model<JobAttrs, Optional<JobAttrs, Auto | 'state' | 'progress' | 'etaSec' | 'error' | 'attempts' | 'leaseOwner' | 'leaseExpiresAt'>> & JobAttrs;

export interface Models {
  Programme: ModelStatic<ProgrammeRow>;
  Localization: ModelStatic<LocalizationRow>;
  Job: ModelStatic<JobRow>;
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
      synopsis: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
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
  Programme.hasMany(Localization, { as: 'localizations', foreignKey: 'programmeId' });
  Localization.belongsTo(Programme, { foreignKey: 'programmeId' });
  return { Programme, Localization, Job };
}
