// Messages between main.ts and prefetch-worker.ts. Times are epoch milliseconds
// (timeOrigin + now) because the worker's performance clock has its own origin.
export interface WorkerRequest {
  /** The programme's (or live channel's) JSON: its `hls` field names the master playlist. */
  programmeUrl: string;
  /** On a live channel's page: hls.js's distance from the live edge (s), where it starts. */
  liveSyncSec?: number;
}

export type WorkerMessage =
  | { type: 'programme'; status: number; body: string }
  | { type: 'pending'; url: string }
  | { type: 'done'; url: string; data: string | ArrayBuffer; start: number; end: number }
  | { type: 'failed'; url: string };
