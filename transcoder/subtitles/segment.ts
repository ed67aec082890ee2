import { formatTimestamp, serializeCue, type WebVttDocument } from './webvtt.js';

export interface VttSegment {
  /** file name, e.g. "seg_00000.vtt" */
  name: string;
  durationSec: number;
  content: string;
}

/**
 * Segment durations matching a video cut every `segmentSec` (the last one shorter), for when
 * the video playlist is not at hand. Prefer the video playlist's own EXTINF values.
 */
export function uniformSegmentDurations(totalSec: number, segmentSec: number): number[] {
  const out: number[] = [];
  let t = 0;
  // 1 ms tolerance so 6.0000001 / 2 does not make a sliver fourth segment
  while (totalSec - t > 0.001) {
    const d = Math.min(segmentSec, totalSec - t);
    out.push(d);
    t += d;
  }
  return out;
}

export interface SegmentVttOptions {
  /** the video's segment durations (EXTINF values of a video rung), in order */
  segmentDurations: readonly number[];
  /** file name prefix; segment k is `${prefix}${k padded to 5}.vtt` */
  prefix: string;
  /**
   * MPEGTS value of X-TIMESTAMP-MAP, in 90 kHz ticks: the media timestamp at which the
   * programme starts. For fMP4 HLS written by ffmpeg from a source starting at 0, the first video
   * fragment's baseMediaDecodeTime is 0 and so is this (LOCAL 00:00:00.000 ↔ MPEGTS 0); pass
   * `Math.round(firstFragmentStartSec * 90000)` when the video starts elsewhere (see
   * trickplay's `fragmentStartSec`). MPEG-TS video usually starts at 10 s (900000) instead.
   */
  mpegts?: number;
}

/**
 * Splits cues into WebVTT segments on the video's segment boundaries. A cue spanning a boundary
 * is written in every segment it overlaps, with its original times (RFC 8216 §3.5: cue times
 * stay on the programme timeline; players drop the duplicates). Every segment, even one without
 * cues, is written so the subtitle playlist has the video's segment count.
 */
export function segmentWebVtt(doc: WebVttDocument, opts: SegmentVttOptions): VttSegment[] {
  const header = `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:${opts.mpegts ?? 0},LOCAL:${formatTimestamp(0)}`;
  const blocks = doc.headerBlocks;
  const segments: VttSegment[] = [];
  let t0 = 0;
  opts.segmentDurations.forEach((d, k) => {
    const t1 = t0 + d;
    // cues starting after the video's end are never shown and are dropped
    const cues = doc.cues.filter((c) => c.end > t0 && c.start < t1);
    const body = [header, ...blocks, ...cues.map(serializeCue)].join('\n\n') + '\n';
    segments.push({ name: `${opts.prefix}${String(k).padStart(5, '0')}.vtt`, durationSec: d, content: body });
    t0 = t1;
  });
  return segments;
}

/** The subtitle media playlist (VOD) for the segments. */
export function renderSubtitlePlaylist(segments: readonly VttSegment[]): string {
  const target = Math.max(1, ...segments.map((s) => Math.round(s.durationSec)));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  for (const s of segments) lines.push(`#EXTINF:${s.durationSec.toFixed(6)},`, s.name);
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}
