// Issue 12: schedule eras (server/channel/eras.ts). Each change that can alter what a channel airs
// records a snapshot of the timeline's inputs (schedule, loop, the rights and publication of every
// programme it names) with the slot from which it decides, so what has aired is never re-derived
// from a later edit. `cc_base` is written when the eras before one are pruned: the discontinuity
// sequence number its first slot had, per region, which they alone could compute.
import type { MigrationContext } from '../migrate.js';

export async function up({ qi, transaction, DataTypes }: MigrationContext): Promise<void> {
  await qi.createTable(
    'channel_eras',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      channel_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'channels', key: 'id' }, onDelete: 'CASCADE' },
      /** The first slot the era decides, as its start instant (a multiple of the 2 s grid; 1970 for a channel's first schedule). */
      effective_at: { type: DataTypes.DATE, allowNull: false },
      /** The write's instant on the writing server's clock. */
      recorded_at: { type: DataTypes.DATE, allowNull: false },
      /** What changed: schedule, availability, publication, rendition, or initial (a channel scheduled before eras existed). */
      cause: { type: DataTypes.STRING(16), allowNull: false },
      /** JSON EraSnapshot (server/channel/eras.ts). */
      snapshot: { type: DataTypes.TEXT, allowNull: false },
      /** JSON { <REGION> | "*": discontinuity sequence of the era's first slot }, or null while the eras before it are kept. */
      cc_base: { type: DataTypes.TEXT, allowNull: true },
    },
    { transaction },
  );
  await qi.addIndex('channel_eras', ['channel_id', 'effective_at'], { name: 'channel_eras_channel_effective', transaction });
}

export async function down({ qi, transaction }: MigrationContext): Promise<void> {
  await qi.dropTable('channel_eras', { transaction });
}
