// The translator's HTTP API and the live delivery of translation bundles.
//
//   /api/translations (localization:write: translators, editors, admins; session + CSRF or token)
//     GET  /                               locales × namespaces with effective coverage and errors
//     GET  /programmes/:locale             programme titles/synopses: source beside target, checks
//     POST /check                          { locale, namespace, key, value } → live-check issues
//     GET  /:locale/:ns                    source + target + meta + plural forms + checks; ETag
//     PUT  /:locale/:ns                    { changes: { key: value | null } } with If-Match
//                                          → 200 + new ETag | 409 both versions | 428 | 400 naming the key
//     GET  /:locale/:ns/history[?key=]     earlier values, oldest first
//   /api/i18n (public)
//     GET  /version                        { versions: { <locale>: { <ns>: <version> } } }
//     GET  /events                         server-sent events: `change` { locale, ns, version }
//   /locales/<lng>/<ns>.json[?v=<version>] bundles without @meta; with the current ?v= immutable
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import type { StudioCatalogView } from '../../catalog/studio-view.js';
import { checkProgrammeText, PROGRAMME_FIELDS } from '../../i18n/check/programme.js';
import type { BundleHub } from '../../i18n/bundles.js';
import { directionOf, type TranslationService } from '../../i18n/translations.js';
import { canonicalTag } from '../../i18n/locale.js';
import { recordKey, text } from '../../text.js';
import { jsonBody, MiB } from '../middleware/body-limits.js';
import { ApiError } from '../errors.js';
import type { OpenApiRegistry } from '../openapi.js';
import { principalOf, requirePermission } from '../middleware/session-auth.js';
import { openEventStream } from '../sse.js';
import { validateBody, validationError } from '../middleware/validate.js';

