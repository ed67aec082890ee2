// POST /api/qoe (anonymous, validated, latest beacon per playback wins) and
// GET /api/qoe/summary (editor): startup median and p95, rebuffering ratio, average bit rate
// per programme and region.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';

function beacon(over: Record<string, unknown> = {}) {
  return { playbackId: randomUUID(), programmeId: PROGRAMME, region: 'FR', seq: 0, startupMs: 200, rebufferMs: 0, playMs: 10_000, switches: 0, avgBitrate: 2_000_000, errors: 0, ...over };
}

const PROGRAMME = randomUUID();

describe('HTTP: QoE beacons and summary', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  const post = (body: unknown, type = 'application/json') => app.api('/api/qoe', { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
  const summary = async (q = '') => {
    const res = await app.api(`/api/qoe/summary${q}`, { auth: true });
    expect(res.status).to.equal(200);
    return ((await res.json()) as { items: Array<Record<string, unknown>> }).items;
  };

  it('refuses malformed beacons with 400 naming the field, and anything personal', async () => {
    for (const [body, field] of [
      [{ beacons: [] }, 'beacons'],
      [{ beacons: [beacon({ startupMs: -1 })] }, 'beacons.0.startupMs'],
      [{ beacons: [beacon({ region: 'France' })] }, 'beacons.0.region'],
      [{ beacons: [beacon({ playbackId: 'me@example.com' })] }, 'beacons.0.playbackId'],
      [{ beacons: [beacon({ userId: 'u1' })] }, 'beacons.0.userId'],
    ] as const) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      const err = ((await res.json()) as { error: { code: string; field: string } }).error;
      expect(err.code).to.equal('validation_failed');
      expect(err.field).to.equal(field);
    }
  });

  it('the summary needs an editor', async () => {
    expect((await app.api('/api/qoe/summary')).status).to.equal(401);
  });

  it('aggregates per programme and region; a playback counts once, with its latest beacon', async () => {
    const id = randomUUID();
    // one playback reported twice (running totals): only seq 1 counts; an old seq 0 arriving late is ignored
    expect((await post({ beacons: [beacon({ playbackId: id, seq: 0, startupMs: 100, playMs: 1000 })] })).status).to.equal(204);
    expect((await post({ beacons: [beacon({ playbackId: id, seq: 1, startupMs: 100, playMs: 9000, rebufferMs: 1000, avgBitrate: 1_000_000 })] })).status).to.equal(204);
    expect((await post({ beacons: [beacon({ playbackId: id, seq: 0, startupMs: 100, playMs: 1 })] })).status).to.equal(204);
    // nineteen more playbacks in FR (startup 200…2000 ms, no stalls, 3 Mb/s), batched in one request
    const more = Array.from({ length: 19 }, (_, i) => beacon({ startupMs: 200 + i * 100, playMs: 10_000, avgBitrate: 3_000_000 }));
    expect((await post({ beacons: more })).status).to.equal(204);
    // sendBeacon may send text/plain; one viewer with no known region
    expect((await post({ beacons: [beacon({ region: null, startupMs: 50 })] }, 'text/plain')).status).to.equal(204);

    const rows = await summary(`?programmeId=${PROGRAMME}`);
    const fr = rows.find((r) => r.region === 'FR')!;
    expect(fr.playbacks).to.equal(20);
    const startups = [100, ...Array.from({ length: 19 }, (_, i) => 200 + i * 100)].sort((a, b) => a - b);
    expect(fr.startupMedianMs).to.equal((startups[9]! + startups[10]!) / 2);
    expect(fr.startupP95Ms).to.equal(startups[18]); // nearest rank: ceil(0.95 × 20) = 19th
    expect(fr.rebufferRatio).to.be.closeTo(1000 / (9000 + 19 * 10_000 + 1000), 1e-9);
    expect(fr.avgBitrate).to.equal(Math.round((9000 * 1_000_000 + 19 * 10_000 * 3_000_000) / (9000 + 19 * 10_000)));
    const unknown = rows.find((r) => r.region === 'ZZ')!;
    expect(unknown.playbacks).to.equal(1);
    expect(unknown.startupMedianMs).to.equal(50);
  });
});
