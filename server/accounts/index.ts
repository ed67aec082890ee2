export { ROLES, PERMISSIONS, ROLE_PERMISSIONS, can, isRole, type Role, type Permission } from './roles.js';
export { PasswordHasher, passwordProblem, DEFAULT_HASH_PARAMS, PASSWORD_MIN, PASSWORD_MAX, type HashParams } from './passwords.js';
export { randomSecret, sha256Hex, newApiToken, looksLikeApiToken, looksLikeSessionId, safeEqual, API_TOKEN_PREFIX } from './secrets.js';
export { MemoryRateLimitStore, LoginRateLimiter, type RateLimitStore, type LoginLimiterOptions, type LimitCheck } from './rate-limit.js';
export { CsrfTokens } from './csrf.js';
export { AccountStore, normalizeEmail, type Account, type ApiTokenInfo, type TxOptions } from './store.js';
export { AccountService, newAccountSchema, type Principal, type LoginResult, type AccountServiceOptions, type NewAccount } from './service.js';
export type { SessionCookieOptions } from './runtime.js';
export { up as accountsMigrationUp, down as accountsMigrationDown } from './migration.js';