export interface TranslationRouteDeps {
  translations: TranslationService;
  hub: BundleHub;
  studioView: StudioCatalogView;
  /** Describes the routes in /api/openapi.json when given. */
  openapi?: OpenApiRegistry;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const saveBody = z.strictObject({
  // A value is kept as typed (edge spaces can be meant), but never blank: null removes a key.
  changes: z
    .record(recordKey(200), text({ max: 10_000, multiline: true, trim: false, nonEmpty: true }).nullable())
    .refine((c) => Object.keys(c).length > 0, 'no changes'),
});
const checkBody = z.strictObject({
  locale: text({ max: 35 }),
  namespace: text({ max: 64 }),
  key: text({ max: 200, trim: false, nonEmpty: true }),
  value: text({ max: 10_000, multiline: true, trim: false }),
});

function params(req: Request): { locale: string; ns: string } {
  const { locale, ns } = req.params as { locale: string; ns: string };
  if (!SEGMENT.test(locale) || !SEGMENT.test(ns)) throw new ApiError('not_found', `no translation file ${locale}/${ns}`);
  return { locale, ns };
}

/**
 * The body guard and the schema name a refused change by its path (`changes.<key>`); the answer
 * names its key instead (`field` and `key`), as the translation checks do.
 */
const keyOfChange: ErrorRequestHandler = (err, _req, _res, next) => {
  const field = err instanceof ApiError && err.code === 'validation_failed' ? err.extra.field : undefined;
  if (typeof field !== 'string' || !field.startsWith('changes.')) return next(err);
  const key = field.slice('changes.'.length);
  const message = err.message.startsWith(`${field}: `) ? err.message.slice(field.length + 2) : err.message;
  next(new ApiError('validation_failed', `${key}: ${message}`, { field: key, key, issues: [] }));
};

export function translationRoutes({ translations, studioView, openapi }: TranslationRouteDeps): Router {
  const router = Router();
  const json = jsonBody(1 * MiB);
  router.use(requirePermission('localization:write'), (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/', (_req, res) => void res.json(translations.overview()));

  router.get('/programmes/:locale', async (req, res) => {
    const locale = canonicalTag(String(req.params.locale));
    if (!locale) throw new ApiError('not_found', `not a locale: ${req.params.locale}`);
    const items = (await studioView.list()).map((p) => {
      const source = p.localizations.find((l) => l.locale === 'en') ?? p.localizations[0] ?? null;
      const target = p.localizations.find((l) => l.locale === locale) ?? null;
      return {
        id: p.id,
        status: p.status,
        source,
        target,
        issues: target ? checkProgrammeText(locale, target) : [],
      };
    });
    res.json({ locale, dir: directionOf(locale), fields: PROGRAMME_FIELDS, items });
  });

  router.post('/check', json, validateBody(checkBody), async (req, res) => {
    const b = req.body as z.output<typeof checkBody>;
    res.json({ issues: await translations.check(b.locale, b.namespace, b.key, b.value) });
  });

  router.get('/:locale/:ns', async (req, res) => {
    const { locale, ns } = params(req);
    const view = await translations.namespace(locale, ns);
    res.set('ETag', view.etag).json(view);
  });

  router.put('/:locale/:ns', json, async (req: Request, res: Response) => {
    const { locale, ns } = params(req);
    const ifMatch = req.get('if-match')?.trim();
    if (!ifMatch) throw new ApiError('precondition_required', 'send If-Match with the ETag of the version you edited (GET this file first), so a colleague’s save is never overwritten');
    if (!req.is('application/json')) throw new ApiError('unsupported_media_type', 'the body must be JSON (Content-Type: application/json)');
    const parsed = saveBody.safeParse(req.body);
    if (!parsed.success) throw validationError(parsed.error);
    const author = principalOf(req).id;
    const r = await translations.save({ locale, ns, ifMatch, changes: parsed.data.changes, author });
    if (!r.ok) {
      const current = Object.fromEntries(Object.keys(r.yours).map((k) => [k, r.current.strings[k] ?? null]));
      res
        .status(409)
        .set('ETag', r.current.etag)
        .json({
          error: {
            code: 'conflict',
            message: `${locale}/${ns}.json changed since you loaded it (someone else saved ${r.conflicts.length ? r.conflicts.join(', ') : 'other keys'}): nothing was written; choose, then save again with If-Match ${r.current.etag}`,
            current: { etag: r.current.etag, values: current },
            yours: r.yours,
            conflicts: r.conflicts,
          },
        });
      return;
    }
    res.set('ETag', r.etag).json({ locale, namespace: ns, etag: r.etag, version: r.version, changed: r.changed });
  }, keyOfChange);

  router.get('/:locale/:ns/history', async (req, res) => {
    const { locale, ns } = params(req);
    const key = typeof req.query.key === 'string' && req.query.key ? req.query.key : undefined;
    res.json({ items: await translations.history(locale, ns, key) });
  });
  if (openapi) describe(openapi);
  return router;
}

function describe(openapi: OpenApiRegistry): void {
  const auth = 'localization:write';
  const tags = ['translator'];
  const file = { locale: z.string().describe('locale folder, e.g. zh-Hant'), ns: z.string().describe('namespace, e.g. player') };
  openapi.add({ method: 'get', path: '/api/translations', summary: 'Effective coverage and check errors per locale × namespace', tags, auth, responses: { 200: { description: 'the overview' } } });
  openapi.add({ method: 'get', path: '/api/translations/programmes/:locale', summary: 'Programme titles, short titles and synopses: source beside the locale, with check results', tags, auth, params: { locale: z.string() }, responses: { 200: { description: 'the programmes' } } });
  openapi.add({ method: 'post', path: '/api/translations/check', summary: 'The live checks of one value (placeholders, Chinese script, length, untranslated)', tags, auth, body: checkBody, responses: { 200: { description: '{ issues }' } } });
  openapi.add({ method: 'get', path: '/api/translations/:locale/:ns', summary: 'Source beside target, meta, where used, CLDR plural forms with examples, check results, stale keys; ETag header', tags, auth, params: file, responses: { 200: { description: 'the namespace view' }, 404: { description: 'no such locale folder or namespace' } } });
  openapi.add({
    method: 'put',
    path: '/api/translations/:locale/:ns',
    summary: 'Save changed strings (null removes); If-Match: the ETag the edit was made from',
    tags,
    auth,
    params: file,
    body: saveBody,
    responses: {
      200: { description: 'saved; ETag header is the new version' },
      400: { description: 'validation_failed: a check failed or the key is unknown (`key`, `issues`)' },
      409: { description: 'conflict: the file changed since; `current`, `yours`, `conflicts`; nothing written' },
      428: { description: 'precondition_required: If-Match missing' },
    },
  });
  openapi.add({ method: 'get', path: '/api/translations/:locale/:ns/history', summary: 'Earlier values (all keys, or ?key=), oldest first', tags, auth, params: file, query: { key: z.string().optional() }, responses: { 200: { description: '{ items }' } } });
  openapi.add({ method: 'get', path: '/api/i18n/version', summary: 'Current version of every translation bundle', tags: ['viewer'], responses: { 200: { description: '{ versions: { locale: { ns: version } } }' } } });
  openapi.add({ method: 'get', path: '/api/i18n/events', summary: 'Server-sent events: `change` { locale, ns, version } after each save', tags: ['viewer'], responses: { 200: { description: 'event stream', contentType: 'text/event-stream' } } });
}

/** /api/i18n: bundle versions and the stream of changes (public: players are anonymous). */
export function i18nEventRoutes({ hub }: { hub: BundleHub }): Router {
  const router = Router();
  router.get('/version', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json({ versions: hub.versions() });
  });
  router.get('/events', (req, res) => {
    const stream = openEventStream(req, res);
    stream.onClose(hub.subscribe((c) => stream.send('change', c)));
    stream.onClose(hub.onShutdown(() => stream.close()));
  });
  return router;
}

/** /locales/<lng>/<ns>.json: the current bundle (revalidated) or, with its ?v=, cached for good. */
export function bundleRoutes({ hub }: { hub: BundleHub }): Router {
  const router = Router();
  router.get('/:lng/:file', (req, res) => {
    const { lng, file } = req.params as { lng: string; file: string };
    const ns = file.endsWith('.json') ? file.slice(0, -'.json'.length) : '';
    const b = ns ? hub.bundle(lng, ns) : null;
    if (!b) throw new ApiError('not_found', 'no such translation file');
    const v = typeof req.query.v === 'string' ? req.query.v : undefined;
    res.set('Cache-Control', v === b.version ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.set('ETag', `"${b.version}"`);
    res.type('application/json');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(b.body);
  });
  return router;
}
