// Opens the database named by Config.database: `sqlite:<file>` (the default) or a
// `postgres://…` URL. Nothing here is SQLite-only: the schema comes from migrations and every
// query goes through sequelize's dialect-neutral API.
import fs from 'node:fs';
import path from 'node:path';
import { ConnectionError, Sequelize, Transaction } from 'sequelize';
import type { Logger } from 'pino';

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export interface PoolSettings {
  /** PODIUM_DB_POOL_MAX */
  max: number;
  /** PODIUM_DB_POOL_MIN */
  min: number;
}

export async function openDatabase(url: string, logger?: Logger, pool: PoolSettings = { max: 10, min: 0 }): Promise<Sequelize> {
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
    // acquire: a request waits at most this long for a connection, then fails (503 while the database is down).
    const sequelize = new Sequelize(url, { dialect: 'postgres', logging, pool: { max: pool.max, min: pool.min, acquire: 10_000, idle: 10_000, evict: 5_000 } });
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

/** PostgreSQL's codes for "the server is shutting down / starting / gone" (admin_shutdown, crash_shutdown, cannot_connect_now). */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/**
 * Whether an error means the database cannot be reached right now (refused, restarting, a
 * connection cut mid-query) rather than a fault of the query: the HTTP layer answers 503.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof ConnectionError) return true;
  for (let e = err as { name?: unknown; code?: unknown; message?: unknown; parent?: unknown; original?: unknown } | undefined, depth = 0; e && depth < 4; e = (e.parent ?? e.original) as typeof e, depth++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && /Connection terminated|connection (is )?(closed|ended)|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(e.message)) return true;
    if (e.name === 'SequelizeConnectionAcquireTimeoutError') return true;
  }
  return false;
}
