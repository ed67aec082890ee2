// fast-check arbitraries of malformed requests for the route fuzz test (fuzz-routes.test.ts):
// path segments, query strings, headers and bodies — each mostly hostile, sometimes valid, so
// that requests also get past the first check and reach deeper code.
import fc from 'fast-check';

const MB = 'x'.repeat(1 << 20);

/** Strings no text field should take (control characters and lone surrogates most often), and a few that it should. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', 'Relay\u0000') },
  { weight: 2, arbitrary: fc.constantFrom('\u0007bell', '\u001b[31mred', 'tab\there', 'line\nbreak', '\r', '\u007f', '\u0085', '\u009f') },
  { weight: 2, arbitrary: fc.constantFrom('\ud800', '\udc00x', 'a\ud800b', 'Relay \udbff') },
  { weight: 1, arbitrary: fc.constantFrom(MB, 'x'.repeat(301), 'x'.repeat(10_001)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', ' ', '\u2028', '\ufeff', '\uffff', '😀', '<script>alert(1)</script>', "'; DROP TABLE programmes; --", '%00', '../../etc/passwd', '__proto__', 'constructor', 'toString', 'en', 'zh-Hant', 'Relay final', '2026-08-01T00:00:00Z', '9999-99-99T99:99:99Z', 'WW', 'FR', '00000000-0000-0000-0000-000000000000'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Numbers a field may not expect: huge, negative, fractional, past 2^53. */
const hostileNumber = fc.oneof(fc.constantFrom(0, -1, -0, 1.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 31), 2 ** 32, 3650, 3651), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));

/** Any JSON value of the wrong kind. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  hostileString.map((s) => [s]),
  hostileString.map((s) => ({ [s]: s })),
);

/** Bodies that are not JSON at all, or JSON of a shape no route takes. */
const rawJson = fc.constantFrom(
  '',
  '{',
  '{"a":',
  'null',
  '"\\ud800"',
  '1e999',
  '[]',
  '{"__proto__":{"title":"x"},"constructor":{"prototype":{"polluted":true}}}',
  '{"localizations":{"__proto__":{"title":"x"}}}',
  '{"changes":{"__proto__":null}}',
  '{"changes":{"constructor":null,"toString":null}}',
  '['.repeat(100_000) + ']'.repeat(100_000),
  `"${MB}"`,
);

export interface Body {
  type: string;
  data: string | Uint8Array;
}

const contentType = fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/json; charset=utf-16', 'application/json; charset=bogus', 'application/x-www-form-urlencoded', 'image/png', 'text/vtt');

/** Every place in a JSON value (as key paths), the value itself included. */
function placesOf(value: unknown, at: string[] = []): string[][] {
  const here = [at];
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) here.push(...placesOf(v, [...at, k]));
  return here;
}

/** A copy of `value` with `replacement` at `at` (or, with `asKey`, a new key there); own `__proto__` keys stay own keys. */
function withAt(value: unknown, at: string[], replacement: unknown, asKey?: string): unknown {
  if (at.length === 0) {
    if (asKey === undefined) return replacement;
    const o = Array.isArray(value) || !value || typeof value !== 'object' ? {} : { ...(value as object) };
    Object.defineProperty(o, asKey, { value: replacement, enumerable: true, writable: true, configurable: true });
    return o;
  }
  const [k, ...rest] = at as [string, ...string[]];
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as object) };
  copy[k] = withAt((value as Record<string, unknown>)[k], rest, replacement, asKey);
  return copy;
}

/** The valid sample body with one hostile change: a leaf replaced, a key added, or the whole body garbled. */
export function bodyArb(sample: unknown): fc.Arbitrary<Body> {
  const places = placesOf(sample);
  const hostile = fc.oneof(hostileString, wrongType);
  const keys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'e\u0000n', '\ud800', 'x'.repeat(300), 'fr', 'home.latest');
  const mutated = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...places), hostile).map(([at, v]) => JSON.stringify(withAt(sample, at, v)) ?? 'null') },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...places), keys, hostile).map(([at, k, v]) => JSON.stringify(withAt(sample, at, v, k)) ?? 'null') },
    { weight: 1, arbitrary: rawJson },
  );
  return fc.oneof(
    { weight: 5, arbitrary: mutated.map((data) => ({ type: 'application/json', data })) },
    { weight: 1, arbitrary: fc.tuple(contentType, fc.oneof(mutated, fc.constant(JSON.stringify(sample)))).map(([type, data]) => ({ type, data })) },
  );
}

