// GET /api/programmes in pages against the real app (SQLite file): ?limit= (default 24, at most
// 100), `nextCursor` and `next` (the same request's URL with the cursor: region and language
// kept), and 400 naming the field for a bad limit or cursor.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createProgramme, iso, type Item } from './viewer-helpers.js';

interface Page {
  items: Item[];
  nextCursor: string | null;
  next: string | null;
}

describe('HTTP: GET /api/programmes in pages', function () {
  let app: TestApp;
  const fr: string[] = [];
  let cnOnly: string;

  before(async () => {
    app = await startTestApp();
    for (let i = 0; i < 27; i++) fr.push(await createProgramme(app, { en: { title: `Heat ${i}` }, fr: { title: `Série ${i}` } }));
    cnOnly = await createProgramme(app, { en: { title: 'Mainland only' } }, { windows: [{ regions: ['CN'], start: iso(-60_000) }] });
  });
  after(() => app?.close());

  const get = async (path: string) => {
    const res = await app.api(path);
    return { status: res.status, body: (await res.json()) as Page & { error?: { code: string; field: string; message: string } } };
  };

  it('answers 24 items by default, oldest first, with the next page', async () => {
    const { status, body } = await get('/api/programmes?region=FR');
    expect(status).to.equal(200);
    expect(body.items.map((i) => i.id)).to.deep.equal(fr.slice(0, 24));
    expect(body.nextCursor).to.be.a('string');
    const rest = await get(body.next!);
    expect(rest.body.items.map((i) => i.id)).to.deep.equal(fr.slice(24));
    expect(rest.body.next).to.equal(null);
    expect(rest.body.nextCursor).to.equal(null);
  });

  it('follows `next` page by page with the request’s region, language and limit', async () => {
    const seen: string[] = [];
    let path: string | null = '/api/programmes?region=FR&lang=fr&limit=10';
    let pages = 0;
    while (path) {
      expect(path).to.match(/^\/api\/programmes\?/);
      const url = new URL(path, 'http://x');
      expect(url.searchParams.get('region')).to.equal('FR');
      expect(url.searchParams.get('lang')).to.equal('fr');
      expect(url.searchParams.get('limit')).to.equal('10');
      const { status, body } = await get(path);
      expect(status).to.equal(200);
      expect(body.items.length).to.be.at.most(10);
      expect(body.items.every((i) => i.locale === 'fr')).to.equal(true);
      seen.push(...body.items.map((i) => i.id));
      path = body.next;
      pages++;
    }
    expect(pages).to.equal(3);
    expect(seen).to.deep.equal(fr);
  });

  it('pages hold only what the region may watch', async () => {
    const cn = await get('/api/programmes?region=CN&limit=100');
    expect(cn.body.items.map((i) => i.id)).to.deep.equal([...fr, cnOnly]);
    expect(cn.body.next).to.equal(null);
    const frAll = await get('/api/programmes?region=FR&limit=100');
    expect(frAll.body.items.map((i) => i.id)).not.to.include(cnOnly);
  });

  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=2.5', 'limit'],
    ['limit=', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from('2026-01-01T00:00:00.000Z nope').toString('base64url')}`, 'cursor'],
    [`cursor=${'A'.repeat(300)}`, 'cursor'],
  ] as const) {
    it(`?${query.slice(0, 40)} → 400 validation_failed naming ${field}`, async () => {
      const { status, body } = await get(`/api/programmes?${query}`);
      expect(status).to.equal(400);
      expect(body.error).to.include({ code: 'validation_failed', field });
      expect(body.error!.message).to.match(new RegExp(`^${field}: `));
    });
  }

  it('is described in the OpenAPI document (limit, cursor, next)', async () => {
    const doc = (await (await app.api('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters: { name: string }[]; responses: Record<string, { content?: { 'application/json': { schema: { properties: Record<string, unknown> } } } }> }>> };
    const op = doc.paths['/api/programmes']!.get!;
    expect(op.parameters.map((p) => p.name)).to.include.members(['region', 'lang', 'limit', 'cursor']);
    expect(Object.keys(op.responses['200']!.content!['application/json'].schema.properties)).to.include.members(['items', 'next', 'nextCursor']);
    expect(op.responses).to.have.property('400');
  });
});
