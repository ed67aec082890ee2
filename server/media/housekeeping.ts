// Removes what nothing needs any more from the data dir (sources of finally failed jobs, expired
// unfinished resumable uploads): one round at start, then every `everyMs`. Rounds never overlap;
// a task's failure is logged and the next round tries again.
import type { Logger } from 'pino';

export interface HousekeepingTask {
  /** Names what was removed, in the log. */
  name: string;
  /** Removes what it can; returns how many things it removed. */
  run(): Promise<number>;
}

export interface Housekeeping {
  /** Settles when the round under way (if any) is over. */
  idle(): Promise<void>;
  /** No further rounds; settles once the one under way is over. */
  stop(): Promise<void>;
}

export function startHousekeeping({ tasks, everyMs, logger }: { tasks: HousekeepingTask[]; everyMs: number; logger: Logger }): Housekeeping {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const round = async () => {
    for (const task of tasks) {
      if (stopped) return;
      try {
        const removed = await task.run();
        if (removed) logger.info({ removed }, `housekeeping: removed ${task.name}`);
      } catch (err) {
        logger.warn({ err }, `housekeeping: could not remove ${task.name}`);
      }
    }
  };
  const next = () => {
    current = round().finally(() => {
      if (!stopped) timer = setTimeout(next, everyMs).unref();
    });
  };
  next();
  return {
    idle: () => current,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