/** A raw upload body (source, audio, subtitles, poster, tus chunk): small garbage, 1 MB of zeros, a broken WebVTT. */
export const rawBodyArb: fc.Arbitrary<Body> = fc
  .tuple(contentType, fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant(new Uint8Array(1 << 20)), fc.constant(new TextEncoder().encode('WEBVTT\n\n00:00.000 --> 00:01.000\n\u0000\n'))))
  .map(([type, data]) => ({ type, data }));

/** A path segment as it appears in the URL (percent-encoded as a client would, or raw bytes). */
const hostileSegment = fc.oneof(
  fc.constantFrom('%00', 'a%00b', '%C0%AE%C0%AE', '..', '%2E%2E', '%2F', '%5C', 'constructor', '__proto__', 'toString', '%ED%A0%80', '%FF', '%', '%E2%80%AE', '-1', '1e309', 'NaN', '%20', 'x'.repeat(1000)),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', '6F9619FF-8B86-D011-B42D-00C04FC964FF', '{6f9619ff-8b86-d011-b42d-00c04fc964ff}', '6f9619ff8b86d011b42d00c04fc964ff'),
  fc.string({ maxLength: 20 }).map(encodeLoosely),
);

/** Valid values of each path parameter, the first one the baseline. */
export function validSegments(name: string, known: { programmeId: string; mediaToken: string }): string[] {
  const valid: Record<string, string[]> = {
    id: [known.programmeId, '6f9619ff-8b86-d011-b42d-00c04fc964ff'],
    locale: ['fr', 'en', 'zh-Hant', 'ar'],
    ns: ['player', 'server'],
    token: [encodeURIComponent(known.mediaToken), 'FR.zzzzzz.AAAA', 'WW.0.' + 'A'.repeat(43)],
    rendition: ['r1', '..', '%2E%2E'],
    file: ['master.m3u8', 'player.json', 'v0%2Fseg1.m4s', 'poster.jpg', 'studio.js', 'x.exe', '..%2F..%2Fpodium.sqlite'],
    uploadId: ['0123456789abcdef0123456789abcdef'],
    page: ['programmes', 'translate'],
  };
  return valid[name] ?? ['x'];
}

/** A path parameter: one of its valid values or a hostile segment. */
export function segmentArb(name: string, known: { programmeId: string; mediaToken: string }): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...validSegments(name, known)), hostileSegment);
}

/** encodeURIComponent, or the bytes of an unpaired surrogate's would-be UTF-8 (which it refuses). */
function encodeLoosely(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

/** ?name=value pairs: the route's own names and others, hostile values, repeated names, raw bytes. */
export function queryArb(names: string[]): fc.Arbitrary<string> {
  const others = fc.constantFrom('region', 'lang', '__proto__', 'constructor', 'x%00', 'limit', 'cursor');
  const name = names.length ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: others }) : others;
  const value = fc.oneof(
    hostileString.filter((s) => s.length < 1000).map(encodeLoosely),
    fc.constantFrom('%00', '%FF', '%', '-1', '1e309', '99999999999999999999', 'NaN', 'FR', 'WW', 'zh-Hant', 'x'.repeat(1000)),
  );
  return fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 2 }).map((pairs) => (pairs.length ? `?${pairs.map(([n, v]) => `${n}=${v}`).join('&')}` : ''));
}

/**
 * Malformed and hostile headers (values fetch can send: no C0 controls, but Latin-1 bytes such as
 * U+0085, which Node hands to the app as C1 controls). Sizes keep a
 * whole request under Node's 16 KiB header limit, which Node itself enforces before the app (431).
 */
