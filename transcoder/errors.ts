/** Every way a transcode can fail, in one place. `file` is the input (or output) concerned. */
export const TRANSCODE_ERROR_CODES = [
  'empty_file',
  'not_media',
  'no_video_stream',
  'truncated',
  'ffmpeg_failed',
  'verify_failed',
  'aborted',
] as const;

export type TranscodeErrorCode = (typeof TRANSCODE_ERROR_CODES)[number];

export class TranscodeError extends Error {
  override readonly name = 'TranscodeError';
  constructor(
    readonly code: TranscodeErrorCode,
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

/** ffmpeg/ffprobe missing or too old. The message is one line naming the install command. */
export class FfmpegMissingError extends Error {
  override readonly name = 'FfmpegMissingError';
}
