// A linear channel as viewers get it (issue 12): the items of GET /api/channels, the body of
// GET /api/channels/:id, and the items of GET /api/channels/:id/guide. The server produces them
// (server/channel/channel-viewing.ts), the player reads them (player/src/core/api.ts).

/** A programme on air or next, as the viewer's region sees it (its title in the viewer's language). */
export interface ChannelAiring {
  programmeId: string;
  title: string;
  /** ISO 8601: when it starts and ends on air (equal to the playlists' DATERANGE and PROGRAM-DATE-TIME). */
  start: string;
  end: string;
}

export interface ChannelItem {
  id: string;
  slug: string;
  /** The channel's name in the viewer's language (CLDR fallback chain). */
  name: string;
  /** The name's locale (its stored tag). */
  locale: string;
  /** IANA zone of the channel's guide grid. */
  timezone: string;
  /** The region's signed master playlist. */
  hls: string;
  /** How far back a viewer can seek (start-over), in seconds. */
  dvrSec: number;
  now: ChannelAiring | null;
  next: ChannelAiring | null;
}

export interface ChannelList {
  items: ChannelItem[];
}

export interface GuideItem {
  programmeId: string;
  title: string;
  synopsis: string;
  /** The localization served (its stored tag), or null when the programme has none. */
  locale: string | null;
  fallback: boolean;
  start: string;
  end: string;
  sportCode: string | null;
}

export interface ChannelGuide {
  items: GuideItem[];
}
