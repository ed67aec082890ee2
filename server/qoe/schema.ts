// What a player may send to POST /api/qoe: running totals of one playback, no personal data.
// The playback id is a random UUID the player makes per playback (not a session, not stored
// on the device); region is the viewer's region code as the player knows it.
import { z } from 'zod';
import type { Agrees, Assert, QoeBeaconBatch } from '../contracts/index.js';

const HOUR_MS = 3600_000;

export const beaconSchema = z.strictObject({
  playbackId: z.uuid(),
  programmeId: z.uuid(),
  region: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .transform((r) => r.toUpperCase())
    .nullable(),
  seq: z.number().int().min(0).max(1_000_000),
  startupMs: z.number().int().min(0).max(10 * 60_000).nullable(),
  rebufferMs: z.number().int().min(0).max(24 * HOUR_MS),
  playMs: z.number().int().min(0).max(24 * HOUR_MS),
  switches: z.number().int().min(0).max(100_000),
  avgBitrate: z.number().int().min(0).max(1_000_000_000),
  errors: z.number().int().min(0).max(100_000),
});

export const beaconBatchSchema = z.strictObject({
  beacons: z.array(beaconSchema).min(1).max(50),
});

export type Beacon = z.output<typeof beaconSchema>;
export type BeaconBatch = z.output<typeof beaconBatchSchema>;
/** tsc fails here when what the schema accepts and what the player sends (server/contracts) drift apart. */
export type BeaconSchemaAgrees = Assert<Agrees<z.input<typeof beaconBatchSchema>, QoeBeaconBatch>>;

/** The region stored for a viewer whose region the player did not know (CLDR's "Unknown Region"). */
export const UNKNOWN_REGION = 'ZZ';
