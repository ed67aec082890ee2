// Issue 6: the event's name per language ("Women's 400 m hurdles final", "女子 400 米跨欄決賽"),
// beside the title and synopsis. The programme's own `event` stays as the editor typed it (one
// language, shown only to readers of English); a localization's event is shown to its readers.
import { QueryTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

async function table({ qi, transaction }: MigrationContext, tableName: string): Promise<string | { tableName: string; schema: string }> {
  if (qi.sequelize.getDialect() !== 'postgres') return tableName;
  const [row] = await qi.sequelize.query<{ s: string }>('SELECT current_schema() AS s', { type: QueryTypes.SELECT, transaction });
  return { tableName, schema: row!.s };
}

export async function up(ctx: MigrationContext): Promise<void> {
  const { qi, transaction, DataTypes } = ctx;
  await qi.addColumn(await table(ctx, 'localizations'), 'event', { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' }, { transaction });
}

export async function down(ctx: MigrationContext): Promise<void> {
  await ctx.qi.removeColumn(await table(ctx, 'localizations'), 'event', { transaction: ctx.transaction });
}
