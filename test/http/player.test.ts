// The player's static files with SPA fallback, and the translation files under /locales.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { rawRequest, startTestApp, type TestApp } from '../helpers/app.js';
import { tempDir } from '../helpers/media.js';

describe('HTTP: player and locales', () => {
  let app: TestApp;
  before(async () => {
    const playerDir = await tempDir('podium-player-');
    fs.writeFileSync(path.join(playerDir, 'index.html'), '<!doctype html><script src="/app.js"></script>');
    fs.writeFileSync(path.join(playerDir, 'app.js'), 'console.log(1)');
    const localesDir = await tempDir('podium-locales-');
    fs.mkdirSync(path.join(localesDir, 'zh-Hant-HK'));
    fs.writeFileSync(path.join(localesDir, 'zh-Hant-HK', 'player.json'), '{"title":"Podium"}');
    fs.writeFileSync(path.join(localesDir, 'secret.json'), '{"SECRET":1}');
    app = await startTestApp({ playerDir, localesDir });
  });
  after(() => app?.close());

  it('serves index.html for / and /watch/:id, and the assets', async () => {
    for (const p of ['/', '/watch/7b0f3f7e-2d0a-4d7a-9d55-8f0e3c2b1a00']) {
      const res = await app.api(p);
      expect(res.status, p).to.equal(200);
      expect(res.headers.get('content-type'), p).to.match(/^text\/html/);
      expect(await res.text()).to.include('/app.js');
    }
    const js = await app.api('/app.js');
    expect(js.status).to.equal(200);
    expect(js.headers.get('content-type')).to.match(/javascript/);
    expect((await app.api('/nothing/here')).status).to.equal(404);
  });

  it('serves locales/<lng>/<ns>.json read-only, and nothing else from there', async () => {
    const res = await app.api('/locales/zh-Hant-HK/player.json');
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ title: 'Podium' });
    for (const p of ['/locales/zh-Hant-HK/missing.json', '/locales/..%2fsecret.json/x.json', '/locales/%2e%2e/secret.json', '/locales/en/..%2f..%2fsecret.json']) {
      const r = await rawRequest(app.baseUrl, { path: p });
      expect(r.status, p).to.equal(404);
      expect(r.body, p).not.to.include('SECRET');
    }
    expect((await app.api('/locales/zh-Hant-HK/player.json', { method: 'PUT', body: '{}' })).status).to.equal(404);
  });
});
