// Opens the database named by Config.database: `sqlite:<file>` (the default) or a
// `postgres://…` URL. Nothing here is SQLite-only: the schema comes from migrations and every
// query goes through sequelize's dialect-neutral API.
import fs from 'node:fs';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import type { Logger } from 'pino';

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export async function openDatabase(url: string, logger?: Logger): Promise<Sequelize> {
  const logging = logger ? (sql: string) => logger.trace({ sql }, 'sql') : false;
  if (url.startsWith('sqlite:')) {
    const storage = url.slice('sqlite:'.length);
    fs.mkdirSync(path.dirname(path.resolve(storage)), { recursive: true });
    const sequelize = new Sequelize({ dialect: 'sqlite', storage, logging });
    configureSqliteConnections(sequelize);
    await sequelize.query('PRAGMA journal_mode = WAL');
    return sequelize;
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const sequelize = new Sequelize(url, { dialect: 'postgres', logging, pool: { max: 10 } });
    await sequelize.authenticate();
    return sequelize;
  }
  throw new Error(`DATABASE_URL: unsupported database URL (expected postgres://… or sqlite:<file>)`);
}

/**
 * sequelize opens one sqlite3 connection per transaction (plus a default one) and has no
 * after-connect hook for SQLite, so a writer that meets another connection's lock fails at once
 * with SQLITE_BUSY. Give every connection a busy timeout so writers wait instead.
 */
function configureSqliteConnections(sequelize: Sequelize): void {
  type SqliteConnection = { configure(option: 'busyTimeout', ms: number): void };
  const manager = sequelize.connectionManager as unknown as { getConnection(o: unknown): Promise<SqliteConnection> };
  const configured = new WeakSet<SqliteConnection>();
  const getConnection = manager.getConnection.bind(manager);
  manager.getConnection = async (options: unknown) => {
    const connection = await getConnection(options);
    if (!configured.has(connection)) {
      connection.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
      configured.add(connection);
    }
    return connection;
  };
}
