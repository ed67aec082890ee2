// The studio's roles and back-office protections against the real app: translators localize
// only; studio pages carry a strict CSP, no-store and no framing; no CORS outside the viewer API.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { body, createAccount, signIn, type Session } from '../helpers/studio.js';

describe('HTTP studio: roles and back-office headers', function () {
  let app: TestApp;
  let editor: Session;
  let translator: Session;
  let programmeId: string;
  before(async () => {
    app = await startTestApp();
    editor = await signIn(app, (await createAccount(app, 'editor')).email);
    translator = await signIn(app, (await createAccount(app, 'translator')).email);
    const res = await editor.fetch('/api/programmes', { method: 'POST', json: { localizations: { en: { title: 'Relay final' } } } });
    programmeId = (await body<{ id: string }>(res)).id;
  });
  after(() => app?.close());

  describe('a translator', () => {
    it('may PUT and DELETE localizations', async () => {
      const put = await translator.fetch(`/api/programmes/${programmeId}/localizations/fr`, { method: 'PUT', json: { title: 'Finale du relais', shortTitle: 'Relais' } });
      expect(put.status, await put.clone().text()).to.equal(201);
      const again = await translator.fetch(`/api/programmes/${programmeId}/localizations/fr`, { method: 'PUT', json: { title: 'Finale du relais 4 × 100 m' } });
      expect(again.status).to.equal(200);
      const de = await translator.fetch(`/api/programmes/${programmeId}/localizations/de`, { method: 'PUT', json: { title: 'Staffelfinale' } });
      expect(de.status).to.equal(201);
      expect((await translator.fetch(`/api/programmes/${programmeId}/localizations/de`, { method: 'DELETE' })).status).to.equal(204);
      const view = await body<{ localizations: { locale: string; title: string }[] }>(await translator.fetch(`/api/studio/programmes/${programmeId}`));
      expect(view.localizations.map((l) => [l.locale, l.title])).to.deep.equal([
        ['en', 'Relay final'],
        ['fr', 'Finale du relais 4 × 100 m'],
      ]);
    });

    it('may not create programmes, set availability, publish, or upload (403)', async () => {
      const forbidden = async (res: Promise<Response>) => {
        const r = await res;
        expect(r.status, await r.clone().text()).to.equal(403);
        expect((await body<{ error: { code: string } }>(r)).error.code).to.equal('forbidden');
      };
      await forbidden(translator.fetch('/api/programmes', { method: 'POST', json: { localizations: { en: { title: 'Nope' } } } }));
      await forbidden(translator.fetch(`/api/programmes/${programmeId}/availability`, { method: 'PUT', json: { windows: [{ regions: ['WW'], exclude: [], start: '2026-01-01T00:00:00Z', end: null }] } }));
      await forbidden(translator.fetch(`/api/programmes/${programmeId}/publish`, { method: 'POST' }));
      await forbidden(translator.fetch('/api/uploads', { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' } }));
    });

    it('sees only what it may use: /me lists localization:write but not programme:create', async () => {
      const me = await body<{ permissions: string[] }>(await translator.fetch('/api/auth/me'));
      expect(me.permissions).to.include('localization:write').and.not.include('programme:create');
    });
  });

  describe('an editor', () => {
    it('sets availability (400 naming the field for an end before the start) and publishes', async () => {
      const bad = await editor.fetch(`/api/programmes/${programmeId}/availability`, {
        method: 'PUT',
        json: { windows: [{ regions: ['FR'], exclude: [], start: '2026-08-01T00:00:00Z', end: '2026-07-01T00:00:00Z' }] },
      });
      expect(bad.status).to.equal(400);
      expect((await body<{ error: { field: string } }>(bad)).error.field).to.match(/windows\[0\]\.end/);
      const ok = await editor.fetch(`/api/programmes/${programmeId}/availability`, {
        method: 'PUT',
        json: { windows: [{ regions: ['FR', 'CH'], exclude: [], start: '2026-01-01T00:00:00Z', end: null }] },
      });
      expect(ok.status).to.equal(200);
      expect((await editor.fetch(`/api/programmes/${programmeId}/publish`, { method: 'POST' })).status).to.equal(200);
      const view = await body<{ windows: { regions: string[] }[]; publishedAt: string | null }>(await editor.fetch(`/api/studio/programmes/${programmeId}`));
      expect(view.windows.map((w) => w.regions)).to.deep.equal([['FR', 'CH']]);
      expect(view.publishedAt).to.be.a('string');
    });

    it('sees drafts in the studio list that viewers do not see', async () => {
      const res = await editor.fetch('/api/programmes', { method: 'POST', json: { localizations: { en: { title: 'Unpublished draft' } } } });
      const draftId = (await body<{ id: string }>(res)).id;
      const studio = await body<{ items: { id: string; publishedAt: string | null }[] }>(await editor.fetch('/api/studio/programmes'));
      expect(studio.items.find((p) => p.id === draftId)).to.include({ publishedAt: null });
      const viewer = await body<{ items: { id: string }[] }>(await app.api('/api/programmes'));
      expect(viewer.items.map((p) => p.id)).not.to.include(draftId);
      expect((await app.api('/api/studio/programmes')).status).to.equal(401);
    });
  });

  describe('headers', () => {
    it('studio pages and assets: strict CSP with frame-ancestors none, no-store, X-Frame-Options DENY', async () => {
      for (const p of ['/studio', '/studio/programmes/123', '/studio/qoe', '/studio/assets/studio.js', '/studio/assets/studio.css']) {
        const res = await app.api(p);
        expect(res.status, p).to.equal(200);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, p).to.include("frame-ancestors 'none'").and.include("script-src 'self'").and.include("style-src 'self'").and.not.include('unsafe-inline');
        expect(res.headers.get('cache-control'), p).to.equal('no-store');
        expect(res.headers.get('x-frame-options'), p).to.equal('DENY');
        expect(res.headers.get('access-control-allow-origin'), p).to.equal(null);
      }
      const html = await (await app.api('/studio')).text();
      expect(html).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
      expect(html).not.to.match(/\sstyle=|\son[a-z]+=/);
    });

    it('no CORS on the studio API, even for a cross-origin preflight', async () => {
      const origin = { origin: 'https://elsewhere.example' };
      for (const p of ['/api/auth/me', '/api/tokens', '/api/studio/programmes']) {
        const res = await app.api(p, { headers: origin });
        expect(res.headers.get('access-control-allow-origin'), p).to.equal(null);
      }
      const preflight = await app.api('/api/uploads', { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'POST' } });
      expect(preflight.headers.get('access-control-allow-origin')).to.equal(null);
    });
  });
});
