import type { FfmpegBinaries } from './types.js';

export interface VerifyReport {
  segments: number;
  problems: string[];
}

/** Checks a packaged folder; returns the problems found (empty when fine). */
export async function verify(bins: FfmpegBinaries, dir: string): Promise<VerifyReport> {
  void bins; void dir;
  throw new Error('verify: not implemented yet');
}
