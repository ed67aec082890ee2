// One set of rules per localized field (PROGRAMME_FIELD_RULES), applied on every write path:
// the same over-long title gets the same 400 naming the field on creation, on PUT (the studio's
// form and the translate editor use it) and in the catalog's own writes (the demo seed).
import { expect } from 'chai';
import { CatalogError } from '../../server/catalog/errors.js';
import { PROGRAMME_FIELD_RULES } from '../../server/i18n/check/programme.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createProgramme, JSON_HEADERS } from './viewer-helpers.js';

type ErrorBody = { error: { code: string; message: string; field: string; check?: string } };

describe('HTTP: one rule per localized field, on every write path (issue 11)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let id: string;
  const limit = PROGRAMME_FIELD_RULES.title.limit;
  const tooLong = 'a'.repeat(limit + 1);
  const why = `${limit + 1} characters, limit ${limit}`;

  before(async () => {
    app = await startTestApp();
    id = await createProgramme(app, { en: { title: 'Rowing' } });
  });
  after(() => app?.close());

  async function post(body: unknown): Promise<{ status: number; body: ErrorBody }> {
    const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: JSON_HEADERS, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as ErrorBody };
  }
  async function put(locale: string, body: unknown): Promise<{ status: number; body: ErrorBody }> {
    const res = await app.api(`/api/programmes/${id}/localizations/${locale}`, { method: 'PUT', auth: true, headers: JSON_HEADERS, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as ErrorBody };
  }

  it('an over-long title: the same 400 on creation and on PUT, naming the field; nothing stored', async () => {
    const before = (await (await app.api('/api/studio/programmes', { auth: true })).text()).length;
    const created = await post({ localizations: { en: { title: tooLong } } });
    expect(created.status).to.equal(400); // was 201: creation skipped the programme text check
    expect(created.body.error).to.include({ code: 'validation_failed', field: 'localizations.en.title', check: 'length' });
    expect(created.body.error.message).to.contain(why);
    const replaced = await put('en', { title: tooLong });
    expect(replaced.status).to.equal(400);
    expect(replaced.body.error).to.include({ code: 'validation_failed', field: 'title', check: 'length' });
    // the same message but for the field's prefix
    expect(replaced.body.error.message).to.equal(created.body.error.message.replace('localizations.en.title', 'title'));
    expect((await (await app.api('/api/studio/programmes', { auth: true })).text()).length, 'nothing created').to.equal(before);
    const item = (await (await app.api(`/api/programmes/${id}?lang=en`)).json()) as { title: string };
    expect(item.title, 'nothing replaced').to.equal('Rowing');
  });

  it('the catalog refuses it the same way on its own writes (the demo seed adds localizations directly)', async () => {
    let thrown: unknown;
    try {
      await app.podium.viewing.localizations.addMissing(id, { fr: { title: tooLong } });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).to.be.instanceOf(CatalogError);
    expect(thrown).to.include({ code: 'invalid_text', field: 'fr.title', check: 'length' });
    expect((thrown as Error).message).to.contain(why);
  });

  it('every field: at its limit accepted, one past it refused, on both paths', async () => {
    for (const [field, rule] of Object.entries(PROGRAMME_FIELD_RULES)) {
      const fits = { title: 'Rowing', [field]: 'b'.repeat(rule.limit) };
      const over = { title: 'Rowing', [field]: 'b'.repeat(rule.limit + 1) };
      expect((await put('de', fits)).status, `${field} at ${rule.limit}`).to.be.oneOf([200, 201]);
      expect((await put('de', over)).body.error, field).to.include({ field, check: 'length' });
      expect((await post({ localizations: { de: over } })).body.error, field).to.include({ field: `localizations.de.${field}`, check: 'length' });
    }
  });

  it('the wrong Chinese script is refused on creation too (it was on PUT only)', async () => {
    const created = await post({ localizations: { 'zh-Hant': { title: '乒乓球决赛' } } });
    expect(created.status).to.equal(400);
    expect(created.body.error).to.include({ field: 'localizations.zh-Hant.title', check: 'script' });
    expect((await put('zh-Hant', { title: '乒乓球决赛' })).body.error).to.include({ field: 'title', check: 'script' });
  });
});
