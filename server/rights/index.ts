export {
  coversRegion,
  isAvailable,
  nextOpening,
  availableUntil,
  decide,
  type AvailabilityWindow,
  type RightsDecision,
  type RightsReason,
} from './windows.js';
export { defaultAvailabilitySchema, parseDefaultAvailability, defaultWindows, type DefaultAvailability } from './policy.js';
export {
  availabilityWindowSchema,
  availabilityBodySchema,
  parseAvailabilityBody,
  formatPath,
  serializeWindows,
  deserializeWindows,
  type AvailabilityBody,
  type ParseResult,
} from './schema.js';
export {
  PlaybackTokens,
  bucketedExpiry,
  signedMediaUrl,
  parseSignedMediaPath,
  type PlaybackTokenOptions,
  type SignInput,
  type TokenCheck,
  type TokenFailure,
  type MediaPath,
} from './tokens.js';
export { createRightsAudit, type RightsAudit, type RightsAuditEntry, type RightsAuditOptions, type RightsSurface } from './audit.js';
