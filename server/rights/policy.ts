// PODIUM_DEFAULT_AVAILABILITY: the windows a new programme gets. 'worldwide' (default) = WW from
// creation, open-ended; 'none' = no window until a rights manager sets one.
import { z } from 'zod';
import type { AvailabilityWindow } from './windows.js';

export type DefaultAvailability = 'worldwide' | 'none';

/** For server/config.ts SETTINGS: `schema: defaultAvailabilitySchema`, doc 'worldwide'. */
export const defaultAvailabilitySchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['worldwide', 'none'], { error: "must be 'worldwide' or 'none'" }))
  .default('worldwide');

/** Parses the raw variable (undefined/empty → 'worldwide'); throws naming the variable otherwise. */
export function parseDefaultAvailability(raw: string | undefined): DefaultAvailability {
  const r = defaultAvailabilitySchema.safeParse(raw === '' ? undefined : raw);
  if (!r.success) throw new Error(`PODIUM_DEFAULT_AVAILABILITY: must be 'worldwide' or 'none' (got ${JSON.stringify(raw)})`);
  return r.data;
}

/** The windows of a programme created at `now` under `policy`. */
export function defaultWindows(policy: DefaultAvailability, now: Date): AvailabilityWindow[] {
  return policy === 'worldwide' ? [{ regions: ['WW'], exclude: [], start: new Date(now.getTime()), end: null }] : [];
}
