// Issue 5: the audio languages (with their measured loudness), subtitle languages and the
// storyboard of a programme's CURRENT rendition, as JSON on the programme row. It is written in
// the same UPDATE that switches the programme to a new rendition folder, so the listing and the
// folder never disagree. The full description lives in the folder's podium.json.
import { tableRef as table, type MigrationContext } from '../migrate.js';

export async function up(ctx: MigrationContext): Promise<void> {
  const { qi, transaction, DataTypes } = ctx;
  await qi.addColumn(await table(ctx, 'programmes'), 'media_tracks', { type: DataTypes.TEXT, allowNull: true }, { transaction });
}

export async function down(ctx: MigrationContext): Promise<void> {
  await ctx.qi.removeColumn(await table(ctx, 'programmes'), 'media_tracks', { transaction: ctx.transaction });
}
