// Runs the numbered migrations in server/db/migrations/ (NNNN-name.ts) with umzug. Each
// migration and the record that it ran are written in ONE transaction, so a crash part-way
// leaves either the whole migration or none of it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DataTypes, QueryTypes, type QueryInterface, type Sequelize, type Transaction } from 'sequelize';
import { Umzug, type UmzugStorage } from 'umzug';
import type { Logger } from 'pino';

export interface MigrationContext {
  qi: QueryInterface;
  transaction: Transaction;
  DataTypes: typeof DataTypes;
}

/**
 * A table reference for addColumn/removeColumn: sequelize qualifies a bare name with `public` on
 * PostgreSQL, which misses tables of a database whose search_path starts elsewhere.
 */
export async function tableRef({ qi, transaction }: MigrationContext, tableName: string): Promise<string | { tableName: string; schema: string }> {
  if (qi.sequelize.getDialect() !== 'postgres') return tableName;
  const [row] = await qi.sequelize.query<{ s: string }>('SELECT current_schema() AS s', { type: QueryTypes.SELECT, transaction });
  return { tableName, schema: row!.s };
}

export interface MigrationModule {
  up(ctx: MigrationContext): Promise<void>;
  down?(ctx: MigrationContext): Promise<void>;
}

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const META_TABLE = 'podium_migrations';
const MIGRATION_FILE = /^\d{4}-[a-z0-9-]+\.(ts|js)$/;

export function migrationNames(dir = MIGRATIONS_DIR): string[] {
  return fs.readdirSync(dir).filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts')).sort();
}

/**
 * Applies every pending migration; returns the names applied. On PostgreSQL, many processes
 * starting at the same moment take turns on an advisory lock (one per schema), so each migration
 * runs once: the others wait, then find nothing pending. SQLite's single file needs no lock (an
 * IMMEDIATE transaction per migration already serializes writers).
 */
export async function migrate(sequelize: Sequelize, logger?: Logger): Promise<string[]> {
  if (sequelize.getDialect() !== 'postgres') return migrateLocked(sequelize, logger);
  type PgClient = { query(sql: string): Promise<unknown> };
  const manager = sequelize.connectionManager as unknown as { getConnection(o: { type: string }): Promise<PgClient>; releaseConnection(c: PgClient): Promise<void> };
  // Session-level lock: held on one connection of its own while the migrations use the pool.
  const connection = await manager.getConnection({ type: 'write' });
  try {
    await connection.query(`SELECT pg_advisory_lock(hashtext(current_schema() || ':podium-migrations'))`);
    try {
      return await migrateLocked(sequelize, logger);
    } finally {
      await connection.query(`SELECT pg_advisory_unlock(hashtext(current_schema() || ':podium-migrations'))`).catch(() => undefined);
    }
  } finally {
    await manager.releaseConnection(connection);
  }
}

async function migrateLocked(sequelize: Sequelize, logger?: Logger): Promise<string[]> {
  const qi = sequelize.getQueryInterface();
  await qi.createTable(META_TABLE, {
    name: { type: DataTypes.STRING(255), primaryKey: true, allowNull: false },
    run_at: { type: DataTypes.DATE, allowNull: false },
  });
  const q = (s: string) => qi.quoteIdentifier(s);

  const storage: UmzugStorage = {
    async executed() {
      const rows = await sequelize.query<{ name: string }>(`SELECT ${q('name')} FROM ${q(META_TABLE)}`, { type: QueryTypes.SELECT });
      return rows.map((r) => r.name);
    },
    // Recorded inside the migration's own transaction (below).
    async logMigration() {},
    async unlogMigration({ name }) {
      await sequelize.query(`DELETE FROM ${q(META_TABLE)} WHERE ${q('name')} = ?`, { replacements: [name] });
    },
  };

  const umzug = new Umzug({
    migrations: migrationNames().map((file) => {
      const name = file.replace(/\.(ts|js)$/, '');
      const load = async () => (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as MigrationModule;
      return {
        name,
        up: async () => {
          const mod = await load();
          await sequelize.transaction(async (transaction) => {
            await mod.up({ qi, transaction, DataTypes });
            await sequelize.query(`INSERT INTO ${q(META_TABLE)} (${q('name')}, ${q('run_at')}) VALUES (?, ?)`, {
              replacements: [name, new Date()],
              transaction,
            });
          });
        },
        down: async () => {
          const mod = await load();
          if (!mod.down) throw new Error(`migration ${name} cannot be reverted`);
          await sequelize.transaction((transaction) => mod.down!({ qi, transaction, DataTypes }));
        },
      };
    }),
    storage,
    logger: undefined,
  });
  const applied = await umzug.up();
  if (applied.length) logger?.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
  return applied.map((m) => m.name);
}
