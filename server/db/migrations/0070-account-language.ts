// Issue 15: the language an editor reads the studio in (a UI locale tag such as zh-Hant-HK), or
// null to follow the browser's Accept-Language through the viewers' CLDR chains.
import { tableRef as table, type MigrationContext } from '../migrate.js';

export async function up(ctx: MigrationContext): Promise<void> {
  const { qi, transaction, DataTypes } = ctx;
  await qi.addColumn(await table(ctx, 'accounts'), 'language', { type: DataTypes.STRING(35), allowNull: true }, { transaction });
}

export async function down(ctx: MigrationContext): Promise<void> {
  await ctx.qi.removeColumn(await table(ctx, 'accounts'), 'language', { transaction: ctx.transaction });
}
