// A dedicated worker that runs the start-up request chain off the main thread: the programme
// JSON (or a live channel's), then the master, the start rung and its default audio, then their
// init and first segments (on a live channel, those where hls.js starts behind the edge). The main thread is busy compiling and running video.js + hls.js meanwhile; here
// each response leads to the next request at once. Results are posted back (ArrayBuffers
// transferred) and handed to hls.js by playback/boot-loader.ts.
import { startRenditions, startSegments } from './core/hls-prefetch.js';
import type { WorkerMessage, WorkerRequest } from './core/prefetch-protocol.js';

const scope = self as unknown as { postMessage(m: WorkerMessage, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };
const now = () => performance.timeOrigin + performance.now();
const requested = new Set<string>();

async function get(url: string, binary: boolean): Promise<string | null> {
  if (requested.has(url)) return null;
  requested.add(url);
  scope.postMessage({ type: 'pending', url });
  const start = now();
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(String(res.status));
    const data = binary ? await res.arrayBuffer() : await res.text();
    scope.postMessage({ type: 'done', url, data, start, end: now() }, data instanceof ArrayBuffer ? [data] : []);
    return typeof data === 'string' ? data : null;
  } catch {
    scope.postMessage({ type: 'failed', url });
    return null;
  }
}

async function media(url: string, liveSyncSec: number | undefined): Promise<void> {
  const playlist = await get(url, false);
  if (playlist) await Promise.all(startSegments(playlist, liveSyncSec).map((seg) => get(new URL(seg, url).href, true)));
}

scope.onmessage = async (e) => {
  const { programmeUrl, liveSyncSec } = e.data;
  let body: string;
  let status: number;
  try {
    const res = await fetch(programmeUrl, { headers: { accept: 'application/json' } });
    status = res.status;
    body = await res.text();
  } catch {
    scope.postMessage({ type: 'programme', status: 0, body: '' });
    return;
  }
  scope.postMessage({ type: 'programme', status, body });
  let hls: string | null = null;
  try {
    hls = status === 200 ? ((JSON.parse(body) as { hls?: string | null }).hls ?? null) : null;
  } catch {
    hls = null;
  }
  if (!hls) return;
  const masterUrl = new URL(hls, programmeUrl).href;
  const master = await get(masterUrl, false);
  if (!master) return;
  const { video, audio } = startRenditions(master);
  await Promise.all([video ? media(new URL(video, masterUrl).href, liveSyncSec) : null, audio ? media(new URL(audio, masterUrl).href, liveSyncSec) : null]);
};
