// Accounts, sessions and API tokens. Portable (SQLite and PostgreSQL). Register as a numbered
// migration, e.g. server/db/migrations/0004-accounts.ts: `export { up, down } from '../../accounts/migration.js';`
// Accepts umzug's `{ context: queryInterface }` and Podium's `{ qi, transaction }`.
import { DataTypes, type QueryInterface, type Transaction } from 'sequelize';

export type MigrationArg = { context: QueryInterface } | { qi: QueryInterface; transaction?: Transaction };

function unpack(arg: MigrationArg): { qi: QueryInterface; transaction?: Transaction } {
  return 'context' in arg ? { qi: arg.context } : arg;
}

export async function up(arg: MigrationArg): Promise<void> {
  const { qi, transaction } = unpack(arg);
  const account = { type: DataTypes.STRING(36), allowNull: false, references: { model: 'accounts', key: 'id' }, onDelete: 'CASCADE' };
  await qi.createTable(
    'accounts',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: false, unique: true }, // stored lower-case
      display_name: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
      role: { type: DataTypes.STRING(16), allowNull: false },
      password_hash: { type: DataTypes.STRING(255), allowNull: true }, // null: API tokens only
      disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    { transaction },
  );
  await qi.createTable(
    'sessions',
    {
      id_hash: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false }, // sha256 hex of the cookie value
      account_id: account,
      created_at: { type: DataTypes.DATE, allowNull: false },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      last_seen_at: { type: DataTypes.DATE, allowNull: false },
    },
    { transaction },
  );
  await qi.addIndex('sessions', ['account_id'], { name: 'sessions_account', transaction });
  await qi.addIndex('sessions', ['expires_at'], { name: 'sessions_expires', transaction });
  await qi.createTable(
    'api_tokens',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
      account_id: account,
      name: { type: DataTypes.STRING(100), allowNull: false },
      token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true }, // sha256 hex
      hint: { type: DataTypes.STRING(24), allowNull: false }, // "podium_pat_Ab12…" for listings
      created_at: { type: DataTypes.DATE, allowNull: false },
      last_used_at: { type: DataTypes.DATE, allowNull: true },
      expires_at: { type: DataTypes.DATE, allowNull: true },
      revoked_at: { type: DataTypes.DATE, allowNull: true },
    },
    { transaction },
  );
  await qi.addIndex('api_tokens', ['account_id'], { name: 'api_tokens_account', transaction });
}

export async function down(arg: MigrationArg): Promise<void> {
  const { qi, transaction } = unpack(arg);
  await qi.dropTable('api_tokens', { transaction });
  await qi.dropTable('sessions', { transaction });
  await qi.dropTable('accounts', { transaction });
}
