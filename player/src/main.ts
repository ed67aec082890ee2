// Browser entry, kept tiny so it runs before the heavy chunk (video.js + hls.js) has even been
// compiled: pick the language and region, start every request the first screen needs (the UI
// strings, on /watch/:id the programme and its master playlist, on /channel/:id the channel and
// its live playlists), then load the app.
import { fallbackChain, chooseLanguage, textDirection, uiLanguageFor } from './core/language.js';
import { createPrefsStore, regionFromSearch, safeLocalStorage } from './core/prefs.js';
import { parsePath } from './core/routes.js';
import { prefetchHls, prefetchPlaylists, type PrefetchMap, type PrefetchedResponse } from './core/hls-prefetch.js';
import type { WorkerMessage, WorkerRequest } from './core/prefetch-protocol.js';
import { HLS_LIVE_CONFIG } from './config.js';
import type { BootState } from './boot-state.js';
import { readFirstFrameStart } from './core/first-frame-protocol.js';
import { firstFrameShown } from './playback/first-frame-stage.js';

/** The start-up requests in a worker (prefetch-worker.ts), so a busy main thread never delays them. */
function startPrefetchWorker(programmeUrl: string, liveSyncSec: number | undefined): { programme: Promise<Response>; media: PrefetchMap } | null {
  let worker: Worker;
  try {
    worker = new Worker('/prefetch-worker.js', { type: 'module' });
  } catch {
    return null;
  }
  const media: PrefetchMap = new Map();
  const resolvers = new Map<string, (r: PrefetchedResponse | null) => void>();
  const origin = performance.timeOrigin;
  let resolveProgramme!: (r: Response) => void;
  let rejectProgramme!: (e: Error) => void;
  const programme = new Promise<Response>((res, rej) => ((resolveProgramme = res), (rejectProgramme = rej)));
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    if (m.type === 'programme') {
      if (m.status === 0) rejectProgramme(new TypeError('network error'));
      else resolveProgramme(new Response(m.body, { status: m.status, headers: { 'content-type': 'application/json' } }));
    } else if (m.type === 'pending') {
      media.set(m.url, new Promise((res) => resolvers.set(m.url, res)));
    } else {
      resolvers.get(m.url)?.(m.type === 'done' ? { url: m.url, data: m.data, start: m.start - origin, end: m.end - origin } : null);
      resolvers.delete(m.url);
    }
  };
  worker.onerror = () => rejectProgramme(new TypeError('prefetch worker failed'));
  worker.postMessage({ programmeUrl, ...(liveSyncSec !== undefined ? { liveSyncSec } : {}) } satisfies WorkerRequest);
  return { programme, media };
}

function boot(): void {
  // The app chunk (video.js + hls.js) starts downloading and compiling now, in parallel with
  // the requests below.
  // With the first frame on the page, the app waits until that frame is up (first-frame.ts).
  const start = readFirstFrameStart(document);
  const app = start ? firstFrameShown(document).then(() => import('./app-main.js')) : import('./app-main.js');
  const storage = safeLocalStorage(window);
  const prefs = createPrefsStore(document, storage);
  const stored = prefs.read();
  const region = regionFromSearch(location.search) ?? stored.region;
  const choice = chooseLanguage(location.search, navigator.languages ?? [navigator.language], undefined, undefined, stored.language);
  const language = uiLanguageFor(choice, region);
  document.documentElement.lang = language;
  document.documentElement.dir = textDirection(language);

  const json = (url: string) => fetch(url, { headers: { accept: 'application/json' } });
  const bundles: BootState['bundles'] = {};
  for (const lng of fallbackChain(language)) {
    bundles[lng] = json(`/locales/${encodeURIComponent(lng)}/player.json`)
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, unknown>>) : null))
      .catch(() => null);
  }
  const requests = new Map<string, Promise<Response>>();
  const route = parsePath(location.pathname);
  let media: BootState['media'] = null;
  if (route.name === 'watch' || route.name === 'channel') {
    const q = new URLSearchParams({ lang: language });
    if (region) q.set('region', region);
    // the programme or the channel (its signed master and now/next), under the path the API
    // client asks for (core/api.ts)
    const path = route.name === 'watch' ? `/api/programmes/${encodeURIComponent(route.id)}?${q}` : `/api/channels/${encodeURIComponent(route.id)}?${q}`;
    // On a live channel hls.js starts behind the edge, not at the first segment.
    const liveSyncSec = route.name === 'channel' ? HLS_LIVE_CONFIG.liveSyncDuration : undefined;
    // With the first frame on the page (first-frame.ts), its segments are already on their way
    // and hls.js continues from them: only the programme is needed early — and at a live edge
    // hls.js's first playlists, as the page's segments were placed by them (server/channel/live-start.ts).
    const early = start ? null : startPrefetchWorker(new URL(path, location.href).href, liveSyncSec);
    if (start) {
      requests.set(path, json(path));
      if (start.live) media = prefetchPlaylists([{ url: start.master, from: start.master }, ...start.live.playlists.map((p) => ({ url: p.url, from: p.pinned }))], location.href);
    } else if (early) {
      requests.set(path, early.programme);
      media = early.media;
    } else {
      // no module workers: the same chain from this thread
      const answer = json(path);
      requests.set(path, answer);
      const masterUrl = answer
        .then((r) => (r.ok ? r.clone().json() : null))
        .then((p: { hls?: string | null } | null) => (p?.hls ? new URL(p.hls, location.href).href : null))
        .catch(() => null);
      media = prefetchHls(masterUrl, liveSyncSec).map;
    }
  }
  const state: BootState = { language, region, route, prefs, storage, bundles, requests, media };
  void app.then((m) => m.startApp(state));
}

boot();
