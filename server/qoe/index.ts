/** Quality of experience: player beacons, their storage and the editors' summary. */
export { beaconBatchSchema, beaconSchema, UNKNOWN_REGION, type Beacon, type BeaconBatch } from './schema.js';
export { median, percentile, summarize, type PlaybackRow, type QoeSummaryRow } from './aggregate.js';
export { SqlQoeStore, type QoeStore } from './store.js';
