// The studio's channels in Chromium (issue 12): an editor creates a channel in Tokyo time, adds
// two programmes to a day from the editors' search, reorders them, gives one a regional
// alternative, saves, and reads what each region gets (the alternative in China, the slate where
// a programme has no rights); a colleague's save in between (409) keeps the editor's draft on
// screen; a refused entry (400) is flagged where it is; a translator reads the day, unchanged.
// A loop channel's day after its stored entries shows the repeats that air then, at their Tokyo
// times, read-only, each linked to its entry (on another day: that day, scrolled to it; on the
// same day: a scroll, no reload), with the slate between them and what China gets instead — in
// English and in Japanese.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectJson, startTestApp, type TestApp } from '../helpers/app.js';
import { launchChromium, recordPageProblems, requireChromium } from '../helpers/browser.js';
import { createAccount } from '../helpers/studio.js';
import { createProgramme, JSON_HEADERS } from '../http/viewer-helpers.js';

const DAY = '2030-07-24';
/** Midnight in Tokyo (UTC+9, no daylight saving) that day. */
const MIDNIGHT = Date.parse('2030-07-23T15:00:00.000Z');
const iso = (sec: number) => new Date(MIDNIGHT + sec * 1000).toISOString();
const since = '2030-01-01T00:00:00.000Z';

interface StoredEntry {
  programmeId: string;
  start: string;
  end: string;
  alternatives: Record<string, string | null>;
}

