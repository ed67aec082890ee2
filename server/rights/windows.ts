// Availability windows: where and when a programme may be watched. Pure functions of
// (windows, region, now) — evaluated per request against an injected clock, so a window that
// opens or closes takes effect without a restart.
import { WORLDWIDE } from '../regions/index.js';

export interface AvailabilityWindow {
  /** Alpha-2 codes, or ['WW'] for worldwide. */
  regions: readonly string[];
  /** Codes carved out of `regions` (meaningful mostly with WW). */
  exclude: readonly string[];
  /** Inclusive. */
  start: Date;
  /** Exclusive; null = open-ended. */
  end: Date | null;
}

export type RightsReason = 'open' | 'not_yet_open' | 'expired' | 'region_excluded' | 'region_not_licensed' | 'no_windows';

export interface RightsDecision {
  available: boolean;
  reason: RightsReason;
  /** Earliest future opening for this region, when not available now (for the 451 body). */
  availableFrom: Date | null;
  /** When the answer may next change (window end if available, next opening otherwise); null = never. */
  changesAt: Date | null;
}

/** Does the window's territory include `region` (ignoring time)? */
export function coversRegion(w: AvailabilityWindow, region: string): boolean {
  const r = region.toUpperCase();
  if (w.exclude.includes(r)) return false;
  return w.regions.includes(WORLDWIDE) || w.regions.includes(r);
}

function openAt(w: AvailabilityWindow, t: number): boolean {
  return w.start.getTime() <= t && (w.end === null || t < w.end.getTime());
}

export function isAvailable(windows: readonly AvailabilityWindow[], region: string, now: Date): boolean {
  const t = now.getTime();
  return windows.some((w) => coversRegion(w, region) && openAt(w, t));
}

/** Earliest start after `now` of a window covering `region`, or null. */
export function nextOpening(windows: readonly AvailabilityWindow[], region: string, now: Date): Date | null {
  const t = now.getTime();
  let best: number | null = null;
  for (const w of windows) {
    const s = w.start.getTime();
    if (s > t && coversRegion(w, region) && (w.end === null || w.end.getTime() > s) && (best === null || s < best)) best = s;
  }
  return best === null ? null : new Date(best);
}

/**
 * The end of continuous availability from `now` (overlapping/adjacent windows are chained),
 * or null when open-ended. Only meaningful when isAvailable(...) is true. Use it to cap a
 * playback token's expiry so it never outlives the rights.
 */
export function availableUntil(windows: readonly AvailabilityWindow[], region: string, now: Date): Date | null {
  const mine = windows.filter((w) => coversRegion(w, region));
  let t = now.getTime();
  for (let guard = 0; guard <= mine.length; guard++) {
    const open = mine.filter((w) => openAt(w, t));
    if (open.length === 0) return new Date(t);
    if (open.some((w) => w.end === null)) return null;
    t = Math.max(...open.map((w) => w.end!.getTime()));
  }
  return new Date(t);
}

/** Full decision with a reason code for the audit log and `availableFrom` for the 451 body. */
export function decide(windows: readonly AvailabilityWindow[], region: string, now: Date): RightsDecision {
  if (isAvailable(windows, region, now)) {
    return { available: true, reason: 'open', availableFrom: null, changesAt: availableUntil(windows, region, now) };
  }
  const from = nextOpening(windows, region, now);
  let reason: RightsReason;
  if (windows.length === 0) reason = 'no_windows';
  else if (from) reason = 'not_yet_open';
  else if (windows.some((w) => coversRegion(w, region))) reason = 'expired';
  else if (windows.some((w) => w.regions.includes(WORLDWIDE) || w.regions.includes(region.toUpperCase()))) reason = 'region_excluded';
  else reason = 'region_not_licensed';
  return { available: false, reason, availableFrom: from, changesAt: from };
}
