import type { TranscodeProgress } from './types.js';

/**
 * Turns ffmpeg's `-progress` key=value lines into `{ fraction, etaSec }`, one report per block
 * (ffmpeg ends each block with `progress=continue|end`).
 */
export function createProgressParser(
  totalSec: number,
  report: (p: TranscodeProgress) => void,
  now: () => number = Date.now,
): { onLine: (line: string) => void } {
  const started = now();
  let outSec = 0;
  return {
    onLine(line: string): void {
      const eq = line.indexOf('=');
      if (eq < 0) return;
      const key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim();
      if (key === 'out_time_us' || key === 'out_time_ms') {
        // both are microseconds in ffmpeg 5 (out_time_ms is misnamed)
        const us = Number(value);
        if (Number.isFinite(us) && us >= 0) outSec = us / 1e6;
      } else if (key === 'progress') {
        // the last 1 % is kept for measuring, writing the master playlist and verifying
        const fraction = value === 'end' ? 0.99 : Math.min(0.99, Math.max(0, totalSec > 0 ? outSec / totalSec : 0));
        const elapsed = (now() - started) / 1000;
        const etaSec = fraction >= 0.02 ? Math.max(0, Math.round((elapsed * (1 - fraction)) / fraction)) : null;
        report({ fraction, etaSec });
      }
    },
  };
}
