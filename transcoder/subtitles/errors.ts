/** Every way a subtitle file can be refused, in one place. */
export const SUBTITLE_ERROR_CODES = [
  'empty_file',
  'bad_encoding',
  'unknown_format',
  'not_webvtt',
  'bad_timing',
  'end_before_start',
  'out_of_order',
  'garbage',
  'no_cues',
] as const;

export type SubtitleErrorCode = (typeof SUBTITLE_ERROR_CODES)[number];

/**
 * A refused subtitle file. `line` is 1-based in the decoded text of the file as uploaded
 * (SRT line numbers for SRT input), so an editor can find the fault.
 */
export class SubtitleError extends Error {
  override readonly name = 'SubtitleError';
  constructor(
    readonly code: SubtitleErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }

  /** The shape the HTTP layer sends: `{ code, message, line? }`. */
  toJSON(): { code: SubtitleErrorCode; message: string; line?: number } {
    return this.line === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, line: this.line };
  }
}
