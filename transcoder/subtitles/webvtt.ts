import { SubtitleError } from './errors.js';

export interface Cue {
  /** optional cue identifier */
  id: string | null;
  /** seconds from the programme start */
  start: number;
  end: number;
  /** cue settings as written, e.g. "line:90% align:center"; "" when none */
  settings: string;
  /** payload lines joined with "\n" */
  text: string;
  /** 1-based line of the timing line in the source text */
  line: number;
}

export interface WebVttDocument {
  /** STYLE and REGION blocks, kept verbatim for the segments */
  headerBlocks: string[];
  cues: Cue[];
}

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

/** "01:02:03.456" or "02:03.456" → seconds; null when malformed. */
export function parseTimestamp(s: string): number | null {
  const m = TIMESTAMP.exec(s);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** seconds → "hh:mm:ss.ttt" (milliseconds rounded). */
export function formatTimestamp(sec: number): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms % 1000, 3)}`;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/**
 * Parses and validates WebVTT. Stricter than a browser on purpose: a browser silently drops
 * what it cannot read, so a published file with a typo loses captions without anyone noticing.
 * Refused, with the 1-based line number: a missing "WEBVTT" signature, a block that is neither a
 * cue, NOTE, STYLE nor REGION (garbage), a malformed timing line, end ≤ start, a cue starting
 * before the previous one (the spec requires ascending start times), a payload containing
 * "-->", and a file without cues. Overlapping cues are legal WebVTT (two speakers) and kept.
 */
export function parseWebVtt(input: string): WebVttDocument {
  const text = input.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new SubtitleError('empty_file', 'the file is empty');
  const lines = text.split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0]!)) {
    throw new SubtitleError('not_webvtt', 'a WebVTT file must start with the line "WEBVTT"', 1);
  }
  let i = 1;
  // the rest of the header block (e.g. X-TIMESTAMP-MAP) ends at the first blank line
  while (i < lines.length && lines[i] !== '') {
    if (lines[i]!.includes('-->')) throw new SubtitleError('garbage', 'a blank line must separate the "WEBVTT" header from the first cue', i + 1);
    i++;
  }
  const headerBlocks: string[] = [];
  const cues: Cue[] = [];
  let lastStart = -1;
  while (i < lines.length) {
    if (lines[i] === '') {
      i++;
      continue;
    }
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i] !== '') block.push(lines[i++]!);
    const first = block[0]!;
    if (/^NOTE(?:[ \t]|$)/.test(first)) continue;
    if (/^(?:STYLE|REGION)[ \t]*$/.test(first)) {
      if (cues.length > 0) throw new SubtitleError('garbage', `${first} blocks must come before the first cue`, blockStart + 1);
      headerBlocks.push(block.join('\n'));
      continue;
    }
    let timingIdx = 0;
    if (!first.includes('-->')) {
      if (block.length < 2 || !block[1]!.includes('-->')) {
        throw new SubtitleError('garbage', `expected a cue (optional identifier, then "start --> end"), found "${clip(first)}"`, blockStart + 1);
      }
      timingIdx = 1;
    }
    const lineNo = blockStart + timingIdx + 1;
    const { start, end, settings } = parseTimingLine(block[timingIdx]!, lineNo);
    if (start < lastStart) {
      throw new SubtitleError('out_of_order', `cue starts at ${formatTimestamp(start)}, before the previous cue (${formatTimestamp(lastStart)})`, lineNo);
    }
    lastStart = start;
    const payload = block.slice(timingIdx + 1);
    payload.forEach((l, k) => {
      if (l.includes('-->')) throw new SubtitleError('garbage', 'cue text must not contain "-->" (is a blank line missing before this cue?)', lineNo + 1 + k);
    });
    cues.push({ id: timingIdx === 1 ? first : null, start, end, settings, text: payload.join('\n'), line: lineNo });
  }
  if (cues.length === 0) throw new SubtitleError('no_cues', 'the file contains no cues');
  return { headerBlocks, cues };
}

function parseTimingLine(line: string, lineNo: number): { start: number; end: number; settings: string } {
  const m = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
  if (!m) throw new SubtitleError('bad_timing', `malformed timing line "${clip(line)}" (expected "00:00:01.000 --> 00:00:02.500")`, lineNo);
  const start = parseTimestamp(m[1]!);
  if (start === null) throw new SubtitleError('bad_timing', `malformed start time "${m[1]}" (expected hh:mm:ss.ttt or mm:ss.ttt)`, lineNo);
  const end = parseTimestamp(m[2]!);
  if (end === null) throw new SubtitleError('bad_timing', `malformed end time "${m[2]}" (expected hh:mm:ss.ttt or mm:ss.ttt)`, lineNo);
  if (end <= start) throw new SubtitleError('end_before_start', `cue ends at ${m[2]}, not after its start ${m[1]}`, lineNo);
  return { start, end, settings: (m[3] ?? '').trim() };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** One cue as WebVTT text (no trailing blank line). */
export function serializeCue(cue: Cue): string {
  const timing = `${formatTimestamp(cue.start)} --> ${formatTimestamp(cue.end)}${cue.settings ? ` ${cue.settings}` : ''}`;
  return [cue.id, timing, cue.text].filter((x) => x !== null && x !== '').join('\n');
}

/** A whole document as WebVTT text. */
export function serializeWebVtt(doc: WebVttDocument, headerLines: string[] = []): string {
  const head = ['WEBVTT', ...headerLines].join('\n');
  return [head, ...doc.headerBlocks, ...doc.cues.map(serializeCue)].join('\n\n') + '\n';
}
