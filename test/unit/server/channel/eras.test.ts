// Schedule eras in the database (migration 0080, server/channel/eras.ts) on SQLite and PostgreSQL,
// through the real writers: a schedule write, an availability or publication edit of a programme a
// channel names each record an era, effective at the first slot boundary at or after the write's
// instant plus the lead; a channel's first schedule decides from the beginning; a change that
// changes nothing records nothing; two writes before the same boundary keep the later; a server
// whose clock is behind never puts an era before the last; a channel scheduled before eras existed
// keeps what it had as its first era; pruning stores the numbers and forgets the older eras.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { DataTypes, QueryTypes } from 'sequelize';
import { AvailabilityStore } from '../../../../server/catalog/availability.js';
import { ProgrammeService } from '../../../../server/catalog/programmes.js';
import type { JobQueue } from '../../../../server/jobs/queue.js';
import type { MediaStore } from '../../../../server/media/store.js';
import { ChannelService } from '../../../../server/channel/channels.js';
import { ChannelEras, type EraSnapshot } from '../../../../server/channel/eras.js';
import { ScheduleService } from '../../../../server/channel/schedule.js';
import { migrate } from '../../../../server/db/migrate.js';
import { down, up } from '../../../../server/db/migrations/0080-channel-eras.js';
import { defineModels, type Models } from '../../../../server/db/models.js';
import { postgresTestDb, sqliteTestDb, type TestDb } from '../../../helpers/databases.js';

const SEG = 2000;
const LEAD = 5000;
const T = Date.UTC(2026, 6, 24, 18, 0, 0, 300);

