// Issue 12, the channel slate, against the real app and a real transcode: a fresh app packages it
// through the ordinary transcode job (2-second segments, silent stereo), viewers' lists, search
// and the studio never show it and it cannot be published, its files are served under a signed
// URL (playlists too, though it is unpublished), and restarts or two processes at once never make
// a second slate or a second job for the same attempt; a failed attempt is tried again at the next start.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { SLATE_EXTERNAL_ID } from '../../server/catalog/programmes.js';
import { Slate, slateJobId } from '../../server/channel/slate.js';
import { DiskMediaStore } from '../../server/media/store.js';
import type { PackageManifest } from '../../transcoder/manifest.js';
import { startTestApp, waitForSlate, type TestApp } from '../helpers/app.js';
import { postgresTestSchema } from '../helpers/databases.js';
import { testBinaries } from '../helpers/media.js';

const slateRows = (app: TestApp) => app.podium.models.Programme.findAll({ where: { externalId: SLATE_EXTERNAL_ID } });

describe('HTTP: the channel slate', function () {
  this.timeout(180_000);

  describe('a fresh app', () => {
    let app: TestApp;
    let slate: Awaited<ReturnType<typeof waitForSlate>>;
    before(async () => {
      app = await startTestApp({ ensureSlate: true });
      slate = await waitForSlate(app);
    });
    after(() => app?.close());

    it('packages it through a transcode job: 10 s of a 25 fps card in 2-second segments, with silent stereo audio', async () => {
      expect(slate.renditionKey).to.equal(`${slate.programmeId}/${slate.renditionId}`);
      const [row] = await slateRows(app);
      expect(row).to.include({ id: slate.programmeId, status: 'ready', publishedAt: null });
      const jobs = await app.podium.models.Job.findAll({ where: { programmeId: slate.programmeId } });
      expect(jobs.map((j) => [j.id, j.type, j.state])).to.deep.equal([[slateJobId(slate.programmeId, 0), 'transcode', 'succeeded']]);
      const manifest = JSON.parse(fs.readFileSync(path.join(app.dataDir, 'media', slate.renditionKey, 'podium.json'), 'utf8')) as PackageManifest;
      expect(manifest.segmentSec).to.equal(2);
      expect(manifest.durationSec).to.equal(10);
      expect(manifest.segmentDurations).to.deep.equal([2, 2, 2, 2, 2]);
      expect(manifest.variants.map((v) => v.fps)).to.satisfy((fps: number[]) => fps.length > 0 && fps.every((f) => f === 25));
      expect(manifest.variants.map((v) => `${v.width}x${v.height}`)).to.include('1280x720');
      expect(manifest.audio.map((a) => [a.language, a.channels])).to.deep.equal([['und', 2]]);
    });

    it('serves its master, media playlists and segments under a signed URL, though it is unpublished', async () => {
      const token = app.podium.viewing.tokens.sign({ programmeId: slate.programmeId, region: 'FR' }).token;
      const base = `/media/t/${encodeURIComponent(token)}/${slate.programmeId}/${slate.renditionId}`;
      const master = await app.api(`${base}/master.m3u8`);
      expect(master.status).to.equal(200);
      const variant = (await master.text()).split('\n').find((l) => l.endsWith('.m3u8') && !l.startsWith('#'));
      expect(variant, 'a variant playlist').to.be.a('string');
      const playlist = await app.api(`${base}/${variant}`);
      expect(playlist.status).to.equal(200);
      const text = await playlist.text();
      expect(text).to.include('#EXT-X-TARGETDURATION:2\n');
      const durations = [...text.matchAll(/^#EXTINF:([\d.]+),/gm)].map((m) => Number(m[1]));
      expect(durations).to.deep.equal([2, 2, 2, 2, 2]);
      const segment = text.split('\n').find((l) => l.endsWith('.m4s'))!;
      const res = await app.api(`${base}/${path.posix.dirname(variant!)}/${segment}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('video/iso.segment');
      expect((await res.arrayBuffer()).byteLength).to.be.greaterThan(0);
      // A token is bound to its programme: another programme's id with the slate's token is refused.
      const other = await app.api(`/media/t/${encodeURIComponent(token)}/00000000-0000-4000-8000-000000000000/${slate.renditionId}/master.m3u8`);
      expect(other.status).to.equal(403);
    });

    it('is in no viewer list, search or studio list, even with a title, and cannot be published', async () => {
      // Editing routes still reach it by id: give it a title a search would find.
      const titled = await app.api(`/api/programmes/${slate.programmeId}/localizations/en`, { method: 'PUT', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Zanzibar slate card' }) });
      expect(titled.status, await titled.text()).to.equal(201);
      const publish = await app.api(`/api/programmes/${slate.programmeId}/publish`, { method: 'POST', auth: true });
      expect(publish.status).to.equal(409);
      expect(((await publish.json()) as { error: { code: string } }).error.code).to.equal('conflict');
      expect((await slateRows(app))[0]!.publishedAt).to.equal(null);

      // A published programme with the same words shows that the list and the search do work.
      const created = (await (await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: 'Zanzibar final' } } }) })).json()) as { id: string };
      expect((await app.api(`/api/programmes/${created.id}/publish`, { method: 'POST', auth: true })).status).to.equal(200);
      for (const region of ['FR', 'CN', 'US']) {
        const list = (await (await app.api(`/api/programmes?region=${region}`)).json()) as { items: { id: string }[] };
        expect(list.items.map((i) => i.id), region).to.deep.equal([created.id]);
        const found = (await (await app.api(`/api/search?q=zanzibar&region=${region}`)).json()) as { items: { id: string }[] };
        expect(found.items.map((i) => i.id), region).to.deep.equal([created.id]);
      }
      expect((await app.api(`/api/programmes/${slate.programmeId}`)).status).to.equal(404);
      const studio = (await (await app.api('/api/studio/programmes', { auth: true })).json()) as { items: { id: string }[] };
      const studioIds = studio.items.map((p) => p.id);
      expect(studioIds).to.include(created.id).and.not.include(slate.programmeId);
      expect((await app.api(`/api/studio/programmes/${slate.programmeId}`, { auth: true })).status).to.equal(404);
    });

    it('is reused on a restart: no second programme, no second job', async () => {
      await app.close();
      app = await startTestApp({ dataDir: app.dataDir, ensureSlate: true });
      expect(await app.podium.slate.current()).to.deep.equal(slate);
      expect(await slateRows(app)).to.have.length(1);
      expect(await app.podium.models.Job.count({ where: { programmeId: slate.programmeId } })).to.equal(1);
    });
  });

  for (const database of ['SQLite', 'PostgreSQL'] as const) {
    it(`is submitted once when two processes start at once, not again while queued, and again at the next start after a failure (${database})`, async () => {
      // No worker: the jobs stay as submitted. The app's own start did not ensure the slate.
      const pg = database === 'PostgreSQL' ? await postgresTestSchema('podium_slate') : undefined;
      const app = await startTestApp({ settings: { workers: 0, ...(pg ? { databaseUrl: pg.url } : {}) } });
      try {
        const deps = { catalog: app.podium.catalog, media: new DiskMediaStore(app.config.dataPath), queue: app.podium.queue, bins: await testBinaries(), logger: pino({ level: 'silent' }) };
        expect(await slateRows(app)).to.have.length(0);
        await Promise.all([new Slate(deps).ensure(), new Slate(deps).ensure()]);
        const rows = await slateRows(app);
        expect(rows).to.have.length(1);
        const id = rows[0]!.id;
        const jobs = async () => (await app.podium.models.Job.findAll({ where: { programmeId: id }, order: [['createdAt', 'ASC']] })).map((j) => [j.id, j.state]);
        expect(await jobs()).to.deep.equal([[slateJobId(id, 0), 'queued']]);
        expect(rows[0]!.status).to.equal('processing');
        const sources = () => fs.readdirSync(path.join(app.dataDir, 'uploads', id)).sort();
        expect(sources(), 'one source, no temp file left').to.deep.equal([`${slateJobId(id, 0)}.source`]);

        await new Slate(deps).ensure();
        expect(await jobs(), 'queued: not submitted again').to.deep.equal([[slateJobId(id, 0), 'queued']]);
        expect(await new Slate(deps).current()).to.equal(null);

        // The attempt fails for good (as the worker records it); the next start tries again, once.
        await app.podium.models.Job.update({ state: 'failed', error: 'test' }, { where: { id: slateJobId(id, 0) } });
        await app.podium.catalog.transcodeFailed(id);
        await Promise.all([new Slate(deps).ensure(), new Slate(deps).ensure()]);
        expect(await jobs()).to.deep.equal([
          [slateJobId(id, 0), 'failed'],
          [slateJobId(id, 1), 'queued'],
        ]);
        expect((await slateRows(app))[0]!.status).to.equal('processing');
      } finally {
        await app.close();
        await pg?.drop();
      }
    });
  }
});
