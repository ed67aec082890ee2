// GET /watch/:id: the player's page, with what the first frame needs already in it.
//
// For a programme the viewer may watch here now, the page carries a <video> (the "stage") and
// the start of the ladder as JSON (server/catalog/ladder-start.ts: the first-listed variant's
// and the default audio's codecs, init segments and first media segments, at signed URLs)
// plus player/src/first-frame.ts, a
// few kB that plays them before the app (video.js + hls.js) has loaded. Every other case (not
// found, not ready, refused, unreadable rendition) gets the plain single-page app, which shows
// the right message itself: the page never fails because of the fast path.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Request, RequestHandler, Response } from 'express';
import { LadderStarts, type FirstFrameStart } from '../../catalog/ladder-start.js';
import type { ViewerCatalog } from '../../catalog/viewer.js';
import type { DeferredIconAttr, FirstFrameDataId, FirstFrameStageId } from '../../contracts/index.js';
import type { MediaStore } from '../../media/store.js';
import { asViewer, viewerOf } from '../middleware/viewer.js';

export const FIRST_FRAME_DATA_ID: FirstFrameDataId = 'podium-first-frame';
export const FIRST_FRAME_STAGE_ID: FirstFrameStageId = 'podium-stage';

/** JSON safe inside <script>: no "</script>", no HTML comment openers, no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** first-frame.js as it goes into the page, and its CSP hash (the page allows that one inline script). */
export interface InlineScript {
  code: string;
  /** `'sha256-…'` for script-src */
  hash: string;
}

export function inlineScript(code: string): InlineScript | null {
  // A bundle that could end its own element cannot be inlined (esbuild output never has it).
  if (/<\/script|<!--/i.test(code)) return null;
  return { code, hash: `'sha256-${crypto.createHash('sha256').update(code, 'utf8').digest('base64')}'` };
}

/** The page's CSP with one more script hash allowed (helmet has set the header already). */
export function allowScriptHash(csp: string, hash: string): string {
  if (/(^|;)\s*script-src\s/.test(csp)) return csp.replace(/((?:^|;)\s*script-src\s[^;]*)/, `$1 ${hash}`);
  return `${csp};script-src 'self' ${hash}`;
}

/** The app's entry `<script type="module">` and the modulepreloads of its static chunks, as the build wrote them. */
const APP_ENTRY = /^[^\n]*<script type="module" src="([^"]+)"><\/script>[^\n]*\n/m;
const ENTRY_CHUNK = /^[^\n]*<link rel="modulepreload" href="([^"]+)" \/>[^\n]*\n/gm;
const APP_CHUNK = /^[^\n]*<link rel="modulepreload"[^>]*data-app-chunk[^>]*>\n/gm;
const ICON = /<link rel="icon" href="([^"]+)"/;
/** The icon first-frame.js restores after the frame (the page's own icon, until then none at all). */
export const DEFERRED_ICON_ATTR: DeferredIconAttr = 'data-deferred-href';

/**
 * The index page with the first frame in it. In the head, before the stylesheet (a script after
 * a stylesheet waits for it): preloads of each track's init and first segment, the start JSON,
 * and first-frame.js inline — no request of its own to wait for behind the page's other
 * requests (measured: a 3 kB script took 330 ms from a busy server), run as the parser meets it.
 * The stage it plays into sits before the app's root.
 *
 * The app's module graph waits for the first frame: the app chunks' preloads are dropped, and
 * with the script inline the entry module too — its URL and its chunks' go into the JSON
 * (`appModules`) and first-frame.js loads them once the frame is up. On two busy cores, fetching,
 * parsing and running them alongside the frame cost about 90 ms of it (bench:player, same tab).
 * The icon waits too: an SVG icon is parsed as a document of its own on the main thread (45–60 ms
 * in a fresh renderer's traces, just before the first frame). The page's icon is `data:,` (none,
 * and no request for /favicon.ico) until first-frame.js restores it.
 * Without the inline copy (first-frame.js by URL, which could fail to load) the page keeps its
 * entry script and icon and loads the app as usual.
 */
