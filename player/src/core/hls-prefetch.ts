// Start-up prefetch of the HLS chain, run by main.ts while the app chunk is still loading: the
// master, then the first-listed variant (the start rung) and its default audio rendition, then
// each one's init segment and first media segment. hls.js later takes these responses from
// boot-loader.ts instead of requesting them again. Pure parsing + fetch; no DOM.

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

export function prefetchHls(masterUrl: Promise<string | null>, fetchImpl: typeof fetch = (...a) => fetch(...a)): { map: PrefetchMap; master: Promise<PrefetchedResponse | null> } {
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
      if (typeof pl?.data === 'string') for (const seg of firstSegments(pl.data)) void get(new URL(seg, url).href, true);
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
