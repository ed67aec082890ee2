// POST /api/qoe: running totals of one playback, as the player sends them (its QoE reporter).
// server/qoe/schema.ts validates them; tsc checks that schema's input against this type.

export interface QoeBeacon {
  /** Random per playback (not a session, not stored on the device). */
  playbackId: string;
  programmeId: string;
  /** The viewer's region code as the player knows it, or null. */
  region: string | null;
  /** Grows with each beacon of a playback: the server keeps the latest. */
  seq: number;
  startupMs: number | null;
  rebufferMs: number;
  playMs: number;
  switches: number;
  /** Play-time-weighted bit rate, bit/s. */
  avgBitrate: number;
  errors: number;
}

export interface QoeBeaconBatch {
  beacons: QoeBeacon[];
}