export function injectFirstFrame(index: string, start: FirstFrameStart, script: InlineScript | null = null): string {
  const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  let page = index.replace(APP_CHUNK, '');
  let json = start;
  const entry = script ? APP_ENTRY.exec(page) : null;
  if (entry) {
    const chunks = [...page.matchAll(ENTRY_CHUNK)].map((m) => m[1]!);
    page = page.replace(APP_ENTRY, '').replace(ENTRY_CHUNK, '').replace(ICON, `<link rel="icon" href="data:," ${DEFERRED_ICON_ATTR}="$1"`);
    json = { ...start, appModules: [entry[1]!, ...chunks] };
  }
  const head = [
    ...start.tracks.flatMap((t) => t.urls.slice(0, 2)).map((u) => `<link rel="preload" as="fetch" crossorigin href="${escapeAttr(u)}" />`),
    `<script type="application/json" id="${FIRST_FRAME_DATA_ID}">${scriptJson(json)}</script>`,
    script ? `<script>${script.code}</script>` : '<script src="/first-frame.js"></script>',
  ];
  const stage = `<div id="${FIRST_FRAME_STAGE_ID}" class="podium-stage" data-vjs-player></div>`;
  const headAt = /<link rel="stylesheet"|<\/head>/.exec(page);
  if (!headAt) return index;
  const withHead = `${page.slice(0, headAt.index)}${head.join('\n    ')}\n    ${page.slice(headAt.index)}`;
  return withHead.replace(/<div id="root">/, `${stage}\n    $&`);
}

export interface WatchPageDeps {
  playerDir: string;
  media: MediaStore;
  viewer: ViewerCatalog;
}

/** A file of the built player, re-read when the player is rebuilt (its mtime changes). */
function builtFile<T>(file: string, parse: (text: string) => T): () => Promise<T | null> {
  let cached: { mtimeMs: number; value: T } | null = null;
  return async () => {
    try {
      const stat = await fs.promises.stat(file);
      if (!cached || cached.mtimeMs !== stat.mtimeMs) cached = { mtimeMs: stat.mtimeMs, value: parse(await fs.promises.readFile(file, 'utf8')) };
      return cached.value;
    } catch {
      return null;
    }
  };
}

/**
 * A page of the player with its first frame in it, for whichever start `startOf` finds for the
 * request (the watch page's programme, a live channel's edge: channel-page.ts); the plain index
 * when it finds none (or throws). Mounted after viewerContext; falls through (next()) to the
 * plain index when the player is not built.
 */
export function firstFramePageHandler(playerDir: string, startOf: (req: Request, res: Response) => Promise<FirstFrameStart | null>): RequestHandler {
  const readIndex = builtFile(path.join(playerDir, 'index.html'), (text) => text);
  const readScript = builtFile(path.join(playerDir, 'first-frame.js'), inlineScript);
  return async (req, res, next) => {
    const index = await readIndex();
    if (index === null) return next();
    let start: FirstFrameStart | null = null;
    try {
      start = await startOf(req, res);
    } catch {
      start = null; // refused, missing, not ready: the app says so in the viewer's language
    }
    res.set('Cache-Control', 'no-store'); // signed, per-viewer URLs
    if (!start) return void res.type('html').send(index);
    const script = await readScript();
    const csp = res.getHeader('Content-Security-Policy');
    const inline = script && typeof csp === 'string' ? script : null;
    if (inline) res.setHeader('Content-Security-Policy', allowScriptHash(csp as string, inline.hash));
    res.type('html').send(injectFirstFrame(index, start, inline));
  };
}

/** /watch/:id: the programme's start, read from the in-memory copy of the published catalog. */
export function watchPageHandler(deps: WatchPageDeps): RequestHandler {
  const starts = new LadderStarts(deps.media);
  return firstFramePageHandler(deps.playerDir, async (req, res) => {
    const item = await deps.viewer.get(req.params.id as string, asViewer(viewerOf(res)), { fromCopy: true });
    return starts.forItem(item);
  });
}
