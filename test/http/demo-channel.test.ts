// Issue 12, the demo channel: with the demo on, once the demo programmes are packaged, the
// "olympic-channel" channel airs each of them once, chained from 2026-01-01, in loop mode; a
// second start leaves it alone. Then, without transcodes (renditions recorded as the transcode
// job records them), what it is made of: the union of the programmes' languages, those not
// packaged left out, the wait for those being packaged, a schedule never written completed, and
// two processes at once making one channel.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { ChannelService } from '../../server/channel/channels.js';
import type { ScheduleService } from '../../server/channel/schedule.js';
import { DEMO_CHANNEL_NAMES, DEMO_CHANNEL_SLUG, seedDemoChannel } from '../../server/demo/channel.js';
import { expectJson, startTestApp, type TestApp } from '../helpers/app.js';
import { tempDir } from '../helpers/media.js';

interface ScheduleBody {
  entries: { programmeId: string; start: string; end: string }[];
}

/** A content dir whose demo.json lists these programmes (2-second 320x180 sources). */
async function contentWith(externalIds: string[]): Promise<string> {
  const dir = await tempDir('podium-content-');
  const programmes = externalIds.map((externalId, i) => ({
    externalId,
    source: { width: 320, height: 180, fps: i % 2 ? 30 : 25, durationSec: 2 },
    localizations: { en: { title: `Demo ${externalId}`, synopsis: externalId } },
  }));
  fs.writeFileSync(path.join(dir, 'demo.json'), JSON.stringify({ programmes }));
  return dir;
}

async function readSchedule(app: TestApp, channelId: string): Promise<{ etag: string | null; entries: ScheduleBody['entries'] }> {
  const res = await app.api(`/api/channels/${channelId}/schedule`, { auth: true });
  const body = await expectJson<ScheduleBody>(res, 200);
  return { etag: res.headers.get('etag'), entries: body.entries };
}

