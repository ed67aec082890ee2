// Real databases for tests, opened through the app's own connection code: a SQLite file in a
// temp folder, and PostgreSQL (127.0.0.1:5432, database `test`; override with
// PODIUM_TEST_POSTGRES_URL) in a throw-away schema that close() drops, so concurrent runs of
// other suites sharing the database are not disturbed.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { openDatabase } from '../../server/db/connection.js';
import { tempDir } from './media.js';

export const PG_URL = process.env.PODIUM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  sequelize: Sequelize;
  close(): Promise<void>;
}

export async function sqliteTestDb(prefix = 'podium-db-'): Promise<TestDb> {
  const dir = await tempDir(prefix);
  const sequelize = await openDatabase(`sqlite:${path.join(dir, 'test.sqlite')}`);
  return { sequelize, close: () => sequelize.close() };
}

/**
 * A throw-away PostgreSQL schema and a DATABASE_URL whose search_path is that schema (for a
 * whole app: startTestApp({ settings: { databaseUrl: url } })); drop() removes it and its tables.
 */
export async function postgresTestSchema(prefix = 'podium_test'): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Sequelize(PG_URL, { dialect: 'postgres', logging: false });
  await admin.query(`CREATE SCHEMA "${schema}"`);
  return {
    url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    schema,
    async drop() {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.close();
    },
  };
}

export async function postgresTestDb(prefix = 'podium_test'): Promise<TestDb> {
  const pg = await postgresTestSchema(prefix);
  const sequelize = await openDatabase(pg.url);
  return {
    sequelize,
    async close() {
      await sequelize.close();
      await pg.drop();
    },
  };
}
