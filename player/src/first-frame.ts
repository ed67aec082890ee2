// The first seconds of a programme, on screen before any player code has loaded.
//
// The server renders /watch/:id with a <video> (the "stage") and, when the programme can be
// played here now, the start of its ladder as JSON (server/http/routes/watch-page.ts): the codecs of
// the first-listed variant and of the default audio, and the URLs of their init segments and
// first media segments. This classic script (a few kB, loaded async) opens a MediaSource on the
// stage, appends those segments and starts muted playback, so the first frame waits for neither
// video.js nor hls.js (~900 kB of JavaScript to fetch, compile and run on a slow device).
//
// It never plays further than those segments. When the app has loaded, hls.js takes over the
// same MediaSource and SourceBuffers (hls.js's documented transfer: attachMedia({ media,
// mediaSource, tracks })) and loads on from what is buffered; video.js wraps the same <video>.
// Anything unexpected (no MSE, unsupported codec, a failed request) abandons the stage and the
// app plays the programme the ordinary way.
//
// A live channel's page (/channel/:id, `live`) carries the segments hls.js would start on near the
// live edge instead, each track with the SourceBuffer timestampOffset hls.js will give them
// (server/channel/live-start.ts): the stage appends them there and plays from where they begin.
//
// When the page lists the app's modules (appModules), this script loads them too, and restores the
// page's icon: after the first frame is on screen, when it gives up, or after FIRST_FRAME.appWaitCapMs,
// whichever comes first.
import { AUTOPLAY_REFUSED_EVENT, DEFERRED_ICON_ATTR, FIRST_FRAME_STAGE_ID, readFirstFrameStart, type FirstFrameHandoff, type FirstFrameStart, type FirstFrameTrack } from './core/first-frame-protocol.js';
import { FIRST_FRAME } from './config.js';
import { resumePosition } from './playback/resume-position.js';

/** Adds the app's entry module (and preloads of its chunks) to the page and restores its icon; once. */
function appLoader(doc: Document, modules: string[] | undefined): () => void {
  let loaded = false;
  return () => {
    if (loaded || !modules?.length) return;
    loaded = true;
    const icon = doc.querySelector<HTMLLinkElement>(`link[rel="icon"][${DEFERRED_ICON_ATTR}]`);
    if (icon) icon.href = icon.getAttribute(DEFERRED_ICON_ATTR)!;
    const [entry, ...chunks] = modules;
    for (const href of chunks) {
      const link = doc.createElement('link');
      link.rel = 'modulepreload';
      link.href = href;
      doc.head.append(link);
    }
    const script = doc.createElement('script');
    script.type = 'module';
    script.src = entry!;
    doc.head.append(script);
  };
}

/** Calls `then` once the stage's first frame has been presented (or playback failed). */
function whenFirstFrameShown(video: HTMLVideoElement, handoff: FirstFrameHandoff, then: () => void): void {
  video.addEventListener(
    'playing',
    () => (video.requestVideoFrameCallback ? video.requestVideoFrameCallback(() => then()) : then()),
    { once: true },
  );
  video.addEventListener('error', then, { once: true });
  void handoff.settled.then(() => handoff.state === 'failed' && then());
}

