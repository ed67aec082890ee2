// Accounts, sessions and API tokens (tables defined by server/accounts/migration.ts).
export { up, down } from '../../accounts/migration.js';
