// The app's side of the first frame (first-frame.ts): take the stage the server rendered on
// /watch/:id or /channel/:id — its <video> already playing the start of the programme, or the live
// edge — or clear it away.
import { FIRST_FRAME } from '../config.js';
import { AUTOPLAY_REFUSED_EVENT, FIRST_FRAME_DATA_ID, FIRST_FRAME_STAGE_ID, readFirstFrameStart, type FirstFrameHandoff } from '../core/first-frame-protocol.js';

/** first-frame.js is async: it may not have run yet when the app asks. */
function whenScriptRan(doc: Document): Promise<void> {
  const win = doc.defaultView;
  if (!win || win.podiumFirstFrame !== undefined) return Promise.resolve();
  const script = doc.querySelector<HTMLScriptElement>('script[src$="/first-frame.js"]');
  if (!script) return Promise.resolve();
  return new Promise((resolve) => {
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => resolve(), { once: true });
    // loaded and run between the check above and now
    if (win.podiumFirstFrame !== undefined) resolve();
  });
}

/** Removes the stage and stops its playback. Safe to call when there is none. */
export function discardFirstFrame(doc: Document): void {
  const win = doc.defaultView;
  const handoff = win?.podiumFirstFrame;
  if (win) win.podiumFirstFrame = null;
  doc.getElementById(FIRST_FRAME_DATA_ID)?.remove();
  const stage = doc.getElementById(FIRST_FRAME_STAGE_ID);
  // Not taken (a taken one is no longer on window): stop it, wherever its <video> is.
  const video = handoff?.video ?? stage?.querySelector('video');
  if (video) {
    void handoff?.release();
    video.pause();
    video.removeAttribute('src');
    video.load();
  }
  stage?.remove();
}

/**
 * The stage's playback for `programmeId` when hls.js can continue it (its MediaSource open and
 * a SourceBuffer per start track); otherwise the stage is discarded and null returned. Once.
 */
export async function takeFirstFrame(doc: Document, programmeId: string): Promise<FirstFrameHandoff | null> {
  const start = readFirstFrameStart(doc);
  if (!start) return null;
  await whenScriptRan(doc);
  const handoff = doc.defaultView?.podiumFirstFrame ?? null;
  const usable =
    handoff !== null &&
    handoff.programmeId === programmeId &&
    handoff.state !== 'failed' &&
    handoff.mediaSource.readyState === 'open' &&
    start.tracks.every((t) => handoff.tracks[t.type]);
  if (!usable) {
    discardFirstFrame(doc);
    return null;
  }
  doc.defaultView!.podiumFirstFrame = null;
  doc.getElementById(FIRST_FRAME_DATA_ID)?.remove();
  return handoff;
}

/**
 * Resolves once the stage shows its first frame (or gave up), at the latest after `capMs`: the
 * app waits for it so its ~1 MB of JavaScript does not compete with that frame for the main thread.
 */
export async function firstFrameShown(doc: Document, capMs = FIRST_FRAME.appWaitCapMs): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, capMs)));
  const shown = whenScriptRan(doc).then(() => {
    const handoff = doc.defaultView?.podiumFirstFrame;
    if (!handoff || handoff.state === 'failed') return;
    const video = handoff.video;
    return new Promise<void>((resolve) => {
      if ((video.readyState >= 2 && !video.paused) || handoff.autoplayRefused) return resolve();
      const done = () => resolve();
      video.addEventListener('playing', done, { once: true });
      video.addEventListener(AUTOPLAY_REFUSED_EVENT, done, { once: true });
      video.addEventListener('error', done, { once: true });
      void handoff.settled.then(() => handoff.state === 'failed' && done());
    });
  });
  await Promise.race([shown, cap]);
  clearTimeout(timer);
}
