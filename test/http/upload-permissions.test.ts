// Creating programmes, uploading sources, audio languages and subtitles, and the QoE summary go
// through the accounts permission model (server/accounts/roles.ts) like every other studio
// route: a translator's API token is refused (403, nothing stored), an editor's is accepted.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { body, createAccount, signIn } from '../helpers/studio.js';

describe('HTTP: upload and create routes on the permission model', function () {
  let app: TestApp;
  let editorToken: string;
  let translatorToken: string;
  let programmeId: string;

  const as = (token: string, pathname: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return app.api(pathname, { ...init, headers });
  };
  const tokenOf = async (role: 'editor' | 'translator') => {
    const session = await signIn(app, (await createAccount(app, role)).email);
    const res = await session.fetch('/api/tokens', { method: 'POST', json: { name: `${role} script` } });
    expect(res.status).to.equal(201);
    return (await body<{ token: string }>(res)).token;
  };
  const uploads = () => {
    const dir = path.join(app.dataDir, 'uploads', programmeId);
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };

  before(async () => {
    // No worker: an accepted upload stays queued (nothing here needs it transcoded).
    app = await startTestApp({ settings: { workers: 0 } });
    editorToken = await tokenOf('editor');
    translatorToken = await tokenOf('translator');
    const res = await as(editorToken, '/api/programmes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: 'Keirin final' } } }) });
    expect(res.status, await res.clone().text()).to.equal(201);
    programmeId = (await body<{ id: string }>(res)).id;
  });
  after(() => app?.close());

  describe("a translator's API token", () => {
    const refused = async (res: Response, permission: string) => {
      const b = await body<{ error: { code: string; message: string } }>(res);
      expect(res.status, JSON.stringify(b)).to.equal(403);
      expect(b.error.code).to.equal('forbidden');
      expect(b.error.message).to.include(permission);
    };

    it('may not upload a source (403, nothing stored, no job)', async () => {
      const jobs = await app.podium.models.Job.count();
      await refused(await as(translatorToken, `/api/programmes/${programmeId}/source`, { method: 'PUT', body: Buffer.alloc(4096, 1) }), 'source:upload');
      expect(uploads()).to.deep.equal([]);
      expect(await app.podium.models.Job.count()).to.equal(jobs);
    });

    it('may not create programmes, add audio languages or subtitles, or read the QoE summary', async () => {
      await refused(await as(translatorToken, '/api/programmes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: 'Nope' } } }) }), 'programme:create');
      await refused(await as(translatorToken, `/api/programmes/${programmeId}/audio/fr`, { method: 'PUT', body: Buffer.alloc(1024, 1) }), 'track:write');
      await refused(await as(translatorToken, `/api/programmes/${programmeId}/audio/fr`, { method: 'DELETE' }), 'track:write');
      await refused(await as(translatorToken, `/api/programmes/${programmeId}/subtitles/fr`, { method: 'PUT', body: 'WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour\n' }), 'track:write');
      await refused(await as(translatorToken, `/api/programmes/${programmeId}/subtitles/fr`, { method: 'DELETE' }), 'track:write');
      await refused(await as(translatorToken, '/api/qoe/summary'), 'qoe:read');
    });

    it('still localizes (its permission)', async () => {
      const res = await as(translatorToken, `/api/programmes/${programmeId}/localizations/fr`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Finale du keirin' }) });
      expect(res.status, await res.clone().text()).to.equal(201);
    });
  });

  describe("an editor's API token", () => {
    it('uploads a source: 202 with the job, the file kept under uploads/', async () => {
      const res = await as(editorToken, `/api/programmes/${programmeId}/source`, { method: 'PUT', body: Buffer.alloc(4096, 1) });
      const b = await body<{ jobId: string }>(res);
      expect(res.status, JSON.stringify(b)).to.equal(202);
      expect(res.headers.get('location')).to.equal(`/api/jobs/${b.jobId}`);
      expect(uploads()).to.deep.equal([`${b.jobId}.source`]);
    });

    it('passes the guard of the track routes (refused by the domain instead: no packaged video yet) and reads the QoE summary', async () => {
      const audio = await as(editorToken, `/api/programmes/${programmeId}/audio/fr`, { method: 'PUT', body: Buffer.alloc(1024, 1) });
      expect(audio.status, await audio.clone().text()).to.equal(409);
      const qoe = await as(editorToken, '/api/qoe/summary');
      expect(qoe.status, await qoe.clone().text()).to.equal(200);
    });
  });

  it('without credentials: 401; with an unknown token: 401', async () => {
    expect((await app.api(`/api/programmes/${programmeId}/source`, { method: 'PUT', body: 'x' })).status).to.equal(401);
    expect((await as('podium_pat_unknown', `/api/programmes/${programmeId}/source`, { method: 'PUT', body: 'x' })).status).to.equal(401);
    expect((await app.api('/api/qoe/summary')).status).to.equal(401);
  });

  it('OpenAPI names the permission of each route', async () => {
    const doc = (await (await app.api('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-podium-permission'?: string }>> };
    expect(doc.paths['/api/programmes']!.post!['x-podium-permission']).to.equal('programme:create');
    expect(doc.paths['/api/programmes/{id}/source']!.put!['x-podium-permission']).to.equal('source:upload');
    expect(doc.paths['/api/programmes/{id}/audio/{locale}']!.put!['x-podium-permission']).to.equal('track:write');
    expect(doc.paths['/api/uploads']!.post!['x-podium-permission']).to.equal('source:upload');
  });
});
