// Programmes, their localizations and the job queue.
import type { MigrationContext } from '../migrate.js';

export async function up({ qi, transaction, DataTypes }: MigrationContext): Promise<void> {
  const timestamps = {
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  };
  await qi.createTable(
    'programmes',
    {
      id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
      external_id: { type: DataTypes.STRING(200), allowNull: true, unique: true },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'draft' },
      duration_sec: { type: DataTypes.DOUBLE, allowNull: true },
      rendition_id: { type: DataTypes.STRING(64), allowNull: true },
      rendition_path: { type: DataTypes.STRING(300), allowNull: true },
      poster: { type: DataTypes.STRING(200), allowNull: true },
      ...timestamps,
    },
    { transaction },
  );
  await qi.createTable(
    'localizations',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      programme_id: {
        type: DataTypes.UUID,
        allowNull: false,
        references: { model: 'programmes', key: 'id' },
        onDelete: 'CASCADE',
      },
      locale: { type: DataTypes.STRING(35), allowNull: false },
      title: { type: DataTypes.STRING(300), allowNull: false },
      synopsis: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      ...timestamps,
    },
    { transaction },
  );
  await qi.addIndex('localizations', ['programme_id', 'locale'], { unique: true, name: 'localizations_programme_locale', transaction });
  await qi.createTable(
    'jobs',
    {
      id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
      programme_id: {
        type: DataTypes.UUID,
        allowNull: false,
        references: { model: 'programmes', key: 'id' },
        onDelete: 'CASCADE',
      },
      type: { type: DataTypes.STRING(32), allowNull: false },
      state: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'queued' },
      progress: { type: DataTypes.DOUBLE, allowNull: false, defaultValue: 0 },
      eta_sec: { type: DataTypes.DOUBLE, allowNull: true },
      error: { type: DataTypes.TEXT, allowNull: true },
      payload: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lease_owner: { type: DataTypes.STRING(100), allowNull: true },
      lease_expires_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps,
    },
    { transaction },
  );
  await qi.addIndex('jobs', ['state', 'created_at'], { name: 'jobs_state_created', transaction });
  await qi.addIndex('jobs', ['programme_id'], { name: 'jobs_programme', transaction });
}

export async function down({ qi, transaction }: MigrationContext): Promise<void> {
  await qi.dropTable('jobs', { transaction });
  await qi.dropTable('localizations', { transaction });
  await qi.dropTable('programmes', { transaction });
}
