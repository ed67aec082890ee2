// The XMLTV guide, validated for real: every document goes through xmllint against Debian
// xmltv-util's DTD (apt-get install -y xmltv-util libxml2-utils), then is read back with an XML
// parser to check what it says: hostile text intact, every localization present, the slate
// absent, times exact.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { guideItems } from '../../../../server/channel/guide.js';
import { renderXmltv, xmltvTime, type XmltvOptions } from '../../../../server/channel/guide-xmltv.js';
import { HOSTILE, T0, archiveChannel, olympicDay } from './guide-fixtures.js';

const DTD = '/usr/share/xmltv/xmltv.dtd';

function validate(xml: string): { ok: boolean; stderr: string } {
  const r = spawnSync('xmllint', ['--noout', '--dtdvalid', DTD, '-'], { input: xml, encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint cannot run (apt-get install -y libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, stderr: r.stderr };
}

function expectValid(xml: string): void {
  const r = validate(xml);
  expect(r.ok, `xmllint --dtdvalid ${DTD}:\n${r.stderr}\n${xml}`).to.equal(true);
  expect(r.stderr).to.equal('');
}

const SPORTS: Record<string, Record<string, string>> = {
  athletics: { en: 'Athletics', ar: 'ألعاب القوى', 'zh-Hans': '田径', 'zh-Hant': '田徑' },
  swimming: { en: 'Swimming', fr: 'Natation', ja: '競泳' },
};
const opts: XmltvOptions = {
  posterUrl: (id, p) => `https://podium.example.test/media/t/tok/${p.renditionKey}/${p.file}?programme=${id}&v="1"`,
  sportName: (code, lang) => SPORTS[code]?.[lang] ?? null,
};

/** An element as read back: name, attributes, text, children in document order. */
interface El { name: string; attrs: Record<string, string>; text: string; children: El[] }
type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false, processEntities: true, htmlEntities: false });
function toEl(node: Node): El {
  const name = Object.keys(node).find((k) => k !== ':@')!;
  const kids = (node[name] as Node[]) ?? [];
  return {
    name,
    attrs: node[':@'] ?? {},
    text: kids.filter((k) => '#text' in k).map((k) => String(k['#text'])).join(''),
    children: kids.filter((k) => !('#text' in k)).map(toEl),
  };
}
function read(xml: string): El {
  return toEl((parser.parse(xml) as Node[]).find((n) => 'tv' in n)!);
}
const kids = (el: El, name: string) => el.children.filter((c) => c.name === name);
const byLang = (el: El, name: string) => Object.fromEntries(kids(el, name).map((c) => [c.attrs.lang ?? '', c.text]));

/** "YYYYMMDDhhmmss +0000" → Unix ms. */
function parseTime(t: string): number {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d) \+0000$/.exec(t);
  expect(m, t).to.not.equal(null);
  return Date.UTC(+m![1]!, +m![2]! - 1, +m![3]!, +m![4]!, +m![5]!, +m![6]!);
}

