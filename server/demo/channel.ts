// The demo channel (issue 12): on a data dir with the demo on, once the demo programmes are
// packaged, the "olympic-channel" channel airing each of them once, chained, in loop mode — so a
// newcomer's first `npm start` shows a live channel. Made through the channel domain's writes
// (ChannelService, ScheduleService), which check every field as for an editor's request. Once the
// channel exists it is left alone (an editor may have changed it), except a schedule never written
// (a start stopped between the two writes), which is written then.
import type { Logger } from 'pino';
import { parseMediaTracks } from '../catalog/media-tracks.js';
import type { ExternalProgramme, ProgrammeService } from '../catalog/programmes.js';
import { ChannelError } from '../channel/errors.js';
import type { Channel, ChannelService } from '../channel/channels.js';
import type { ScheduleService } from '../channel/schedule.js';
import { WORLDWIDE } from '../regions/index.js';
import { loadDemoCatalog } from './seed.js';

export const DEMO_CHANNEL_SLUG = 'olympic-channel';

/** The channel's name in every player locale (locales/; zh-Hant-HK falls back to zh-Hant). */
export const DEMO_CHANNEL_NAMES: Readonly<Record<string, string>> = {
  en: 'Olympic Channel',
  fr: 'Chaîne olympique',
  es: 'Canal Olímpico',
  de: 'Olympia-Kanal',
  pt: 'Canal Olímpico',
  ru: 'Олимпийский канал',
  ar: 'القناة الأولمبية',
  ja: 'オリンピックチャンネル',
  ko: '올림픽 채널',
  'zh-Hans': '奥林匹克频道',
  'zh-Hant': '奧林匹克頻道',
};

/** A fixed instant in the past: with loop mode, the channel is on air whenever it is first watched. */
export const DEMO_SCHEDULE_START = new Date('2026-01-01T00:00:00Z');

/** How often the packaging of the demo programmes is looked at while waiting for it. */
const POLL_MS = 1000;

export interface DemoChannelDeps {
  catalog: ProgrammeService;
  channels: ChannelService;
  schedules: ScheduleService;
  logger: Logger;
  /** Folder holding demo.json. */
  contentDir: string;
  /** Stops the wait for the demo programmes (the server is closing). */
  signal?: AbortSignal;
  pollMs?: number;
}

/** 'und' (the demo's generated audio) is no language a viewer picks: the channel's first language carries it. */
const UNDETERMINED = 'und';

/**
 * Creates the demo channel and its schedule unless the channel exists (call it once the demo seed
 * has submitted its programmes). Waits while demo programmes are being packaged; those that failed
 * or are missing are left out. Returns the channel, or null when it was there already or nothing
 * could be scheduled. Rejects with the signal's reason when aborted.
 */
export async function seedDemoChannel(deps: DemoChannelDeps): Promise<Channel | null> {
  const { channels, schedules, logger } = deps;
  let channel = await channels.findBySlug(DEMO_CHANNEL_SLUG);
  if (channel && (await schedules.getSchedule(channel.id)).version !== 0) return null;
  const programmes = await readyDemoProgrammes(deps);
  if (programmes.length === 0) {
    logger.warn('demo channel: no demo programme is packaged, so there is nothing to schedule');
    return null;
  }
  if (!channel) {
    const tracks = programmes.map((p) => parseMediaTracks(p.mediaTracks));
    const audio = new Set(['en', ...tracks.flatMap((t) => t.audio.map((a) => a.locale))].filter((l) => l !== UNDETERMINED));
    try {
      channel = await channels.create({
        slug: DEMO_CHANNEL_SLUG,
        names: { ...DEMO_CHANNEL_NAMES },
        languages: [...audio],
        subtitleLanguages: [...new Set(tracks.flatMap((t) => t.subtitles.map((s) => s.locale)))],
        regions: [WORLDWIDE],
        timezone: 'Europe/Paris',
        loop: true,
      });
    } catch (err) {
      if (err instanceof ChannelError && err.code === 'slug_taken') return null; // another process made it
      throw err;
    }
  }
  try {
    await schedules.replaceSchedule(
      channel.id,
      programmes.map((p, i) => (i === 0 ? { programmeId: p.id, start: DEMO_SCHEDULE_START } : { programmeId: p.id })),
      0,
    );
  } catch (err) {
    if (err instanceof ChannelError && err.code === 'version_mismatch') return null; // another process wrote it
    throw err;
  }
  logger.info({ channelId: channel.id, slug: channel.slug, programmes: programmes.length }, 'demo channel created');
  return channel;
}

/**
 * The demo programmes in demo.json's order once none is still being packaged; only those with a
 * published rendition. A draft or a failed one will not change in this run (the seed has finished).
 */
async function readyDemoProgrammes(deps: DemoChannelDeps): Promise<ExternalProgramme[]> {
  const ids = loadDemoCatalog(deps.contentDir).programmes.map((p) => p.externalId);
  for (;;) {
    deps.signal?.throwIfAborted();
    const found = (await Promise.all(ids.map((id) => deps.catalog.findByExternalId(id)))).filter((p): p is ExternalProgramme => p !== null);
    if (!found.some((p) => p.status === 'processing' && !p.renditionId)) {
      const ready = found.filter((p) => p.renditionId);
      if (ready.length < ids.length) deps.logger.warn({ scheduled: ready.length, demo: ids.length }, 'demo channel: some demo programmes are not packaged and are left out');
      return ready;
    }
    await sleep(deps.pollMs ?? POLL_MS, deps.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