function container(type: FirstFrameTrack['type']): string {
  return type === 'video' ? 'video/mp4' : 'audio/mp4';
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function concat(a: ArrayBuffer, b: ArrayBuffer): ArrayBuffer {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(new Uint8Array(a), 0);
  out.set(new Uint8Array(b), a.byteLength);
  return out.buffer;
}

function whenIdle(buffer: SourceBuffer): Promise<void> {
  return buffer.updating ? new Promise((resolve) => buffer.addEventListener('updateend', () => resolve(), { once: true })) : Promise.resolve();
}

/** Appends the parts in order while `go()` holds; stops quietly once it does not. `appended` hears of each part appended. */
function appendInOrder(buffer: SourceBuffer, parts: Promise<ArrayBuffer>[], go: () => boolean, appended: (index: number) => void): Promise<void> {
  return parts.reduce(
    (previous, part, index) =>
      previous.then(async () => {
        const data = await part;
        if (!go()) return;
        await new Promise<void>((resolve, reject) => {
          const done = () => {
            buffer.removeEventListener('updateend', done);
            buffer.removeEventListener('error', failed);
            resolve();
          };
          const failed = () => {
            buffer.removeEventListener('updateend', done);
            buffer.removeEventListener('error', failed);
            reject(new Error('append failed'));
          };
          buffer.addEventListener('updateend', done);
          buffer.addEventListener('error', failed);
          buffer.appendBuffer(data);
        });
        appended(index);
      }),
    Promise.resolve(),
  );
}

/** The stage's <video>, put into the stage as soon as the parser has made it (this runs in the head). */
function stageVideo(doc: Document): HTMLVideoElement {
  const video = doc.createElement('video');
  video.className = 'video-js';
  video.muted = true; // browsers allow autoplay only without sound
  video.setAttribute('muted', '');
  video.setAttribute('playsinline', '');
  const place = () => {
    const stage = doc.getElementById(FIRST_FRAME_STAGE_ID);
    if (stage && !video.isConnected) stage.append(video);
    return !!stage;
  };
  if (!place()) {
    const watcher = new MutationObserver(() => place() && watcher.disconnect());
    watcher.observe(doc.documentElement, { childList: true, subtree: true });
    doc.addEventListener('DOMContentLoaded', () => (place(), watcher.disconnect()), { once: true });
  }
  return video;
}

function start(start: FirstFrameStart, loadApp: () => void): FirstFrameHandoff | null {
  // What the page fetched, by URL: hls.js takes these copies rather than fetching them again.
  const fetchedFiles: FirstFrameHandoff['fetched'] = new Map();
  const get = (url: string) => {
    const at = performance.now();
    return fetch(url, { credentials: 'same-origin' }).then(async (r) => {
      if (!r.ok) throw new Error(`${r.status} ${url}`);
      const data = await r.arrayBuffer();
      fetchedFiles.set(url, { data, start: at, end: performance.now() });
      return data;
    });
  };
  const MS = window.MediaSource;
  const live = !!start.live;
  const standAside =
    // A viewer coming back to a programme resumes mid-way: that is hls.js's job (startPosition).
    (!live && resumePosition(safeStorage(), start.programmeId, start.durationSec) !== null) ||
    !MS ||
    !start.tracks.every((t) => MS.isTypeSupported(`${container(t.type)}; codecs="${t.codec}"`));
  if (standAside) {
    // The page preloaded each track's first two files: take them, so the browser has no unused preload to warn about.
    for (const t of start.tracks) for (const url of t.urls.slice(0, 2)) get(url).catch(() => undefined);
    loadApp();
    return null;
  }

  // Init and first segment at once (the page preloads them), appended as one; the next segments
  // once the first frame is up, so they do not compete with it for the network and main thread.
  let released = false; // hls.js has taken over
  let frameUp!: () => void;
  const firstFrameUp = new Promise<void>((resolve) => (frameUp = resolve));
  const fetched = start.tracks.map((t) => {
    const [init, first, ...rest] = t.urls;
    const head = Promise.all([get(init!), first ? get(first) : new ArrayBuffer(0)]).then(([a, b]) => concat(a, b));
    let previous: Promise<unknown> = firstFrameUp;
    // (not at all once hls.js has taken over: it loads on by itself)
    const tail = rest.map((url) => (previous = previous.then(() => (released ? new ArrayBuffer(0) : get(url)))) as Promise<ArrayBuffer>);
    return [head, ...tail];
  });
  const video = stageVideo(document);
  const mediaSource = new MS();
  const handoff: FirstFrameHandoff = {
    programmeId: start.programmeId,
    master: start.master,
    live: start.live ?? null,
    fetched: fetchedFiles,
    video,
    mediaSource,
    tracks: {},
    state: 'loading',
    settled: null as unknown as Promise<void>,
    playingAt: null,
    autoplayRefused: false,
    release() {
      released = true;
      frameUp(); // a take-over before the frame showed: let the pending appends see `released` and end
      return Promise.all(Object.values(handoff.tracks).map((t) => whenIdle(t.buffer))).then(() => undefined);
    },
  };
  video.addEventListener('playing', () => (handoff.playingAt ??= performance.now()), { once: true });
  handoff.settled = new Promise<void>((resolve) => {
    mediaSource.addEventListener(
      'sourceopen',
      () => {
        URL.revokeObjectURL(video.src);
        try {
          if (start.durationSec > 0) mediaSource.duration = start.durationSec;
          // Live: the segments go where hls.js's timeline puts them (their timestampOffset), and
          // playback starts where they begin once every track has its first one.
          let heads = start.tracks.length;
          const headAppended = () => {
            const b = video.buffered;
            if (--heads === 0 && live && b.length && video.currentTime < b.start(0)) video.currentTime = b.start(0);
          };
          const appends = start.tracks.map((t, i) => {
            const buffer = mediaSource.addSourceBuffer(`${container(t.type)}; codecs="${t.codec}"`);
            if (t.timestampOffset) buffer.timestampOffset = t.timestampOffset;
            handoff.tracks[t.type] = { buffer, codec: t.codec, container: container(t.type) };
            return appendInOrder(buffer, fetched[i]!, () => !released, (part) => part === 0 && headAppended());
          });
          // Playback starts with the first frame that has both audio and video; no need to wait for every segment.
          // Refused (a browser or site setting that blocks even muted autoplay): the frame stays
          // paused, nothing to protect — the app loads now and shows its play button.
          void video.play().catch(() => {
            handoff.autoplayRefused = true;
            video.dispatchEvent(new Event(AUTOPLAY_REFUSED_EVENT));
            loadApp();
          });
          Promise.all(appends).then(
            () => {
              if (handoff.state === 'loading') handoff.state = 'ready';
              resolve();
            },
            () => {
              handoff.state = 'failed';
              resolve();
            },
          );
        } catch {
          handoff.state = 'failed';
          resolve();
        }
      },
      { once: true },
    );
  });
  for (const list of fetched) for (const p of list) p.catch(() => undefined); // failures are handled by appendInOrder
  video.src = URL.createObjectURL(mediaSource);
  whenFirstFrameShown(video, handoff, () => {
    if (handoff.state !== 'failed') frameUp();
    loadApp();
  });
  return handoff;
}

const startData = readFirstFrameStart(document);
const loadApp = appLoader(document, startData?.appModules);
try {
  window.podiumFirstFrame = startData ? start(startData, loadApp) : null;
} catch {
  window.podiumFirstFrame = null;
}
if (window.podiumFirstFrame) setTimeout(loadApp, FIRST_FRAME.appWaitCapMs);
else loadApp();
