// Shapes of /api/studio and /api/qoe/summary answers: the server's own types
// (server/catalog/studio-view.ts, server/qoe/aggregate.ts), imported as types only, so the studio bundle and the server cannot drift apart and no server code is
// bundled.
export type { StudioJob, StudioLocalization, StudioProgramme, StudioWindow } from '../../catalog/studio-view.js';
export type { QoeSummaryRow } from '../../qoe/aggregate.js';
