// The channel domain's errors. HTTP answers them through fromDomainError (server/http/errors.ts);
// nothing here knows HTTP.

/**
 * not_found: no such channel. invalid: a field the channel or schedule refuses (`field` names it,
 * e.g. `entries.3.programmeId`). slug_taken: another channel has the slug. version_mismatch: the
 * schedule changed since the version the write was made from (`currentVersion` is the stored one).
 * not_offered: the channel is not offered in the viewer's region.
 * not_ready: the channel cannot air yet (its slate is still being packaged on a fresh start).
 */
export class ChannelError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid' | 'slug_taken' | 'version_mismatch' | 'not_ready' | 'not_offered',
    message: string,
    readonly field?: string,
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}