describe('Demo channel', function () {
  this.timeout(180_000);

  it('is created once the demo programmes are packaged, airing each once from 2026-01-01 in loop mode, and left alone on the next start', async () => {
    const contentDir = await contentWith(['chan-a', 'chan-b']);
    const dataDir = await tempDir('podium-demo-channel-');
    let app = await startTestApp({ dataDir, contentDir, settings: { demo: 'true' } });
    try {
      const made = await app.podium.demoChannel;
      expect(made, 'the channel this start created').to.not.equal(null);
      const ids = await Promise.all(['chan-a', 'chan-b'].map(async (x) => (await app.podium.catalog.findByExternalId(x))!));
      for (const p of ids) expect(p.renditionId, 'packaged before being scheduled').to.be.a('string');

      const channels = await new ChannelService({ models: app.podium.models }).list();
      expect(channels).to.have.length(1);
      const channel = channels[0]!;
      expect(channel).to.deep.include({ id: made!.id, slug: DEMO_CHANNEL_SLUG, languages: ['en'], subtitleLanguages: [], regions: ['WW'], timezone: 'Europe/Paris', loop: true });
      expect(channel.names).to.deep.equal(DEMO_CHANNEL_NAMES);
      // Every player locale has the name; a regional overlay (zh-Hant-HK) falls back to its parent's.
      const localesDir = path.resolve(import.meta.dirname, '../../locales');
      const folders = fs.readdirSync(localesDir).filter((f) => fs.statSync(path.join(localesDir, f)).isDirectory());
      const full = folders.filter((f) => !folders.includes(f.split('-').slice(0, -1).join('-')));
      expect(Object.keys(channel.names).sort()).to.deep.equal(full.sort());

      const { etag, entries } = await readSchedule(app, channel.id);
      expect(etag).to.equal('"v1"');
      expect(entries.map((e) => e.programmeId)).to.deep.equal(ids.map((p) => p.id));
      expect(entries[0]!.start).to.equal('2026-01-01T00:00:00.000Z');
      expect(entries[1]!.start, 'chained').to.equal(entries[0]!.end);
      expect(Date.parse(entries[0]!.end) - Date.parse(entries[0]!.start)).to.equal(2000);

      await app.close();
      app = await startTestApp({ dataDir, contentDir, settings: { demo: 'true' } });
      expect(await app.podium.demoChannel).to.equal(null);
      expect(await new ChannelService({ models: app.podium.models }).list()).to.have.length(1);
      expect((await readSchedule(app, channel.id)).etag, 'the schedule was not written again').to.equal('"v1"');
    } finally {
      await app.close();
    }
  });

  describe('made of the programmes as packaged (no transcode)', () => {
    let app: TestApp;
    let channels: ChannelService;
    let schedules: ScheduleService;
    const logger = pino({ level: 'silent' });
    beforeEach(async () => {
      app = await startTestApp({ settings: { workers: 0 } });
      channels = new ChannelService({ models: app.podium.models });
      schedules = app.podium.channels.schedules;
    });
    afterEach(() => app?.close());

    const tracks = (audio: string[], subtitles: string[]) => JSON.stringify({ audio: audio.map((locale) => ({ locale, role: 'main', name: locale, loudness: null })), subtitles: subtitles.map((locale) => ({ locale, name: locale })), thumbnails: null });
    /** A demo programme as the seed and the transcode job leave it. */
    async function programme(externalId: string, state: { audio: string[]; subtitles?: string[]; durationSec?: number } | 'processing' | 'failed'): Promise<string> {
      const { id } = await app.podium.catalog.createProgramme({ externalId, localizations: { en: { title: externalId } }, published: true });
      await app.podium.models.Programme.update({ status: 'processing' }, { where: { id } });
      if (state === 'failed') await app.podium.catalog.transcodeFailed(id);
      else if (state !== 'processing') await ready(id, state);
      return id;
    }
    const ready = (id: string, t: { audio: string[]; subtitles?: string[]; durationSec?: number }) =>
      app.podium.catalog.publishRendition(id, { renditionId: 'r1', renditionKey: `${id}/r1`, durationSec: t.durationSec ?? 60, poster: 'poster.jpg', mediaTracks: tracks(t.audio, t.subtitles ?? []) });

    it('takes the union of their languages (en first, "und" left out) and leaves out those not packaged, after waiting for those being packaged', async () => {
      const contentDir = await contentWith(['u-a', 'u-b', 'u-failed', 'u-late', 'u-missing']);
      const a = await programme('u-a', { audio: ['und', 'fr'], subtitles: ['de'] });
      const b = await programme('u-b', { audio: ['es', 'en'], subtitles: ['de', 'ar'], durationSec: 30 });
      await programme('u-failed', 'failed');
      const late = await programme('u-late', 'processing');
      const seeding = seedDemoChannel({ catalog: app.podium.catalog, channels, schedules, logger, contentDir, pollMs: 20 });
      await new Promise((r) => setTimeout(r, 300));
      expect(await channels.findBySlug(DEMO_CHANNEL_SLUG), 'nothing is made while a demo programme is being packaged').to.equal(null);
      await ready(late, { audio: ['ja'] });
      const channel = (await seeding)!;
      expect(channel.languages).to.deep.equal(['en', 'fr', 'es', 'ja']);
      expect(channel.subtitleLanguages).to.deep.equal(['de', 'ar']);
      const { entries } = await schedules.getSchedule(channel.id);
      expect(entries.map((e) => e.programmeId)).to.deep.equal([a, b, late]);
      expect(entries.map((e) => e.start.toISOString())).to.deep.equal(['2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z', '2026-01-01T00:01:30.000Z']);
    });

    it('stops waiting when the server closes, and makes nothing', async () => {
      const contentDir = await contentWith(['w-a', 'w-late']);
      await programme('w-a', { audio: ['und'] });
      await programme('w-late', 'processing');
      const stop = new AbortController();
      const seeding = seedDemoChannel({ catalog: app.podium.catalog, channels, schedules, logger, contentDir, signal: stop.signal, pollMs: 20 });
      await new Promise((r) => setTimeout(r, 100));
      stop.abort(new Error('closing'));
      let refused: unknown;
      await seeding.catch((err: unknown) => (refused = err));
      expect((refused as Error | undefined)?.message).to.equal('closing');
      expect(await channels.list()).to.deep.equal([]);
    });

    it('writes the schedule of a channel whose schedule was never written, and only then; two processes at once make one channel', async () => {
      const contentDir = await contentWith(['v-a', 'v-b']);
      const ids = [await programme('v-a', { audio: ['und'] }), await programme('v-b', { audio: ['und'] })];
      const deps = { catalog: app.podium.catalog, channels, schedules, logger, contentDir, pollMs: 20 };
      const both = await Promise.all([seedDemoChannel(deps), seedDemoChannel(deps)]);
      expect(both.filter((c) => c !== null), 'one of them made it').to.have.length(1);
      const [channel] = await channels.list();
      expect(await channels.list()).to.have.length(1);
      const first = await schedules.getSchedule(channel!.id);
      expect(first.version).to.equal(1);
      expect(first.entries.map((e) => e.programmeId)).to.deep.equal(ids);

      expect(await seedDemoChannel(deps), 'there already').to.equal(null);
      expect((await schedules.getSchedule(channel!.id)).version).to.equal(1);

      // A start stopped between creating the channel and writing its schedule: the next one writes it.
      await app.podium.models.ScheduleEntry.destroy({ where: { channelId: channel!.id } });
      await app.podium.models.Channel.update({ scheduleVersion: 0 }, { where: { id: channel!.id } });
      expect(await seedDemoChannel(deps)).to.deep.include({ id: channel!.id });
      const again = await schedules.getSchedule(channel!.id);
      expect([again.version, again.entries.map((e) => e.programmeId)]).to.deep.equal([1, ids]);
      expect(await channels.list()).to.have.length(1);
    });
  });
});
