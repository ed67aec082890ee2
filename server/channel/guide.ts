// The programme guide of a channel in one region (issue 12), pure: what the region's timeline
// airs (server/channel/live-types.ts `Airing`, alternatives and blackouts already applied) →
// the JSON guide's items, now/next, and the channel's name, each in the viewer's language by the
// catalog's own rules (server/catalog/localized-text.ts), so a programme reads the same in the
// catalog, the guide and the live page. The XMLTV and M3U renderings (guide-xmltv.ts,
// guide-m3u.ts) read the same inputs. Slate runs are gaps, never guide items.
import type { ChannelAiring, GuideItem } from '../contracts/channel.js';
import type { LocalizationAttrs } from '../db/models.js';
import { programmeText } from '../catalog/localized-text.js';
import { sportCode } from '../catalog/sports.js';
import type { Viewer } from '../catalog/viewer.js';
import { chooseLocalization, localeKey } from '../locale-fallback/index.js';
import type { Channel } from './channels.js';
import type { Airing } from './live-types.js';

/** What the guide needs of a programme: its text in every language, its sport and its poster. */
export interface GuideProgramme {
  id: string;
  /** The sport as the editor typed it (programmes.sport); its code comes from the catalog's vocabulary. */
  sport: string | null;
  /** The current rendition's poster as a store path, or null. */
  poster: { renditionKey: string; file: string } | null;
  localizations: readonly LocalizationAttrs[];
}

/** One channel as a region receives it. */
export interface GuideChannel {
  channel: Channel;
  /** The region's airings, in order (slate runs included, flagged). */
  airings: readonly Airing[];
  /** Every programme the airings name (a missing one is listed without text, as the catalog lists a programme without localizations). */
  programmes: ReadonlyMap<string, GuideProgramme>;
  /** The region's master playlist (absolute, or relative to the server's base URL). */
  masterUrl: string;
}

/** The viewer's side of the choice: the CLDR fallback chain (the catalog's Viewer; the region is already in the airings). */
export type GuideViewer = Pick<Viewer, 'chain'>;

const iso = (ms: number): string => new Date(ms).toISOString();

function textOf(ch: GuideChannel, programmeId: string, viewer: GuideViewer) {
  return programmeText(ch.programmes.get(programmeId)?.localizations ?? [], viewer.chain);
}

/** The guide's items: every programme the region sees, in order, in the viewer's language. */
export function guideItems(ch: GuideChannel, viewer: GuideViewer): GuideItem[] {
  const out: GuideItem[] = [];
  for (const a of ch.airings) {
    if (a.slate) continue;
    const text = textOf(ch, a.programmeId, viewer);
    out.push({
      programmeId: a.programmeId,
      title: text.title,
      synopsis: text.synopsis,
      locale: text.locale,
      fallback: text.fallback,
      start: iso(a.startMs),
      end: iso(a.endMs),
      sportCode: sportCode(ch.programmes.get(a.programmeId)?.sport ?? null),
    });
  }
  return out;
}

function airingOf(ch: GuideChannel, a: Airing, viewer: GuideViewer): ChannelAiring {
  return { programmeId: a.programmeId, title: textOf(ch, a.programmeId, viewer).title, start: iso(a.startMs), end: iso(a.endMs) };
}

/**
 * What airs at `nowMs` and what follows. `now` is the airing containing the instant (null while
 * the slate airs or outside the airings given); `next` is the first programme starting after it
 * (after `nowMs` when nothing contains it), skipping slate runs.
 */
export function nowNext(ch: GuideChannel, nowMs: number, viewer: GuideViewer): { now: ChannelAiring | null; next: ChannelAiring | null } {
  const current = ch.airings.find((a) => a.startMs <= nowMs && nowMs < a.endMs);
  const after = current ? current.endMs : nowMs;
  const following = ch.airings.find((a) => !a.slate && a.startMs >= after);
  return {
    now: current && !current.slate ? airingOf(ch, current, viewer) : null,
    next: following ? airingOf(ch, following, viewer) : null,
  };
}

/** The channel's name in the viewer's language, by the same CLDR fallback as programmes (the first stored name as a last resort). */
export function channelName(channel: Channel, viewer: GuideViewer): { name: string; locale: string } {
  const chosen = chooseLocalization(viewer.chain, channel.names);
  // A channel always has a name (ChannelService refuses none); the slug stands in otherwise.
  return chosen ? { name: chosen.value, locale: chosen.locale } : { name: channel.slug, locale: 'und' };
}

/**
 * Stored tags in the channel's own order: its languages first, as listed (an exact tag, then the
 * same language in another region or script), then the others by tag. Guides without a viewer
 * (XMLTV, M3U) list names and texts in this order, and clients take the first as canonical.
 */
export function inChannelOrder<T>(channel: Channel, items: readonly T[], tagOf: (item: T) => string): T[] {
  const keys = channel.languages.map((l) => localeKey(l) ?? l);
  const langs = keys.map((k) => k.split('-')[0]!.toLowerCase());
  const rank = (tag: string): number => {
    const key = localeKey(tag) ?? tag;
    const exact = keys.indexOf(key);
    if (exact >= 0) return exact * 2;
    const lang = langs.indexOf(key.split('-')[0]!.toLowerCase());
    return lang >= 0 ? lang * 2 + 1 : keys.length * 2;
  };
  return items
    .map((item) => ({ item, tag: tagOf(item), r: rank(tagOf(item)) }))
    .sort((a, b) => a.r - b.r || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .map((x) => x.item);
}

/** The XMLTV channel id, which the M3U's tvg-id repeats (RFC 2838 style, as the XMLTV DTD suggests). */
export function guideChannelId(channel: Channel): string {
  return `${channel.slug}.podium`;
}