for (const [name, open] of [
  ['SQLite', () => sqliteTestDb('podium-eras-')],
  ['PostgreSQL', () => postgresTestDb('podium_eras')],
] as const) {
  describe(`schedule eras in the database (${name})`, function () {
    this.timeout(60_000);
    let db: TestDb;
    let models: Models;
    let clock = T;
    let eras: ChannelEras;
    let schedules: ScheduleService;
    let availability: AvailabilityStore;
    let channels: ChannelService;
    const p: Record<'a' | 'b' | 'c' | 'off', string> = { a: randomUUID(), b: randomUUID(), c: randomUUID(), off: randomUUID() };

    before(async () => {
      db = await open();
      await migrate(db.sequelize);
      models = defineModels(db.sequelize);
      eras = new ChannelEras({ models, now: () => new Date(clock), segmentMs: SEG, leadMs: LEAD });
      schedules = new ScheduleService({ sequelize: db.sequelize, models, eras });
      availability = new AvailabilityStore({ sequelize: db.sequelize, models, edits: eras });
      channels = new ChannelService({ models });
      for (const id of Object.values(p)) {
        await models.Programme.create({ id, status: 'ready', renditionId: 'r1', renditionPath: `${id}/r1`, durationSec: 60, publishedAt: new Date(T - 86_400_000) });
        await models.AvailabilityWindow.create({ programmeId: id, regions: '["WW"]', startAt: new Date(T - 86_400_000) });
      }
    });
    after(() => db?.close());

    const rows = async (channelId: string) =>
      (await models.ChannelEra.findAll({ where: { channelId }, order: [['id', 'ASC']], raw: true })).map((r) => ({ id: r.id, slot: new Date(r.effectiveAt).getTime() / SEG, cause: r.cause, snapshot: JSON.parse(r.snapshot) as EraSnapshot, ccBase: r.ccBase }));
    const write = async (channelId: string, entries: { programmeId: string; start?: Date; alternatives?: Record<string, string | null> }[]) =>
      schedules.replaceSchedule(channelId, entries, (await schedules.getSchedule(channelId)).version);
    const channel = async (slug: string) => (await channels.create({ slug, names: { en: slug }, languages: ['en'], loop: true })).id;
    const iso = (ms: number) => new Date(ms);

    it('a channel’s first schedule decides from the beginning; each later write from the first boundary at or after its instant plus the lead', async () => {
      clock = T;
      const id = await channel('first');
      expect(await rows(id), 'a new channel has no era').to.deep.equal([]);
      await write(id, [{ programmeId: p.a, start: iso(T - 3600_000) }]);
      const [first] = await rows(id);
      expect(first).to.deep.include({ slot: 0, cause: 'schedule', ccBase: null });
      expect(first!.snapshot).to.deep.include({ scheduleVersion: 1, loop: true });
      expect(first!.snapshot.entries.map((e) => [e.programmeId, e.start])).to.deep.equal([[p.a, T - 3600_000]]);
      expect(first!.snapshot.programmes[p.a]).to.deep.equal({ published: true, rendition: { id: 'r1', key: `${p.a}/r1` }, windows: [{ regions: ['WW'], exclude: [], start: T - 86_400_000, end: null }] });

      clock = T + 60_000;
      await write(id, [{ programmeId: p.b, start: iso(T - 3600_000), alternatives: { CN: p.c } }]);
      const list = await rows(id);
      expect(list.map((r) => [r.slot, r.cause])).to.deep.equal([
        [0, 'schedule'],
        [Math.ceil((T + 60_000 + LEAD) / SEG), 'schedule'],
      ]);
      // The alternative's rights are in the snapshot too.
      expect(Object.keys(list[1]!.snapshot.programmes).sort()).to.deep.equal([p.b, p.c].sort());
      expect(await eras.list(id)).to.deep.equal(list.map((r) => ({ id: r.id, fromSlot: r.slot, ccBase: null })));
    });

    it('two writes before the same boundary keep the later; a clock behind never puts an era before the last', async () => {
      clock = T + 120_000;
      const id = await channel('same-slot');
      await write(id, [{ programmeId: p.a, start: iso(T) }]);
      await write(id, [{ programmeId: p.b, start: iso(T) }]);
      const slot = Math.ceil((T + 120_000 + LEAD) / SEG);
      clock += 500; // the same boundary
      await write(id, [{ programmeId: p.c, start: iso(T) }]);
      let list = await rows(id);
      expect(list.map((r) => [r.slot, r.snapshot.entries[0]!.programmeId])).to.deep.equal([
        [0, p.a],
        [slot, p.c],
      ]);
      clock = T + 10_000; // another server, its clock behind: in order after the last era
      await write(id, [{ programmeId: p.a, start: iso(T) }]);
      list = await rows(id);
      expect(list.map((r) => [r.slot, r.snapshot.entries[0]!.programmeId])).to.deep.equal([
        [0, p.a],
        [slot, p.a],
      ]);
    });

    it('availability and publication edits record an era on the channels naming the programme (as an alternative too), only when something changed', async () => {
      clock = T + 200_000;
      const id = await channel('rights');
      const other = await channel('rights-other');
      await write(id, [{ programmeId: p.a, start: iso(T), alternatives: { CN: p.b } }]);
      await write(other, [{ programmeId: p.c, start: iso(T) }]);
      const count = async () => [(await rows(id)).length, (await rows(other)).length];
      expect(await count()).to.deep.equal([1, 1]);
      // The same windows again: nothing changed.
      await availability.replace(p.b, [{ regions: ['WW'], exclude: [], start: new Date(T - 86_400_000), end: null }]);
      expect(await count()).to.deep.equal([1, 1]);
      clock += 10_000;
      await availability.replace(p.b, [{ regions: ['WW'], exclude: ['CN'], start: new Date(T - 86_400_000), end: null }]);
      let list = await rows(id);
      expect(list.map((r) => [r.slot, r.cause])).to.deep.equal([
        [0, 'schedule'],
        [Math.ceil((clock + LEAD) / SEG), 'availability'],
      ]);
      expect(list[1]!.snapshot.programmes[p.b]!.windows[0]!.exclude).to.deep.equal(['CN']);
      expect(list[0]!.snapshot.programmes[p.b]!.windows[0]!.exclude, 'the earlier era keeps what it had').to.deep.equal([]);
      expect((await rows(other)).length, 'a channel not naming it').to.equal(1);
      clock += 10_000;
      await availability.setPublished(p.a, false, new Date(clock));
      list = await rows(id);
      expect(list.map((r) => r.cause)).to.deep.equal(['schedule', 'availability', 'publication']);
      expect(list[2]!.snapshot.programmes[p.a]!.published).to.equal(false);
      await availability.setPublished(p.a, false, new Date(clock));
      expect((await rows(id)).length, 'unpublished again: nothing changed').to.equal(3);
      await availability.setPublished(p.a, true, new Date(clock));
      await availability.replace(p.b, [{ regions: ['WW'], exclude: [], start: new Date(T - 86_400_000), end: null }]);
    });

    it('a channel scheduled before eras existed keeps its schedule as its first era; the first change decides from its slot', async () => {
      clock = T + 300_000;
      const id = await channel('legacy');
      // As migration 0060's tables held it before eras: entries, no era.
      await models.ScheduleEntry.create({ id: randomUUID(), channelId: id, position: 0, programmeId: p.c, startAt: new Date(T), endAt: new Date(T + 60_000) });
      await models.Channel.update({ scheduleVersion: 1 }, { where: { id } });
      await availability.replace(p.c, [{ regions: ['FR'], exclude: [], start: new Date(T - 86_400_000), end: null }]);
      const list = await rows(id);
      expect(list.map((r) => [r.slot, r.cause])).to.deep.equal([
        [0, 'initial'],
        [Math.ceil((clock + LEAD) / SEG), 'availability'],
      ]);
      expect(list[0]!.snapshot.programmes[p.c]!.windows[0]!.regions).to.deep.equal(['WW']);
      expect(list[1]!.snapshot.programmes[p.c]!.windows[0]!.regions).to.deep.equal(['FR']);
      await availability.replace(p.c, [{ regions: ['WW'], exclude: [], start: new Date(T - 86_400_000), end: null }]);
    });

    it('a rendition published for a programme on air (a re-upload) decides from the next boundary; the eras keep naming the old folder for the sweep', async () => {
      clock = T + 900_000;
      const id = await channel('rendition');
      await write(id, [{ programmeId: p.c, start: iso(T - 3600_000) }]);
      // The transcode job's publish: only the database part of the catalog is used.
      const catalog = new ProgrammeService({ sequelize: db.sequelize, models, media: {} as MediaStore, queue: {} as JobQueue, edits: eras });
      clock = T + 901_000;
      await catalog.publishRendition(p.c, { renditionId: 'r2', renditionKey: `${p.c}/r2`, durationSec: 60, poster: 'poster.jpg' });
      const list = await rows(id);
      expect(list.map((r) => [r.slot, r.cause])).to.deep.equal([
        [0, 'schedule'],
        [Math.ceil((T + 901_000 + LEAD) / SEG), 'rendition'],
      ]);
      expect(list.map((r) => r.snapshot.programmes[p.c]!.rendition)).to.deep.equal([
        { id: 'r1', key: `${p.c}/r1` },
        { id: 'r2', key: `${p.c}/r2` },
      ]);
      expect([...(await eras.renditionKeys())]).to.include.members([`${p.c}/r1`, `${p.c}/r2`]);
      // Published again with the same folder: nothing changed, no era.
      await catalog.publishRendition(p.c, { renditionId: 'r2', renditionKey: `${p.c}/r2`, durationSec: 60, poster: 'poster.jpg' });
      expect(await rows(id)).to.have.length(2);
    });

    it('a refused write records nothing', async () => {
      const id = await channel('refused');
      await write(id, [{ programmeId: p.a, start: iso(T) }]);
      let refused = false;
      await schedules.replaceSchedule(id, [{ programmeId: p.b, start: iso(T) }], 0).catch(() => (refused = true));
      expect(refused).to.equal(true);
      expect((await rows(id)).map((r) => r.snapshot.entries[0]!.programmeId)).to.deep.equal([p.a]);
    });

    it('pruning keeps the era in effect with its numbers and forgets the older ones', async () => {
      clock = T + 400_000;
      const id = await channel('pruned');
      await write(id, [{ programmeId: p.a, start: iso(T) }]);
      clock += 60_000;
      await write(id, [{ programmeId: p.b, start: iso(T) }]);
      clock += 60_000;
      await write(id, [{ programmeId: p.c, start: iso(T) }]);
      const [first, second, third] = await eras.list(id);
      await eras.prune(id, { id: second!.id, ccBase: { '*': 65_600, CN: 65_590 } }, [first!.id]);
      await eras.prune(id, { id: second!.id, ccBase: { '*': 65_600, CN: 65_590 } }, [first!.id]); // a replica at once: the same
      expect(await eras.list(id)).to.deep.equal([{ ...second!, ccBase: { '*': 65_600, CN: 65_590 } }, third]);
      expect([...(await eras.snapshots([second!.id, third!.id])).keys()].sort()).to.deep.equal([second!.id, third!.id].sort());
    });

    it('deleting a channel deletes its eras; down() removes the table and up() creates it again', async () => {
      const id = await channel('gone');
      await write(id, [{ programmeId: p.a, start: iso(T) }]);
      await models.ScheduleEntry.destroy({ where: { channelId: id } });
      await models.Channel.destroy({ where: { id } });
      expect(await rows(id)).to.deep.equal([]);
      const qi = db.sequelize.getQueryInterface();
      const tables = async () => {
        const sql = db.sequelize.getDialect() === 'postgres' ? 'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()' : "SELECT name AS t FROM sqlite_master WHERE type = 'table'";
        return (await db.sequelize.query<{ t: string }>(sql, { type: QueryTypes.SELECT })).map((r) => r.t);
      };
      await db.sequelize.transaction((transaction) => down({ qi, transaction, DataTypes }));
      expect(await tables()).to.not.include('channel_eras');
      await db.sequelize.transaction((transaction) => up({ qi, transaction, DataTypes }));
      expect(await tables()).to.include('channel_eras');
    });
  });
}
