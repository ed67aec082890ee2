// API errors in the editor's language. The API keeps its codes (server/http/errors.ts ERRORS) and
// names a refused field by its path (`localizations.zh-Hans.title`, `windows.0.start`); the
// studio says what went wrong in its own words (studio.json `errors.<code>`), names the field
// by its label in the form (`fields.<name>`) and shows the message beside it. The server's
// English message stays available as the element's title, for a bug report.
import { ApiFailure } from './api.js';
import { t } from './i18n.js';

// i18n-keys: errors.bad_request, errors.validation_failed, errors.invalid_subtitles, errors.unauthorized, errors.forbidden, errors.playback_token_invalid, errors.not_found, errors.request_timeout
// i18n-keys: errors.conflict, errors.precondition_failed, errors.upload_expired, errors.precondition_required, errors.payload_too_large, errors.unsupported_media_type, errors.range_not_satisfiable
// i18n-keys: errors.too_many_requests, errors.headers_too_large, errors.unavailable_in_region, errors.internal, errors.not_ready, errors.http_error
const CODES = new Set([
  'bad_request', 'validation_failed', 'invalid_subtitles', 'unauthorized', 'forbidden', 'playback_token_invalid', 'not_found', 'request_timeout', 'conflict', 'precondition_failed',
  'upload_expired', 'precondition_required', 'payload_too_large', 'unsupported_media_type', 'range_not_satisfiable', 'too_many_requests', 'headers_too_large', 'unavailable_in_region',
  'internal', 'not_ready', 'http_error',
]);

// i18n-keys: fields.title, fields.shortTitle, fields.synopsis, fields.event, fields.locale, fields.localizations, fields.slug, fields.names, fields.languages
// i18n-keys: fields.subtitleLanguages, fields.regions, fields.timezone, fields.loop, fields.windows, fields.start, fields.end, fields.exclude, fields.name
// i18n-keys: fields.email, fields.password, fields.language, fields.entries, fields.programmeId, fields.alternatives, fields.changes
const FIELDS = new Set([
  'title', 'shortTitle', 'synopsis', 'event', 'locale', 'localizations', 'slug', 'names', 'languages', 'subtitleLanguages', 'regions', 'timezone', 'loop', 'windows', 'start', 'end',
  'exclude', 'name', 'email', 'password', 'language', 'entries', 'programmeId', 'alternatives', 'changes',
]);

/** The most specific part of an API field path the studio has a label for (`windows.0.start` → `start`). */
export function fieldKey(path: string | undefined): string | null {
  if (!path) return null;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) if (FIELDS.has(parts[i]!)) return parts[i]!;
  return null;
}

/** The field's label in the editor's language, or the API's path when the studio has none. */
export function fieldLabel(path: string): string {
  const key = fieldKey(path);
  return key ? t(`fields.${key}`) : path;
}

/** What went wrong, in the editor's language (a refused field named). */
export function errorText(err: unknown): string {
  // fetch() rejects with a TypeError when the server cannot be reached; anything else is a fault of ours.
  if (!(err instanceof ApiFailure)) return err instanceof TypeError && /fetch|network/i.test(err.message) ? t('errors.network') : t('errors.internal');
  const what = t(`errors.${CODES.has(err.code) ? err.code : 'http_error'}`, { status: err.status });
  return err.field ? t('errors.field', { field: fieldLabel(err.field), problem: what }) : what;
}

/**
 * Shows `err` beside its field in `form` (an element `[data-error-for=<name>]`, the field's
 * input marked aria-invalid), else in `general`. `aliases` maps an API field to the form's name
 * for it (the new-programme form's `locale` is the API's `localizations` key).
 */
export function showError(err: unknown, general: HTMLElement, form?: ParentNode, aliases: Record<string, string> = {}): void {
  const key = err instanceof ApiFailure ? fieldKey(err.field) : null;
  const name = key ? (aliases[key] ?? key) : null;
  const slot = name && form ? form.querySelector<HTMLElement>(`[data-error-for="${name}"]`) : null;
  const target = slot ?? general;
  target.textContent = errorText(err);
  target.title = err instanceof Error ? err.message : String(err);
  if (name && form) form.querySelector(`[name="${name}"]`)?.setAttribute('aria-invalid', 'true');
}

/** Empties every error slot of `form` and `general` before a new attempt. */
export function clearErrors(general: HTMLElement, form?: ParentNode): void {
  general.textContent = '';
  general.removeAttribute('title');
  if (!form) return;
  for (const el of form.querySelectorAll<HTMLElement>('[data-error-for]')) (el.textContent = ''), el.removeAttribute('title');
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}
