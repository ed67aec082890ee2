// The M3U playlist for IPTV clients: its tvg-id equals the XMLTV channel id (Kodi's IPTV Simple
// matches on it first), and it reads back as intended by the way IPTV Simple reads it
// (pvr.iptvsimple PlaylistLoader: attributes found by substring, the name after the last quote
// and comma), even for a channel name written to break it.
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { renderM3u, type M3uOptions } from '../../../../server/channel/guide-m3u.js';
import { renderXmltv } from '../../../../server/channel/guide-xmltv.js';
import type { GuideChannel } from '../../../../server/channel/guide.js';
import { T0, airing, archiveChannel, channel, olympicDay } from './guide-fixtures.js';

const opts: M3uOptions = { baseUrl: 'https://podium.example.test/', epgUrl: '/api/epg.xml?region=FR' };

/** IPTV Simple's ReadMarkerValue: the first occurrence of `marker`, then a quoted value or up to a space. */
function kodiRead(line: string, marker: string): string {
  const i = line.indexOf(marker);
  if (i < 0) return '';
  let start = i + marker.length;
  let stop = ' ';
  if (line[start] === '"') {
    stop = '"';
    start++;
  }
  const end = line.indexOf(stop, start);
  return line.slice(start, end < 0 ? undefined : end);
}

/** IPTV Simple's ParseIntoChannel: the attributes before the name's comma, the name after it. */
function kodiEntry(line: string): { info: string; name: string } {
  let comma = line.lastIndexOf(',');
  const quote = line.lastIndexOf('"');
  if (quote >= 0 && line.slice(quote + 1).trim().startsWith(',')) comma = quote + line.slice(quote + 1).indexOf(',') + 1;
  return { info: line.slice(line.indexOf(':') + 1, comma), name: line.slice(comma + 1).trim() };
}

/** The playlist's entries as IPTV Simple reads them. */
function entries(m3u: string) {
  const lines = m3u.split('\n');
  const out: { id: string; name: string; tvgName: string; group: string; logo: string; url: string; line: string }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('#EXTINF')) continue;
    const { info, name } = kodiEntry(line);
    out.push({ id: kodiRead(info, 'tvg-id='), name, tvgName: kodiRead(info, 'tvg-name='), group: kodiRead(info, 'group-title='), logo: kodiRead(info, 'tvg-logo='), url: lines[i + 1]!, line });
  }
  return out;
}

function xmltvChannelIds(channels: GuideChannel[]): string[] {
  const xml = renderXmltv(channels, { posterUrl: () => 'https://x.test/p.jpg', sportName: () => null });
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'channel' }).parse(xml) as { tv: { channel: { id: string }[] } };
  return doc.tv.channel.map((c) => c.id);
}

