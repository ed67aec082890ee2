import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTimestamp, parseTimestamp, parseWebVtt, readSubtitles, SubtitleError, serializeWebVtt } from '../../../../transcoder/subtitles/index.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../fixtures/subtitles/${name}`, import.meta.url)));

function refusal(fn: () => unknown): SubtitleError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(SubtitleError);
    return e as SubtitleError;
  }
  throw new Error('expected a SubtitleError');
}

describe('subtitles: WebVTT parser and validator', () => {
  it('parses timestamps with and without hours', () => {
    expect(parseTimestamp('01:02:03.456')).to.be.closeTo(3723.456, 1e-9);
    expect(parseTimestamp('02:03.456')).to.be.closeTo(123.456, 1e-9);
    expect(parseTimestamp('00:60.000')).to.equal(null);
    expect(parseTimestamp('0:01.000')).to.equal(null);
    expect(formatTimestamp(3723.456)).to.equal('01:02:03.456');
  });

  it('parses a valid file: ids, settings, voice spans, overlap, NOTE blocks', () => {
    const { doc, format } = readSubtitles(fixture('fr.vtt'));
    expect(format).to.equal('webvtt');
    expect(doc.cues).to.have.length(3);
    expect(doc.cues[0]).to.include({ id: '1', start: 0.5, end: 2.5, text: 'On your marks…', line: 6 });
    expect(doc.cues[1]).to.include({ settings: 'line:90%', start: 1.8 });
    expect(doc.cues[2]).to.include({ id: null, start: 5, end: 7.5 });
  });

  it('round-trips through serializeWebVtt', () => {
    const doc = parseWebVtt(fixture('fr.vtt').toString('utf8'));
    expect(parseWebVtt(serializeWebVtt(doc)).cues).to.deep.equal(doc.cues.map((c, i) => ({ ...c, line: [4, 8, 11][i] })));
  });

  const cases: [string, string, number | undefined][] = [
    ['empty.vtt', 'empty_file', undefined],
    ['no-cues.vtt', 'no_cues', undefined],
    ['end-before-start.vtt', 'end_before_start', 6],
    ['bad-timing.vtt', 'bad_timing', 6],
    ['garbage.vtt', 'garbage', 6],
  ];
  for (const [file, code, line] of cases) {
    it(`refuses ${file} with ${code}${line ? ` at line ${line}` : ''}`, () => {
      const err = refusal(() => readSubtitles(fixture(file)));
      expect(err.code).to.equal(code);
      expect(err.line).to.equal(line);
      if (line) expect(err.message).to.match(new RegExp(`^line ${line}: `));
      expect(err.toJSON()).to.include({ code });
    });
  }

  it('refuses a missing signature, out-of-order cues and "-->" inside a payload', () => {
    expect(refusal(() => parseWebVtt('WEBVT\n\n00:01.000 --> 00:02.000\nx\n'))).to.include({ code: 'not_webvtt', line: 1 });
    expect(refusal(() => parseWebVtt('WEBVTT\n\n00:05.000 --> 00:06.000\na\n\n00:01.000 --> 00:02.000\nb\n'))).to.include({ code: 'out_of_order', line: 6 });
    expect(refusal(() => parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\na\n00:02.000 --> 00:03.000\nb\n'))).to.include({ code: 'garbage', line: 5 });
    expect(refusal(() => parseWebVtt('WEBVTT\n\n00:01.000 --> 00:01.000\na\n'))).to.include({ code: 'end_before_start', line: 3 });
    expect(refusal(() => parseWebVtt('WEBVTT\n\n00:01.000 -> 00:02.000\na\n'))).to.include({ code: 'garbage', line: 3 });
    expect(refusal(() => readSubtitles(Buffer.from('hello\nworld\n')))).to.include({ code: 'unknown_format', line: 1 });
  });

  it('counts lines the same with CRLF line endings', () => {
    const err = refusal(() => parseWebVtt('WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\na\r\n\r\n00:03.000 --> 00:0x.000\r\nb\r\n'));
    expect(err).to.include({ code: 'bad_timing', line: 6 });
  });
});

describe('subtitles: SRT conversion', () => {
  it('converts SRT to WebVTT: times, tags kept/dropped, escapes', () => {
    const { doc, format, vtt } = readSubtitles(fixture('en.srt'));
    expect(format).to.equal('srt');
    expect(doc.cues.map((c) => [c.start, c.end])).to.deep.equal([[0.5, 2.5], [2.6, 4], [5, 7.5]]);
    expect(doc.cues[0]!.text).to.equal('On your marks &amp; get set');
    expect(doc.cues[1]!.text).to.equal('<i>Go!</i>');
    expect(vtt).to.match(/^WEBVTT\n\n00:00:00\.500 --> 00:00:02\.500\nOn your marks &amp; get set\n\n/);
    expect(parseWebVtt(vtt).cues).to.have.length(3);
  });

  it('refuses broken SRT timing with the SRT line number', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:00:0x,000\nbad\n';
    expect(refusal(() => readSubtitles(Buffer.from(srt)))).to.include({ code: 'bad_timing', line: 6 });
    const back = '1\n00:00:05,000 --> 00:00:04,000\nbackwards\n';
    expect(refusal(() => readSubtitles(Buffer.from(back)))).to.include({ code: 'end_before_start', line: 2 });
  });
});
