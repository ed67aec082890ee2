// The viewer's side of channels (issue 12): the channels a region receives with their signed
// master and now/next, a channel's guide, and the guide files for IPTV clients (XMLTV, M3U).
// Every answer is a function of the live state (live-state.ts: the database as last read) and the
// clock, so replicas agree and the answers are cacheable for a couple of seconds.
import type { ChannelAiring, ChannelItem, GuideItem } from '../contracts/channel.js';
import type { Viewer } from '../catalog/viewer.js';
import type { Models } from '../db/models.js';
import { ChannelError } from './errors.js';
import { channelName, guideItems, nowNext, type GuideChannel } from './guide.js';
import { renderM3u } from './guide-m3u.js';
import { renderXmltv } from './guide-xmltv.js';
import type { LivePlaylists } from './live-playlists.js';
import type { LiveState, LiveStates } from './live-state.js';

export interface ChannelViewingDeps {
  models: Models;
  states: LiveStates;
  playlists: LivePlaylists;
  now: () => Date;
  /** PODIUM_CHANNEL_DVR_SEC: how far back the guide offers start-over. */
  dvrSec: number;
  /** The sport's name in a language (locales/<lang>/player.json sports.<code>), for XMLTV categories. */
  sportName: (code: string, lang: string) => string | null;
}

/** The longest guide range one request may ask for (8 days: a week ahead and the DVR behind). */
export const GUIDE_MAX_MS = 8 * 86_400_000;
/** What the guide files list ahead of now. */
const FILE_AHEAD_MS = 86_400_000;

export class ChannelViewing {
  constructor(private readonly deps: ChannelViewingDeps) {}

  /** Channels `viewer.region` receives, in slug order; a channel whose slate is still being packaged is left out until it can play. */
  async list(viewer: Viewer): Promise<ChannelItem[]> {
    const items: ChannelItem[] = [];
    for (const state of await this.offered(viewer.region)) items.push(this.item(state, viewer));
    return items;
  }

  /** One channel as `viewer` gets it; ChannelError not_found, not_offered (451) or not_ready (503). */
  async get(channelId: string, viewer: Viewer): Promise<ChannelItem> {
    const state = await this.deps.states.get(channelId);
    this.deps.playlists.assertOffered(state, viewer.region);
    return this.item(state, viewer);
  }

  /** What the region airs on the channel in [fromMs, toMs) (default: from 3 h ago, a day long), in the viewer's language (the slate left out). */
  async guide(channelId: string, viewer: Viewer, range: { fromMs?: number; toMs?: number }): Promise<GuideItem[]> {
    const fromMs = range.fromMs ?? this.deps.now().getTime() - 3 * 3600_000;
    const toMs = range.toMs ?? fromMs + 86_400_000;
    if (toMs <= fromMs) throw new ChannelError('invalid', 'to: must be after from', 'to');
    if (toMs - fromMs > GUIDE_MAX_MS) throw new ChannelError('invalid', `to: at most ${GUIDE_MAX_MS / 86_400_000} days after from`, 'to');
    const state = await this.deps.states.get(channelId);
    this.deps.playlists.assertOffered(state, viewer.region);
    return guideItems(this.guideChannel(state, viewer.region, fromMs, toMs), viewer);
  }

  /** XMLTV of every channel the region receives, from the DVR window's start to a day ahead; `baseUrl` makes poster URLs absolute. */
  async xmltv(region: string, baseUrl: string): Promise<string> {
    const now = this.deps.now().getTime();
    const states = await this.offered(region);
    const channels = states.map((s) => this.guideChannel(s, region, now - this.deps.dvrSec * 1000, now + FILE_AHEAD_MS));
    const byProgramme = new Map(states.flatMap((s) => [...s.programmes.keys()].map((id) => [id, s] as const)));
    return renderXmltv(channels, {
      // Posters signed for the region like the segments (a CDN shares them between its viewers).
      posterUrl: (programmeId, poster) => baseUrl + this.deps.playlists.fileUrl(byProgramme.get(programmeId)!, programmeId, region, poster.renditionKey, poster.file),
      sportName: this.deps.sportName,
    });
  }

  /** The M3U list of the region's channels (tvg-id = the XMLTV channel id). */
  async m3u(region: string, baseUrl: string): Promise<string> {
    const channels = (await this.offered(region)).map((s) => this.guideChannel(s, region, 0, 0));
    return renderM3u(channels, { baseUrl, epgUrl: `${baseUrl}/api/epg.xml?region=${encodeURIComponent(region)}` });
  }

  private item(state: LiveState, viewer: Viewer): ChannelItem {
    const now = this.deps.now().getTime();
    const seg = state.timeline.segmentMs;
    // now/next from the airings around the live edge (a day ahead finds the next one after a long slate).
    const ch = this.guideChannel(state, viewer.region, now - seg, now + FILE_AHEAD_MS);
    const { now: on, next } = nowNext(ch, now, viewer);
    const name = channelName(state.channel, viewer);
    return {
      id: state.channel.id,
      slug: state.channel.slug,
      name: name.name,
      locale: name.locale,
      timezone: state.channel.timezone,
      hls: ch.masterUrl,
      dvrSec: this.deps.dvrSec,
      now: on satisfies ChannelAiring | null,
      next,
    };
  }

  private guideChannel(state: LiveState, region: string, fromMs: number, toMs: number): GuideChannel {
    return {
      channel: state.channel,
      airings: toMs > fromMs ? state.timeline.airings(region, fromMs, toMs) : [],
      programmes: state.programmes,
      masterUrl: this.deps.playlists.masterUrl(state.channel.id, region),
    };
  }

  /** The live states of the channels offered in `region` that can play now, in slug order. */
  private async offered(region: string): Promise<LiveState[]> {
    const rows = await this.deps.models.Channel.findAll({ attributes: ['id', 'slug', 'regions'], order: [['slug', 'ASC']], raw: true });
    const out: LiveState[] = [];
    for (const row of rows) {
      const regions = JSON.parse(row.regions) as string[];
      if (!regions.includes('WW') && !regions.includes(region)) continue;
      try {
        out.push(await this.deps.states.get(row.id));
      } catch (err) {
        if (err instanceof ChannelError && err.code === 'not_ready') continue;
        throw err;
      }
    }
    return out;
  }
}
