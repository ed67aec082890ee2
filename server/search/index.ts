import type { Sequelize } from 'sequelize';
import { PostgresSearchIndex } from './postgres-index.js';
import { SqliteSearchIndex } from './sqlite-index.js';
import type { SearchIndex } from './types.js';
import { down as baseDown, up as baseUp, type MigrationArg } from './migration.js';
import { down as rankedDown, up as rankedUp } from './migration-ranked.js';

export type { SearchIndex, SearchDocument, SearchFields, SearchHit, SearchOptions, AllowedFilter, WriteOptions } from './types.js';
export { normalizeText, parseQuery, MAX_QUERY_LENGTH, type ParsedQuery } from './normalize.js';
export { SqliteSearchIndex } from './sqlite-index.js';
export { PostgresSearchIndex } from './postgres-index.js';

/**
 * Every search migration in order (server/db/migrations/0003-search, 0041-search-ranked), for
 * tests and benches that set up the index alone; the app runs them through server/db/migrate.ts.
 */
export async function searchMigrationUp(arg: MigrationArg): Promise<void> {
  await baseUp(arg);
  await rankedUp(arg);
}

export async function searchMigrationDown(arg: MigrationArg): Promise<void> {
  await rankedDown(arg);
  await baseDown(arg);
}

/** The index for the sequelize instance's dialect (tables from migration.ts must exist). */
export function createSearchIndex(sequelize: Sequelize): SearchIndex {
  const dialect = sequelize.getDialect();
  if (dialect === 'sqlite') return new SqliteSearchIndex(sequelize);
  if (dialect === 'postgres') return new PostgresSearchIndex(sequelize);
  throw new Error(`search: unsupported dialect ${dialect}`);
}
