// Opens the database named by Config.database: `sqlite:<file>` (the default) or a
// `postgres://…` URL. Nothing here is SQLite-only: the schema comes from migrations and every
// query goes through sequelize's dialect-neutral API.
import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import type { Logger } from 'pino';

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export async function openDatabase(url: string, logger?: Logger): Promise<Sequelize> {
  const logging = logger ? (sql: string) => logger.trace({ sql }, 'sql') : false;
  if (url.startsWith('sqlite:')) {
    const storage = url.slice('sqlite:'.length);
    fs.mkdirSync(path.dirname(path.resolve(storage)), { recursive: true });
    // IMMEDIATE: a transaction takes the write lock at BEGIN (waiting up to the busy timeout).
    // A DEFERRED one that reads first and then writes fails at its first write with SQLITE_BUSY,
    // without waiting, when another connection committed a write since its read (WAL: its
    // snapshot is stale and cannot be upgraded), e.g. the worker claiming a job while the demo
    // seed adds a localization. Every transaction here writes, so none loses concurrency by it.
    const sequelize = new Sequelize({ dialect: 'sqlite', storage, logging, transactionType: Transaction.TYPES.IMMEDIATE });
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
