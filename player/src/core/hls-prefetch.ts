// Start-up prefetch of the HLS chain, run by main.ts while the app chunk is still loading: the
// master, then the first-listed variant (the start rung) and its default audio rendition, then
// each one's init segment and first media segment. hls.js later takes these responses from
// boot-loader.ts instead of requesting them again. On a live channel's page, the segments where
// hls.js will start near the live edge instead of the first ones. Pure parsing + fetch; no DOM.

export interface PrefetchedResponse {
  url: string;
  data: string | ArrayBuffer;
  /** performance.now() when the request started and when it finished (for hls.js's stats). */
  start: number;
  end: number;
}

export type PrefetchMap = Map<string, Promise<PrefetchedResponse | null>>;

function attr(line: string, name: string): string | null {
  const m = new RegExp(`(?:^|[:,])${name}=("([^"]*)"|[^,]*)`).exec(line);
  return m ? (m[2] ?? m[1]!) : null;
}

/** Pure: the start variant's URI and its default audio rendition's URI from a master playlist. */
export function startRenditions(master: string): { video: string | null; audio: string | null } {
  const lines = master.split(/\r?\n/);
  let video: string | null = null;
  let group: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('#EXT-X-STREAM-INF')) continue;
    group = attr(lines[i]!, 'AUDIO');
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!.trim();
      if (l && !l.startsWith('#')) {
        video = l;
        break;
      }
    }
    break;
  }
  let audio: string | null = null;
  if (group) {
    const media = lines.filter((l) => l.startsWith('#EXT-X-MEDIA') && attr(l, 'TYPE') === 'AUDIO' && attr(l, 'GROUP-ID') === group);
    const chosen = media.find((l) => attr(l, 'DEFAULT') === 'YES') ?? media[0];
    audio = chosen ? attr(chosen, 'URI') : null;
  }
  return { video, audio };
}

/** Pure: the init segment (EXT-X-MAP) and the first media segment of a media playlist. */
export function firstSegments(playlist: string): string[] {
  const out: string[] = [];
  let sawInf = false;
  for (const raw of playlist.split(/\r?\n/)) {
    const l = raw.trim();
    if (l.startsWith('#EXT-X-MAP')) {
      const uri = attr(l, 'URI');
      if (uri) out.push(uri);
    } else if (l.startsWith('#EXTINF')) sawInf = true;
    else if (sawInf && l && !l.startsWith('#')) {
      out.push(l);
      break;
    }
  }
  return out;
}

/**
 * hls.js's tolerance (s) when it looks a position up among fragments (maxFragLookUpTolerance's
 * default): a position this close to a fragment's end belongs to the next one.
 */
const LOOKUP_TOLERANCE_SEC = 0.25;

/**
 * Pure: what hls.js loads first from a live media playlist — the segment holding the position
 * `syncSec` before the window's end (hls.js's liveSyncPosition) and the one after it, each
 * preceded by the EXT-X-MAP in effect (once). The next one too because hls.js estimates the
 * edge as the playlist's end plus the playlist's age: parsed a second after it was fetched,
 * the start moves a second on, possibly into the next segment; it buffers that one next anyway.
 */
export function liveStartSegments(playlist: string, syncSec: number): string[] {
  const segments: { uri: string; durationSec: number; map: string | null }[] = [];
  let map: string | null = null;
  let durationSec: number | null = null;
  for (const raw of playlist.split(/\r?\n/)) {
    const l = raw.trim();
    if (l.startsWith('#EXT-X-MAP')) map = attr(l, 'URI');
    else if (l.startsWith('#EXTINF:')) durationSec = Number.parseFloat(l.slice('#EXTINF:'.length));
    else if (durationSec !== null && l && !l.startsWith('#')) {
      segments.push({ uri: l, durationSec: Number.isFinite(durationSec) ? durationSec : 0, map });
      durationSec = null;
    }
  }
  const total = segments.reduce((sum, s) => sum + s.durationSec, 0);
  const position = Math.max(0, total - syncSec);
  let start = 0;
  let index = segments.length - 1;
  for (let i = 0; i < segments.length; i++) {
    start += segments[i]!.durationSec;
    if (start - LOOKUP_TOLERANCE_SEC > position) {
      index = i;
      break;
    }
  }
  const out: string[] = [];
  for (const s of segments.slice(Math.max(0, index), index + 2)) {
    if (s.map && !out.includes(s.map)) out.push(s.map);
    out.push(s.uri);
  }
  return out;
}

/**
 * Pure: the segments to fetch early from a media playlist — the first ones of an on-demand
 * rendition, or with `liveSyncSec` where hls.js starts a live one.
 */
export function startSegments(playlist: string, liveSyncSec?: number): string[] {
  return liveSyncSec === undefined ? firstSegments(playlist) : liveStartSegments(playlist, liveSyncSec);
}

/**
 * A live page's first frame (first-frame.ts): hls.js's first master and media playlists, each
 * fetched from the page's copy of it (`from`: the playlist pinned to the page's slot, the same
 * bytes) and kept under the URL hls.js will ask for (`url`), resolved against `base`. hls.js then
 * places fragments on the timeline the page's segments were placed on (server/channel/live-start.ts).
 */
export function prefetchPlaylists(entries: readonly { url: string; from: string }[], base: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): PrefetchMap {
  const map: PrefetchMap = new Map();
  for (const { url, from } of entries) {
    const key = new URL(url, base).href;
    const start = performance.now();
    map.set(
      key,
      fetchImpl(new URL(from, base).href)
        .then(async (r) => (r.ok ? { url: key, data: await r.text(), start, end: performance.now() } : null))
        .catch(() => null),
    );
  }
  return map;
}

export function prefetchHls(masterUrl: Promise<string | null>, liveSyncSec?: number, fetchImpl: typeof fetch = (...a) => fetch(...a)): { map: PrefetchMap; master: Promise<PrefetchedResponse | null> } {
  const map: PrefetchMap = new Map();
  const get = (url: string, binary: boolean): Promise<PrefetchedResponse | null> => {
    let p = map.get(url);
    if (!p) {
      const start = performance.now();
      p = fetchImpl(url)
        .then(async (r) => (r.ok ? { url, data: binary ? await r.arrayBuffer() : await r.text(), start, end: performance.now() } : null))
        .catch(() => null);
      map.set(url, p);
    }
    return p;
  };
  const media = (url: string) =>
    get(url, false).then((pl) => {
      if (typeof pl?.data === 'string') for (const seg of startSegments(pl.data, liveSyncSec)) void get(new URL(seg, url).href, true);
    });
  const master = masterUrl.then(async (url) => {
    if (!url) return null;
    const m = await get(url, false);
    if (typeof m?.data === 'string') {
      const { video, audio } = startRenditions(m.data);
      if (video) void media(new URL(video, url).href);
      if (audio) void media(new URL(audio, url).href);
    }
    return m;
  });
  return { map, master };
}