describe('browser: the studio’s channels in Chromium', function () {
  this.timeout(180_000);
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[];
  /** relay: everywhere but China, 10 min; marathon: France only, 20 min; keirin: China only, 5 min. */
  const p = { relay: '', marathon: '', keirin: '' };

  const ready = async (title: string, durationSec: number, windows: { regions: string[]; exclude?: string[]; start: string }[]) => {
    const id = await createProgramme(app!, { en: { title } }, { windows });
    await app!.podium.catalog.publishRendition(id, { renditionId: 'r1', renditionKey: `${id}/r1`, durationSec, poster: 'poster.jpg' });
    return id;
  };
  const signIn = async (email: string, password: string) => {
    await page.goto(`${app!.baseUrl}/studio`);
    await page.fill('#login-email', email);
    await page.fill('#login-password', password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#nav a');
  };
  const addFromSearch = async (q: string, title: string) => {
    await page.fill('#add-q', q);
    const hit = page.locator('#add-results li.pick', { hasText: title });
    await hit.waitFor();
    await hit.locator('button').click();
  };
  const entryTitles = () => page.$$eval('#day-entries li.entry .entry-title', (els) => els.map((e) => e.textContent));
  const stored = async (channelId: string) => {
    const res = await app!.api(`/api/channels/${channelId}/schedule`, { auth: true });
    return { etag: res.headers.get('etag')!, entries: (await expectJson<{ entries: StoredEntry[] }>(res, 200)).entries };
  };

  before(async function () {
    const executablePath = requireChromium(this);
    app = await startTestApp({ settings: { workers: 0 } });
    p.relay = await ready('Relay final', 600, [{ regions: ['WW'], exclude: ['CN'], start: since }]);
    p.marathon = await ready('Marathon', 1200, [{ regions: ['FR'], start: since }]);
    p.keirin = await ready('Keirin heats', 300, [{ regions: ['CN'], start: since }]);
    browser = await launchChromium(executablePath);
    page = await browser.newPage();
    problems = recordPageProblems(page);
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('create a channel → add two programmes from search → reorder → alternative → save → the conflicts per region; 409 keeps the draft; 400 on the entry', async () => {
    const { email, password } = await createAccount(app!, 'editor');
    await signIn(email, password);

    // The channel list, then the creation form.
    await page.click('#nav a:text("Channels")');
    await page.waitForSelector('#new-channel-form');
    expect(await page.textContent('#channel-list')).to.include('No channels yet.');
    await page.fill('#nc-slug', 'tokyo-games');
    await page.fill('#nc-names .name-row:nth-child(1) .nc-name-text', 'Tokyo Games');
    await page.click('#nc-add-name');
    await page.fill('#nc-names .name-row:nth-child(2) .nc-name-locale', 'fr');
    await page.fill('#nc-names .name-row:nth-child(2) .nc-name-text', 'Jeux de Tokyo');
    await page.fill('#nc-languages', 'en, fr');
    await page.fill('#nc-regions', 'WW');
    // A zone the runtime does not know is refused beside its field; then a real one.
    await page.fill('#nc-timezone', 'Asia/Atlantis');
    await page.click('#new-channel-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-error-for="timezone"]')?.textContent?.startsWith('Time zone:'));
    await page.fill('#nc-timezone', 'Asia/Tokyo');
    await page.click('#new-channel-form button[type=submit]');
    await page.waitForSelector('#channel-title');
    expect(await page.textContent('#channel-title')).to.equal('Tokyo Games');
    const channelId = new URL(page.url()).pathname.split('/').pop()!;
    const created = await expectJson<Record<string, unknown>>(await app!.api(`/api/studio/channels/${channelId}`, { auth: true }), 200);
    expect(created).to.deep.include({ slug: 'tokyo-games', names: { en: 'Tokyo Games', fr: 'Jeux de Tokyo' }, languages: ['en', 'fr'], regions: ['WW'], timezone: 'Asia/Tokyo', loop: false });

    // Today first (in Tokyo), then the day, in the channel's zone (named on the page).
    await page.waitForSelector('#day-entries');
    await page.fill('#day-date', DAY);
    await page.waitForSelector(`#day[data-date="${DAY}"]`);
    expect(await page.textContent('#channel-zone')).to.include('Asia/Tokyo');
    expect(await page.textContent('#day-entries')).to.include('Nothing scheduled');

    await addFromSearch('relay', 'Relay final');
    await addFromSearch('marathon', 'Marathon');
    expect(await entryTitles()).to.deep.equal(['Relay final', 'Marathon']);
    expect(await page.inputValue('#entry-0 .entry-start')).to.equal('00:00:00');
    expect(await page.textContent('#entry-1 .entry-time')).to.include('00:10:00–00:30:00');
    expect(await page.isVisible('#day-dirty')).to.equal(true);

    // Reorder: the marathon first, at midnight; the relay follows at 00:20.
    await page.click('#entry-0 .entry-down');
    expect(await entryTitles()).to.deep.equal(['Marathon', 'Relay final']);
    expect(await page.textContent('#entry-1 .entry-time')).to.include('00:20:00–00:30:00');

    // China gets the keirin instead of the relay.
    await page.click('#entry-1 details.alts summary');
    await page.fill('#entry-1 .alt-region', 'cn');
    await page.click('#entry-1 .alt-find');
    await page.fill(`#entry-1 .pick-box input[type=search]`, 'keirin');
    const keirin = page.locator('#entry-1 .pick-list li.pick', { hasText: 'Keirin heats' });
    await keirin.waitFor();
    await keirin.locator('button').click();
    expect(await page.textContent('#entry-1 .alt-list')).to.include('CN → Keirin heats');

    await page.click('#day-save');
    await page.waitForFunction(() => document.querySelector('#toast')?.textContent === 'Schedule saved');
    const saved = await stored(channelId);
    expect(saved.etag).to.equal('"v1"');
    expect(saved.entries.map((e) => [e.programmeId, e.start, e.end, e.alternatives])).to.deep.equal([
      [p.marathon, iso(0), iso(1200), {}],
      [p.relay, iso(1200), iso(1800), { CN: p.keirin }],
    ]);

    // What each region gets: the marathon is licensed in France alone; the relay airs the keirin, then the slate, in China.
    await page.waitForSelector('#entry-0 .conflicts');
    expect(await page.textContent('#entry-0 .conflicts li[data-region="*"]')).to.equal('every other region: Slate');
    expect(await page.textContent('#entry-0 .conflicts li[data-region="CN"]')).to.equal('CN: Slate');
    expect(await page.locator('#entry-0 .conflicts li[data-region="FR"]').count()).to.equal(0);
    expect(await page.textContent('#entry-1 .conflicts li[data-region="CN"]')).to.equal('CN: Keirin heats, then Slate');
    expect(await page.locator('#entry-1 .conflicts li').count()).to.equal(1);
    expect(await page.textContent('#day-entries')).to.include('Slate 00:30:00–00:00:00');

    // A colleague saves in between: the save is refused (409), the draft stays, their version shows; saving again wins.
    const theirs = await app!.api(`/api/channels/${channelId}/schedule`, { method: 'PUT', auth: true, headers: { ...JSON_HEADERS, 'if-match': saved.etag }, body: JSON.stringify({ entries: [{ programmeId: p.keirin, start: iso(0) }] }) });
    expect(theirs.status).to.equal(200);
    await page.click('#entry-0 .entry-remove');
    expect(await entryTitles()).to.deep.equal(['Relay final']);
    await page.click('#day-save');
    await page.waitForSelector('#schedule-conflict');
    expect(await page.textContent('#schedule-conflict')).to.include('Keirin heats');
    expect(await entryTitles()).to.deep.equal(['Relay final']);
    expect((await stored(channelId)).entries.map((e) => e.programmeId)).to.deep.equal([p.keirin]);
    await page.click('#day-save');
    await page.waitForFunction(() => document.querySelector('#toast')?.textContent === 'Schedule saved' && !document.querySelector('#schedule-conflict'));
    expect((await stored(channelId)).entries.map((e) => [e.programmeId, e.start])).to.deep.equal([[p.relay, iso(0)]]);

    // A refused entry is flagged where it is: the keirin pinned into the relay's run.
    await addFromSearch('keirin', 'Keirin heats');
    await page.click('#entry-1 .entry-pin');
    await page.fill('#entry-1 .entry-start', '00:05:00');
    await page.dispatchEvent('#entry-1 .entry-start', 'change');
    await page.click('#day-save');
    await page.waitForFunction(() => document.querySelector('#entry-1 .entry-error')?.textContent?.includes('refused'));
    expect(await page.textContent('#entry-0 .entry-error')).to.equal('');
    expect((await stored(channelId)).etag).to.equal('"v3"');

    const expected = [/^HTTP 401 GET \/api\/auth\/me$/, /status of 40[019]/, /^HTTP 400 POST \/api\/channels$/, /^HTTP 409 PUT /, /^HTTP 400 PUT /];
    expect(problems.filter((x) => !expected.some((re) => re.test(x)))).to.deep.equal([]);
  });

  it('a translator reads the channel’s day and its conflicts but has nothing to change it with', async () => {
    const context = await browser!.newContext();
    page = await context.newPage();
    const { email, password } = await createAccount(app!, 'translator');
    await signIn(email, password);
    const { items } = await expectJson<{ items: { id: string }[] }>(await app!.api('/api/studio/channels', { auth: true }), 200);
    await page.goto(`${app!.baseUrl}/studio/channels/${items[0]!.id}?day=${DAY}`);
    await page.waitForSelector('#entry-0');
    expect(await entryTitles()).to.deep.equal(['Relay final']);
    expect(await page.textContent('#entry-0 .conflicts li[data-region="CN"]')).to.equal('CN: Keirin heats, then Slate');
    expect(await page.locator('#day-save, #add-q, .entry-remove, .alt-form').count()).to.equal(0);
    expect(await page.textContent('#day')).to.include('your role may not change it');
    await context.close();
  });

  describe('a loop channel’s day as it airs', () => {
    /** Entry 1: the relay at 18:00 Tokyo (keirin in China), 10 min; the slate 5 min; entry 2: the marathon at 18:15, 20 min. A cycle: 35 min. */
    const FIRST = Date.parse('2030-07-24T09:00:00.000Z');
    const NEXT_DAY = '2030-07-25';
    let channelId: string;
    const entryIds: string[] = [];
    const contexts: BrowserContext[] = [];
    after(async () => {
      for (const c of contexts) await c.close();
    });

    before(async () => {
      const create = await app!.api('/api/channels', {
        method: 'POST',
        auth: true,
        headers: JSON_HEADERS,
        body: JSON.stringify({ slug: 'tokyo-loop', names: { en: 'Tokyo Loop', ja: '東京ループ' }, languages: ['en'], timezone: 'Asia/Tokyo', loop: true }),
      });
      channelId = (await expectJson<{ id: string }>(create, 201)).id;
      const etag = (await stored(channelId)).etag;
      const entries = [
        { programmeId: p.relay, start: new Date(FIRST).toISOString(), alternatives: { CN: p.keirin } },
        { programmeId: p.marathon, start: new Date(FIRST + 900_000).toISOString() },
      ];
      const put = await app!.api(`/api/channels/${channelId}/schedule`, { method: 'PUT', auth: true, headers: { ...JSON_HEADERS, 'if-match': etag }, body: JSON.stringify({ entries }) });
      entryIds.push(...(await expectJson<{ entries: { id: string }[] }>(put, 200)).entries.map((e) => e.id));
    });

    /** An editor's tab in `locale` on the channel's `day` (the requests the sign-in page had under way are aborted by the navigation). */
    const open = async (locale: string, day: string) => {
      const context = await browser!.newContext({ locale });
      contexts.push(context);
      const tab = await context.newPage();
      const seen = recordPageProblems(tab);
      const { email, password } = await createAccount(app!, 'editor');
      await tab.goto(`${app!.baseUrl}/studio`);
      await tab.fill('#login-email', email);
      await tab.fill('#login-password', password);
      await tab.click('#login-form button[type=submit]');
      await tab.waitForSelector('#nav a');
      await tab.goto(`${app!.baseUrl}/studio/channels/${channelId}?day=${day}`);
      await tab.waitForSelector('#day-entries li.entry--repeat');
      return { tab, seen };
    };
    /** Each row of the day: [kind, time text, title, repeat link text]. */
    const rows = (tab: Page) =>
      tab.$$eval('#day-entries > li', (els) =>
        els.map((li) => [
          li.classList.contains('entry--repeat') ? 'repeat' : li.classList.contains('gap') ? 'slate' : li.classList.contains('entry') ? 'entry' : li.className,
          (li.querySelector('.entry-time')?.textContent ?? li.textContent ?? '').trim(),
          li.querySelector('.entry-title')?.textContent ?? '',
          li.querySelector('.repeat-of')?.textContent ?? '',
        ]),
      );

    it('English: the day after shows the repeats at their Tokyo times with the slate between, read-only, and links each to its entry', async () => {
      const { tab, seen } = await open('en-GB', NEXT_DAY);
      // 18:00 + 10 cycles of 35 min = 23:50 the day before: that relay ends at midnight; the day opens on the slate.
      const day = await rows(tab);
      expect(day.slice(0, 5)).to.deep.equal([
        ['slate', 'Slate 00:00:00–00:05:00 (5 min)', '', ''],
        ['repeat', '00:05:00–00:25:00', 'Marathon', 'Repeat of entry 2'],
        ['repeat', '00:25:00–00:35:00', 'Relay final', 'Repeat of entry 1'],
        ['slate', 'Slate 00:35:00–00:40:00 (5 min)', '', ''],
        ['repeat', '00:40:00–01:00:00', 'Marathon', 'Repeat of entry 2'],
      ]);
      // 00:25 + 40 cycles = 23:45: the last relay, then the slate until midnight (the next marathon starts the next day).
      expect(day.slice(-2)).to.deep.equal([
        ['repeat', '23:45:00–23:55:00', 'Relay final', 'Repeat of entry 1'],
        ['slate', 'Slate 23:55:00–00:00:00 (5 min)', '', ''],
      ]);
      expect(day.filter((r) => r[0] === 'repeat')).to.have.length(82);
      expect(await tab.textContent('#day-entries')).not.to.include('Nothing scheduled');
      // What each region gets, as for a stored entry: China the keirin then the slate; the marathon (France only) the slate elsewhere.
      const relay = tab.locator('#day-entries li.entry--repeat[data-number="1"]').first();
      expect(await relay.locator('.conflicts li[data-region="CN"]').textContent()).to.equal('CN: Keirin heats, then Slate');
      expect(await relay.locator('.conflicts li').count()).to.equal(1);
      const marathon = tab.locator('#day-entries li.entry--repeat[data-number="2"]').first();
      expect(await marathon.locator('.conflicts li[data-region="*"]').textContent()).to.equal('every other region: Slate');
      // Read-only: nothing on a repeat edits it.
      expect(await tab.locator('#day-entries li.entry--repeat :is(button, input)').count()).to.equal(0);

      // Its link leads to the entry's day, scrolled to the entry.
      await relay.locator('a.repeat-of').click();
      await tab.waitForSelector('#day[data-date="2030-07-24"] li.entry.entry--focus');
      expect(new URL(tab.url()).search).to.equal(`?day=2030-07-24&entry=${entryIds[0]}`);
      expect(await tab.getAttribute('li.entry--focus', 'data-stored')).to.equal(entryIds[0]);
      expect(await tab.textContent('#entry-0 .entry-number')).to.equal('Entry 1');
      const first = await rows(tab);
      expect(first.slice(0, 6).map((r) => [r[0], r[2], r[3]])).to.deep.equal([
        ['slate', '', ''],
        ['entry', 'Relay final', ''],
        ['slate', '', ''],
        ['entry', 'Marathon', ''],
        ['loop-again', '', ''],
        ['repeat', 'Relay final', 'Repeat of entry 1'],
      ]);
      expect(first[5]![1]).to.equal('18:35:00–18:45:00');

      // On the entry's own day the link scrolls to it in place: no new render.
      await tab.evaluate(() => document.querySelector('#day-entries')!.setAttribute('data-mark', 'same render'));
      await tab.click('#day-entries li.entry--repeat[data-number="2"] a.repeat-of');
      await tab.waitForSelector('#entry-1.entry--focus');
      expect(await tab.getAttribute('#day-entries', 'data-mark')).to.equal('same render');
      expect(await tab.locator('.entry--focus').count()).to.equal(1);
      expect(new URL(tab.url()).search).to.equal(`?day=2030-07-24&entry=${entryIds[0]}`);

      // An unsaved change: the repeats are still the saved schedule's, and the day says so until it is discarded.
      expect(await tab.locator('#repeats-as-saved').count()).to.equal(0);
      await tab.click('#entry-1 .entry-remove');
      expect(await tab.textContent('#repeats-as-saved')).to.include('follow the saved schedule');
      await tab.click('#day-discard');
      await tab.waitForSelector('#entry-1');
      expect(await tab.locator('#repeats-as-saved').count()).to.equal(0);
      expect(seen.filter((x) => !/status of 401|net::ERR_ABORTED/.test(x))).to.deep.equal([]);
    });

    it('Japanese: the same repeats, at the same Tokyo times, in Japanese', async () => {
      const { tab, seen } = await open('ja', NEXT_DAY);
      const day = await rows(tab);
      expect(day.slice(1, 3)).to.deep.equal([
        ['repeat', '00:05:00–00:25:00', 'Marathon', '項目 2 の再放送'],
        ['repeat', '00:25:00–00:35:00', 'Relay final', '項目 1 の再放送'],
      ]);
      expect(day[0]![1]).to.include('スレート 00:00:00–00:05:00');
      expect(await tab.getAttribute('#day-entries li.entry--repeat[data-number="1"] a.repeat-of', 'title')).to.equal('項目 1（2030年7月24日水曜日に編成）を表示');
      expect(await tab.textContent('#day-entries li.entry--repeat[data-number="1"] .conflicts li[data-region="CN"]')).to.equal('CN: Keirin heats、続いてスレート');
      expect(seen.filter((x) => !/status of 401|net::ERR_ABORTED/.test(x))).to.deep.equal([]);
    });
  });
});
