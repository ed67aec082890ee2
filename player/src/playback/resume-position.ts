// Where a viewer who comes back to a programme resumes: kept per programme in localStorage by
// plugins/resume.ts. A module of its own because first-frame.ts, which must stay tiny, reads it too.

export const RESUME_KEY_PREFIX = 'podium_resume_';
export const MIN_SEC = 5;
export const END_MARGIN_SEC = 10;

/** Near the end a programme starts again from the top: the last 10 s, or the last quarter of a short clip. */
export function endMarginSec(durationSec: number): number {
  return Math.min(END_MARGIN_SEC, durationSec / 4);
}

export function resumePosition(storage: Storage | null, programmeId: string, durationSec: number | null): number | null {
  try {
    const raw = storage?.getItem(RESUME_KEY_PREFIX + programmeId);
    const sec = raw === null || raw === undefined ? NaN : Number(raw);
    if (!Number.isFinite(sec) || sec < MIN_SEC) return null;
    if (durationSec && sec > durationSec - endMarginSec(durationSec)) return null;
    return sec;
  } catch {
    return null;
  }
}

