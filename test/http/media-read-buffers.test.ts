// Read buffers used again (server/media/file-cache.ts, read-buffers.ts) under real answers: a
// viewer whose answer is still being sent — a slow reader, its 5 MB only partly in the socket —
// keeps the bytes it was promised while other files are read in the meantime, through the fast
// path and through express alike; and buffers are used again once answers have finished.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { writeRendition, type WrittenRendition } from '../helpers/rendition.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** GET `url`, not reading its body for `pauseMs` (the server's write waits on the socket meanwhile). */
function fetchSlowly(url: string, pauseMs: number): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.pause();
        setTimeout(() => res.resume(), pauseMs);
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('HTTP: media read buffers used again, never under an answer still sending them', () => {
  let app: TestApp;
  let r: WrittenRendition;
  let base: string;
  const files = Array.from({ length: 8 }, (_, i) => `v0/big_${i + 1}.m4s`);
  const bodies = new Map<string, Buffer>();

  // Each test its own server: an empty cache.
  beforeEach(async () => {
    // 24 MiB: files up to 6 MiB are held, four of these 5 MiB ones; one free buffer is kept.
    app = await startTestApp({ settings: { mediaCacheMb: 24 } });
    r = await writeRendition(app, { variants: 1, segments: 1, segmentBytes: 1000 });
    for (const f of files) {
      bodies.set(f, bodies.get(f) ?? randomBytes(5 * 1024 * 1024));
      fs.writeFileSync(path.join(r.dir, f), bodies.get(f)!);
    }
    const item = (await (await app.api(`/api/programmes/${r.programmeId}?region=FR`)).json()) as { hls: string };
    base = app.baseUrl + item.hls.slice(0, item.hls.lastIndexOf('/'));
  });
  afterEach(() => app?.close());

  for (const [route, query] of [
    ['the fast path', ''],
    ['express', '?region=FR'],
  ] as const) {
    it(`${route}: a slow viewer gets its file's bytes while other files are read into buffers in the meantime`, async () => {
      const url = (f: string) => `${base}/${f}${query}`;
      // Fill the cache (four files): from then on a file asked for the first time is read and not kept.
      for (const f of files.slice(0, 4)) expect(sha((await fetchSlowly(url(f), 0)).body)).to.equal(sha(bodies.get(f)!));
      const reusedBefore = app.podium.mediaFiles.stats().buffersReused;
      const slow = fetchSlowly(url(files[4]!), 900);
      await new Promise((resolve) => setTimeout(resolve, 200)); // its answer is written and waiting on the socket
      for (const f of files.slice(5)) {
        const got = await fetchSlowly(url(f), 0);
        expect(got.status).to.equal(200);
        expect(sha(got.body), f).to.equal(sha(bodies.get(f)!));
      }
      const late = await slow;
      expect(late.status).to.equal(200);
      expect(late.body.length).to.equal(bodies.get(files[4]!)!.length);
      expect(sha(late.body), 'the slow viewer got its own file').to.equal(sha(bodies.get(files[4]!)!));
      // The three files read meanwhile were not kept: each one's buffer served the next.
      expect(app.podium.mediaFiles.stats().buffersReused, 'buffers were used again').to.be.at.least(reusedBefore + 2);
    });
  }
});