export function headersArb(): fc.Arbitrary<Record<string, string>> {
  const table: Record<string, string[]> = {
    authorization: ['Bearer', 'Bearer ' + 'a'.repeat(600), 'Basic YTpi', 'Bearer podium_pat_\u0085\u00ff', 'Bearer \u00ff\u00fe', 'bearer  x y'],
    cookie: ['podium_session=%00', 'podium_session=' + 'x'.repeat(2000), 'podium_session=%E0%A4%A', '__proto__=1; constructor=2', 'podium_session="'],
    'x-csrf-token': ['', '\u0085', 'x'.repeat(1000)],
    'accept-language': ['*', 'zz-ZZZZ-1234567890', 'en;q=2', ',,,;q=', 'x'.repeat(2000), '\u00ff\u00fe', 'zh-Hant-HK;q=0.9, __proto__'],
    'if-match': ['*', '"x"', 'W/"x"', '\u0085', 'x'.repeat(1000)],
    range: ['bytes=0-', 'bytes=-0', 'bytes=5-1', 'bytes=99999999999999999999-', 'bytes=0-1,2-3', 'items=0-1'],
    'x-viewer-country': ['FR', 'HK', 'zz', '\u0085', 'WW', 'xx'.repeat(100)],
    'tus-resumable': ['1.0.0', '0.2', '\u0085'],
    'upload-length': ['-1', '1e309', '0', '18446744073709551616', 'abc'],
    'upload-offset': ['-1', '0', '1e309', 'abc'],
    'upload-metadata': ['programmeId AA==', 'programmeId', 'programmeId !!!', 'filename ' + Buffer.from('\u0000').toString('base64'), 'a b c d'],
    origin: ['http://evil.example', 'null', '\u0085', 'x'.repeat(500)],
    'x-forwarded-for': ['\u0085', '::ffff:999.1.1.1', 'x'.repeat(500)],
  };
  const one = fc.constantFrom(...Object.entries(table).flatMap(([name, values]) => values.map((v) => [name, v] as const)));
  return fc.array(one, { minLength: 1, maxLength: 2 }).map((pairs) => Object.fromEntries(pairs));
}

/** The request fields one change is made to (the rest of the request valid). */
export interface FuzzRequest {
  caller: 'anonymous' | 'translator' | 'editor';
  params: string[];
  query: string;
  headers: Record<string, string>;
  body: Body | undefined;
}

const CORE_TEXT = ['a\u0000b', '\ud800', 'x\u0085', 'line\nbreak'];
const CORE_SEGMENTS = ['a%00b', '%ED%A0%80', 'constructor', '__proto__', 'x'.repeat(1000)];
const CORE_QUERY = ['a%00b', '%C2%85', '%ED%A0%80', 'x'.repeat(1000), '-1', '1e309'];

/**
 * The same requests on every run, before the random ones: each query parameter, path
 * parameter and JSON place of the route given each kind of hostile value once (as an editor, who
 * gets furthest), so no field is left to chance.
 */
export function coreCases(route: { query: string[] }, baseline: FuzzRequest, sample: unknown): FuzzRequest[] {
  const cases: FuzzRequest[] = [];
  for (const name of route.query) for (const v of CORE_QUERY) cases.push({ ...baseline, query: `?${name}=${v}` });
  baseline.params.forEach((_, i) => {
    for (const seg of CORE_SEGMENTS) cases.push({ ...baseline, params: baseline.params.map((p, k) => (k === i ? seg : p)) });
  });
  if (baseline.body?.type === 'application/json') {
    const json = (v: unknown): FuzzRequest => ({ ...baseline, body: { type: 'application/json', data: JSON.stringify(v) } });
    for (const at of placesOf(sample)) {
      for (const v of [...CORE_TEXT, 12345, -1, null, [], {}]) cases.push(json(withAt(sample, at, v)));
      for (const k of ['__proto__', 'constructor']) cases.push(json(withAt(sample, at, 'x', k)));
    }
    cases.push(json(withAt(sample, [], MB)));
  }
  return cases;
}
