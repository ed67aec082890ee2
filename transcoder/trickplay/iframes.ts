/**
 * I-frame playlists (RFC 8216 §4.3.3.6, EXT-X-I-FRAME-STREAM-INF) for the video rungs of an
 * fMP4 HLS output, from the segments as written: every segment starts with an IDR frame (the
 * ladder forces one per segment), so each segment contributes one I-frame whose byte range is
 * its moof plus the first sample. No re-encode, no extra media files.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readMediaPlaylist } from '../audio/media-playlist.js';
import { quoted } from '../subtitles/media.js';
import { firstKeyframeRange, readVideoInit } from '../mp4-boxes.js';

export interface IFramePlaylistOptions {
  /** a video rung's media playlist (fMP4, with EXT-X-MAP) */
  variantPlaylist: string;
  /** folder of the master playlist, for the URI in the returned line; default the variant's parent folder */
  masterDir?: string;
  /** file name written beside the variant playlist, default "iframes.m3u8" */
  name?: string;
  /** CODECS, when the init segment's codec is not H.264 (read from avcC otherwise) */
  codecs?: string;
}

export interface IFramePlaylist {
  /** path of the written playlist relative to masterDir */
  uri: string;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  width: number;
  height: number;
  /**
   * one per segment: the I-frame's bytes within the segment file, and the fragment's decode
   * time (the first one, × 90000, is the subtitles' X-TIMESTAMP-MAP MPEGTS)
   */
  ranges: { uri: string; offset: number; length: number; durationSec: number; decodeTimeSec: number }[];
  /** the master playlist line */
  line: string;
}

export async function writeIFramePlaylist(opts: IFramePlaylistOptions): Promise<IFramePlaylist> {
  const dir = path.dirname(opts.variantPlaylist);
  const masterDir = opts.masterDir ?? path.dirname(dir);
  const name = opts.name ?? 'iframes.m3u8';
  const pl = await readMediaPlaylist(opts.variantPlaylist);
  if (!pl.map) throw new Error(`${opts.variantPlaylist}: not fMP4 (no EXT-X-MAP); I-frame playlists here need fMP4`);
  const init = readVideoInit(await readFile(path.join(dir, pl.map)));
  const codecs = opts.codecs ?? init.codec;
  if (!codecs) throw new Error(`${opts.variantPlaylist}: unknown codec in the init segment; pass codecs`);

  const ranges: IFramePlaylist['ranges'] = [];
  for (const s of pl.segments) {
    const file = await readFile(path.join(dir, s.uri));
    const seg = s.byteRange ? file.subarray(s.byteRange.offset, s.byteRange.offset + s.byteRange.length) : file;
    let r;
    try {
      r = firstKeyframeRange(seg, init);
    } catch (e) {
      throw new Error(`${path.join(dir, s.uri)}: ${(e as Error).message}`, { cause: e });
    }
    ranges.push({ uri: s.uri, offset: r.offset + (s.byteRange?.offset ?? 0), length: r.length, durationSec: s.durationSec, decodeTimeSec: r.decodeTimeSec });
  }
  const rates = ranges.map((r) => (r.length * 8) / r.durationSec);
  const total = ranges.reduce((a, r) => a + r.durationSec, 0);
  const bandwidth = Math.ceil(Math.max(...rates));
  const averageBandwidth = Math.ceil((ranges.reduce((a, r) => a + r.length, 0) * 8) / total);

  const target = Math.max(1, ...ranges.map((r) => Math.round(r.durationSec)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    '#EXT-X-I-FRAMES-ONLY',
    `#EXT-X-MAP:URI="${pl.map}"`,
  ];
  // one I-frame per segment: its duration runs to the next I-frame, i.e. the segment's
  for (const r of ranges) lines.push(`#EXTINF:${r.durationSec.toFixed(6)},`, `#EXT-X-BYTERANGE:${r.length}@${r.offset}`, r.uri);
  lines.push('#EXT-X-ENDLIST', '');
  const file = path.join(dir, name);
  await writeFile(file, lines.join('\n'));

  const uri = path.relative(masterDir, file).split(path.sep).join('/');
  const line =
    `#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=${bandwidth},AVERAGE-BANDWIDTH=${averageBandwidth},` +
    `CODECS=${quoted(codecs)},RESOLUTION=${init.width}x${init.height},URI=${quoted(uri)}`;
  return { uri, bandwidth, averageBandwidth, codecs, width: init.width, height: init.height, ranges, line };
}
