/**
 * Just enough ISO-BMFF parsing to check and describe our own fMP4 HLS output: codec strings and
 * sizes from init segments, timing and sync flags of each media segment's first fragment (verify,
 * measure), and where a segment's first I-frame lies (trick play's I-frame playlists). The one
 * box reader of the library.
 */

export interface Box {
  type: string;
  start: number;
  /** start of the payload */
  body: number;
  end: number;
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'mvex', 'moof', 'traf', 'edts', 'dinf']);

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
    if (size < header || pos + size > end) throw new Error(`malformed ${type} box at ${pos}`);
    out.push({ type, start: pos, body: pos + header, end: pos + size });
    pos += size;
  }
  return out;
}

/** First box at a path such as "moov/trak/mdia/mdhd". */
export function findBox(buf: Buffer, path: string, start = 0, end = buf.length): Box | undefined {
  const [head, ...rest] = path.split('/');
  const box = readBoxes(buf, start, end).find((b) => b.type === head);
  if (!box || rest.length === 0) return box;
  if (!CONTAINERS.has(box.type)) return undefined;
  return findBox(buf, rest.join('/'), box.body, box.end);
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

export interface InitInfo {
  timescale: number;
  /** RFC 6381 codec string, e.g. avc1.64001f or mp4a.40.2 */
  codec: string;
  width: number;
  height: number;
  /** edit list media time (ticks): presentation starts here */
  editMediaTime: number;
  trexDuration: number;
  trexFlags: number;
}

export function readInit(buf: Buffer): InitInfo {
  const mdhd = findBox(buf, 'moov/trak/mdia/mdhd');
  if (!mdhd) throw new Error('no mdhd box');
  const v = buf.readUInt8(mdhd.body);
  const timescale = buf.readUInt32BE(mdhd.body + (v === 1 ? 20 : 12));

  let editMediaTime = 0;
  const elst = findBox(buf, 'moov/trak/edts/elst');
  if (elst && buf.readUInt32BE(elst.body + 4) > 0) {
    const ev = buf.readUInt8(elst.body);
    const entry = elst.body + 8;
    editMediaTime = ev === 1 ? Number(buf.readBigInt64BE(entry + 8)) : buf.readInt32BE(entry + 4);
    if (editMediaTime < 0) editMediaTime = 0;
  }

  const trex = findBox(buf, 'moov/mvex/trex');
  const trexDuration = trex ? buf.readUInt32BE(trex.body + 12) : 0;
  const trexFlags = trex ? buf.readUInt32BE(trex.body + 20) : 0;

  const stsd = findBox(buf, 'moov/trak/mdia/minf/stbl/stsd');
  if (!stsd) throw new Error('no stsd box');
  const entry = readBoxes(buf, stsd.body + 8, stsd.end)[0];
  if (!entry) throw new Error('empty stsd');
  let codec = entry.type;
  let width = 0;
  let height = 0;
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    width = buf.readUInt16BE(entry.body + 24);
    height = buf.readUInt16BE(entry.body + 26);
    const avcC = readBoxes(buf, entry.body + 78, entry.end).find((b) => b.type === 'avcC');
    if (!avcC) throw new Error('no avcC box');
    codec = `${entry.type}.${hex2(buf[avcC.body + 1]!)}${hex2(buf[avcC.body + 2]!)}${hex2(buf[avcC.body + 3]!)}`;
  } else if (entry.type === 'mp4a') {
    const esds = readBoxes(buf, entry.body + 28, entry.end).find((b) => b.type === 'esds');
    codec = `mp4a.40.${esds ? audioObjectType(buf, esds) : 2}`;
  }
  return { timescale, codec, width, height, editMediaTime, trexDuration, trexFlags };
}

/** AAC audio object type from esds' DecoderSpecificInfo (tag 5). */
function audioObjectType(buf: Buffer, esds: Box): number {
  for (let i = esds.body + 4; i < esds.end - 2; i++) {
    if (buf[i] === 0x05) {
      let j = i + 1;
      while (buf[j]! & 0x80) j++;
      return buf[j + 1]! >> 3;
    }
  }
  return 2;
}

export interface SegmentTiming {
  /** presentation time of the first sample, seconds (edit list applied) */
  startSec: number;
  durationSec: number;
  firstIsSync: boolean;
}

const NON_SYNC = 0x00010000;

export function readSegment(buf: Buffer, init: InitInfo): SegmentTiming {
  const moofs = readBoxes(buf).filter((b) => b.type === 'moof');
  if (moofs.length === 0) throw new Error('no moof box');
  let start = 0;
  let firstIsSync = false;
  let totalTicks = 0;
  moofs.forEach((moof, n) => {
    const tfhd = findBox(buf, 'traf/tfhd', moof.body, moof.end);
    const tfdt = findBox(buf, 'traf/tfdt', moof.body, moof.end);
    const trun = findBox(buf, 'traf/trun', moof.body, moof.end);
    if (!tfhd || !tfdt || !trun) throw new Error('incomplete traf');
    const hf = buf.readUInt32BE(tfhd.body) & 0xffffff;
    let p = tfhd.body + 8;
    if (hf & 0x1) p += 8;
    if (hf & 0x2) p += 4;
    const defDuration = hf & 0x8 ? buf.readUInt32BE(p) : init.trexDuration;
    if (hf & 0x8) p += 4;
    if (hf & 0x10) p += 4;
    const defFlags = hf & 0x20 ? buf.readUInt32BE(p) : init.trexFlags;

    const tv = buf.readUInt8(tfdt.body);
    const decode = tv === 1 ? Number(buf.readBigUInt64BE(tfdt.body + 4)) : buf.readUInt32BE(tfdt.body + 4);

    const rf = buf.readUInt32BE(trun.body) & 0xffffff;
    const count = buf.readUInt32BE(trun.body + 4);
    let q = trun.body + 8;
    if (rf & 0x1) q += 4;
    let firstFlags: number | null = null;
    if (rf & 0x4) {
      firstFlags = buf.readUInt32BE(q);
      q += 4;
    }
    let firstCto = 0;
    for (let i = 0; i < count; i++) {
      let dur = defDuration;
      let flags = defFlags;
      if (rf & 0x100) { dur = buf.readUInt32BE(q); q += 4; }
      if (rf & 0x200) q += 4;
      if (rf & 0x400) { flags = buf.readUInt32BE(q); q += 4; }
      let cto = 0;
      if (rf & 0x800) { cto = buf.readInt32BE(q); q += 4; }
      if (i === 0 && n === 0) {
        firstCto = cto;
        firstIsSync = ((firstFlags ?? flags) & NON_SYNC) === 0;
      }
      totalTicks += dur;
    }
    if (n === 0) start = decode + firstCto - init.editMediaTime;
  });
  return { startSec: start / init.timescale, durationSec: totalTicks / init.timescale, firstIsSync };
}

/**
 * The baseMediaDecodeTime (ticks) of a media segment's first fragment: where a player that maps
 * decode times to its own timeline (hls.js's initPTS) takes the segment to begin.
 */
export function firstFragmentDecodeTime(seg: Buffer): number {
  const moof = readBoxes(seg).find((b) => b.type === 'moof');
  const tfdt = moof && findBox(seg, 'traf/tfdt', moof.body, moof.end);
  if (!tfdt) throw new Error('segment has no moof/traf/tfdt');
  return seg[tfdt.body] === 1 ? Number(seg.readBigUInt64BE(tfdt.body + 4)) : seg.readUInt32BE(tfdt.body + 4);
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
