// The QoE table: one row per playback with its latest running totals. Portable (SQLite and
// PostgreSQL). Registered as server/db/migrations/0020-qoe.ts.
import type { MigrationContext } from '../db/migrate.js';

export const QOE_TABLE = 'qoe_playbacks';

export async function up({ qi, transaction, DataTypes }: MigrationContext): Promise<void> {
  await qi.createTable(
    QOE_TABLE,
    {
      playback_id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
      // no foreign key: the figures outlive a deleted programme, and beacons never block deletes
      programme_id: { type: DataTypes.STRING(36), allowNull: false },
      region: { type: DataTypes.STRING(2), allowNull: false },
      seq: { type: DataTypes.INTEGER, allowNull: false },
      startup_ms: { type: DataTypes.INTEGER, allowNull: true },
      rebuffer_ms: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      play_ms: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      switches: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      avg_bitrate: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      errors: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    { transaction },
  );
  await qi.addIndex(QOE_TABLE, ['programme_id', 'region'], { name: 'qoe_playbacks_programme_region', transaction });
  await qi.addIndex(QOE_TABLE, ['updated_at'], { name: 'qoe_playbacks_updated', transaction });
}

export async function down({ qi, transaction }: MigrationContext): Promise<void> {
  await qi.dropTable(QOE_TABLE, { transaction });
}
