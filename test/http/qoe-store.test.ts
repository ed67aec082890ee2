// SqlQoeStore on SQLite and PostgreSQL (a schema of its own on 127.0.0.1:5432, dropped after;
// override with PODIUM_TEST_POSTGRES_URL): the 0020 migration, latest-beacon-wins upserts and
// the summary, the same on both. PostgreSQL is skipped with a warning when it is not reachable.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { DataTypes } from 'sequelize';
import { up } from '../../server/qoe/migration.js';
import { SqlQoeStore } from '../../server/qoe/store.js';
import type { Beacon } from '../../server/qoe/schema.js';
import { postgresTestDb, sqliteTestDb, type TestDb } from '../helpers/databases.js';

type Db = TestDb;
const sqliteDb = () => sqliteTestDb('podium-qoe-');
const postgresDb = () => postgresTestDb('podium_qoe');

const programmeId = randomUUID();
const b = (over: Partial<Beacon>): Beacon => ({ playbackId: randomUUID(), programmeId, region: 'HK', seq: 0, startupMs: 300, rebufferMs: 0, playMs: 1000, switches: 0, avgBitrate: 1_000_000, errors: 0, ...over });

for (const [dialect, open] of [
  ['SQLite', sqliteDb],
  ['PostgreSQL', postgresDb],
] as const) {
  describe(`SqlQoeStore on ${dialect}`, function () {
    let db: Db | undefined;
    let store: SqlQoeStore;

    before(async function () {
      try {
        db = await open();
      } catch (err) {
        if (process.env.CI === 'true') throw err;
        console.warn(`    ⚠ ${dialect} not reachable (${(err as Error).message}): skipped`);
        this.skip();
      }
      await db!.sequelize.transaction((transaction) => up({ qi: db!.sequelize.getQueryInterface(), transaction, DataTypes }));
      store = new SqlQoeStore(db!.sequelize);
    });
    after(() => db?.close());

    it('keeps the latest beacon of each playback and summarizes per programme and region', async () => {
      const id = randomUUID();
      await store.record([b({ playbackId: id, seq: 0, playMs: 100 }), b({ playbackId: id, seq: 2, playMs: 4000, rebufferMs: 1000 }), b({ playbackId: id, seq: 1, playMs: 200 })]);
      await store.record([b({ startupMs: 500, avgBitrate: 3_000_000, playMs: 4000 }), b({ region: null, startupMs: null })]);
      const rows = await store.summary({ programmeId });
      const hk = rows.find((r) => r.region === 'HK')!;
      expect(hk).to.deep.include({ playbacks: 2, startupMedianMs: 400, startupP95Ms: 500 });
      expect(hk.rebufferRatio).to.be.closeTo(1000 / 9000, 1e-9);
      expect(hk.avgBitrate).to.equal(2_000_000);
      expect(rows.find((r) => r.region === 'ZZ')).to.deep.include({ playbacks: 1, startupMedianMs: null });
      expect(await store.summary({ programmeId: randomUUID() })).to.deep.equal([]);
      expect((await store.summary({ since: new Date(Date.now() + 60_000) })).length).to.equal(0);
    });
  });
}
