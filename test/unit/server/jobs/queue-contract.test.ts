// One contract for every JobQueue: the SQL queue on SQLite and on PostgreSQL, and the BullMQ
// queue (Redis at 127.0.0.1:6379 under a key prefix of its own, its records in PostgreSQL).
// Real time throughout: leases of 1 s, so a "dead" worker (one that stops renewing) is taken over
// within seconds, as in production with a short PODIUM_JOB_LEASE_SEC.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { pino } from 'pino';
import { migrate } from '../../../../server/db/migrate.js';
import { defineModels, type Models } from '../../../../server/db/models.js';
import { BullJobQueue } from '../../../../server/jobs/bull-queue.js';
import { LeaseLostError, type Job, type JobQueue } from '../../../../server/jobs/queue.js';
import { finishOwnedJob, SqlJobQueue } from '../../../../server/jobs/sql-queue.js';
import { Worker } from '../../../../server/jobs/worker.js';
import { postgresTestDb, sqliteTestDb, type TestDb } from '../../../helpers/databases.js';
import { dropRedisPrefix, REDIS_URL, redisTestPrefix } from '../../../helpers/redis.js';

const LEASE = 1;
const MAX_ATTEMPTS = 2;
const logger = pino({ level: 'silent' });

interface Subject {
  queue: JobQueue;
  /** Loses the queue's data where it has some outside the database (Redis); null when it has none. */
  loseData: (() => Promise<void>) | null;
  reconcile: (() => Promise<string[]>) | null;
  close(): Promise<void>;
}

// The SQL queue keeps nothing outside the database; the last test is BullMQ's alone.
const implementations: [string, () => Promise<TestDb>, (models: Models) => Subject][] = [
  ['SqlJobQueue on SQLite', () => sqliteTestDb('podium-contract-'), (models) => sqlSubject(models)],
  ['SqlJobQueue on PostgreSQL', () => postgresTestDb('podium_contract'), (models) => sqlSubject(models)],
  ['BullJobQueue on Redis (records in PostgreSQL)', () => postgresTestDb('podium_contract'), (models) => bullSubject(models)],
];

function sqlSubject(models: Models): Subject {
  return { queue: new SqlJobQueue(models, { maxAttempts: MAX_ATTEMPTS }), loseData: null, reconcile: null, close: async () => {} };
}

