// Issue 16.8: every route of /api/openapi.json, and the media, watch, studio and bundle routes the
// document leaves out, fed malformed requests (fast-check, fixed seed) as anonymous, translator
// and editor callers, on SQLite and PostgreSQL: control characters, lone surrogates, 1 MB
// strings, wrong JSON types, prototype keys, huge and negative numbers, bad UUIDs and locales,
// malformed headers. No answer may be a 5xx, every 4xx is `{ error: { code, message } }`, and the
// server still answers /healthz after each route. A failure prints the seed and the request.
import { expect } from 'chai';
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, waitForSlate, type TestApp } from '../helpers/app.js';
import { postgresTestSchema } from '../helpers/databases.js';
import { tempLocales } from '../helpers/locales.js';
import { body, createAccount } from '../helpers/studio.js';
import { bodyArb, coreCases, headersArb, queryArb, rawBodyArb, segmentArb, validSegments, type Body, type FuzzRequest } from './fuzz-arbitraries.js';

/** Random runs per route and database, after the fixed cases (coreCases): ~56 routes × 2 databases. */
const RUNS = Number(process.env.PODIUM_FUZZ_RUNS ?? 16);
const SEED = Number(process.env.PODIUM_FUZZ_SEED ?? 16_0008);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
interface Route {
  method: Method;
  /** OpenAPI-style path: /api/programmes/{id}/localizations/{locale}. */
  path: string;
  query: string[];
  /** A JSON body (fuzzed from the valid sample of SAMPLES), or raw bytes. */
  body?: 'json' | 'raw';
}

/** Routes /api/openapi.json does not describe. */
const EXTRA_ROUTES: Route[] = [
  { method: 'get', path: '/api/jobs/{id}', query: [] },
  { method: 'post', path: '/api/qoe', query: [], body: 'json' },
  { method: 'get', path: '/api/qoe/summary', query: ['programmeId', 'since'] },
  { method: 'patch', path: '/api/uploads/{uploadId}', query: [], body: 'raw' },
  { method: 'head', path: '/api/uploads/{uploadId}', query: [] },
  { method: 'delete', path: '/api/uploads/{uploadId}', query: [] },
  { method: 'get', path: '/api/nowhere/{id}', query: [] },
  { method: 'get', path: '/media/t/{token}/{id}/{rendition}/{file}', query: ['region', 'lang'] },
  { method: 'head', path: '/media/t/{token}/{id}/{rendition}/{file}', query: [] },
  { method: 'post', path: '/media/t/{token}/{id}/{rendition}/{file}', query: [] },
  { method: 'options', path: '/media/t/{token}/{id}/{rendition}/{file}', query: [] },
  { method: 'get', path: '/watch/{id}', query: ['region', 'lang'] },
  { method: 'get', path: '/programme/{id}', query: [] },
  { method: 'get', path: '/studio/{page}', query: [] },
  { method: 'get', path: '/studio/assets/{file}', query: [] },
  { method: 'get', path: '/locales/{locale}/{file}', query: ['v'] },
];

/** A valid body of each JSON route: every run changes one thing in it, so requests reach past the first check. */
function samples(known: { programmeId: string; readyProgrammeId: string; email: string }): Record<string, unknown> {
  const uuid = '6f9619ff-8b86-d011-b42d-00c04fc964ff';
  return {
    'post /api/auth/login': { email: known.email, password: 'correct horse battery staple' },
    'post /api/tokens': { name: 'script', expiresInDays: 30 },
    'post /api/programmes': { localizations: { en: { title: 'Relay', synopsis: 'Four laps' } }, sport: 'Athletics', tags: ['relay'], recordedAt: '2024-08-09T20:00:00Z' },
    'patch /api/programmes/{id}': { sport: 'Athletics', discipline: 'Sprint', event: '4 × 100 m', gamesEdition: 'Paris 2024', recordedAt: null, tags: ['relay'] },
    'put /api/programmes/{id}/localizations/{locale}': { title: 'Relais', shortTitle: 'Relais', synopsis: 'Quatre tours', event: '4 × 100 m' },
    'put /api/programmes/{id}/availability': { windows: [{ regions: ['FR'], exclude: [], start: '2024-01-01T00:00:00Z', end: null }] },
    'post /api/translations/check': { locale: 'fr', namespace: 'player', key: 'home.latest', value: 'Nouveautés' },
    'put /api/translations/{locale}/{ns}': { changes: { 'home.latest': 'Nouveautés' } },
    'post /api/channels': { slug: 'fuzz-channel', names: { en: 'Fuzz', fr: 'Fuzz' }, languages: ['en'], subtitleLanguages: ['fr'], regions: ['FR'], timezone: 'Europe/Paris', loop: true },
    'put /api/channels/{id}/schedule': { entries: [{ programmeId: known.readyProgrammeId, start: '2026-07-24T18:00:00Z', alternatives: { CN: null } }, { programmeId: known.readyProgrammeId }] },
    'post /api/qoe': { beacons: [{ playbackId: uuid, programmeId: known.programmeId, region: 'FR', seq: 1, startupMs: 900, rebufferMs: 0, playMs: 1000, switches: 0, avgBitrate: 1_000_000, errors: 0 }] },
  };
}

