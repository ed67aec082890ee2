import { SubtitleError } from './errors.js';
import type { Cue, WebVttDocument } from './webvtt.js';

const SRT_TIME = /^(\d{1,3}):([0-5]?\d):([0-5]?\d)[,.](\d{1,3})$/;

function srtTime(s: string): number | null {
  const m = SRT_TIME.exec(s.trim());
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]!.padEnd(3, '0')) / 1000;
}

/** True when the text looks like SRT: its first block is a counter then a "-->" line. */
export function looksLikeSrt(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).filter((l, i, a) => l.trim() !== '' || (i > 0 && a[i - 1]!.trim() !== ''));
  return /^\d+\s*$/.test(lines[0] ?? '') && (lines[1] ?? '').includes('-->');
}

/**
 * SRT → cues, validated like WebVTT (line numbers refer to the SRT file). Formatting that WebVTT
 * shares (<b>, <i>, <u>) is kept; <font> tags and ASS override codes such as {\an8} are
 * dropped; "&", "<" and ">" that are not tags are escaped as WebVTT requires.
 */
export function parseSrt(input: string): WebVttDocument {
  const text = input.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new SubtitleError('empty_file', 'the file is empty');
  const lines = text.split(/\r\n|\r|\n/);
  const cues: Cue[] = [];
  let lastStart = -1;
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++;
      continue;
    }
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') block.push(lines[i++]!);
    let t = 0;
    if (/^\d+\s*$/.test(block[0]!)) t = 1;
    const timing = block[t];
    const lineNo = blockStart + t + 1;
    if (timing === undefined || !timing.includes('-->')) {
      throw new SubtitleError('garbage', `expected a cue counter and a "00:00:01,000 --> 00:00:02,000" line, found "${block[0]!.slice(0, 60)}"`, blockStart + 1);
    }
    const m = /^\s*(\S+)\s+-->\s+(\S+)/.exec(timing);
    const start = m ? srtTime(m[1]!) : null;
    const end = m ? srtTime(m[2]!) : null;
    if (!m || start === null || end === null) {
      throw new SubtitleError('bad_timing', `malformed SRT timing line "${timing.slice(0, 60)}" (expected "00:00:01,000 --> 00:00:02,000")`, lineNo);
    }
    if (end <= start) throw new SubtitleError('end_before_start', `cue ends at ${m[2]}, not after its start ${m[1]}`, lineNo);
    if (start < lastStart) throw new SubtitleError('out_of_order', `cue starts at ${m[1]}, before the previous cue`, lineNo);
    lastStart = start;
    const payload = block.slice(t + 1);
    payload.forEach((l, k) => {
      if (l.includes('-->')) throw new SubtitleError('garbage', 'cue text must not contain "-->" (is a blank line missing before this cue?)', lineNo + 1 + k);
    });
    cues.push({ id: null, start, end, settings: '', text: payload.map(srtLineToVtt).join('\n'), line: lineNo });
  }
  if (cues.length === 0) throw new SubtitleError('no_cues', 'the file contains no cues');
  return { headerBlocks: [], cues };
}

function srtLineToVtt(line: string): string {
  const noAss = line.replace(/\{\\[^}]*\}/g, '');
  // keep <b> <i> <u> (and closers), drop every other tag, escape the rest
  const parts = noAss.split(/(<\/?[a-zA-Z][^>]*>)/);
  return parts
    .map((p, idx) => {
      if (idx % 2 === 1) {
        const tag = /^<(\/?)([biu])>$/i.exec(p);
        return tag ? `<${tag[1]}${tag[2]!.toLowerCase()}>` : '';
      }
      return p.replace(/&(?![a-zA-Z]+;|#\d+;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    })
    .join('')
    .trimEnd();
}
