// The SQL job queue against both databases it supports: SQLite (a temp file) and PostgreSQL
// (127.0.0.1:5432, a schema of its own that is dropped afterwards; override with
// PODIUM_TEST_POSTGRES_URL). The migrations run first, exactly as at start-up.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { migrate, migrationNames } from '../../../../server/db/migrate.js';
import { defineModels, type Models } from '../../../../server/db/models.js';
import { SqlJobQueue } from '../../../../server/jobs/sql-queue.js';
import { postgresTestDb, sqliteTestDb, type TestDb } from '../../../helpers/databases.js';

interface Db extends TestDb {
  models: Models;
}

async function withModels(open: Promise<TestDb>): Promise<Db> {
  const db = await open;
  return { ...db, models: defineModels(db.sequelize) };
}
const sqliteDb = () => withModels(sqliteTestDb('podium-queue-'));
const postgresDb = () => withModels(postgresTestDb('podium_test'));

for (const [dialect, open] of [
  ['SQLite', sqliteDb],
  ['PostgreSQL', postgresDb],
] as const) {
  describe(`SqlJobQueue on ${dialect}`, function () {
    let db: Db;
    let queue: SqlJobQueue;
    let clock = Date.now();
    const now = () => new Date(clock);

    before(async () => {
      db = await open();
      const applied = await migrate(db.sequelize);
      expect(applied).to.deep.equal(migrationNames().map((f) => f.replace(/\.(ts|js)$/, '')));
      expect(await migrate(db.sequelize), 'a second run applies nothing').to.deep.equal([]);
      queue = new SqlJobQueue(db.models, { now, maxAttempts: 2 });
    });
    after(async () => db && (await db.close()));
    beforeEach(async () => {
      await db.models.Job.destroy({ where: {} });
      await db.models.Programme.destroy({ where: {} });
    });

    async function programme(): Promise<string> {
      const id = randomUUID();
      await db.models.Programme.create({ id });
      return id;
    }

    it('created the schema through migrations (unique programme × locale)', async () => {
      const id = await programme();
      await db.models.Localization.create({ programmeId: id, locale: 'en', title: 'a', synopsis: '' });
      let failed = false;
      await db.models.Localization.create({ programmeId: id, locale: 'en', title: 'b', synopsis: '' }).catch(() => (failed = true));
      expect(failed).to.equal(true);
    });

    it('gives each queued job to exactly one of many concurrent claimers', async () => {
      const pid = await programme();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await queue.enqueue({ programmeId: pid, type: 'transcode', payload: { n: i } })).id);
        clock += 10;
      }
      const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => queue.claim(`w${i}`, 30)));
      const won = claims.filter((j) => j !== null);
      expect(won.map((j) => j!.id).sort()).to.deep.equal([...ids].sort());
      expect(new Set(won.map((j) => j!.leaseOwner)).size).to.equal(3);
      for (const j of won) expect(j!.state).to.equal('running');
      expect(await queue.claim('late', 30)).to.equal(null);
      const first = await queue.claim('x', 30);
      expect(first).to.equal(null);
    });

    it('lets only the lease owner renew, report progress and finish', async () => {
      const pid = await programme();
      const job = await queue.enqueue({ programmeId: pid, type: 'transcode', payload: { source: 's' } });
      const claimed = await queue.claim('a', 30);
      expect(claimed!.id).to.equal(job.id);
      expect(claimed!.payload).to.deep.equal({ source: 's' });
      expect(await queue.renew(job.id, 'b', 30)).to.equal(false);
      expect(await queue.progress(job.id, 'a', 30, 0.5, 12)).to.equal(true);
      expect((await queue.get(job.id))!).to.include({ progress: 0.5, etaSec: 12 });
      expect(await queue.complete(job.id, 'b')).to.equal(false);
      expect(await queue.complete(job.id, 'a')).to.equal(true);
      expect((await queue.get(job.id))!).to.include({ state: 'succeeded', progress: 1, leaseOwner: null });
    });

    it('re-claims a running job whose lease expired (its worker died), and the old owner loses it', async () => {
      const pid = await programme();
      const job = await queue.enqueue({ programmeId: pid, type: 'transcode', payload: {} });
      await queue.claim('dead', 5);
      expect(await queue.claim('other', 5)).to.equal(null);
      clock += 6000;
      const again = await queue.claim('other', 5);
      expect(again).to.include({ id: job.id, leaseOwner: 'other', attempts: 2 });
      expect(await queue.renew(job.id, 'dead', 5)).to.equal(false);
      expect(await queue.fail(job.id, 'other', 'boom')).to.equal(true);
      expect((await queue.get(job.id))!).to.include({ state: 'failed', error: 'boom' });
    });

    it('releases a job back to the queue without counting the attempt (graceful shutdown)', async () => {
      const pid = await programme();
      const job = await queue.enqueue({ programmeId: pid, type: 'transcode', payload: {} });
      await queue.claim('w1', 30);
      expect(await queue.release(job.id, 'someone-else')).to.equal(false);
      expect(await queue.release(job.id, 'w1')).to.equal(true);
      expect((await queue.get(job.id))!).to.include({ state: 'queued', attempts: 0, leaseOwner: null });
      expect((await queue.claim('w2', 30))!.id).to.equal(job.id);
    });

    it('tells onFailed listeners of a recorded final failure only (not of a refused one, nor of a release)', async () => {
      const told: string[] = [];
      const unsubscribe = queue.onFailed((j) => told.push(`${j.id}:${j.state}:${j.error}`));
      const pid = await programme();
      const job = await queue.enqueue({ programmeId: pid, type: 'transcode', payload: {} });
      await queue.claim('w1', 30);
      expect(await queue.release(job.id, 'w1')).to.equal(true);
      await queue.claim('w2', 30);
      expect(await queue.fail(job.id, 'someone-else', 'nope')).to.equal(false);
      expect(told).to.deep.equal([]);
      expect(await queue.fail(job.id, 'w2', 'boom')).to.equal(true);
      expect(told).to.deep.equal([`${job.id}:failed:boom`]);
      unsubscribe();
    });

    it('fails a job that keeps killing its workers after maxAttempts', async () => {
      const told: string[] = [];
      queue.onFailed((j) => told.push(j.id));
      const pid = await programme();
      const job = await queue.enqueue({ programmeId: pid, type: 'transcode', payload: {} });
      await queue.claim('w1', 5);
      clock += 6000;
      await queue.claim('w2', 5);
      clock += 6000;
      expect(await queue.claim('w3', 5)).to.equal(null);
      const failed = (await queue.get(job.id))!;
      expect(failed.state).to.equal('failed');
      expect(failed.error).to.match(/gave up after 2 attempts/);
      expect(told, 'onFailed').to.deep.equal([job.id]);
    });
  });
}
