// What a job's recorded error says: the problem in words an editor can act on, never a server
// path (job status is read in the studio and over the API; the full error, with its paths and
// ffmpeg's output, goes to the log). One place for both the handlers and the worker.
import { TranscodeError, type TranscodeErrorCode } from '../../transcoder/index.js';

const PROBLEM: Record<TranscodeErrorCode, string> = {
  empty_file: 'the file is empty',
  not_media: 'the file is not a video or audio file that can be read',
  no_video_stream: 'the file has no video',
  truncated: 'the file is truncated or incomplete',
  ffmpeg_failed: 'encoding failed',
  verify_failed: 'the packaged result failed verification',
  aborted: 'the job was stopped',
};

// An absolute POSIX path (or file: URL) inside a message: from a start of text, whitespace, a
// quote or an opening bracket up to the next whitespace, quote or bracket. A trailing ':' or ','
// is the sentence's, not the path's.
const ABSOLUTE_PATH = /(^|[\s'"`(\[=])(?:file:\/\/)?\/[^\s'"`()[\]]*[^\s'"`()[\]:,.;]/g;
/** A recorded error is read in lists: long ffmpeg output is for the log. */
const MAX_LENGTH = 500;

/** The message with every absolute path replaced by "(file)" and "(file): " prefixes dropped. */
export function withoutPaths(message: string): string {
  return message
    .replace(ABSOLUTE_PATH, '$1(file)')
    .replace(/\(file\):\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A failure as recorded on the job: a TranscodeError as `<what>: <problem> (<code>) — <detail>`
 * (the detail without paths, first line only); any other error as its message without paths.
 */
export function jobErrorMessage(err: unknown, what = 'the job failed'): string {
  if (err instanceof TranscodeError) {
    const reason = err.message.startsWith(`${err.file}: `) ? err.message.slice(err.file.length + 2) : err.message;
    const detail = withoutPaths(reason.split('\n')[0] ?? '');
    return capped(`${what}: ${PROBLEM[err.code] ?? 'it failed'} (${err.code})${detail ? ` — ${detail}` : ''}`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return capped(withoutPaths(message) || what);
}

function capped(message: string): string {
  return message.length > MAX_LENGTH ? `${message.slice(0, MAX_LENGTH - 1)}…` : message;
}

/** A stored error as shown: errors recorded before paths were kept out of them are cleaned on the way out. */
export function shownJobError(error: string | null): string | null {
  return error === null ? null : withoutPaths(error);
}
