// The in-process worker with stub handlers on a temp SQLite queue: concurrency, outcomes,
// progress, and what happens when the lease is lost.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import type { Sequelize } from 'sequelize';
import { openDatabase } from '../../../../server/db/connection.js';
import { migrate } from '../../../../server/db/migrate.js';
import { defineModels, type Models } from '../../../../server/db/models.js';
import { SqlJobQueue } from '../../../../server/jobs/sql-queue.js';
import { Worker, type JobHandler } from '../../../../server/jobs/worker.js';
import { tempDir } from '../../../helpers/media.js';

describe('Worker', () => {
  let sequelize: Sequelize;
  let models: Models;
  let queue: SqlJobQueue;
  let worker: Worker | undefined;
  const logger = pino({ level: 'silent' });

  before(async () => {
    sequelize = await openDatabase(`sqlite:${path.join(await tempDir('podium-worker-'), 'w.sqlite')}`);
    await migrate(sequelize);
    models = defineModels(sequelize);
  });
  after(() => sequelize?.close());
  beforeEach(() => {
    queue = new SqlJobQueue(models);
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  async function enqueue(n: number): Promise<string[]> {
    const pid = randomUUID();
    await models.Programme.create({ id: pid });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await queue.enqueue({ programmeId: pid, type: 'transcode', payload: { i } })).id);
    return ids;
  }

  async function until(pred: () => Promise<boolean> | boolean, ms = 10_000) {
    const end = Date.now() + ms;
    while (!(await pred())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('runs at most `concurrency` jobs at once and records success, failure and progress', async () => {
    let running = 0;
    let peak = 0;
    const handler: JobHandler = async (job, ctx) => {
      running++;
      peak = Math.max(peak, running);
      ctx.reportProgress(0.5, 3);
      await new Promise((r) => setTimeout(r, 150));
      running--;
      if ((job.payload as { i: number }).i === 3) throw new Error('source unreadable');
    };
    worker = new Worker({ queue, handlers: { transcode: handler }, concurrency: 2, leaseSec: 5, logger, pollMs: 50 });
    worker.start();
    const ids = await enqueue(4);
    await until(async () => (await Promise.all(ids.map((id) => queue.get(id)))).every((j) => j!.state === 'succeeded' || j!.state === 'failed'));
    expect(peak).to.equal(2);
    const jobs = await Promise.all(ids.map((id) => queue.get(id)));
    expect(jobs.map((j) => j!.state)).to.deep.equal(['succeeded', 'succeeded', 'succeeded', 'failed']);
    expect(jobs[3]!.error).to.equal('source unreadable');
  });

  it('aborts a job whose lease another worker took over', async () => {
    let aborted = false;
    const handler: JobHandler = (_job, ctx) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        });
      });
    worker = new Worker({ queue, handlers: { transcode: handler }, concurrency: 1, leaseSec: 2, logger, pollMs: 50 });
    worker.start();
    const [id] = await enqueue(1);
    await until(async () => (await queue.get(id!))!.state === 'running');
    // another worker steals the job (as if this one had stalled past its lease)
    await models.Job.update({ leaseOwner: 'thief' }, { where: { id: id! } });
    await until(() => aborted, 5000);
    const job = (await queue.get(id!))!;
    expect(job).to.include({ state: 'running', leaseOwner: 'thief' });
  });
});
