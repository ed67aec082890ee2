// The search index's title-ranked tables and per-field CJK grams (server/search/migration-ranked.ts).
export { up, down } from '../../search/migration-ranked.js';
