// Issue 12: linear channels and their schedules. A schedule entry stores its computed start and
// end (ms precision) so the live playlist and the guide read times, never re-chain durations;
// `channels.schedule_version` is the schedule's ETag (If-Match on every write). JSON lists are
// TEXT, as elsewhere, so SQLite and PostgreSQL read them the same way.
import type { MigrationContext } from '../migrate.js';

export async function up({ qi, transaction, DataTypes }: MigrationContext): Promise<void> {
  await qi.createTable(
    'channels',
    {
      id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
      slug: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      /** JSON { <BCP 47 locale>: name }. */
      names: { type: DataTypes.TEXT, allowNull: false },
      /** JSON array of BCP 47 audio language tags (fixed for the whole channel). */
      languages: { type: DataTypes.TEXT, allowNull: false },
      /** JSON array of BCP 47 subtitle language tags. */
      subtitle_languages: { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' },
      /** JSON array of alpha-2 codes, or ["WW"]. */
      regions: { type: DataTypes.TEXT, allowNull: false, defaultValue: '["WW"]' },
      /** IANA zone the studio's day view and the guide grid use. */
      timezone: { type: DataTypes.STRING(64), allowNull: false, defaultValue: 'UTC' },
      loop: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      schedule_version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    { transaction },
  );
  await qi.createTable(
    'schedule_entries',
    {
      id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
      channel_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'channels', key: 'id' }, onDelete: 'CASCADE' },
      position: { type: DataTypes.INTEGER, allowNull: false },
      // RESTRICT: a programme on a schedule cannot vanish from under it (no deletion exists yet;
      // whoever adds one decides what a schedule does then).
      programme_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'programmes', key: 'id' }, onDelete: 'RESTRICT' },
      start_at: { type: DataTypes.DATE, allowNull: false },
      end_at: { type: DataTypes.DATE, allowNull: false },
      /** JSON { <REGION>: programmeId | null } (null = the slate in that region). */
      alternatives: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    { transaction },
  );
  // Entries never overlap, so no two start together: the unique index backs the domain's check.
  await qi.addIndex('schedule_entries', ['channel_id', 'start_at'], { name: 'schedule_entries_channel_start', unique: true, transaction });
  await qi.addIndex('schedule_entries', ['programme_id'], { name: 'schedule_entries_programme', transaction });
}

export async function down({ qi, transaction }: MigrationContext): Promise<void> {
  await qi.dropTable('schedule_entries', { transaction });
  await qi.dropTable('channels', { transaction });
}
