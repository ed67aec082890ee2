import type { TranscodeOptions, TranscodeResult } from './types.js';

/** probe → plan → package → verify → master playlist → rename into outDir. */
export async function transcode(opts: TranscodeOptions): Promise<TranscodeResult> {
  void opts;
  throw new Error('transcode: not implemented yet');
}
