// Databases for the search tests: SQLite in memory, and PostgreSQL (127.0.0.1:5432, database
// `test`, overridable with PODIUM_TEST_PG_URL) in a throw-away schema, so parallel test runs of
// other suites sharing the database are not disturbed.
import { Sequelize } from 'sequelize';

export const PG_URL = process.env.PODIUM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function sqliteMemory(): Sequelize {
  return new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
}

export interface PgSchema {
  sequelize: Sequelize;
  drop(): Promise<void>;
}

/** A sequelize bound to a fresh schema (search_path = schema, public); pg_trgm lives in public. */
export async function pgSchema(prefix: string): Promise<PgSchema> {
  const schema = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Sequelize(PG_URL, { dialect: 'postgres', logging: false });
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
  } catch {
    // another process created it at the same moment
  }
  const sequelize = new Sequelize(PG_URL, {
    dialect: 'postgres',
    logging: false,
    pool: { max: 2 },
    dialectOptions: { options: `-c search_path=${schema},public` },
  });
  return {
    sequelize,
    async drop() {
      await sequelize.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}
