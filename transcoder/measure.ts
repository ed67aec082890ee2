/** Reads a packaged rendition back: sizes, timing, codec of every segment. */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readInit, readSegment, type InitInfo } from './mp4-boxes.js';
import { parseMediaPlaylist, type MediaPlaylist } from './playlist.js';

export interface MeasuredSegment {
  uri: string;
  bytes: number;
  /** from #EXTINF */
  durationSec: number;
  /** presentation time of the first sample, from the fragment */
  startSec: number;
  firstIsSync: boolean;
}

export interface MeasuredRendition {
  /** playlist path relative to the package root */
  playlist: string;
  media: MediaPlaylist;
  init: InitInfo;
  segments: MeasuredSegment[];
  totalDurationSec: number;
  /** max over segments of bits / EXTINF duration */
  peakBitrate: number;
  /** all segment bits / total duration */
  averageBitrate: number;
}

export async function measureRendition(root: string, playlist: string): Promise<MeasuredRendition> {
  const path = join(root, playlist);
  const media = parseMediaPlaylist(await readFile(path, 'utf8'));
  if (!media.map) throw new Error(`${playlist}: no #EXT-X-MAP (not fMP4)`);
  const dir = dirname(path);
  const init = readInit(await readFile(join(dir, media.map)));
  const segments: MeasuredSegment[] = [];
  let bits = 0;
  let total = 0;
  let peak = 0;
  for (const seg of media.segments) {
    const file = join(dir, seg.uri);
    const [buf, st] = await Promise.all([readFile(file), stat(file)]);
    const timing = readSegment(buf, init);
    segments.push({ uri: seg.uri, bytes: st.size, durationSec: seg.durationSec, startSec: timing.startSec, firstIsSync: timing.firstIsSync });
    bits += st.size * 8;
    total += seg.durationSec;
    if (seg.durationSec > 0) peak = Math.max(peak, (st.size * 8) / seg.durationSec);
  }
  return {
    playlist,
    media,
    init,
    segments,
    totalDurationSec: total,
    peakBitrate: Math.ceil(peak),
    averageBitrate: total > 0 ? Math.ceil(bits / total) : 0,
  };
}