describe('channel guide as XMLTV', () => {
  before(() => {
    expect(existsSync(DTD), `${DTD} is missing: apt-get install -y xmltv-util`).to.equal(true);
  });

  it('the validator refuses what the DTD forbids (the check below can fail)', () => {
    expect(validate('<tv><programme start="20240726173000 +0000" channel="x"><desc>no title</desc></programme></tv>').ok).to.equal(false);
    expect(validate('<tv><channel id="x"></channel></tv>').ok).to.equal(false);
    expect(validate('<tv><programme start="1" channel="x"><icon src="a"/><title>late</title></programme></tv>').ok).to.equal(false);
  });

  it('is valid against the XMLTV DTD with hostile text in every field', () => {
    const xml = renderXmltv([olympicDay(), archiveChannel()], opts);
    expectValid(xml);
    // No character XML 1.0 forbids, and nothing UTF-8 cannot carry (a lone surrogate would not survive the round trip).
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]/.test(xml)).to.equal(false);
    expect(Buffer.from(xml, 'utf8').toString('utf8')).to.equal(xml);
  });

  it('lists each channel once with a display-name per locale, its languages first', () => {
    const tv = read(renderXmltv([olympicDay(), archiveChannel()], opts));
    const channels = kids(tv, 'channel');
    // Sorted by id, as the DTD recommends.
    expect(channels.map((c) => c.attrs.id)).to.deep.equal(['archive-1996.podium', 'olympic.podium']);
    const olympic = channels[1]!;
    expect(kids(olympic, 'display-name').map((d) => [d.attrs.lang, d.text])).to.deep.equal([
      ['en', 'Olympic Channel & "More"'],
      ['fr', 'Chaîne olympique'],
      ['ar', 'القناة الأولمبية'],
      ['zh-Hant-HK', '奧林匹克頻道'],
    ]);
  });

  it('gives a programme one title and one desc per localization, each with its lang, sub-titles where there is an event', () => {
    const tv = read(renderXmltv([olympicDay()], opts));
    const swim = kids(tv, 'programme').find((p) => p.children.some((c) => c.text === '4 × 100 m freestyle'))!;
    expect(kids(swim, 'title').map((t) => [t.attrs.lang, t.text])).to.deep.equal([
      ['en', '4 × 100 m freestyle'],
      ['fr', '4 × 100 m nage libre'],
      ['ja', '4×100mリレー'],
    ]);
    expect(byLang(swim, 'desc')).to.deep.equal({ en: "Women's relay.", fr: 'Relais féminin.', ja: '女子リレー。' });
    expect(byLang(swim, 'sub-title')).to.deep.equal({ en: 'Final', fr: 'Finale' });
    expect(byLang(swim, 'category')).to.deep.equal({ en: 'Swimming', fr: 'Natation', ja: '競泳' });
    expect(kids(swim, 'icon')).to.have.length(0); // no poster
    // The DTD's order of children.
    expect(swim.children.map((c) => c.name)).to.deep.equal(['title', 'title', 'title', 'sub-title', 'sub-title', 'desc', 'desc', 'desc', 'category', 'category', 'category']);
  });

  it('carries hostile text intact: markup characters, quotes, emoji, Arabic, Chinese; line breaks only in desc', () => {
    const xml = renderXmltv([olympicDay()], opts);
    const sprint = kids(read(xml), 'programme')[0]!;
    expect(byLang(sprint, 'title')).to.deep.equal({ en: HOSTILE.title, ar: 'نهائي ١٠٠ متر رجال', 'zh-Hans': '男子100米决赛', 'zh-Hant': '男子100米決賽' });
    // The channel's language first, then the others by tag.
    expect(kids(sprint, 'title').map((t) => t.attrs.lang)).to.deep.equal(['en', 'ar', 'zh-Hans', 'zh-Hant']);
    expect(byLang(sprint, 'desc')).to.deep.equal({ en: HOSTILE.synopsisInXml, 'zh-Hant': '決賽「精彩」', ar: 'سباق "نهائي" & مثير', 'zh-Hans': '决赛' });
    // The event's tab becomes a space (element text other than desc holds no line breaks or tabs).
    expect(byLang(sprint, 'sub-title')).to.deep.equal({ en: 'Heat 1 > Heat 2 semi' });
    // Escaped on the wire, not dropped: the raw document never holds a bare < or & in text.
    expect(xml).to.include('<title lang="en">Men\'s 100 m &amp; "final" &lt;live&gt;</title>');
    // The sport is named in each language that has a name for it; the icon is the signed poster URL.
    expect(byLang(sprint, 'category')).to.deep.equal({ en: 'Athletics', ar: 'ألعاب القوى', 'zh-Hans': '田径', 'zh-Hant': '田徑' });
    expect(kids(sprint, 'icon').map((i) => i.attrs.src)).to.deep.equal(['https://podium.example.test/media/t/tok/p-sprint/r1/poster.jpg?programme=p-sprint&v="1"']);
  });

  it('leaves the slate out and lists alternatives as aired', () => {
    const day = olympicDay();
    const tv = read(renderXmltv([day], opts));
    const programmes = kids(tv, 'programme');
    expect(programmes).to.have.length(day.airings.filter((a) => !a.slate).length);
    expect(programmes).to.have.length(4);
    const slateStarts = day.airings.filter((a) => a.slate).map((a) => xmltvTime(a.startMs));
    for (const p of programmes) expect(slateStarts).to.not.include(p.attrs.start);
    const replaced = day.airings.find((a) => a.replaced)!;
    const alternative = programmes.find((p) => p.attrs.start === xmltvTime(replaced.startMs))!;
    expect(byLang(alternative, 'title').en).to.equal('4 × 100 m freestyle');
  });

  it('times are exact: start and stop equal the airings (and the JSON guide) to the millisecond', () => {
    const day = olympicDay();
    const tv = read(renderXmltv([day], opts));
    const programmes = kids(tv, 'programme');
    const aired = day.airings.filter((a) => !a.slate);
    const json = guideItems(day, { chain: ['en'] });
    programmes.forEach((p, i) => {
      expect(p.attrs.channel).to.equal('olympic.podium');
      expect(parseTime(p.attrs.start!)).to.equal(aired[i]!.startMs);
      expect(parseTime(p.attrs.stop!)).to.equal(aired[i]!.endMs);
      expect(parseTime(p.attrs.start!)).to.equal(Date.parse(json[i]!.start));
      expect(parseTime(p.attrs.stop!)).to.equal(Date.parse(json[i]!.end));
    });
    expect(programmes[0]!.attrs).to.include({ start: '20240726173000 +0000', stop: '20240726183204 +0000' });
  });

  it('writes whole UTC seconds (the format has no fraction), cutting start and stop alike', () => {
    expect(xmltvTime(T0)).to.equal('20240726173000 +0000');
    expect(xmltvTime(T0 + 1999)).to.equal('20240726173001 +0000');
    expect(xmltvTime(Date.UTC(1999, 11, 31, 23, 59, 59, 999))).to.equal('19991231235959 +0000');
  });

  it('a sport outside the vocabulary is a category without lang; a programme without text still has a title', () => {
    const xml = renderXmltv([olympicDay()], opts);
    expectValid(xml);
    const [, , esports, bare] = kids(read(xml), 'programme');
    expect(kids(esports!, 'category').map((c) => [c.attrs.lang, c.text])).to.deep.equal([[undefined, 'Esports']]);
    expect(kids(bare!, 'title').map((t) => [t.attrs.lang, t.text])).to.deep.equal([['en', 'Olympic Channel & "More"']]);
    expect(kids(bare!, 'desc')).to.have.length(0);
    expect(kids(bare!, 'category')).to.have.length(0);
  });

  it('is deterministic: the same channels in any order give the same bytes', () => {
    const a = renderXmltv([olympicDay(), archiveChannel()], opts);
    const b = renderXmltv([archiveChannel(), olympicDay()], opts);
    expect(a).to.equal(b);
    expect(a).to.match(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<tv generator-info-name="Podium">\n/);
  });

  it('an empty guide is still a valid document', () => {
    const xml = renderXmltv([], { ...opts, generatorName: 'Podium/test & "co"' });
    expectValid(xml);
    expect(read(xml).attrs['generator-info-name']).to.equal('Podium/test & "co"');
  });
});
