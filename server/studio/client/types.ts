// Shapes of /api/studio and /api/qoe/summary answers: the server's own types
// (server/catalog/studio-view.ts, server/qoe/aggregate.ts), imported as types only, so the studio bundle and the server cannot drift apart and no server code is
// bundled.
export type { StudioJob, StudioLocalization, StudioProgramme, StudioWindow } from '../../catalog/studio-view.js';
export type { QoeSummaryRow } from '../../qoe/aggregate.js';
export type { Channel, EditorChannel } from '../../channel/channels.js';
export type { PlanAiring, PlanEntry, PlanProblem, PlanProgramme, PlanRepeat, PlanRun, SchedulePlan } from '../../channel/schedule-plan-view.js';
/** An entry of GET /api/channels/:id/schedule (server/http/routes/channels.ts). */
export interface StoredEntry {
  id: string;
  programmeId: string;
  start: string;
  end: string;
  alternatives: Record<string, string | null>;
}
