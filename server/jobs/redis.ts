// Redis connections for the BullMQ job queue (and the readiness probe). node-redis
// (@redis/client), which BullMQ 6 drives natively: BullMQ's default driver, ioredis, is not
// among Podium's packages, and node-redis is the client Redis itself maintains.
import { createClient, type RedisClientType } from '@redis/client';
import type { Logger } from 'pino';

export type RedisClient = RedisClientType<{}, {}, {}, 2>;

/** Reconnects forever (at most every 5 s); errors are logged at most every 10 s, never thrown at the process. */
export function redisClient(url: string, logger: Logger, role: string): RedisClient {
  const client: RedisClient = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(200 * 2 ** retries, 5000) } });
  let lastLogged = 0;
  // node-redis emits 'error' on every failed (re)connection: without a listener it would kill the process.
  client.on('error', (err: unknown) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    logger.warn({ err, role }, 'redis connection error');
  });
  return client;
}

/** Resolves when Redis answers PING within timeoutMs; rejects otherwise. */
export async function pingRedis(client: RedisClient, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        // A first connect that keeps retrying resolves only once Redis answers: the race bounds it.
        if (!client.isOpen) await client.connect();
        await client.ping();
      })(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
