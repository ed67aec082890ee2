import { readFile } from 'node:fs/promises';

export interface MediaSegmentRef {
  uri: string;
  durationSec: number;
  /** EXT-X-BYTERANGE, when the segment is a range of a file */
  byteRange: { length: number; offset: number } | null;
}

export interface MediaPlaylistInfo {
  /** EXT-X-MAP URI (fMP4 init segment), null for MPEG-TS */
  map: string | null;
  targetDuration: number;
  segments: MediaSegmentRef[];
}

/** Reads the parts of a VOD media playlist that packaging needs. URIs are as written (relative). */
export function parseMediaPlaylist(text: string): MediaPlaylistInfo {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines[0] !== '#EXTM3U') throw new Error('not an HLS playlist (no #EXTM3U)');
  let map: string | null = null;
  let targetDuration = 0;
  const segments: MediaSegmentRef[] = [];
  let pendingDuration: number | null = null;
  let pendingRange: MediaSegmentRef['byteRange'] = null;
  let nextOffset = 0;
  for (const line of lines) {
    if (line.startsWith('#EXT-X-MAP:')) map = /URI="([^"]+)"/.exec(line)?.[1] ?? null;
    else if (line.startsWith('#EXT-X-TARGETDURATION:')) targetDuration = Number(line.slice(22));
    else if (line.startsWith('#EXTINF:')) pendingDuration = Number(line.slice(8).split(',')[0]);
    else if (line.startsWith('#EXT-X-BYTERANGE:')) {
      const [len, off] = line.slice(17).split('@');
      const offset = off === undefined ? nextOffset : Number(off);
      pendingRange = { length: Number(len), offset };
      nextOffset = offset + Number(len);
    } else if (line !== '' && !line.startsWith('#')) {
      if (pendingDuration === null) throw new Error(`segment ${line} has no #EXTINF`);
      segments.push({ uri: line, durationSec: pendingDuration, byteRange: pendingRange });
      pendingDuration = null;
      pendingRange = null;
    }
  }
  return { map, targetDuration, segments };
}

export async function readMediaPlaylist(file: string): Promise<MediaPlaylistInfo> {
  return parseMediaPlaylist(await readFile(file, 'utf8'));
}
