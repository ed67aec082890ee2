// Process-level behaviour of `server/main.ts` run as a child process: a job interrupted by a
// crash (kill -9 mid-transcode) is completed after a restart; missing ffmpeg fails fast with
// one line. And the demo catalog: built once through the upload pipeline, reused on restart.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { newAdminToken, spawnServer, startTestApp, waitForJob, type ChildServer } from '../helpers/app.js';
import { makeClip, tempDir } from '../helpers/media.js';

describe('HTTP: crash and restart', function () {
  let server: ChildServer | undefined;
  afterEach(async () => {
    await server?.kill('SIGKILL');
    server = undefined;
  });

  it('completes a job after the process running it was killed with SIGKILL', async () => {
    const dataDir = await tempDir('podium-crash-');
    const token = newAdminToken();
    const env = { PODIUM_DATA_DIR: dataDir, PODIUM_ADMIN_TOKEN: token, PODIUM_DEMO: 'false', PODIUM_JOB_LEASE_SEC: '2' };
    const clip = await makeClip({ width: 640, height: 360, fps: 30, durationSec: 4, label: 'crash' });
    server = await spawnServer(env);
    const auth = { authorization: `Bearer ${token}` };
    const api = (base: string) => ({ api: (p: string, init?: { auth?: boolean }) => fetch(base + p, init?.auth ? { headers: auth } : {}) });

    const created = await fetch(`${server.baseUrl}/api/programmes`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ localizations: { en: { title: 'Crash test' } } }),
    });
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${server.baseUrl}/api/programmes/${id}/publish`, { method: 'POST', headers: auth })).status).to.equal(200);
    const put = await fetch(`${server.baseUrl}/api/programmes/${id}/source`, { method: 'PUT', headers: auth, body: fs.readFileSync(clip) });
    const { jobId } = (await put.json()) as { jobId: string };

    // wait until the transcode is under way, then kill the process without warning
    await server.waitForLog((l) => l.msg === 'job started' && l.jobId === jobId, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    const mid = (await (await fetch(`${server.baseUrl}/api/jobs/${jobId}`, { headers: auth })).json()) as { state: string };
    expect(mid.state).to.equal('running');
    expect(await server.kill('SIGKILL')).to.equal('SIGKILL');

    // nothing half-done was published
    const mediaDir = path.join(dataDir, 'media', id);
    const published = fs.existsSync(mediaDir) ? fs.readdirSync(mediaDir).filter((d) => fs.existsSync(path.join(mediaDir, d, 'master.m3u8'))) : [];
    expect(published).to.deep.equal([]);

    server = await spawnServer(env);
    const job = await waitForJob(api(server.baseUrl), jobId, 120_000);
    expect(job.state, job.error ?? '').to.equal('succeeded');
    const item = (await (await fetch(`${server.baseUrl}/api/programmes/${id}`)).json()) as { status: string; hls: string };
    expect(item.status).to.equal('ready');
    const master = await fetch(server.baseUrl + item.hls);
    expect(master.status).to.equal(200);
    expect(await master.text()).to.match(/^#EXTM3U/);
    const claims = server.logs.filter((l) => l.msg === 'job started' && l.jobId === jobId);
    expect(claims[0]?.attempt).to.equal(2);
    expect(await server.kill('SIGTERM'), 'graceful shutdown exits 0').to.equal(0);
    server = undefined;
  });

  it('fails fast with one line and exit code 1 when ffmpeg is missing', async () => {
    const dataDir = await tempDir('podium-noffmpeg-');
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, PODIUM_DATA_DIR: dataDir, PORT: '0', FFMPEG_PATH: '/nonexistent/ffmpeg' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).to.equal(1);
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/ffmpeg/i);
    expect(fs.existsSync(path.join(dataDir, 'podium.sqlite')), 'nothing created before the check').to.equal(false);
  });

  it('fails fast with one line naming the variable on a bad setting', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    expect(await new Promise((resolve) => child.on('exit', resolve))).to.equal(1);
    expect(stderr.trim()).to.match(/^podium: configuration error: PORT: /);
  });
});

describe('Demo catalog seeding', () => {
  it('creates each demo programme through the upload pipeline once, and reuses them on the next start (adding the languages demo.json gained)', async () => {
    const contentDir = await tempDir('podium-content-');
    fs.writeFileSync(
      path.join(contentDir, 'demo.json'),
      JSON.stringify({
        programmes: [
          {
            externalId: 'test-demo-a',
            source: { width: 320, height: 180, fps: 25, durationSec: 2 },
            localizations: { en: { title: 'Demo A', synopsis: 'a' }, fr: { title: 'Démo A', synopsis: 'a' }, 'zh-Hans': { title: '演示甲', synopsis: '甲' } },
          },
          {
            externalId: 'test-demo-b',
            source: { width: 180, height: 320, fps: 25, durationSec: 2 },
            localizations: { en: { title: 'Demo B', synopsis: 'b' }, 'zh-Hant': { title: '示範乙', synopsis: '乙' } },
          },
        ],
      }),
    );
    const dataDir = await tempDir('podium-demo-');
    const first = await startTestApp({ dataDir, contentDir, settings: { demo: 'true', workers: 0 } });
    try {
      const items = ((await (await first.api('/api/programmes?lang=zh-Hant')).json()) as { items: { title: string; status: string }[] }).items;
      expect(items.map((i) => [i.title, i.status])).to.deep.equal([
        ['Demo A', 'processing'],
        ['示範乙', 'processing'],
      ]);
      expect(await first.podium.models.Job.count({ where: { state: 'queued' } })).to.equal(2);
    } finally {
      await first.close();
    }
    // demo.json gains an Arabic localization (reaches the existing programme) and changes an
    // English title (does not: an editor may have changed it since).
    const demoFile = path.join(contentDir, 'demo.json');
    const changed = JSON.parse(fs.readFileSync(demoFile, 'utf8')) as { programmes: Array<{ localizations: Record<string, { title: string; synopsis: string }> }> };
    changed.programmes[0]!.localizations.ar = { title: 'عرض أ', synopsis: 'أ' };
    changed.programmes[0]!.localizations.en = { title: 'Demo A, renamed', synopsis: 'a' };
    fs.writeFileSync(demoFile, JSON.stringify(changed));
    const second = await startTestApp({ dataDir, contentDir, settings: { demo: 'true', workers: 1 } });
    try {
      // Nothing is generated again: the second start creates no programme (no ffmpeg run).
      expect(await second.podium.demo).to.deep.equal([]);
      expect(await second.podium.models.Programme.count()).to.equal(2);
      // podium.demo settles with [] also when the seed failed (it logs the error): check what it wrote.
      expect(await second.podium.models.Localization.count({ where: { locale: 'ar' } }), 'the seed added the Arabic localization').to.equal(1);
      const titles = async (lang: string) => ((await (await second.api(`/api/programmes?lang=${lang}`)).json()) as { items: { title: string }[] }).items.map((i) => i.title);
      expect(await titles('ar')).to.deep.equal(['عرض أ', 'Demo B']);
      expect(await titles('en')).to.deep.equal(['Demo A', 'Demo B']);
      expect(((await (await second.api('/api/search?q=' + encodeURIComponent('عرض') + '&lang=ar')).json()) as { items: { title: string }[] }).items.map((i) => i.title)).to.deep.equal(['عرض أ']);
      const jobs = await second.podium.models.Job.findAll();
      expect(jobs).to.have.length(2);
      for (const job of jobs) expect((await waitForJob(second, job.id)).state).to.equal('succeeded');
      const items = ((await (await second.api('/api/programmes')).json()) as { items: { status: string; hls: string | null }[] }).items;
      for (const item of items) expect(item.status).to.equal('ready');
    } finally {
      await second.close();
    }
  });
});
