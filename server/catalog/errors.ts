// The catalog's domain errors. HTTP answers them through fromDomainError (server/http/errors.ts); nothing
// here knows HTTP.

/**
 * A programme that is not there, or a write the catalog refuses (which field, when one is at
 * fault). not_publishable: the channel slate, which viewers never see on demand.
 */
export class CatalogError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_locale' | 'invalid_text' | 'last_localization' | 'not_publishable',
    message: string,
    readonly field?: string,
    /** For invalid_text: which programme check refused it (empty, script, length). */
    readonly check?: string,
  ) {
    super(message);
  }
}

/** A track change the programme's current rendition cannot take (server/catalog/tracks.ts). */
export class TrackError extends Error {
  constructor(
    readonly code: 'no_rendition' | 'not_found' | 'last_audio',
    message: string,
  ) {
    super(message);
  }
}
