// Migration 0060 (channels, schedule_entries) on SQLite and PostgreSQL: applied with the others,
// its unique (channel_id, start_at) index holds, and down() removes both tables so up() can run again.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { DataTypes, QueryTypes } from 'sequelize';
import { migrate } from '../../../../server/db/migrate.js';
import { defineModels } from '../../../../server/db/models.js';
import { down, up } from '../../../../server/db/migrations/0060-channels.js';
import { down as downEras, up as upEras } from '../../../../server/db/migrations/0080-channel-eras.js';
import { postgresTestDb, sqliteTestDb, type TestDb } from '../../../helpers/databases.js';

for (const [name, open] of [
  ['SQLite', () => sqliteTestDb('podium-mig-channels-')],
  ['PostgreSQL', () => postgresTestDb('podium_mig_channels')],
] as const) {
  describe(`migration 0060-channels (${name})`, function () {
    this.timeout(60_000);
    let db: TestDb;
    before(async () => {
      db = await open();
      await migrate(db.sequelize);
    });
    after(() => db?.close());

    // The tables of the database's own schema (the PostgreSQL test schema, not `public`).
    const tables = async () => {
      const sql = db.sequelize.getDialect() === 'postgres' ? 'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()' : "SELECT name AS t FROM sqlite_master WHERE type = 'table'";
      return (await db.sequelize.query<{ t: string }>(sql, { type: QueryTypes.SELECT })).map((r) => r.t);
    };

    it('creates the tables; two entries of a channel cannot start at the same instant', async () => {
      expect(await tables()).to.include.members(['channels', 'schedule_entries']);
      const models = defineModels(db.sequelize);
      const channel = await models.Channel.create({ id: randomUUID(), slug: 'c', names: '{"en":"C"}', languages: '["en"]' });
      expect(channel.get({ plain: true })).to.deep.include({ regions: '["WW"]', timezone: 'UTC', loop: false, scheduleVersion: 0, subtitleLanguages: '[]' });
      const programmeId = randomUUID();
      await models.Programme.create({ id: programmeId });
      const start = new Date('2026-07-24T18:00:00.123Z');
      const entry = { channelId: channel.id, position: 0, programmeId, startAt: start, endAt: new Date(start.getTime() + 1000) };
      await models.ScheduleEntry.create({ id: randomUUID(), ...entry });
      const stored = await models.ScheduleEntry.findOne({ where: { channelId: channel.id } });
      expect(new Date(stored!.startAt).toISOString()).to.equal(start.toISOString()); // ms precision kept
      let refused = false;
      await models.ScheduleEntry.create({ id: randomUUID(), ...entry, position: 1 }).catch(() => (refused = true));
      expect(refused).to.equal(true);
    });

    it('down() removes both tables and up() creates them again', async () => {
      const qi = db.sequelize.getQueryInterface();
      // channel_eras (0080) references channels: down in reverse order, as umzug would.
      await db.sequelize.transaction((transaction) => downEras({ qi, transaction, DataTypes }));
      await db.sequelize.transaction((transaction) => down({ qi, transaction, DataTypes }));
      expect(await tables()).to.not.include.members(['channels']);
      expect(await tables()).to.not.include.members(['schedule_entries']);
      await db.sequelize.transaction((transaction) => up({ qi, transaction, DataTypes }));
      await db.sequelize.transaction((transaction) => upEras({ qi, transaction, DataTypes }));
      expect(await tables()).to.include.members(['channels', 'schedule_entries', 'channel_eras']);
    });
  });
}
