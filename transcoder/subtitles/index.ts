import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalLanguage } from '../audio/language.js';
import { decodeSubtitleBytes, type SubtitleEncoding } from './encoding.js';
import { SubtitleError } from './errors.js';
import { renderSubtitleMedia } from './media.js';
import { renderSubtitlePlaylist, segmentWebVtt } from './segment.js';
import { looksLikeSrt, parseSrt } from './srt.js';
import { parseWebVtt, serializeWebVtt, type WebVttDocument } from './webvtt.js';

export { SubtitleError, SUBTITLE_ERROR_CODES, type SubtitleErrorCode } from './errors.js';
export { decodeSubtitleBytes, type SubtitleEncoding, type DecodedText } from './encoding.js';
export { parseWebVtt, serializeWebVtt, serializeCue, parseTimestamp, formatTimestamp, type Cue, type WebVttDocument } from './webvtt.js';
export { parseSrt, looksLikeSrt } from './srt.js';
export { segmentWebVtt, renderSubtitlePlaylist, uniformSegmentDurations, type VttSegment, type SegmentVttOptions } from './segment.js';
export { renderSubtitleMedia, SUBTITLE_GROUP_ID, type SubtitleMediaInput } from './media.js';

export const SUBTITLE_PLAYLIST = 'index.m3u8';

export interface ReadSubtitles {
  doc: WebVttDocument;
  format: 'webvtt' | 'srt';
  encoding: SubtitleEncoding;
  /** the whole file as clean UTF-8 WebVTT (for download / archive) */
  vtt: string;
}

/**
 * Uploaded subtitle bytes (WebVTT or SRT, in UTF-8, UTF-16, GB18030 or Big5) → validated cues.
 * Throws SubtitleError (code, line) on anything it would not publish.
 */
export function readSubtitles(bytes: Uint8Array): ReadSubtitles {
  const { text, encoding } = decodeSubtitleBytes(bytes);
  if (text.trim() === '') throw new SubtitleError('empty_file', 'the file is empty');
  let doc: WebVttDocument;
  let format: ReadSubtitles['format'];
  if (/^WEBVTT/.test(text)) {
    doc = parseWebVtt(text);
    format = 'webvtt';
  } else if (looksLikeSrt(text)) {
    doc = parseSrt(text);
    format = 'srt';
  } else {
    throw new SubtitleError('unknown_format', 'neither WebVTT (first line "WEBVTT") nor SRT (a counter line, then "00:00:01,000 --> 00:00:02,000")', 1);
  }
  return { doc, format, encoding, vtt: serializeWebVtt(doc) };
}

export interface PackageSubtitleOptions {
  /** raw uploaded bytes, or an already parsed document */
  input: Uint8Array | WebVttDocument;
  /** BCP 47, e.g. "zh-Hant" */
  language: string;
  /** the video's segment durations: EXTINF values of any video rung (they are all aligned) */
  segmentDurations: readonly number[];
  /** rendition root (the folder of master.m3u8) */
  outDir: string;
  /**
   * sub-folder of this rendition, default `subs_<language>` → subs_fr/index.m3u8,
   * subs_fr/seg_00000.vtt … (one folder per rendition, like the video and audio ones)
   */
  name?: string;
  /** X-TIMESTAMP-MAP MPEGTS, default 0 (fMP4 video starting at 0; see SegmentVttOptions) */
  mpegts?: number;
  /** menu label, default the language's own name */
  label?: string;
  forced?: boolean;
}

export interface SubtitleRendition {
  language: string;
  /** media playlist, relative to outDir: `${name}/index.m3u8` */
  playlist: string;
  /** every file written, relative to outDir */
  files: string[];
  segments: number;
  cues: number;
  /** the EXT-X-MEDIA line for the master playlist (URI relative to outDir) */
  media: string;
}

/**
 * Validates the subtitles, then writes the segmented WebVTT rendition and its playlist.
 * Nothing is written when validation fails.
 */
export async function packageSubtitleRendition(opts: PackageSubtitleOptions): Promise<SubtitleRendition> {
  const language = canonicalLanguage(opts.language);
  const doc = opts.input instanceof Uint8Array ? readSubtitles(opts.input).doc : opts.input;
  const name = opts.name ?? `subs_${language}`;
  const segments = segmentWebVtt(doc, { segmentDurations: opts.segmentDurations, prefix: 'seg_', mpegts: opts.mpegts });
  const dir = path.join(opts.outDir, name);
  if (await exists(dir)) throw new Error(`${dir} already exists (renditions are immutable)`);
  // written beside, then renamed: a reader never sees a half-written rendition
  const tmp = path.join(opts.outDir, `.${name}.tmp-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp, { recursive: true });
  try {
    await Promise.all(segments.map((s) => writeFile(path.join(tmp, s.name), s.content)));
    await writeFile(path.join(tmp, SUBTITLE_PLAYLIST), renderSubtitlePlaylist(segments));
    await rename(tmp, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const playlist = `${name}/${SUBTITLE_PLAYLIST}`;
  return {
    language,
    playlist,
    files: [...segments.map((s) => `${name}/${s.name}`), playlist],
    segments: segments.length,
    cues: doc.cues.length,
    media: renderSubtitleMedia({ language, uri: playlist, name: opts.label, forced: opts.forced }),
  };
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
