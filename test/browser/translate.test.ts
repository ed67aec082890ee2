// Issue 4's "Done when" in Chromium, on a temporary copy of locales/ with one zh-Hant string
// removed: a translator fills it in /studio/translate (live checks flag Simplified characters
// while typing) and saves; a zh-Hant player page that is already open shows the new text
// without reloading; a second translator saving from the older version gets the conflict panel
// (both versions), not an overwrite, and can then choose.
import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildPlayer } from '../../player/build.js';
import { flatten, parseJson, serialize, unflatten } from '../../server/i18n/check/resources.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchChromium, recordPageProblems, requireChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/media.js';
import { createAccount } from '../helpers/studio.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const KEY = 'app.tagline';
const ENGLISH = 'The Olympic Channel';
const FIRST = '奧運頻道';
const SECOND = '奧林匹克轉播頻道';

describe('browser: the translator’s editor (/studio/translate) and live players', function () {
  this.timeout(240_000);
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  let localesDir: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  before(async function () {
    const executablePath = requireChromium(this);
    localesDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'podium-locales-')), 'locales');
    cpSync(path.join(ROOT, 'locales'), localesDir, { recursive: true });
    // zh-Hant lacks the tagline: viewers see English until a translator fills it
    const file = path.join(localesDir, 'zh-Hant/player.json');
    const parsed = parseJson(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error('zh-Hant/player.json does not parse');
    const flat = flatten(parsed.value);
    flat.strings.delete(KEY);
    writeFileSync(file, serialize(unflatten(flat.strings, flat.meta)));

    const playerDir = await tempDir('podium-player-');
    await buildPlayer({ outDir: playerDir });
    app = await startTestApp({ playerDir, localesDir });
    browser = await launchChromium(executablePath);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(`  browser console:\n    ${problems.join('\n    ') || '(nothing)'}`);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    rmSync(path.dirname(localesDir), { recursive: true, force: true });
  });

  async function newPage(locale = 'en-GB'): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale });
    contexts.push(context);
    const page = await context.newPage();
    problems.push(...recordPageProblems(page));
    return page;
  }

  async function signInTo(page: Page, pathname: string): Promise<void> {
    const { email, password } = await createAccount(app!, 'translator');
    await page.goto(app!.baseUrl + pathname);
    await page.fill('#login-email', email);
    await page.fill('#login-password', password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector(`textarea.tr-target[data-key="${KEY}"]`);
  }

  const tagline = (page: Page) => page.textContent('.masthead__tagline');
  const onDisk = () => readFileSync(path.join(localesDir, 'zh-Hant/player.json'), 'utf8');

  it('a translator fills a missing zh-Hant string; an open player shows it without a reload; a second translator gets a conflict, not an overwrite', async () => {
    // The viewer's page is open first, in Traditional Chinese, showing the English fallback.
    const player = await newPage('zh-TW');
    await player.goto(`${app!.baseUrl}/?lang=zh-Hant`);
    await player.waitForSelector('.masthead__tagline');
    expect(await tagline(player)).to.equal(ENGLISH);
    expect(await player.textContent('.masthead__nav')).to.equal('搜尋'); // the rest is Chinese
    await player.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));

    // Two translators open the same file (the same version).
    const alice = await newPage();
    await signInTo(alice, '/studio/translate/zh-Hant/player');
    const bob = await newPage();
    await signInTo(bob, '/studio/translate/zh-Hant/player');

    // Alice: the "missing" filter shows the key; the source is beside it; checks run as she types.
    await alice.click('[data-filter="missing"]');
    const units = await alice.$$eval('.tr-unit', (els) => els.map((e) => e.getAttribute('data-key')));
    expect(units).to.deep.equal([KEY]);
    expect(await alice.textContent(`.tr-row[data-key="${KEY}"] .tr-source`)).to.include(ENGLISH);
    const area = `textarea.tr-target[data-key="${KEY}"]`;
    await alice.fill(area, '奥林匹克频道'); // Simplified: refused live
    await alice.waitForSelector(`.tr-row[data-key="${KEY}"] .tr-issue--error[data-check="script"]`);
    expect(await alice.textContent(`.tr-row[data-key="${KEY}"] .tr-issues`)).to.include('频 → 頻');
    await alice.fill(area, FIRST);
    await alice.waitForFunction((k) => !document.querySelector(`.tr-row[data-key="${k}"] .tr-issue--error`), KEY);
    await alice.click('#tr-save');
    await alice.waitForFunction(() => document.querySelector('#tr-status')?.textContent?.startsWith('Saved'));
    expect(onDisk()).to.include(`"tagline": "${FIRST}"`);

    // The open player switches without a reload.
    await player.waitForFunction((t) => document.querySelector('.masthead__tagline')?.textContent === t, FIRST, { timeout: 15_000 });
    expect(await player.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).to.equal(true);

    // Bob saves from the version he loaded before Alice's save: a conflict showing both versions.
    await bob.fill(area, SECOND);
    await bob.click('#tr-save');
    const row = `#tr-conflict .tr-conflict-row[data-key="${KEY}"]`;
    await bob.waitForSelector(row);
    expect(await bob.textContent(`${row} .tr-theirs`)).to.include(FIRST);
    expect(await bob.textContent(`${row} .tr-yours`)).to.include(SECOND);
    expect(onDisk()).to.include(`"tagline": "${FIRST}"`).and.not.include(SECOND);
    expect(await tagline(player)).to.equal(FIRST);

    // Bob decides: his wording wins, saved on top of Alice's version; the player follows again.
    await bob.click(`${row} [data-choose="mine"]`);
    await bob.click('#tr-resolve');
    await bob.waitForFunction(() => document.querySelector('#tr-status')?.textContent?.startsWith('Saved'));
    expect(onDisk()).to.include(`"tagline": "${SECOND}"`);
    await player.waitForFunction((t) => document.querySelector('.masthead__tagline')?.textContent === t, SECOND, { timeout: 15_000 });

    // Different strings saved from the same version are no conflict: Bob's lands on top of Alice's.
    await alice.reload();
    await alice.waitForSelector('textarea.tr-target[data-key="home.latest"]');
    await alice.fill('textarea.tr-target[data-key="home.latest"]', '最新上架');
    await alice.click('#tr-save');
    await alice.waitForFunction(() => document.querySelector('#tr-status')?.textContent?.startsWith('Saved'));
    await bob.fill('textarea.tr-target[data-key="home.empty"]', '尚無節目，請稍後再來。');
    await bob.click('#tr-save');
    await bob.waitForFunction(() => document.querySelector('#tr-status')?.textContent?.startsWith('Saved'));
    expect(await bob.$$('#tr-conflict .tr-conflict-row')).to.have.length(0);
    expect(onDisk()).to.include('"latest": "最新上架"').and.include('"empty": "尚無節目，請稍後再來。"');

    // Both saves are in the key's history.
    await alice.reload();
    await alice.waitForSelector(`.tr-unit[data-key="${KEY}"] .tr-history-button`);
    await alice.click(`.tr-unit[data-key="${KEY}"] .tr-history-button`);
    await alice.waitForSelector(`.tr-unit[data-key="${KEY}"] .tr-history-list li`);
    expect(await alice.$$eval(`.tr-unit[data-key="${KEY}"] .tr-history-list li`, (els) => els.length)).to.equal(2);
  });
});