function bullSubject(models: Models): Subject {
  const prefix = redisTestPrefix('podium-contract');
  const queue = new BullJobQueue({ records: new SqlJobQueue(models, { maxAttempts: MAX_ATTEMPTS }), redisUrl: REDIS_URL, prefix, logger });
  return {
    queue,
    loseData: async () => void (await dropRedisPrefix(prefix)),
    reconcile: () => queue.reconcile(),
    async close() {
      await queue.close();
      await dropRedisPrefix(prefix);
    },
  };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const [name, open, make] of implementations) {
  describe(`JobQueue contract: ${name}`, function () {
    this.timeout(60_000);
    let db: TestDb;
    let models: Models;
    let s: Subject;

    before(async () => {
      db = await open();
      await migrate(db.sequelize);
      models = defineModels(db.sequelize);
    });
    after(async () => db && (await db.close()));
    beforeEach(() => {
      s = make(models);
    });
    afterEach(async () => {
      await s.close();
      await models.Job.destroy({ where: {} });
      await models.Programme.destroy({ where: {} });
    });

    async function enqueue(n = 1): Promise<string[]> {
      const programmeId = randomUUID();
      await models.Programme.create({ id: programmeId });
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await s.queue.enqueue({ programmeId, type: 'transcode', payload: { i } })).id);
      return ids;
    }

    it('records an enqueued job as queued and gives each job to exactly one of many concurrent claimers', async () => {
      const ids = await enqueue(3);
      expect((await s.queue.get(ids[0]!))!).to.include({ state: 'queued', attempts: 0, progress: 0 });
      const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => s.queue.claim(`w${i}`, LEASE * 30)));
      const won = claims.filter((j): j is Job => j !== null);
      expect(won.map((j) => j.id).sort()).to.deep.equal([...ids].sort());
      expect(new Set(won.map((j) => j.leaseOwner)).size).to.equal(3);
      for (const j of won) expect(j).to.include({ state: 'running', attempts: 1 });
      expect(await s.queue.claim('late', LEASE * 30)).to.equal(null);
    });

    it('lets only the lease owner renew, report progress and finish; the database has the progress', async () => {
      const [id] = await enqueue();
      const job = (await s.queue.claim('a', LEASE * 30))!;
      expect(job.id).to.equal(id);
      expect(job.payload).to.deep.equal({ i: 0 });
      expect(await s.queue.renew(id!, 'b', LEASE * 30)).to.equal(false);
      expect(await s.queue.renew(id!, 'a', LEASE * 30)).to.equal(true);
      expect(await s.queue.progress(id!, 'a', LEASE * 30, 0.5, 12)).to.equal(true);
      expect((await s.queue.get(id!))!).to.include({ progress: 0.5, etaSec: 12 });
      expect(await s.queue.complete(id!, 'b')).to.equal(false);
      expect(await s.queue.complete(id!, 'a')).to.equal(true);
      expect((await s.queue.get(id!))!).to.include({ state: 'succeeded', progress: 1, leaseOwner: null });
      expect(await s.queue.claim('c', LEASE * 30)).to.equal(null);
    });

    it("hands a dead worker's job to another once its lease runs out; the dead one can neither renew nor publish", async () => {
      const [id] = await enqueue();
      await s.queue.claim('dead', LEASE);
      const taken = await until('takeover', () => s.queue.claim('alive', LEASE));
      expect(taken).to.include({ id, leaseOwner: 'alive', attempts: 2 });
      expect(await s.queue.renew(id!, 'dead', LEASE)).to.equal(false);
      // Publishing records success in the publication's own transaction: the dead worker's is refused.
      let refused: unknown;
      await db.sequelize.transaction((t) => finishOwnedJob(models, { jobId: id!, owner: 'dead' }, t)).catch((e: unknown) => (refused = e));
      expect(refused).to.be.instanceOf(LeaseLostError);
      await db.sequelize.transaction((t) => finishOwnedJob(models, { jobId: id!, owner: 'alive' }, t));
      expect(await s.queue.complete(id!, 'alive')).to.equal(true);
      expect((await s.queue.get(id!))!).to.include({ state: 'succeeded', leaseOwner: null });
    });

    it('gives a released job back without counting the attempt (graceful shutdown)', async () => {
      const [id] = await enqueue();
      await s.queue.claim('w1', LEASE * 30);
      expect(await s.queue.release(id!, 'someone-else')).to.equal(false);
      expect(await s.queue.release(id!, 'w1')).to.equal(true);
      expect((await s.queue.get(id!))!).to.include({ state: 'queued', attempts: 0, leaseOwner: null });
      expect((await s.queue.claim('w2', LEASE * 30))!.id).to.equal(id);
    });

    it('ends a failed job failed with its reason, tells onFailed once, and never hands it out again', async () => {
      const told: string[] = [];
      const unsubscribe = s.queue.onFailed((j) => told.push(`${j.id}:${j.state}:${j.error}`));
      const [id] = await enqueue();
      await s.queue.claim('w1', LEASE * 30);
      expect(await s.queue.fail(id!, 'someone-else', 'nope')).to.equal(false);
      expect(await s.queue.fail(id!, 'w1', 'the source is not a video')).to.equal(true);
      expect(told).to.deep.equal([`${id}:failed:the source is not a video`]);
      expect(await s.queue.claim('w2', LEASE * 30)).to.equal(null);
      unsubscribe();
    });

    it(`fails a job whose workers keep dying after ${MAX_ATTEMPTS} attempts, with the reason`, async () => {
      const told: string[] = [];
      s.queue.onFailed((j) => told.push(j.id));
      const [id] = await enqueue();
      await s.queue.claim('w1', LEASE);
      await until('second claim', () => s.queue.claim('w2', LEASE));
      await until('gave up', async () => (await s.queue.claim('w3', LEASE), (await s.queue.get(id!))!.state === 'failed'));
      expect((await s.queue.get(id!))!.error).to.match(new RegExp(`gave up after ${MAX_ATTEMPTS} attempts`));
      expect(told).to.deep.equal([id]);
    });

    it('runs jobs through the in-process Worker and aborts the one whose lease another worker took', async () => {
      const ids = await enqueue(2);
      const aborted: string[] = [];
      const worker = new Worker({
        queue: s.queue,
        concurrency: 2,
        leaseSec: LEASE * 5,
        logger,
        pollMs: 50,
        handlers: {
          transcode: (job, ctx) =>
            (job.payload as { i: number }).i === 0
              ? Promise.resolve(ctx.reportProgress(1, 0))
              : new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => (aborted.push(job.id), reject(new Error('aborted'))))),
        },
      });
      worker.start();
      try {
        await until('first done', async () => (await s.queue.get(ids[0]!))!.state === 'succeeded');
        await until('second running', async () => (await s.queue.get(ids[1]!))!.state === 'running');
        await models.Job.update({ leaseOwner: 'thief' }, { where: { id: ids[1]! } });
        await until('abort', async () => aborted.includes(ids[1]!));
      } finally {
        await worker.stop();
      }
    });

    if (name.startsWith('BullJobQueue')) it('loses nothing when Redis loses its data: the reconciler queues every unfinished job again', async () => {
      const [queued, running] = await enqueue(2);
      const claimed = (await s.queue.claim('w1', LEASE))!;
      expect(claimed.id).to.equal(queued);
      await s.loseData!();
      expect(await s.queue.claim('w2', LEASE)).to.equal(null);
      expect((await s.reconcile!()).sort()).to.deep.equal([queued, running].sort());
      expect(await s.reconcile!(), 'a second pass adds nothing').to.deep.equal([]);
      const again = [await s.queue.claim('w2', LEASE), await s.queue.claim('w3', LEASE)];
      expect(again.map((j) => j?.id).sort()).to.deep.equal([queued, running].sort());
      expect(await s.queue.renew(queued!, 'w1', LEASE), 'the first holder lost it').to.equal(false);
    });
  });
}