describe('channel guide as M3U', () => {
  it('starts with #EXTM3U and the guide URL under both names IPTV clients read', () => {
    const m3u = renderM3u([olympicDay()], opts);
    const [header] = m3u.split('\n');
    expect(header).to.equal('#EXTM3U url-tvg="https://podium.example.test/api/epg.xml?region=FR" x-tvg-url="https://podium.example.test/api/epg.xml?region=FR"');
    expect(kodiRead(header!, 'x-tvg-url=')).to.equal('https://podium.example.test/api/epg.xml?region=FR');
  });

  it("gives each channel the XMLTV channel's id as tvg-id, in the same order", () => {
    const channels = [olympicDay(), archiveChannel()];
    const ids = entries(renderM3u(channels, opts)).map((e) => e.id);
    expect(ids).to.deep.equal(xmltvChannelIds(channels));
    expect(ids).to.deep.equal(['archive-1996.podium', 'olympic.podium']);
  });

  it('writes #EXTINF:-1 with tvg-id, group-title and tvg-name, the name after the comma, then the absolute master URL', () => {
    const m3u = renderM3u([olympicDay(), archiveChannel()], { ...opts, logoUrl: (c) => (c.slug === 'olympic' ? '/static/olympic logo.png' : null) });
    expect(m3u.endsWith('\n')).to.equal(true);
    const lines = m3u.split('\n');
    expect(lines).to.have.length(1 + 2 * 2 + 1);
    expect(lines[1]).to.equal('#EXTINF:-1 tvg-id="archive-1996.podium" group-title="Olympic Channel" tvg-name="Atlanta 1996",Atlanta 1996');
    const [archive, olympic] = entries(m3u);
    // An absolute URL stays where it points; a comma and a pipe (IPTV Simple's header options) are percent-encoded.
    expect(archive!.url).to.equal('https://cdn.example.test/media/t/tok%2Cwith%7Codd/live/archive-1996/master.m3u8');
    expect(archive!.logo).to.equal('');
    // A relative master resolves against the base URL.
    expect(olympic!.url).to.equal('https://podium.example.test/media/t/tok-olympic/live/olympic/master.m3u8');
    expect(olympic!.logo).to.equal('https://podium.example.test/static/olympic%20logo.png');
    expect(olympic!.group).to.equal('Olympic Channel');
    expect(olympic!.line.startsWith('#EXTINF:-1 tvg-id="olympic.podium" ')).to.equal(true);
  });

  it("names each channel in the channel's first language, or along the viewer's chain", () => {
    // The olympic channel's English name holds quotes: they become apostrophes (a value cannot escape them).
    expect(entries(renderM3u([olympicDay()], opts))[0]).to.include({ name: "Olympic Channel & 'More'", tvgName: "Olympic Channel & 'More'" });
    expect(entries(renderM3u([olympicDay()], { ...opts, chain: ['fr-CA', 'fr', 'en'] }))[0]).to.include({ name: 'Chaîne olympique', tvgName: 'Chaîne olympique' });
    expect(entries(renderM3u([olympicDay()], { ...opts, chain: ['zh-Hant-HK', 'zh-Hant', 'en'] }))[0]).to.include({ name: '奧林匹克頻道' });
  });

  it('a channel name cannot end an attribute early or add one IPTV Simple would read', () => {
    const evil: GuideChannel = {
      channel: channel('evil', { en: 'Evil" radio="true" tvg-shift="5" media="x", Sports=Fun\nnext line' }, ['en']),
      masterUrl: '/live/evil/master.m3u8',
      airings: [airing('p', T0, T0 + 2000)],
      programmes: new Map(),
    };
    const m3u = renderM3u([evil], opts);
    const lines = m3u.split('\n');
    expect(lines).to.have.length(4); // header, entry, URL, final newline: the line break stayed inside the name
    const [entry] = entries(m3u);
    const info = kodiEntry(entry!.line).info;
    expect(entry!.id).to.equal('evil.podium');
    expect(kodiRead(info, 'radio=')).to.equal('');
    expect(kodiRead(info, 'tvg-shift=')).to.equal('');
    // IPTV Simple looks for media= anywhere on the line (it makes the entry a recording).
    expect(entry!.line).to.not.include('media=');
    expect(entry!.name).to.equal("Evil' radio＝'true' tvg-shift＝'5' media＝'x', Sports＝Fun next line");
    expect(entry!.tvgName).to.equal(entry!.name);
    expect(entry!.url).to.equal('https://podium.example.test/live/evil/master.m3u8');
  });

  it('is deterministic: the same channels in any order give the same bytes', () => {
    expect(renderM3u([olympicDay(), archiveChannel()], opts)).to.equal(renderM3u([archiveChannel(), olympicDay()], opts));
  });

  it('encodes a comma in the guide URL (IPTV Simple keeps only the first of a comma-separated list)', () => {
    const [header] = renderM3u([], { ...opts, epgUrl: '/api/epg.xml?region=FR&lang=fr,en' }).split('\n');
    expect(kodiRead(header!, 'x-tvg-url=')).to.equal('https://podium.example.test/api/epg.xml?region=FR&lang=fr%2Cen');
  });
});
