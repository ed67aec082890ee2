// Where a viewer who comes back to a programme resumes: kept per programme in localStorage by
// plugins/resume.ts. A module of its own because first-frame.ts, which must stay tiny, reads it too.

import { RESUME } from '../config.js';

export const RESUME_KEY_PREFIX = 'podium_resume_';

/** Near the end a programme starts again from the top: the last 10 s, or the last quarter of a short clip. */
export function endMarginSec(durationSec: number): number {
  return Math.min(RESUME.endMarginSec, durationSec / 4);
}

export function resumePosition(storage: Storage | null, programmeId: string, durationSec: number | null): number | null {
  try {
    const raw = storage?.getItem(RESUME_KEY_PREFIX + programmeId);
    const sec = raw === null || raw === undefined ? NaN : Number(raw);
    if (!Number.isFinite(sec) || sec < RESUME.minSec) return null;
    if (durationSec && sec > durationSec - endMarginSec(durationSec)) return null;
    return sec;
  } catch {
    return null;
  }
}

