// The studio in the editor's language (issue 15), in Chromium. An editor whose browser asks for
// zh-CN signs in, sees a refused field named in Simplified Chinese, creates a programme, uploads
// a tiny clip and follows upload and transcode in Chinese; a Hong Kong editor gets Traditional
// Chinese with Hong Kong wording, never Simplified; an Arabic editor gets the studio right to
// left; the account's preference beats Accept-Language; and no visible English is left on the
// Chinese studio's pages (brand names, codes and units allowed by a list).
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchChromium, recordPageProblems, requireChromium } from '../helpers/browser.js';
import { makeClip } from '../helpers/media.js';
import { tempLocales } from '../helpers/locales.js';
import { createAccount, signIn as apiSignIn } from '../helpers/studio.js';
import { visibleEnglish } from '../helpers/visible-english.js';

describe('browser: the studio in the editor’s language', function () {
  this.timeout(240_000);
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  /** A browser whose languages are `locale` (Accept-Language and navigator.language). */
  const editorPage = async (locale: string): Promise<{ page: Page; problems: string[] }> => {
    const context = await browser!.newContext({ locale });
    contexts.push(context);
    const page = await context.newPage();
    const problems = recordPageProblems(page);
    return { page, problems };
  };
  const signIn = async (page: Page, role: 'editor' | 'translator' = 'editor') => {
    const { email, password } = await createAccount(app!, role);
    await page.goto(`${app!.baseUrl}/studio`);
    await page.waitForSelector('#login-form');
    await page.fill('#login-email', email);
    await page.fill('#login-password', password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#nav a');
    return email;
  };
  const html = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, direction: getComputedStyle(document.body).direction }));

  before(async function () {
    const executablePath = requireChromium(this);
    // A copy of locales/: one test saves a studio translation.
    app = await startTestApp({ localesDir: tempLocales() });
    browser = await launchChromium(executablePath);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  it('zh-CN: sign in, a refused field named in Chinese, create, upload and transcode followed in Simplified Chinese; no English left on its pages', async () => {
    const { page, problems } = await editorPage('zh-CN');
    const clip = await makeClip({ width: 160, height: 90, fps: 25, durationSec: 2, label: 'studio-i18n' });
    const first = await page.goto(`${app!.baseUrl}/studio`);
    expect(first!.headers()['content-language']).to.equal('zh-Hans');
    await page.waitForSelector('#login-form');
    expect(await html(page)).to.deep.equal({ lang: 'zh-Hans', dir: 'ltr', direction: 'ltr' });
    expect(await page.textContent('#login-form h1')).to.equal('登录');
    await page.goto(`${app!.baseUrl}/studio`);
    await signIn(page);
    expect(await page.textContent('#nav')).to.include('节目');

    // A title past the server's limit: refused (400 validation_failed, field localizations.zh-Hans.title), named in Chinese beside the field.
    await page.click('#new-programme');
    await page.fill('#np-locale', 'zh-Hans');
    await page.fill('#np-title', '马'.repeat(200));
    await page.click('#new-programme-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-error-for="title"]')?.textContent !== '');
    expect(await page.textContent('[data-error-for="title"]')).to.equal('标题：此值被拒绝');
    expect(await page.getAttribute('#np-title', 'aria-invalid')).to.equal('true');

    await page.fill('#np-title', '女子马拉松');
    await page.click('#new-programme-form button[type=submit]');
    await page.waitForSelector('#programme-title');
    expect(await page.textContent('#section-source h2')).to.equal('源视频');

    // Every text the upload and the job show, as they change.
    await page.evaluate(() => {
      const seen: Record<string, string[]> = { 'upload-text': [], 'job-state': [], 'job-eta': [] };
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        for (const id of Object.keys(seen)) {
          const text = document.getElementById(id)?.textContent ?? '';
          if (text && seen[id]!.at(-1) !== text) seen[id]!.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.setInputFiles('#source-file', clip);
    await page.click('#upload-start');
    await page.waitForFunction(() => document.querySelector('#job-state')?.getAttribute('data-state') === 'succeeded' || document.querySelector('#job-state')?.getAttribute('data-state') === 'failed', null, { timeout: 120_000 });
    expect(await page.textContent('#job-state')).to.equal('成功 · 100%');
    expect(await page.textContent('#upload-text')).to.match(/^已上传 [\d.]+ kB$/);
    const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, string[]> }).seen);
    console.log(`      texts seen while uploading and transcoding: ${JSON.stringify(seen)}`);
    for (const text of seen['upload-text']!) expect(text).to.match(/^(已上传 [\d.]+ kB|[\d.]+ kB \/ [\d.]+ kB（\d+%）( · 大约还需 .+)?)$/);
    for (const text of seen['job-state']!) expect(text).to.match(/^(排队中|进行中|成功) · \d+%$/);
    for (const text of seen['job-eta']!) expect(text).to.match(/^大约还需 \d+秒钟?$/);

    // No English left on the studio's pages (the programme page, then each page of the navigation).
    const pages = [page.url(), ...['/studio/programmes', '/studio/programmes/new', '/studio/channels', '/studio/translate', '/studio/qoe', '/studio/tokens'].map((p) => app!.baseUrl + p)];
    const left: string[] = [];
    for (const url of pages) {
      await page.goto(url);
      await page.waitForSelector('#main h1');
      await page.waitForLoadState('networkidle');
      left.push(...(await visibleEnglish(page)).map((w) => `${new URL(url).pathname}: ${w}`));
    }
    expect(left, left.join('\n')).to.deep.equal([]);
    // (navigating page to page aborts what the page was still loading: the event stream, a string bundle)
    // A request still in flight when the test navigates to the next page is aborted by the navigation: not a page problem.
    expect(problems.filter((p) => !/401|status of 400|^requestfailed: .* net::ERR_ABORTED$/.test(p)), problems.join('\n')).to.deep.equal([]);
  });

  it('the English check does find English: the same pages for an English editor', async () => {
    const { page } = await editorPage('en-GB');
    await signIn(page);
    await page.waitForSelector('#main h1');
    const english = await visibleEnglish(page);
    expect(english).to.include.members(['Programmes (in <h1>: “Programmes”)', 'Channels (in <a>: “Channels”)']);
  });

  it('zh-HK: Traditional Chinese with Hong Kong wording, never Simplified', async () => {
    const { page } = await editorPage('zh-HK');
    await page.goto(`${app!.baseUrl}/studio`);
    await page.waitForSelector('#login-form');
    expect((await html(page)).lang).to.equal('zh-Hant-HK');
    expect(await page.textContent('#login-form h1')).to.equal('登入');
    await signIn(page);
    await page.click('#new-programme');
    await page.fill('#np-title', '女子馬拉松');
    await page.click('#new-programme-form button[type=submit]');
    await page.waitForSelector('#section-source');
    expect(await page.textContent('#section-source h2')).to.equal('來源視像'); // zh-Hant-HK's own
    expect(await page.textContent('#upload-start')).to.equal('上載');
    expect(await page.textContent('#section-localizations h2')).to.equal('在地化'); // from zh-Hant
    const text = await page.textContent('body');
    for (const simplified of ['节目', '标题', '视频', '语言', '发布']) expect(text).not.to.include(simplified);
  });

  it('ar: the studio right to left; the account’s language beats Accept-Language', async () => {
    const { page } = await editorPage('ar-SA');
    await page.goto(`${app!.baseUrl}/studio`);
    await page.waitForSelector('#login-form');
    expect(await html(page)).to.deep.equal({ lang: 'ar', dir: 'rtl', direction: 'rtl' });
    await signIn(page);
    expect(await page.textContent('#nav')).to.include('البرامج');
    expect(await html(page)).to.deep.equal({ lang: 'ar', dir: 'rtl', direction: 'rtl' });
    expect(await visibleEnglish(page)).to.deep.equal([]);

    // The editor picks French: stored on the account, the page switches, and a new page load keeps it.
    await page.selectOption('#studio-language', 'fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(await page.textContent('#nav')).to.include('Qualité');
    expect(await page.textContent('#new-programme')).to.equal('Nouveau programme');
    expect(await html(page)).to.deep.equal({ lang: 'fr', dir: 'ltr', direction: 'ltr' });
    await page.reload();
    await page.waitForSelector('#nav a');
    expect((await html(page)).lang).to.equal('fr');
    expect(await page.inputValue('#studio-language')).to.equal('fr');
  });

  it('a studio translation saved in /studio/translate reaches an open studio page', async () => {
    const { page } = await editorPage('zh-CN');
    await signIn(page);
    await page.waitForSelector('#main h1');
    expect(await page.textContent('#main h1')).to.equal('节目');
    const { email, password } = await createAccount(app!, 'translator');
    const translator = await apiSignIn(app!, email, password);
    const view = (await (await translator.fetch('/api/translations/zh-Hans/studio')).json()) as { etag: string };
    const saved = await translator.fetch('/api/translations/zh-Hans/studio', { method: 'PUT', json: { changes: { 'programmes.title': '全部节目' } }, headers: { 'If-Match': view.etag } });
    expect(saved.status).to.equal(200);
    await page.waitForFunction(() => document.querySelector('#main h1')?.textContent === '全部节目');
    expect(await page.textContent('#nav')).to.include('全部节目');
    // An editor halfway through a form keeps it: the bar takes the new words, the form waits.
    await page.click('#new-programme');
    await page.fill('#np-title', '未保存的标题');
    const h1 = await page.textContent('#main h1');
    const again = (await (await translator.fetch('/api/translations/zh-Hans/studio')).json()) as { etag: string };
    const second = await translator.fetch('/api/translations/zh-Hans/studio', { method: 'PUT', json: { changes: { 'programmes.title': '节目一览' } }, headers: { 'If-Match': again.etag } });
    expect(second.status).to.equal(200);
    await page.waitForFunction(() => document.querySelector('#nav')?.textContent?.includes('节目一览'));
    expect(await page.inputValue('#np-title')).to.equal('未保存的标题');
    expect(await page.textContent('#main h1')).to.equal(h1);
  });
  it("the translate editor's live checks speak the editor's language (a zh-CN editor on a Traditional Chinese file)", async () => {
    const { page } = await editorPage('zh-CN');
    await signIn(page);
    await page.waitForSelector('#main h1');
    await page.goto(`${app!.baseUrl}/studio/translate/zh-Hant/player`);
    const area = page.locator('textarea.tr-target').first();
    await area.waitFor();
    await area.fill('奥运频道');
    const issue = page.locator('.tr-issue--error[data-check="script"]').first();
    await issue.waitFor();
    const text = (await issue.textContent()) ?? '';
    expect(text).to.include('只用于简体中文的字');
    expect(text).to.include('频 → 頻');
    expect(text).not.to.match(/Simplified|replace|write/);
  });
});
