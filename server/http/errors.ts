// Every error code the HTTP API can answer with, in one table: code → status and meaning.
// Handlers throw ApiError(code, message, extra), domain code throws its own errors, and the error
// middleware turns both into `{ error: { code, message, ...extra } }` with the status listed
// here: fromDomainError() below is the one place a domain failure gets its HTTP meaning. The
// README's error table ("Errors") and this list are kept in step by test/unit/server/errors.test.ts.
import { SubtitleError } from '../../transcoder/index.js';
import { PosterError } from '../catalog/posters.js';
import { CatalogError, TrackError } from '../catalog/errors.js';
import { ChannelError } from '../channel/errors.js';
import { scheduleEtag } from '../channel/schedule-plan.js';
import { TranslationError } from '../i18n/translations.js';
import { isDatabaseUnavailable } from '../db/connection.js';
export const ERRORS = {
  bad_request: { status: 400, doc: 'The request is malformed; the message names the field.' },
  validation_failed: { status: 400, doc: 'A field of the body or query is invalid; `field` names it.' },
  invalid_subtitles: { status: 400, doc: 'The subtitle file was refused and nothing was published: `reason` (empty_file, bad_encoding, unknown_format, bad_timing, end_before_start, out_of_order, garbage, no_cues …) and `line` (1-based) when the fault has one.' },
  unauthorized: { status: 401, doc: 'No token, or an unknown one.' },
  forbidden: { status: 403, doc: 'The token is valid but its role may not do this.' },
  playback_token_invalid: { status: 403, doc: 'The signed media URL is malformed, forged or expired: fetch the programme again for a fresh one.' },
  not_found: { status: 404, doc: 'No such programme, channel, job or file.' },
  request_timeout: {
    status: 408,
    doc: 'The request did not arrive in time: headers within PODIUM_HEADERS_TIMEOUT_SEC, a body within PODIUM_BODY_TIMEOUT_SEC, an upload body without a pause of PODIUM_UPLOAD_IDLE_TIMEOUT_SEC. The connection is closed.',
  },
  conflict: { status: 409, doc: 'The resource changed or is in a state that forbids this (a translation saved from an older version: `current`, `yours`, `conflicts`; a channel schedule edited since the If-Match version: `current` is its ETag; a channel slug already taken: `field`).' },
  precondition_failed: { status: 412, doc: 'A resumable upload request without the `Tus-Resumable` header its protocol requires.' },
  upload_expired: { status: 410, doc: 'The resumable upload expired before it was finished (PODIUM_UPLOAD_EXPIRY_SEC): start it again.' },
  precondition_required: { status: 428, doc: 'A write that needs the version it was made from: send If-Match with the ETag you read.' },
  payload_too_large: {
    status: 413,
    doc: "The body is larger than its route's limit (`limit`, in bytes; uploads: PODIUM_UPLOAD_MAX_BYTES). A declared Content-Length past it is refused before the body is read, and the connection is closed.",
  },
  unsupported_media_type: { status: 415, doc: 'The body is not of an accepted content type.' },
  range_not_satisfiable: { status: 416, doc: 'The Range header asks for bytes past the end of the file.' },
  too_many_requests: { status: 429, doc: 'Too many failed sign-ins; `Retry-After` says when to try again.' },
  headers_too_large: { status: 431, doc: 'The request line and headers are larger than the server accepts (16 KiB).' },
  unavailable_in_region: {
    status: 451,
    doc: "The programme may not be watched in the viewer's region now; `availableFrom` is its next opening here (or null). The message is in the viewer's language.",
  },
  internal: { status: 500, doc: 'A fault of ours; the log has the details.' },
  database_unavailable: { status: 503, doc: 'The database does not answer (restarting, unreachable): nothing was changed; ask again after `Retry-After` seconds. The server recovers on its own.' },
  not_ready: { status: 503, doc: 'What was asked for is still being prepared (a channel whose slate is being packaged on a fresh start): ask again after `Retry-After` seconds.' },
} as const satisfies Record<string, { status: number; doc: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = ERRORS[code].status;
  }
}

export function errorBody(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

/**
 * Domain errors → API errors, or null for anything else. (UnavailableError is the one exception:
 * its 451 needs the viewer's language and region table, so http/viewer.ts's handler builds it.)
 */
export function fromDomainError(err: unknown): ApiError | null {
  if (err instanceof CatalogError) {
    if (err.code === 'not_found') return new ApiError('not_found', err.message);
    if (err.code === 'last_localization' || err.code === 'not_publishable') return new ApiError('conflict', err.message);
    return new ApiError('validation_failed', err.message, { field: err.field, ...(err.check ? { check: err.check } : {}) });
  }
  if (err instanceof ChannelError) {
    if (err.code === 'not_found') return new ApiError('not_found', err.message);
    if (err.code === 'not_ready') return new ApiError('not_ready', err.message);
    if (err.code === 'not_offered') return new ApiError('unavailable_in_region', err.message, { availableFrom: null });
    if (err.code === 'slug_taken') return new ApiError('conflict', err.message, { field: err.field });
    if (err.code === 'version_mismatch') return new ApiError('conflict', err.message, err.currentVersion === undefined ? {} : { current: scheduleEtag(err.currentVersion) });
    return new ApiError('validation_failed', err.message, { field: err.field });
  }
  if (err instanceof TrackError) return new ApiError(err.code === 'not_found' ? 'not_found' : 'conflict', err.message);
  if (err instanceof SubtitleError) return new ApiError('invalid_subtitles', err.message, { reason: err.code, ...(err.line === undefined ? {} : { line: err.line }) });
  if (err instanceof PosterError) return err.code === 'empty' ? new ApiError('bad_request', err.message) : new ApiError('unsupported_media_type', err.message);
  if (err instanceof TranslationError) {
    if (err.code === 'not_found') return new ApiError('not_found', err.message);
    return new ApiError('validation_failed', err.message, err.key ? { field: err.key, key: err.key, issues: err.issues ?? [] } : {});
  }
  if (isDatabaseUnavailable(err)) return new ApiError('database_unavailable', 'the database is unavailable; try again shortly');
  return null;
}
