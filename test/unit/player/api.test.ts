// The player's catalog client over a real HTTP server: the programme list follows the server's
// pages (`next`) so the home page's rails see more than the first page.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { CATALOG } from '../../../player/src/config.js';
import { createHttpCatalogApi } from '../../../player/src/core/api.js';

const { listPageSize: LIST_PAGE_SIZE, listMaxPages: LIST_MAX_PAGES } = CATALOG;

describe('player: catalog API client', () => {
  let server: http.Server;
  let base: string;
  const seen: string[] = [];
  let total = LIST_PAGE_SIZE * LIST_MAX_PAGES + 30; // more than the client follows

  before(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      seen.push(url.search);
      const limit = Number(url.searchParams.get('limit'));
      const from = Number(url.searchParams.get('cursor') ?? 0);
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => ({ id: `p${from + i}`, title: `P${from + i}` }));
      const nextFrom = from + items.length;
      const next = nextFrom < total ? `${url.pathname}?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), cursor: String(nextFrom) })}` : null;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ items, nextCursor: next ? String(nextFrom) : null, next }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('follows `next` page by page, keeping lang/region, up to its page limit', async () => {
    const api = createHttpCatalogApi(base);
    const items = await api.listProgrammes({ lang: 'zh-Hant-HK', region: 'HK' });
    expect(items).to.have.length(LIST_PAGE_SIZE * LIST_MAX_PAGES);
    expect(items[0]!.id).to.equal('p0');
    expect(items.at(-1)!.id).to.equal(`p${LIST_PAGE_SIZE * LIST_MAX_PAGES - 1}`);
    expect(seen).to.have.length(LIST_MAX_PAGES);
    for (const q of seen) expect(new URLSearchParams(q).get('lang')).to.equal('zh-Hant-HK');
    expect(new URLSearchParams(seen[1]!).get('region')).to.equal('HK');
  });

  it('stops at the last page', async () => {
    seen.length = 0;
    total = LIST_PAGE_SIZE + 30;
    const all = await createHttpCatalogApi(base).listProgrammes({ lang: 'en', region: null });
    expect(all.map((p) => p.id)).to.deep.equal(Array.from({ length: total }, (_, i) => `p${i}`));
    expect(seen).to.have.length(2);
  });
});
