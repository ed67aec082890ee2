// SQLite through openDatabase(): a transaction that reads before it writes must not fail when
// another connection writes meanwhile (e.g. the demo seed adding a localization while the worker
// claims a job). With sequelize's default DEFERRED transactions its first write failed at once
// with SQLITE_BUSY (WAL: a read snapshot older than the last commit cannot become a writer).
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { sqliteTestDb, type TestDb } from '../../../helpers/databases.js';

describe('SQLite transactions (openDatabase)', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await sqliteTestDb('podium-sqlite-tx-');
    await db.sequelize.query('CREATE TABLE t (v INTEGER NOT NULL)');
  });
  afterEach(() => db.close());

  it('a read-then-write transaction succeeds while another connection writes meanwhile', async () => {
    const { sequelize } = db;
    let other: Promise<unknown> | undefined;
    await sequelize.transaction(async (transaction) => {
      await sequelize.query('SELECT COUNT(*) AS n FROM t', { transaction, type: QueryTypes.SELECT });
      other = sequelize.query('INSERT INTO t (v) VALUES (1)'); // the default connection, not this transaction
      await new Promise((r) => setTimeout(r, 100)); // long enough for it to commit, if it can
      await sequelize.query('INSERT INTO t (v) VALUES (2)', { transaction });
    });
    await other;
    const rows = await sequelize.query<{ v: number }>('SELECT v FROM t ORDER BY rowid', { type: QueryTypes.SELECT });
    expect(rows.map((r) => r.v)).to.deep.equal([2, 1]);
  });
});
