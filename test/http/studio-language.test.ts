// The editor's language (issue 15) against the real app: Accept-Language through the viewers'
// CLDR chains (zh-HK → zh-Hant-HK, zh-CN → zh-Hans, ar → rtl), in the studio's shell and in
// /api/auth/me; the account's preference (PUT /api/auth/me/language) beats it; a language that is
// no UI locale is refused naming the field; the bootstrap token has no account to keep one on.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { body, createAccount, signIn } from '../helpers/studio.js';

describe('HTTP: the studio in the editor’s language', function () {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  it('the shell: <html lang dir> and Content-Language from Accept-Language, Simplified never for Hong Kong', async () => {
    const shell = async (acceptLanguage: string) => {
      const res = await fetch(`${app.baseUrl}/studio/programmes`, { headers: { 'accept-language': acceptLanguage } });
      const html = await res.text();
      return { lang: res.headers.get('content-language'), vary: res.headers.get('vary'), tag: /<html[^>]*>/.exec(html)![0] };
    };
    expect(await shell('zh-CN,zh;q=0.9')).to.deep.include({ lang: 'zh-Hans', tag: '<html lang="zh-Hans" dir="ltr">' });
    expect(await shell('zh-HK,zh;q=0.9,en;q=0.5')).to.deep.include({ lang: 'zh-Hant-HK', tag: '<html lang="zh-Hant-HK" dir="ltr">' });
    expect(await shell('ar-SA')).to.deep.include({ lang: 'ar', tag: '<html lang="ar" dir="rtl">' });
    expect(await shell('sw, tlh')).to.deep.include({ lang: 'en', tag: '<html lang="en" dir="ltr">' });
    expect((await shell('fr')).vary).to.include('Accept-Language');
  });

  it('/me answers the locale; the account’s preference beats Accept-Language, in /me and the shell; null gives it back to the browser', async () => {
    const { email, password } = await createAccount(app, 'translator');
    const s = await signIn(app, email, password);
    const me = async () => body<{ locale: string; dir: string; account: { language: string | null } }>(await s.fetch('/api/auth/me', { headers: { 'accept-language': 'zh-HK' } }));
    expect(await me()).to.deep.include({ locale: 'zh-Hant-HK', dir: 'ltr' });
    const put = await s.fetch('/api/auth/me/language', { method: 'PUT', json: { language: 'ar' }, headers: { 'accept-language': 'zh-HK' } });
    expect(put.status).to.equal(200);
    expect(await body(put)).to.deep.equal({ language: 'ar', locale: 'ar', dir: 'rtl' });
    const after = await me();
    expect(after).to.deep.include({ locale: 'ar', dir: 'rtl' });
    expect(after.account.language).to.equal('ar');
    const shell = await s.fetch('/studio', { headers: { 'accept-language': 'zh-HK' } });
    expect(await shell.text()).to.include('<html lang="ar" dir="rtl">');
    await s.fetch('/api/auth/me/language', { method: 'PUT', json: { language: null } });
    expect(await me()).to.deep.include({ locale: 'zh-Hant-HK' });
  });

  it('refuses a language that is no UI locale (400 naming `language`), an unsafe request without its CSRF token, and the bootstrap token', async () => {
    const { email, password } = await createAccount(app, 'editor');
    const s = await signIn(app, email, password);
    for (const language of ['zh', 'zh-CN', 'klingon', '', 42]) {
      const res = await s.fetch('/api/auth/me/language', { method: 'PUT', json: { language } });
      expect(res.status, String(language)).to.equal(400);
      expect((await body<{ error: { code: string; field: string } }>(res)).error).to.deep.include({ code: 'validation_failed', field: 'language' });
    }
    expect((await s.fetch('/api/auth/me/language', { method: 'PUT', json: { language: 'fr' }, csrf: false })).status).to.equal(403);
    const boot = await fetch(`${app.baseUrl}/api/auth/me/language`, { method: 'PUT', headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ language: 'fr' }) });
    expect(boot.status).to.equal(400);
  });
});
