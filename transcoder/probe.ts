import type { FfmpegBinaries, SourceInfo } from './types.js';

/** ffprobe → SourceInfo. Throws TranscodeError for empty, non-media, truncated or video-less input. */
export async function probe(bins: FfmpegBinaries, input: string, signal?: AbortSignal): Promise<SourceInfo> {
  void bins; void input; void signal;
  throw new Error('probe: not implemented yet');
}
