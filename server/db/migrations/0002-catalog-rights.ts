// Issue 3's catalog model: short titles and per-locale posters on localizations, sports metadata
// and publication on programmes, and availability windows (where and when a programme may be
// watched). JSON lists are stored as TEXT so SQLite and PostgreSQL read them the same way.
import { tableRef as table, type MigrationContext } from '../migrate.js';

export async function up(ctx: MigrationContext): Promise<void> {
  const { qi, transaction, DataTypes } = ctx;
  const localizations = await table(ctx, 'localizations');
  const programmes = await table(ctx, 'programmes');
  await qi.addColumn(localizations, 'short_title', { type: DataTypes.STRING(120), allowNull: false, defaultValue: '' }, { transaction });
  // File name inside the programme's rendition folder, or an absolute URL; null = use the programme's poster.
  await qi.addColumn(localizations, 'poster', { type: DataTypes.STRING(300), allowNull: true }, { transaction });

  await qi.addColumn(programmes, 'sport', { type: DataTypes.STRING(80), allowNull: true }, { transaction });
  await qi.addColumn(programmes, 'discipline', { type: DataTypes.STRING(80), allowNull: true }, { transaction });
  await qi.addColumn(programmes, 'event', { type: DataTypes.STRING(160), allowNull: true }, { transaction });
  await qi.addColumn(programmes, 'games_edition', { type: DataTypes.STRING(80), allowNull: true }, { transaction });
  await qi.addColumn(programmes, 'recorded_at', { type: DataTypes.DATE, allowNull: true }, { transaction });
  await qi.addColumn(programmes, 'tags', { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' }, { transaction });
  // null = unpublished (a draft never reaches viewers).
  await qi.addColumn(programmes, 'published_at', { type: DataTypes.DATE, allowNull: true }, { transaction });
  await qi.addIndex('programmes', ['published_at'], { name: 'programmes_published', transaction });

  await qi.createTable(
    'availability_windows',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      programme_id: {
        type: DataTypes.UUID,
        allowNull: false,
        references: { model: 'programmes', key: 'id' },
        onDelete: 'CASCADE',
      },
      /** JSON array of alpha-2 codes, or ["WW"]. */
      regions: { type: DataTypes.TEXT, allowNull: false },
      /** JSON array of alpha-2 codes carved out of `regions`. */
      exclude: { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' },
      start_at: { type: DataTypes.DATE, allowNull: false },
      end_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    { transaction },
  );
  await qi.addIndex('availability_windows', ['programme_id'], { name: 'availability_windows_programme', transaction });
}

export async function down(ctx: MigrationContext): Promise<void> {
  const { qi, transaction } = ctx;
  const localizations = await table(ctx, 'localizations');
  const programmes = await table(ctx, 'programmes');
  await qi.dropTable('availability_windows', { transaction });
  await qi.removeIndex('programmes', 'programmes_published', { transaction });
  for (const c of ['published_at', 'tags', 'recorded_at', 'games_edition', 'event', 'discipline', 'sport']) await qi.removeColumn(programmes, c, { transaction });
  for (const c of ['poster', 'short_title']) await qi.removeColumn(localizations, c, { transaction });
}
