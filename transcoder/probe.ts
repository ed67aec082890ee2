import { open, stat } from 'node:fs/promises';
import { ffprobeJson, FfmpegRunError } from './ffmpeg/command.js';
import { TranscodeError } from './errors.js';
import type { AudioStreamInfo, FfmpegBinaries, SourceInfo, VideoStreamInfo } from './types.js';

interface RawStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  field_order?: string;
  pix_fmt?: string;
  channels?: number;
  channel_layout?: string;
  sample_rate?: string;
  duration?: string;
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
  disposition?: { attached_pic?: number };
}

interface RawProbe {
  streams?: RawStream[];
  format?: { format_name?: string; duration?: string; size?: string };
}

function rate(r: string | undefined): number {
  if (!r) return 0;
  const [n, d] = r.split('/').map(Number);
  if (!n || !d) return 0;
  return n / d;
}

/** Clockwise display rotation in {0, 90, 180, 270}, from the display matrix or the legacy tag. */
function rotationOf(s: RawStream): number {
  const side = s.side_data_list?.find((d) => typeof d.rotation === 'number');
  // The display matrix gives the counter-clockwise angle; the legacy tag the clockwise one.
  const deg = side ? -Number(side.rotation) : Number(s.tags?.rotate ?? 0);
  return (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
}

function videoInfo(s: RawStream): VideoStreamInfo {
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  const rotation = rotationOf(s);
  const quarter = rotation === 90 || rotation === 270;
  const fieldOrder = s.field_order && s.field_order !== 'unknown' ? s.field_order : null;
  // avg_frame_rate is the honest one; r_frame_rate doubles for field-coded streams.
  const fps = rate(s.avg_frame_rate) || rate(s.r_frame_rate);
  return {
    index: s.index,
    codec: s.codec_name ?? 'unknown',
    width,
    height,
    displayWidth: quarter ? height : width,
    displayHeight: quarter ? width : height,
    rotation,
    fps: Math.round(fps * 1000) / 1000,
    interlaced: fieldOrder !== null && fieldOrder !== 'progressive',
    fieldOrder,
    pixFmt: s.pix_fmt ?? null,
  };
}

function audioInfo(s: RawStream): AudioStreamInfo {
  const lang = s.tags?.language;
  return {
    index: s.index,
    codec: s.codec_name ?? 'unknown',
    channels: s.channels ?? 0,
    channelLayout: s.channel_layout ?? null,
    sampleRate: Number(s.sample_rate ?? 0),
    language: lang && lang !== 'und' ? lang : null,
  };
}

/** The video stream's own duration (MP4/MOV), or Matroska's DURATION tag; 0 when unknown. */
function videoDuration(s: RawStream): number {
  const d = Number(s.duration ?? 0);
  if (d > 0) return d;
  const tag = s.tags?.DURATION ?? s.tags?.duration;
  const m = tag ? /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(tag) : null;
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : 0;
}

const ISO_BMFF_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid']);

/** True when the file starts like an MP4/MOV (a box header), i.e. "moov not found" means cut off. */
async function looksLikeIsoBmff(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    return bytesRead === 8 && ISO_BMFF_BOXES.has(head.toString('latin1', 4, 8));
  } finally {
    await fh.close();
  }
}

/** ffprobe → SourceInfo. Throws TranscodeError for empty, non-media, truncated or video-less input. */
export async function probe(bins: FfmpegBinaries, input: string, signal?: AbortSignal): Promise<SourceInfo> {
  let size: number;
  try {
    const st = await stat(input);
    if (!st.isFile()) throw new TranscodeError('not_media', input, 'not a regular file');
    size = st.size;
  } catch (e) {
    if (e instanceof TranscodeError) throw e;
    throw new TranscodeError('not_media', input, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (size === 0) throw new TranscodeError('empty_file', input, 'the file is empty (0 bytes)');

  let raw: RawProbe;
  try {
    raw = (await ffprobeJson(bins, ['-show_format', '-show_streams', input], signal)) as RawProbe;
  } catch (e) {
    if (signal?.aborted) throw new TranscodeError('aborted', input, 'aborted', { cause: e });
    const why = e instanceof FfmpegRunError ? e.message.replace(`${input}: `, '') : String(e);
    if (/Truncat|end of file|partial file/i.test(why) || (/moov atom not found/.test(why) && (await looksLikeIsoBmff(input)))) {
      throw new TranscodeError('truncated', input, `the file is truncated or incomplete (${why})`, { cause: e });
    }
    throw new TranscodeError('not_media', input, `not a media file ffmpeg can read (${why})`, { cause: e });
  }

  const streams = raw.streams ?? [];
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && (s.width ?? 0) > 0);
  if (!v) {
    if (streams.length === 0) throw new TranscodeError('not_media', input, 'no audio or video streams found');
    throw new TranscodeError('no_video_stream', input, 'the file has no video stream');
  }
  const a = streams.find((s) => s.codec_type === 'audio' && (s.channels ?? 0) > 0);
  const durationSec = videoDuration(v) || Number(raw.format?.duration ?? 0);
  if (!(durationSec > 0)) throw new TranscodeError('truncated', input, 'the media has no measurable duration');
  const video = videoInfo(v);
  if (!(video.fps > 0)) throw new TranscodeError('not_media', input, 'the video stream has no frame rate');

  return {
    file: input,
    formatName: raw.format?.format_name ?? 'unknown',
    durationSec,
    sizeBytes: size,
    video,
    audio: a ? audioInfo(a) : null,
  };
}
