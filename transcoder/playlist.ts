/** Minimal HLS playlist parsing for the playlists Podium writes and reads back. */

export interface MediaPlaylist {
  version: number | null;
  targetDuration: number;
  map: string | null;
  /** byteRange: the EXT-X-BYTERANGE before the URI (I-frame playlists), as written. */
  segments: { uri: string; durationSec: number; byteRange?: string }[];
  ended: boolean;
  independentSegments: boolean;
}

export interface MasterPlaylist {
  version: number | null;
  independentSegments: boolean;
  media: Record<string, string>[];
  variants: { attrs: Record<string, string>; uri: string }[];
}

/** Parses an attribute list: KEY=VALUE,KEY="quoted, value". Quotes are removed. */
export function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Z0-9-]+)=("[^"]*"|[^,]*)(?:,|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = m[2]!;
    out[m[1]!] = value.startsWith('"') ? value.slice(1, -1) : value;
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

function lines(text: string): string[] {
  const all = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (all[0] !== '#EXTM3U') throw new Error('does not start with #EXTM3U');
  return all;
}

export function parseMediaPlaylist(text: string): MediaPlaylist {
  const pl: MediaPlaylist = { version: null, targetDuration: 0, map: null, segments: [], ended: false, independentSegments: false };
  let pending: number | null = null;
  let range: string | null = null;
  for (const line of lines(text)) {
    if (line.startsWith('#EXT-X-VERSION:')) pl.version = Number(line.slice(15));
    else if (line.startsWith('#EXT-X-BYTERANGE:')) range = line.slice(17);
    else if (line.startsWith('#EXT-X-TARGETDURATION:')) pl.targetDuration = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-MAP:')) pl.map = parseAttributes(line.slice(11)).URI ?? null;
    else if (line.startsWith('#EXTINF:')) pending = Number(line.slice(8).split(',')[0]);
    else if (line === '#EXT-X-ENDLIST') pl.ended = true;
    else if (line === '#EXT-X-INDEPENDENT-SEGMENTS') pl.independentSegments = true;
    else if (!line.startsWith('#')) {
      if (pending === null || !Number.isFinite(pending)) throw new Error(`segment ${line} has no valid #EXTINF`);
      pl.segments.push(range === null ? { uri: line, durationSec: pending } : { uri: line, durationSec: pending, byteRange: range });
      pending = null;
      range = null;
    }
  }
  return pl;
}

export function parseMasterPlaylist(text: string): MasterPlaylist {
  const pl: MasterPlaylist = { version: null, independentSegments: false, media: [], variants: [] };
  let pending: Record<string, string> | null = null;
  for (const line of lines(text)) {
    if (line.startsWith('#EXT-X-VERSION:')) pl.version = Number(line.slice(15));
    else if (line === '#EXT-X-INDEPENDENT-SEGMENTS') pl.independentSegments = true;
    else if (line.startsWith('#EXT-X-MEDIA:')) pl.media.push(parseAttributes(line.slice(13)));
    else if (line.startsWith('#EXT-X-STREAM-INF:')) pending = parseAttributes(line.slice(18));
    else if (!line.startsWith('#')) {
      if (!pending) throw new Error(`URI ${line} without #EXT-X-STREAM-INF`);
      pl.variants.push({ attrs: pending, uri: line });
      pending = null;
    }
  }
  return pl;
}
