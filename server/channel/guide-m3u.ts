// The channels a region receives as an M3U playlist for IPTV clients (issue 12: GET
// /api/channels.m3u?region=), pure. Kodi's IPTV Simple client (pvr.iptvsimple) is the reference
// reader, and what its PlaylistLoader does shapes this file:
// - The header's EPG URL is read from `x-tvg-url=` or else `url-tvg=` (other players read one or
//   the other): both are written. Its value is cut at the first comma (a list of guides), so a
//   comma in the URL is percent-encoded.
// - An entry is `#EXTINF:-1 <attributes>,<name>` then the stream URL on the next line. tvg-id
//   matches the XMLTV channel id first (guide.ts guideChannelId), before any name matching.
// - Attribute values are quoted and cannot escape a quote; the name starts after the last quote
//   followed by a comma; attributes (and `media=`, `realtime="`) are found by plain substring
//   search over the whole line. So names lose their quotes and their `=` (a look-alike stands in),
//   and the free-text tvg-name comes last: no channel name can end an attribute early or read
//   as an attribute the playlist did not write.
// - A `|` in a stream URL starts HTTP header options, so it is percent-encoded.
import type { Channel } from './channels.js';
import { channelName, guideChannelId, inChannelOrder, type GuideChannel } from './guide.js';

export interface M3uOptions {
  /** Absolute base URL of the server: the master and EPG URLs are resolved against it. */
  baseUrl: string;
  /** The XMLTV guide (/api/epg.xml?region=…), absolute or relative to baseUrl. */
  epgUrl: string;
  /** The channel's logo, absolute or relative to baseUrl; null for none. */
  logoUrl?: (channel: Channel) => string | null;
  /** The viewer's CLDR fallback chain: each channel named in that language (default: the channel's first language). */
  chain?: readonly string[];
  /** group-title of every entry (default "Olympic Channel"). */
  groupTitle?: string;
}

/** A URL as an M3U line may carry it: absolute, no comma (IPTV Simple splits guide lists on it) or pipe (header options). */
function m3uUrl(url: string, base: string): string {
  return new URL(url, base).href.replace(/,/g, '%2C').replace(/\|/g, '%7C');
}

/** Free text as one M3U field: one line, no quote, no `=` (see above), no control characters or lone surrogates. */
function field(text: string): string {
  return text
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]|[\uD800-\uDFFF]/gu, '')
    .replace(/"/g, "'")
    .replace(/=/g, '\uFF1D')
    .trim();
}

function nameOf(channel: Channel, chain: readonly string[] | undefined): string {
  if (chain) return channelName(channel, { chain }).name;
  const [first] = inChannelOrder(channel, Object.entries(channel.names), ([tag]) => tag);
  return first?.[1] ?? channel.slug;
}

/** The M3U playlist of `channels` (each with its region's master URL), ordered by id like the XMLTV guide. */
export function renderM3u(channels: readonly GuideChannel[], opts: M3uOptions): string {
  const epg = m3uUrl(opts.epgUrl, opts.baseUrl);
  const lines = [`#EXTM3U url-tvg="${epg}" x-tvg-url="${epg}"`];
  const sorted = channels
    .map((ch) => ({ ch, id: guideChannelId(ch.channel) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const group = field(opts.groupTitle ?? 'Olympic Channel');
  for (const { ch, id } of sorted) {
    const name = field(nameOf(ch.channel, opts.chain)) || ch.channel.slug;
    const logo = opts.logoUrl?.(ch.channel);
    const attrs = [`tvg-id="${id}"`, ...(logo ? [`tvg-logo="${m3uUrl(logo, opts.baseUrl)}"`] : []), `group-title="${group}"`, `tvg-name="${name}"`];
    lines.push(`#EXTINF:-1 ${attrs.join(' ')},${name}`, m3uUrl(ch.masterUrl, opts.baseUrl));
  }
  lines.push('');
  return lines.join('\n');
}
