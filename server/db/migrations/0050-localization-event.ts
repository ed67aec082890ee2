// Issue 6: the event's name per language ("Women's 400 m hurdles final", "女子 400 米跨欄決賽"),
// beside the title and synopsis. The programme's own `event` stays as the editor typed it (one
// language, shown only to readers of English); a localization's event is shown to its readers.
import { tableRef as table, type MigrationContext } from '../migrate.js';

export async function up(ctx: MigrationContext): Promise<void> {
  const { qi, transaction, DataTypes } = ctx;
  await qi.addColumn(await table(ctx, 'localizations'), 'event', { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' }, { transaction });
}

export async function down(ctx: MigrationContext): Promise<void> {
  await ctx.qi.removeColumn(await table(ctx, 'localizations'), 'event', { transaction: ctx.transaction });
}
