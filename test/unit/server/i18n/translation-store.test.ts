import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTranslationStore, etagOf, type TranslationStore } from '../../../../server/i18n/translation-store.js';

describe('translation store', () => {
  let root: string;
  let store: TranslationStore;
  const file = (): string => path.join(root, 'locales', 'zh-Hant', 'player.json');

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'podium-store-'));
    mkdirSync(path.join(root, 'locales', 'zh-Hant'), { recursive: true });
    writeFileSync(file(), JSON.stringify({ home: { title: '所有節目' }, app: { name: 'Podium' } }));
    let tick = 0;
    store = createTranslationStore({ localesDir: path.join(root, 'locales'), dataDir: path.join(root, 'data'), now: () => new Date(Date.UTC(2026, 7, 1, 0, 0, tick++)) });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads flat strings with an ETag that is a hash of the content', async () => {
    const v = await store.read('zh-Hant', 'player');
    expect(v.strings).to.deep.equal({ 'home.title': '所有節目', 'app.name': 'Podium' });
    expect(v.etag).to.equal(etagOf(readFileSync(file(), 'utf8')));
  });

  it('saves pretty-printed in a stable key order, atomically, and returns the new ETag', async () => {
    const v = await store.read('zh-Hant', 'player');
    const r = await store.save({ locale: 'zh-Hant', namespace: 'player', ifMatch: v.etag, changes: { 'home.empty': '目前尚無節目。', 'errors.count_other': '{{count}} 個錯誤' }, author: 'mei' });
    expect(r.ok).to.equal(true);
    const text = readFileSync(file(), 'utf8');
    expect(text).to.equal(
      '{\n  "app": {\n    "name": "Podium"\n  },\n  "errors": {\n    "count_other": "{{count}} 個錯誤"\n  },\n  "home": {\n    "empty": "目前尚無節目。",\n    "title": "所有節目"\n  }\n}\n',
    );
    if (r.ok) expect(r.version.etag).to.equal(etagOf(text));
    expect(readdirSync(path.dirname(file()))).to.deep.equal(['player.json']); // no temp file left
  });

  it('refuses a save made from an older version and returns both versions', async () => {
    const v = await store.read('zh-Hant', 'player');
    const first = await store.save({ locale: 'zh-Hant', namespace: 'player', ifMatch: v.etag, changes: { 'home.title': '全部節目' }, author: 'mei' });
    expect(first.ok).to.equal(true);
    const second = await store.save({ locale: 'zh-Hant', namespace: 'player', ifMatch: v.etag, changes: { 'home.title': '節目一覽' }, author: 'wing' });
    expect(second.ok).to.equal(false);
    if (!second.ok) {
      expect(second.conflict.current.strings['home.title']).to.equal('全部節目');
      expect(second.conflict.mine).to.deep.equal({ 'home.title': '節目一覽' });
      expect(second.conflict.keys).to.deep.equal(['home.title']);
      if (first.ok) expect(second.conflict.current.etag).to.equal(first.version.etag);
    }
    expect(JSON.parse(readFileSync(file(), 'utf8')).home.title).to.equal('全部節目');
  });

  it('lets only one of two concurrent saves from the same version win', async () => {
    const v = await store.read('zh-Hant', 'player');
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((t) => store.save({ locale: 'zh-Hant', namespace: 'player', ifMatch: v.etag, changes: { 'home.title': t }, author: t })),
    );
    expect(results.filter((r) => r.ok)).to.have.length(1);
  });

  it('keeps @meta entries and removes keys set to null', async () => {
    writeFileSync(file(), JSON.stringify({ play: 'Play', '@play': { maxLength: 8 }, old: 'x' }));
    const v = await store.read('zh-Hant', 'player');
    await store.save({ locale: 'zh-Hant', namespace: 'player', ifMatch: v.etag, changes: { old: null, play: '播放' }, author: 'mei' });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).to.deep.equal({ play: '播放', '@play': { maxLength: 8 } });
  });

  it('keeps each key’s history of earlier values in a JSON-lines file under the data dir', async () => {
    let v = await store.read('zh-Hant', 'player');
    for (const title of ['全部節目', '節目一覽']) {
      const r = await store.save({ locale: 'zh-Hant', namespace: 'player', ifMatch: v.etag, changes: { 'home.title': title }, author: 'mei' });
      if (r.ok) v = r.version;
    }
    const h = await store.history('zh-Hant', 'player', 'home.title');
    expect(h.map((e) => [e.old, e.new])).to.deep.equal([
      ['所有節目', '全部節目'],
      ['全部節目', '節目一覽'],
    ]);
    expect(h[0]).to.include({ author: 'mei', at: '2026-08-01T00:00:00.000Z' });
    const lines = readFileSync(path.join(root, 'data', 'i18n-history', 'zh-Hant', 'player.jsonl'), 'utf8').trim().split('\n');
    expect(lines).to.have.length(2);
    expect(await store.history('zh-Hant', 'player', 'app.name')).to.deep.equal([]);
  });

  it('records the source string with each change and reports keys whose source changed since', async () => {
    mkdirSync(path.join(root, 'locales', 'en'), { recursive: true });
    writeFileSync(path.join(root, 'locales', 'en', 'player.json'), JSON.stringify({ home: { title: 'All programmes' }, app: { name: 'Podium' }, medals_one: '{{count}} medal', medals_other: '{{count}} medals' }));
    const v = await store.read('zh-Hant', 'player');
    await store.save({ locale: 'zh-Hant', namespace: 'player', ifMatch: v.etag, changes: { 'home.title': '全部節目', medals_other: '{{count}} 面獎牌' }, author: 'mei' });
    expect((await store.history('zh-Hant', 'player', 'medals_other'))[0]!.source).to.equal('{{count}} medals');
    expect(await store.staleKeys('zh-Hant', 'player')).to.deep.equal([]);
    const en = await store.read('en', 'player');
    await store.save({ locale: 'en', namespace: 'player', ifMatch: en.etag, changes: { 'home.title': 'All programmes and replays' }, author: 'editor' });
    expect(await store.staleKeys('zh-Hant', 'player')).to.deep.equal([{ key: 'home.title', was: 'All programmes', now: 'All programmes and replays' }]);
  });

  it('creates a file that does not exist yet (ETag of empty content)', async () => {
    const v = await store.read('zh-Hant-HK', 'player');
    expect(v.content).to.equal('');
    const r = await store.save({ locale: 'zh-Hant-HK', namespace: 'player', ifMatch: v.etag, changes: { 'errors.network': '無法連接 Podium。' }, author: 'wing' });
    expect(r.ok).to.equal(true);
  });

  it('rejects path tricks in locale or namespace', async () => {
    let err: unknown;
    try {
      await store.read('../etc', 'passwd');
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.match(/invalid locale/);
  });
});