const CALLERS = ['anonymous', 'translator', 'editor'] as const;
type Caller = (typeof CALLERS)[number];

interface ErrorShape {
  error: { code: unknown; message: unknown };
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause ? `${err.message} (${cause instanceof Error ? cause.message : String(cause)})` : err.message;
}

function routesOf(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>> }): Route[] {
  const routes: Route[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const raw = /\/(source|posters|audio|subtitles)\/|\/api\/uploads$/.test(p) && method !== 'delete';
      routes.push({
        method: method as Method,
        path: p,
        query: (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name),
        body: op.requestBody ? 'json' : raw ? 'raw' : undefined,
      });
    }
  }
  return [...routes, ...EXTRA_ROUTES];
}

for (const database of ['SQLite', 'PostgreSQL'] as const) {
  describe(`HTTP fuzz: every route with malformed input (${database}, ${RUNS} runs a route, seed ${SEED})`, function () {
    this.timeout(300_000);
    let app: TestApp;
    let pg: Awaited<ReturnType<typeof postgresTestSchema>> | undefined;
    let localesDir: string;
    const tokens: Partial<Record<Caller, string>> = {};
    const known = { programmeId: '', mediaToken: '', email: '', readyProgrammeId: '', channelId: '' };
    let bodies: Record<string, unknown> = {};
    let baselineHeaders: Record<string, Record<string, string>> = {};
    const routes: Route[] = [];

    before(async () => {
      if (database === 'PostgreSQL') pg = await postgresTestSchema('podium_fuzz');
      localesDir = tempLocales(); // translation saves may succeed: never on the repository's files
      // With the channel slate packaged, the viewer's channel routes are walked past their 503 not_ready.
      app = await startTestApp({ localesDir, ensureSlate: true, settings: { regionHeader: 'x-viewer-country', ...(pg ? { databaseUrl: pg.url } : {}) } });
      await waitForSlate(app);
      for (const role of ['translator', 'editor'] as const) {
        const { email } = await createAccount(app, role);
        const account = (await app.podium.accounts.store.findForLogin(email))!.account;
        tokens[role] = (await app.podium.accounts.store.createApiToken(account.id, `fuzz ${role}`)).token;
        known.email = email;
      }
      const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: 'Fuzz target' } } }) });
      known.programmeId = (await body<{ id: string }>(res)).id;
      await app.api(`/api/programmes/${known.programmeId}/publish`, { method: 'POST', auth: true });
      known.mediaToken = app.podium.viewing.tokens.sign({ programmeId: known.programmeId, region: 'FR' }).token;
      // A channel whose schedule routes get past the 404, and a programme it may schedule (ready the way the catalog records a published transcode).
      const ready = await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: 'Fuzz schedule' } } }) });
      known.readyProgrammeId = (await body<{ id: string }>(ready)).id;
      await app.podium.catalog.publishRendition(known.readyProgrammeId, { renditionId: 'r1', renditionKey: `${known.readyProgrammeId}/r1`, durationSec: 60, poster: 'poster.jpg' });
      const channel = await app.api('/api/channels', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slug: 'fuzz-schedule', names: { en: 'Fuzz' }, languages: ['en'] }) });
      known.channelId = (await body<{ id: string }>(channel)).id;
      routes.push(...routesOf(await body(await app.api('/api/openapi.json'))));
      bodies = samples(known);
      const etag = (await app.api('/api/translations/fr/player', { auth: true })).headers.get('etag') ?? '';
      baselineHeaders = {
        'put /api/translations/{locale}/{ns}': { 'if-match': etag },
        'put /api/channels/{id}/schedule': { 'if-match': '"v0"' },
        'post /api/uploads': { 'tus-resumable': '1.0.0', 'upload-length': '16', 'upload-metadata': `programmeId ${Buffer.from(known.programmeId).toString('base64')}` },
        'patch /api/uploads/{uploadId}': { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        'head /api/uploads/{uploadId}': { 'tus-resumable': '1.0.0' },
        'delete /api/uploads/{uploadId}': { 'tus-resumable': '1.0.0' },
      };
    });
    after(async () => {
      await app?.close();
      await pg?.drop();
      if (localesDir) rmSync(path.dirname(localesDir), { recursive: true, force: true });
    });

    it('walks every route: no 5xx, every 4xx in the error shape, /healthz still answers', async () => {
      expect(routes.length).to.be.greaterThan(40);
      const failures: string[] = [];
      for (const [i, route] of routes.entries()) {
        const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const key = `${route.method} ${route.path}`;
        const baseline: FuzzRequest = {
          caller: 'editor',
          query: '',
          params: names.map((n) => (n === 'id' && route.path.startsWith('/api/channels/') ? known.channelId : validSegments(n, known)[0]!)),
          headers: baselineHeaders[key] ?? {},
          body: route.body === 'json' ? ({ type: 'application/json', data: JSON.stringify(bodies[key] ?? {}) } as Body) : route.body === 'raw' ? ({ type: 'application/octet-stream', data: new Uint8Array(16) } as Body) : undefined,
        };
        // Each run: a caller and one hostile change to an otherwise valid request.
        const kinds = ['query', 'header', ...(names.length ? ['param'] : []), ...(route.body ? ['body', 'body'] : [])];
        const request = fc.tuple(fc.constantFrom(...CALLERS), fc.constantFrom(...kinds)).chain(([caller, kind]) =>
          fc.record({
            caller: fc.constant(caller),
            params: kind === 'param' ? fc.tuple(...names.map((n) => segmentArb(n, known))) : fc.constant(baseline.params),
            query: kind === 'query' ? queryArb(route.query) : fc.constant(''),
            headers: kind === 'header' ? headersArb().map((h) => ({ ...baseline.headers, ...h })) : fc.constant(baseline.headers),
            body: kind === 'body' ? (route.body === 'json' ? bodyArb(bodies[key] ?? {}) : rawBodyArb) : fc.constant(baseline.body),
          }),
        );
        const probe = async (r: FuzzRequest) => {
          let url = route.path;
          names.forEach((n, k) => (url = url.replace(`{${n}}`, r.params[k]!)));
          url += r.query;
          const sendsBody = route.method !== 'get' && route.method !== 'head';
          const headers = new Headers(r.headers);
          const token = r.caller === 'anonymous' ? undefined : tokens[r.caller];
          if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
          if (r.body && sendsBody && !headers.has('content-type')) headers.set('content-type', r.body.type);
          const res = await fetch(app.baseUrl + url, { method: route.method.toUpperCase(), headers, body: sendsBody ? (r.body?.data as BodyInit | undefined) : undefined, signal: AbortSignal.timeout(30_000) });
          const type = res.headers.get('content-type') ?? '';
          // An event stream stays open: its status and type are the answer.
          const text = type.startsWith('text/event-stream') ? (await res.body?.cancel(), '') : await res.text();
          const where = `${route.method.toUpperCase()} ${url.slice(0, 300)} as ${r.caller} → ${res.status} ${text.slice(0, 300)}`;
          if (res.status >= 500) throw new Error(`5xx: ${where}`);
          if (res.status >= 400 && route.method !== 'head') {
            let shape: ErrorShape | undefined;
            try {
              shape = JSON.parse(text) as ErrorShape;
            } catch {
              // reported below
            }
            const inShape = typeof shape?.error?.code === 'string' && typeof shape.error.message === 'string';
            if (!inShape) throw new Error(`4xx not in the error shape: ${where}`);
          }
        };
        // First the same cases every run (each field × each kind of hostile value), then random ones.
        for (const c of coreCases(route, baseline, bodies[key] ?? {})) {
          try {
            await probe(c);
          } catch (err) {
            failures.push(`${route.method.toUpperCase()} ${route.path} (fixed case): ${describeError(err)}`);
            break;
          }
        }
        const seed = SEED + i;
        const outcome = await fc.check(fc.asyncProperty(request, probe), { seed, numRuns: RUNS, endOnFailure: true });
        if (outcome.failed) failures.push(`${route.method.toUpperCase()} ${route.path} (seed ${seed}, path ${outcome.counterexamplePath}): ${describeError(outcome.errorInstance)}`);
        const health = await fetch(`${app.baseUrl}/healthz`);
        if (health.status !== 200) throw new Error(`/healthz answered ${health.status} after ${route.method.toUpperCase()} ${route.path}; failures so far:\n${failures.join('\n')}`);
      }
      expect(failures, failures.join('\n\n')).to.deep.equal([]);
    });
  });
}
