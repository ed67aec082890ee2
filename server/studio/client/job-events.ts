// Follows a transcode through GET /api/jobs/:id/events (server-sent events) until it ends.
export interface JobEvent {
  id: string;
  state: string;
  progress: number;
  etaSec: number | null;
  error?: string | null;
}

export function followJob(jobId: string, signal: AbortSignal, on: { progress(e: JobEvent): void; end(e: JobEvent): void }): void {
  const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
  const close = () => source.close();
  signal.addEventListener('abort', close, { once: true });
  source.addEventListener('progress', (e) => on.progress(JSON.parse((e as MessageEvent<string>).data) as JobEvent));
  source.addEventListener('end', (e) => {
    close(); // the server closes too; without this EventSource would reconnect
    signal.removeEventListener('abort', close);
    on.end(JSON.parse((e as MessageEvent<string>).data) as JobEvent);
  });
}
