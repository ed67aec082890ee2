import { expect } from 'chai';
import iconv from 'iconv-lite';
import { decodeSubtitleBytes, readSubtitles, SubtitleError } from '../../../../transcoder/subtitles/index.js';

// Real sentences a commentary desk would subtitle, short on purpose: detection must hold on one line.
const SIMPLIFIED = ['你好', '中国队获得金牌。', '比赛现在开始', '他跑得很快！', '女子一百米决赛', '欢迎收看奥运会', '她打破了世界纪录', '谢谢大家',
  '台风导致帆船赛延期举行', '羽毛球混合双打半决赛即将开始', '这位冲浪选手的动作非常漂亮'];
const TRADITIONAL = ['你好', '中國隊獲得金牌。', '比賽現在開始', '他跑得很快！', '女子一百米決賽', '歡迎收看奧運會', '她打破了世界紀錄', '謝謝大家',
  '颱風導致帆船賽延期舉行', '羽毛球混合雙打半決賽即將開始', '這位衝浪選手的動作非常漂亮'];

describe('subtitles: encoding detection', () => {
  it('decodes UTF-8, with and without BOM', () => {
    expect(decodeSubtitleBytes(Buffer.from('WEBVTT\n\n你好')).encoding).to.equal('utf-8');
    const bom = decodeSubtitleBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('WEBVTT é')]));
    expect(bom).to.deep.equal({ text: 'WEBVTT é', encoding: 'utf-8-bom' });
  });

  it('decodes UTF-16 LE and BE with BOM', () => {
    const text = 'WEBVTT\n\n00:00.000 --> 00:01.000\n歡迎收看奧運會';
    expect(decodeSubtitleBytes(iconv.encode(text, 'utf-16le', { addBOM: true }))).to.deep.equal({ text, encoding: 'utf-16le' });
    expect(decodeSubtitleBytes(iconv.encode(text, 'utf-16be', { addBOM: true }))).to.deep.equal({ text, encoding: 'utf-16be' });
  });

  it('decodes UTF-16 without BOM (mostly ASCII text)', () => {
    const text = 'WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour 你好';
    expect(decodeSubtitleBytes(iconv.encode(text, 'utf-16le'))).to.deep.equal({ text, encoding: 'utf-16le' });
    expect(decodeSubtitleBytes(iconv.encode(text, 'utf-16be'))).to.deep.equal({ text, encoding: 'utf-16be' });
  });

  for (const s of SIMPLIFIED) {
    it(`detects GB18030 on the short sentence "${s}"`, () => {
      expect(decodeSubtitleBytes(iconv.encode(s, 'gb18030'))).to.deep.equal({ text: s, encoding: 'gb18030' });
    });
  }
  for (const s of TRADITIONAL) {
    it(`detects Big5 on the short sentence "${s}"`, () => {
      expect(decodeSubtitleBytes(iconv.encode(s, 'big5'))).to.deep.equal({ text: s, encoding: 'big5' });
    });
  }

  it('detects whole GB18030 and Big5 SRT files and converts them', () => {
    const ss = (i: number) => String(i).padStart(2, '0');
    const srt = (lines: string[]) => lines.map((l, i) => `${i + 1}\r\n00:00:${ss(i)},000 --> 00:00:${ss(i)},900\r\n${l}\r\n`).join('\r\n');
    const hans = readSubtitles(iconv.encode(srt(SIMPLIFIED), 'gb18030'));
    expect(hans.encoding).to.equal('gb18030');
    expect(hans.format).to.equal('srt');
    expect(hans.doc.cues.map((c) => c.text)).to.deep.equal(SIMPLIFIED);
    const hant = readSubtitles(iconv.encode(srt(TRADITIONAL), 'big5'));
    expect(hant.encoding).to.equal('big5');
    expect(hant.doc.cues.map((c) => c.text)).to.deep.equal(TRADITIONAL);
  });

  it('refuses bytes that are no supported encoding (Latin-1) instead of guessing', () => {
    try {
      decodeSubtitleBytes(iconv.encode('WEBVTT\n\n00:00.000 --> 00:01.000\nÉlan à Paris, très bien', 'latin1'));
      expect.fail('should throw');
    } catch (e) {
      expect(e).to.be.instanceOf(SubtitleError);
      expect((e as SubtitleError).code).to.equal('bad_encoding');
    }
  });

  for (const enc of ['latin1', 'win1252']) {
    it(`refuses a French ${enc} file (accented letters would read as rare GBK characters)`, () => {
      const fr = '1\n00:00:01,000 --> 00:00:02,000\nÀ vos marques… prêts ? Partez ! Élodie gagne, c’est déjà fini.\n\n2\n00:00:03,000 --> 00:00:04,000\nDeuxième série : Noël, Chloé et Zoé.\n';
      expect(() => readSubtitles(iconv.encode(fr, enc))).to.throw(SubtitleError).with.property('code', 'bad_encoding');
      // one accented letter before an ASCII letter is a valid GBK/Big5 pair: still refused
      const one = '1\n00:00:01,000 --> 00:00:02,000\nLe Réal gagne\n';
      expect(() => readSubtitles(iconv.encode(one, enc))).to.throw(SubtitleError).with.property('code', 'bad_encoding');
    });
  }

  it('refuses an empty file', () => {
    expect(() => decodeSubtitleBytes(new Uint8Array())).to.throw(SubtitleError).with.property('code', 'empty_file');
  });
});
