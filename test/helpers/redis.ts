// Redis for tests (127.0.0.1:6379; override with PODIUM_TEST_REDIS_URL): every test queue gets a
// key prefix of its own, and dropRedisPrefix() removes its keys, so runs sharing the server never
// see each other's jobs. Nothing here flushes the whole server.
import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';

export const REDIS_URL = process.env.PODIUM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function redisTestPrefix(name = 'podium-test'): string {
  return `${name}-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under the prefix (as losing Redis's data would, for that prefix only); returns how many. */
export async function dropRedisPrefix(prefix: string): Promise<number> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    let removed = 0;
    for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
      if (keys.length) removed += await client.del(keys);
    }
    return removed;
  } finally {
    client.destroy();
  }
}
