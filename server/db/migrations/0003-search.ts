// The full-text search index over localizations (server/search/).
export { up, down } from '../../search/migration.js';
