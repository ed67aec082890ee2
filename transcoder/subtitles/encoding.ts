import iconv from 'iconv-lite';
import { SubtitleError } from './errors.js';

export type SubtitleEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface DecodedText {
  text: string;
  encoding: SubtitleEncoding;
}

/**
 * Decodes subtitle bytes to a string, detecting the encoding:
 * 1. a byte order mark (UTF-8, UTF-16 LE/BE) decides;
 * 2. bytes that are valid UTF-8 (strictly: no overlongs, no surrogates) are UTF-8 — legacy
 *    double-byte Chinese text is practically never valid UTF-8;
 * 3. otherwise the text is decoded as both GB18030 and Big5 and each reading is scored by how
 *    plausible it is as Chinese (frequent characters, CJK punctuation; minus replacement
 *    characters, private-use code points, kana/Greek/Cyrillic/box drawing, rare extension-A
 *    ideographs). The two encodings overlap byte-wise, but the most frequent Big5 characters sit
 *    on lead bytes A4–AF, which GB18030 reads as kana, Greek, Cyrillic or private use, while
 *    GB text read as Big5 yields valid but unusual characters; the frequency list separates
 *    them even for a single short sentence.
 * Anything else (e.g. Latin-1) is refused with `bad_encoding`: guessing would publish mojibake.
 */
export function decodeSubtitleBytes(bytes: Uint8Array): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length === 0) throw new SubtitleError('empty_file', 'the file is empty');
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: strictUtf8(buf.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const bomless16 = bomlessUtf16(buf);
  if (bomless16) return { text: iconv.decode(buf, bomless16), encoding: bomless16 };
  try {
    return { text: strictUtf8(buf), encoding: 'utf-8' };
  } catch {
    /* not UTF-8: try the Chinese legacy encodings */
  }
  const candidates = (['gb18030', 'big5'] as const).map((encoding) => {
    const text = iconv.decode(buf, encoding);
    return { encoding, text, ...chineseScore(text) };
  });
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0]!;
  // Real Chinese text is mostly frequent characters; Latin-1/Windows-1252 accented letters read
  // as GBK land in its extension area (never frequent), so a low share means "not Chinese".
  if (best.score <= 0 || best.frequentShare < 0.25 || countReplacement(best.text) > 0) {
    throw new SubtitleError('bad_encoding', 'the file is neither UTF-8, UTF-16, GB18030 nor Big5 text; save it as UTF-8');
  }
  return { text: best.text, encoding: best.encoding };
}

function strictUtf8(buf: Buffer): string {
  // fatal: throws on any invalid sequence, overlong form or encoded surrogate
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
}

/** UTF-16 without a BOM: subtitle text is mostly ASCII, so one byte of each pair is zero. */
function bomlessUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length - (buf.length % 2), 512);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.4 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.4 && oddZero / pairs < 0.05) return 'utf-16be';
  return null;
}

function countReplacement(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '\uFFFD') n++;
  return n;
}

// Frequent Chinese characters, simplified and traditional forms (order does not matter).
const FREQUENT = new Set(
  Array.from(
    '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笔怎息吗' +
      '赛跑冠牌奖奥欢迎收视播球游泳跳选场米秒纪录破获银铜男单双始束请谢吧呢啊快慢今晚比分领先落后射击举重体操田径决赛预半' +
      '這個們來為國說時會對過發後裡從現當沒動開無實軍長機與於麼經學種兩見問頭體關點業將間題聽書則場電數報結決難權總帶導爭運筆識讓記設應戰進還樣產氣義區統隊傳師觀務語類論處條達輕萬極變員圖幾錢覺歡賽獲獎奧銀銅單雙錄紀視遊選請謝嗎領擊舉徑預準備' +
      '，。！？：；、「」『』（）《》“”‘’…—',
  ),
);

function chineseScore(text: string): { score: number; frequentShare: number } {
  let score = 0;
  let nonAscii = 0;
  let frequent = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    nonAscii++;
    if (ch === '\uFFFD') score -= 10;
    else if (FREQUENT.has(ch)) {
      score += 3;
      frequent++;
    }
    else if (cp >= 0xe000 && cp <= 0xf8ff) score -= 5; // private use
    else if ((cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x0370 && cp <= 0x04ff) || (cp >= 0x2500 && cp <= 0x257f) || (cp >= 0x3100 && cp <= 0x312f)) score -= 3;
    else if ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || cp >= 0x20000) score -= 2; // ext-A, compatibility, supplementary
    else if (cp >= 0x4e00 && cp <= 0x9fff) score += 0.5;
    else if (cp >= 0xff00 && cp <= 0xffef) score += 0.5;
    else score -= 1;
  }
  return { score, frequentShare: nonAscii === 0 ? 0 : frequent / nonAscii };
}
