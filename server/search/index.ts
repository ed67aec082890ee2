import type { Sequelize } from 'sequelize';
import { PostgresSearchIndex } from './postgres-index.js';
import { SqliteSearchIndex } from './sqlite-index.js';
import type { SearchIndex } from './types.js';

export type { SearchIndex, SearchDocument, SearchFields, SearchHit, SearchOptions, AllowedFilter, WriteOptions } from './types.js';
export { normalizeText, parseQuery, MAX_QUERY_LENGTH, type ParsedQuery } from './normalize.js';
export { SqliteSearchIndex } from './sqlite-index.js';
export { PostgresSearchIndex } from './postgres-index.js';
export { up as searchMigrationUp, down as searchMigrationDown } from './migration.js';

/** The index for the sequelize instance's dialect (tables from migration.ts must exist). */
export function createSearchIndex(sequelize: Sequelize): SearchIndex {
  const dialect = sequelize.getDialect();
  if (dialect === 'sqlite') return new SqliteSearchIndex(sequelize);
  if (dialect === 'postgres') return new PostgresSearchIndex(sequelize);
  throw new Error(`search: unsupported dialect ${dialect}`);
}
