/**
 * Minimal ISO-BMFF reading for I-frame playlists: where the first sample of a media segment
 * lies (byte range from its moof to the end of that sample), whether it is a sync sample, and
 * the codec string and size from an init segment. Only what fMP4 HLS from ffmpeg contains.
 */

export interface Box {
  type: string;
  start: number;
  body: number;
  end: number;
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'mvex', 'moof', 'traf']);

export function readBoxes(buf: Buffer, start = 0, end = buf.length): Box[] {
  const out: Box[] = [];
  let pos = start;
  while (pos + 8 <= end) {
    let size = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    let header = 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(pos + 8));
      header = 16;
    } else if (size === 0) size = end - pos;
    if (size < header || pos + size > end) throw new Error(`malformed ${type} box at byte ${pos}`);
    out.push({ type, start: pos, body: pos + header, end: pos + size });
    pos += size;
  }
  return out;
}

/** First box along a path like "moov/trak/mdia/mdhd". */
export function findBox(buf: Buffer, path: string, start = 0, end = buf.length): Box | undefined {
  const [head, ...rest] = path.split('/');
  const box = readBoxes(buf, start, end).find((b) => b.type === head);
  if (!box || rest.length === 0) return box;
  return CONTAINERS.has(box.type) ? findBox(buf, rest.join('/'), box.body, box.end) : undefined;
}

export interface VideoInit {
  /** RFC 6381, e.g. "avc1.64001f"; null for codecs we do not describe (pass CODECS yourself) */
  codec: string | null;
  width: number;
  height: number;
  timescale: number;
  /** trex defaults, used when a fragment does not carry its own */
  defaultSampleSize: number;
  defaultSampleFlags: number;
}

export function readVideoInit(buf: Buffer): VideoInit {
  const mdhd = findBox(buf, 'moov/trak/mdia/mdhd');
  if (!mdhd) throw new Error('init segment has no mdhd box');
  const timescale = buf.readUInt32BE(mdhd.body + (buf[mdhd.body] === 1 ? 20 : 12));
  const stsd = findBox(buf, 'moov/trak/mdia/minf/stbl/stsd');
  if (!stsd) throw new Error('init segment has no stsd box');
  const entry = readBoxes(buf, stsd.body + 8, stsd.end)[0];
  if (!entry) throw new Error('empty stsd box');
  // VisualSampleEntry: 6 reserved + 2 data_reference_index + 16 pre_defined/reserved, then width, height
  const width = buf.readUInt16BE(entry.body + 24);
  const height = buf.readUInt16BE(entry.body + 26);
  let codec: string | null = null;
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    const avcC = readBoxes(buf, entry.body + 78, entry.end).find((b) => b.type === 'avcC');
    if (avcC) codec = `${entry.type}.${[1, 2, 3].map((i) => buf[avcC.body + i]!.toString(16).padStart(2, '0')).join('')}`;
  }
  const trex = findBox(buf, 'moov/mvex/trex');
  return {
    codec,
    width,
    height,
    timescale,
    defaultSampleSize: trex ? buf.readUInt32BE(trex.body + 16) : 0,
    defaultSampleFlags: trex ? buf.readUInt32BE(trex.body + 20) : 0,
  };
}

export interface KeyframeRange {
  /** byte offset of the moof, within the segment (file or byte range) */
  offset: number;
  /** from the moof's first byte to the last byte of the first sample */
  length: number;
  /** baseMediaDecodeTime of the fragment, in seconds */
  decodeTimeSec: number;
}

const SAMPLE_IS_NON_SYNC = 0x00010000;

/**
 * The byte range of the I-frame that starts a segment: its first moof and, inside the mdat that
 * follows, the first sample. Throws when the first sample is not a sync sample (the segment does
 * not start with an IDR frame, so it is unfit for an I-frame playlist).
 */
export function firstKeyframeRange(seg: Buffer, init: VideoInit): KeyframeRange {
  const moof = readBoxes(seg).find((b) => b.type === 'moof');
  if (!moof) throw new Error('segment has no moof box');
  const tfhd = findBox(seg, 'traf/tfhd', moof.body, moof.end);
  const trun = findBox(seg, 'traf/trun', moof.body, moof.end);
  const tfdt = findBox(seg, 'traf/tfdt', moof.body, moof.end);
  if (!tfhd || !trun) throw new Error('moof has no tfhd/trun');

  const hf = seg.readUInt32BE(tfhd.body) & 0xffffff;
  let p = tfhd.body + 8; // version/flags + track_ID
  let base = moof.start; // default-base-is-moof (CMAF), and the ISO default for a first traf
  if (hf & 0x1) {
    base = Number(seg.readBigUInt64BE(p));
    p += 8;
  }
  if (hf & 0x2) p += 4; // sample_description_index
  if (hf & 0x8) p += 4; // default_sample_duration
  let defSize = init.defaultSampleSize;
  if (hf & 0x10) {
    defSize = seg.readUInt32BE(p);
    p += 4;
  }
  const defFlags = hf & 0x20 ? seg.readUInt32BE(p) : init.defaultSampleFlags;

  const rf = seg.readUInt32BE(trun.body) & 0xffffff;
  const count = seg.readUInt32BE(trun.body + 4);
  if (count === 0) throw new Error('empty trun');
  let q = trun.body + 8;
  let dataStart: number;
  if (rf & 0x1) {
    dataStart = base + seg.readInt32BE(q);
    q += 4;
  } else {
    const mdat = readBoxes(seg, moof.end).find((b) => b.type === 'mdat');
    if (!mdat) throw new Error('no mdat after moof');
    dataStart = mdat.body;
  }
  let firstFlags: number | null = null;
  if (rf & 0x4) {
    firstFlags = seg.readUInt32BE(q);
    q += 4;
  }
  if (rf & 0x100) q += 4; // sample_duration
  const size = rf & 0x200 ? seg.readUInt32BE(q) : defSize;
  if (rf & 0x200) q += 4;
  const flags = firstFlags ?? (rf & 0x400 ? seg.readUInt32BE(q) : defFlags);
  if (flags & SAMPLE_IS_NON_SYNC) throw new Error('the first sample of the segment is not a sync sample');
  if (size <= 0 || dataStart + size > seg.length) throw new Error('first sample lies outside the segment');

  let decode = 0;
  if (tfdt) decode = seg[tfdt.body] === 1 ? Number(seg.readBigUInt64BE(tfdt.body + 4)) : seg.readUInt32BE(tfdt.body + 4);
  return { offset: moof.start, length: dataStart + size - moof.start, decodeTimeSec: decode / init.timescale };
}
