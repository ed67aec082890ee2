// Messages between main.ts and prefetch-worker.ts. Times are epoch milliseconds
// (timeOrigin + now) because the worker's performance clock has its own origin.
export interface WorkerRequest {
  programmeUrl: string;
}

export type WorkerMessage =
  | { type: 'programme'; status: number; body: string }
  | { type: 'pending'; url: string }
  | { type: 'done'; url: string; data: string | ArrayBuffer; start: number; end: number }
  | { type: 'failed'; url: string };
