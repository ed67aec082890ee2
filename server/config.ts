// The one place Podium reads environment variables. Every variable, its default and its
// meaning are listed in SETTINGS below; the README's configuration table is checked against
// this list by test/unit/server/config.test.ts so the two cannot drift apart.
// loadConfig() validates once and returns a frozen object; nothing else reads process.env.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { normalizeRegionCode } from './regions/index.js';
import { defaultAvailabilitySchema } from './rights/index.js';
import type { S3Settings } from './media/s3-client.js';

interface Setting<T extends z.ZodTypeAny> {
  env: string;
  schema: T;
  /** Default as a human reads it in the README. */
  doc: string;
  description: string;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** express's `trust proxy`: a hop count, or addresses / CIDR ranges / loopback, linklocal, uniquelocal. */
const trustProxySchema = z
  .string()
  .trim()
  .transform((v, ctx): number | string[] => {
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops >= 1 && hops <= 10) return hops;
      ctx.addIssue({ code: 'custom', message: 'a hop count is from 1 to 10' });
      return z.NEVER;
    }
    const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
    const bad = entries.find((e) => !isTrustedProxyEntry(e));
    if (!entries.length || bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `must be a hop count or addresses, CIDR ranges, loopback, linklocal, uniquelocal${bad ? ` (not one: ${JSON.stringify(bad)})` : ''}` });
      return z.NEVER;
    }
    return entries;
  });

function isTrustedProxyEntry(e: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(e)) return true;
  const [address, prefix, ...rest] = e.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function setting<T extends z.ZodTypeAny>(s: Setting<T>): Setting<T> {
  return s;
}

export const SETTINGS = {
  port: setting({ env: 'PORT', schema: int(0, 65535).default(8080), doc: '8080', description: 'HTTP port (0 picks a free one).' }),
  host: setting({ env: 'HOST', schema: z.string().default('0.0.0.0'), doc: '0.0.0.0', description: 'Interface the HTTP server listens on.' }),
  dataDir: setting({
    env: 'PODIUM_DATA_DIR',
    schema: z.string().min(1).default('data'),
    doc: './data',
    description: 'All runtime state: SQLite file, uploaded sources, renditions, logs.',
  }),
  databaseUrl: setting({
    env: 'DATABASE_URL',
    schema: z.string().optional(),
    doc: 'sqlite file `$PODIUM_DATA_DIR/podium.sqlite`',
    description: 'Database. `postgres://user@host:5432/db` selects PostgreSQL.',
  }),
  adminToken: setting({
    env: 'PODIUM_ADMIN_TOKEN',
    schema: z.string().min(16, 'must be at least 16 characters').optional(),
    doc: '(none)',
    description: 'Bootstrap API token accepted as an admin (fresh installs, scripts, tests).',
  }),
  adminEmail: setting({
    env: 'PODIUM_ADMIN_EMAIL',
    schema: z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')).optional(),
    doc: '(none)',
    description: 'With PODIUM_ADMIN_PASSWORD: at start, creates this admin account for the studio unless it exists.',
  }),
  adminPassword: setting({
    env: 'PODIUM_ADMIN_PASSWORD',
    schema: z.string().min(12, 'must be at least 12 characters').optional(),
    doc: '(none)',
    description: 'Password of the PODIUM_ADMIN_EMAIL account when it is created (changing it later has no effect).',
  }),
  secureCookies: setting({
    env: 'PODIUM_SECURE_COOKIES',
    schema: bool.default(false),
    doc: 'false',
    description: 'Behind HTTPS: the studio session cookie becomes `__Host-podium_session` with Secure (plain-HTTP development: `podium_session`).',
  }),
  sessionTtlSec: setting({
    env: 'PODIUM_SESSION_TTL_SEC',
    schema: int(300, 30 * 86400).default(12 * 3600),
    doc: '43200 (12 h)',
    description: 'Lifetime of a studio sign-in session.',
  }),
  uploadMaxBytes: setting({
    env: 'PODIUM_UPLOAD_MAX_BYTES',
    schema: z.coerce.number().int().positive().default(20 * 1024 ** 3),
    doc: '21474836480 (20 GiB)',
    description: 'Largest accepted source upload; larger bodies get 413.',
  }),
  uploadExpirySec: setting({
    env: 'PODIUM_UPLOAD_EXPIRY_SEC',
    schema: int(1, 365 * 86400).default(24 * 3600),
    doc: '86400 (24 h)',
    description:
      'An unfinished resumable upload (`/api/uploads`) expires this long after its creation: it is refused (410) and its partial file is removed by a sweep that runs at start and then every quarter of this period (at most hourly).',
  }),
  headersTimeoutSec: setting({
    env: 'PODIUM_HEADERS_TIMEOUT_SEC',
    schema: int(1, 600).default(30),
    doc: '30',
    description: 'Time a client has to send the request line and headers (a slow-loris guard); past it the answer is 408 `request_timeout` and the connection is closed (checked every half of this time, at most every 15 s).',
  }),
  bodyTimeoutSec: setting({
    env: 'PODIUM_BODY_TIMEOUT_SEC',
    schema: int(1, 3600).default(30),
    doc: '30',
    description: 'Time a client has to send the whole body of a request that is not an upload (JSON, beacons), counted from the end of its headers; past it 408 `request_timeout` and the connection is closed.',
  }),
  uploadIdleTimeoutSec: setting({
    env: 'PODIUM_UPLOAD_IDLE_TIMEOUT_SEC',
    schema: int(1, 3600).default(120),
    doc: '120',
    description: 'Uploads (source, audio, poster and subtitle PUTs, resumable uploads at `/api/uploads`) have no total deadline, however large; one that sends no byte for this long gets 408 `request_timeout` and its connection is closed (a resumable upload goes on from its last offset).',
  }),
  workers: setting({
    env: 'PODIUM_WORKERS',
    schema: int(0, 64).default(1),
    doc: '1',
    description: 'Jobs (transcodes, audio languages) run at once by this process: a server\'s in-process workers (0 = none, HTTP only) or, for `npm run worker`, its slots (at least 1).',
  }),
  workerPort: setting({
    env: 'PODIUM_WORKER_PORT',
    schema: int(0, 65535).default(9090),
    doc: '9090',
    description: '`npm run worker`: the port of its only HTTP answers, `/healthz`, `/readyz` and `/metrics` (0 picks a free one).',
  }),
  redisUrl: setting({
    env: 'REDIS_URL',
    schema: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
    doc: '(none: jobs queue in the database)',
    description: 'Redis for the job queue (BullMQ), for workers on many machines. The database stays the record of every job; Redis may lose its data (the reconciler queues unfinished jobs again).',
  }),
  redisPrefix: setting({
    env: 'PODIUM_REDIS_PREFIX',
    schema: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only').default('podium'),
    doc: 'podium',
    description: 'Prefix of every Redis key Podium writes (several installations can share one Redis).',
  }),
  jobReconcileSec: setting({
    env: 'PODIUM_JOB_RECONCILE_SEC',
    schema: int(1, 3600).default(15),
    doc: '15',
    description: 'With REDIS_URL: how often each process puts back into Redis the jobs the database has as queued or running that Redis does not know (after Redis lost its data).',
  }),
  dbPoolMax: setting({
    env: 'PODIUM_DB_POOL_MAX',
    schema: int(2, 500).default(10),
    doc: '10',
    description: 'PostgreSQL: most connections this process opens (size it so servers × this + workers × this stays under the server\'s max_connections).',
  }),
  dbPoolMin: setting({
    env: 'PODIUM_DB_POOL_MIN',
    schema: int(0, 500).default(0),
    doc: '0',
    description: 'PostgreSQL: connections kept open while idle.',
  }),
  jobLeaseSec: setting({
    env: 'PODIUM_JOB_LEASE_SEC',
    schema: int(2, 3600).default(30),
    doc: '30',
    description: 'A running job whose lease is not renewed for this long is taken up by another worker: a dead worker is noticed within this time (with REDIS_URL, within one and a half of it: BullMQ checks for stalled jobs every half lease).',
  }),
  demo: setting({
    env: 'PODIUM_DEMO',
    schema: bool.default(true),
    doc: 'true',
    description: 'On start, generate and publish the demo catalog from content/ when missing, then, once its programmes are packaged, the demo channel `olympic-channel` when missing.',
  }),
  ffmpegPath: setting({ env: 'FFMPEG_PATH', schema: z.string().optional(), doc: '`ffmpeg` on PATH', description: 'ffmpeg binary (5.0 or newer).' }),
  ffprobePath: setting({ env: 'FFPROBE_PATH', schema: z.string().optional(), doc: '`ffprobe` on PATH', description: 'ffprobe binary (5.0 or newer).' }),
  logLevel: setting({
    env: 'LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'info',
    description: 'pino log level.',
  }),
  defaultAvailability: setting({
    env: 'PODIUM_DEFAULT_AVAILABILITY',
    schema: defaultAvailabilitySchema,
    doc: 'worldwide',
    description: "Availability window a new programme gets: `worldwide` (WW from creation, open-ended) or `none` (no window until a rights manager sets one).",
  }),
  defaultRegion: setting({
    env: 'PODIUM_DEFAULT_REGION',
    schema: z.string().refine((v) => normalizeRegionCode(v) !== null, 'must be an ISO 3166-1 alpha-2 code or WW').transform((v) => normalizeRegionCode(v)!).default('WW'),
    doc: 'WW',
    description: 'Viewer region when neither `?region=` nor the trusted CDN header says.',
  }),
  regionHeader: setting({
    env: 'PODIUM_REGION_HEADER',
    schema: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name').transform((v) => v.toLowerCase()).optional(),
    doc: '(none)',
    description: 'Request header a trusted CDN sets to the viewer\'s country (e.g. `cloudfront-viewer-country`). When set, it alone decides the region (else `PODIUM_DEFAULT_REGION`): `?region=` is ignored, so a viewer cannot name another territory to widen their rights. Unset = headers are not trusted and `?region=` is honoured.',
  }),
  trustProxy: setting({
    env: 'PODIUM_TRUST_PROXY',
    schema: trustProxySchema.optional(),
    doc: '(none)',
    description:
      'Reverse proxies or CDN in front of Podium whose `X-Forwarded-For` is believed: a hop count (`1`) or a comma-separated list of addresses, CIDR ranges and `loopback`, `linklocal`, `uniquelocal`. The client address it yields is what sign-in rate limits count (per account and address, and per address); unset = the connecting socket\'s address, and the header is ignored (a client cannot spoof it).',
  }),
  playbackSecret: setting({
    env: 'PODIUM_PLAYBACK_SECRET',
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    doc: '(random per process)',
    description: 'HMAC key of signed playback URLs; set the same value on every server (a random one means URLs die with the process).',
  }),
  playbackTokenTtlSec: setting({
    env: 'PODIUM_PLAYBACK_TOKEN_TTL_SEC',
    schema: int(60, 7 * 24 * 3600).default(4 * 3600),
    doc: '14400',
    description: 'Lifetime of a signed playback URL (never beyond the end of the rights window).',
  }),
  playbackTokenBucketSec: setting({
    env: 'PODIUM_PLAYBACK_TOKEN_BUCKET_SEC',
    schema: int(1, 24 * 3600).default(300),
    doc: '300',
    description:
      "Signed playback URLs expire on multiples of this (at least `PODIUM_PLAYBACK_TOKEN_TTL_SEC` away, rounded up), for programmes and live channels alike: every viewer of a region within one bucket gets the same URL for a file, so a CDN keeps one copy per region and bucket rather than one per viewer.",
  }),
  mediaCacheMb: setting({
    env: 'PODIUM_MEDIA_CACHE_MB',
    schema: int(0, 1024 * 1024).default(256),
    doc: '256',
    description:
      'Memory (MiB) for published media files served at `/media/t/…` (segments, init segments, on-demand playlists, posters): least recently used leave first (once it is full, a file goes in on its second request), files over 16 MiB (or a quarter of this) are streamed from the store. Rendition folders never change, so nothing served from it is stale. 0 = read the store on every request.',
  }),
  channelDvrSec: setting({
    env: 'PODIUM_CHANNEL_DVR_SEC',
    schema: int(30, 6 * 3600).default(2 * 3600),
    doc: '7200',
    description:
      "How far back a live channel's viewers can seek (start-over, the guide's past programmes): the window of its media playlists. Delta updates keep a refresh to a few kB however long it is; signed URLs live at least `PODIUM_PLAYBACK_TOKEN_TTL_SEC`, which must exceed it.",
  }),
  catalogCacheSec: setting({
    env: 'PODIUM_CATALOG_CACHE_SEC',
    schema: int(0, 3600).default(5),
    doc: '5',
    description:
      "Viewer lists (`GET /api/programmes`) are served from an in-memory copy of the published catalog, refreshed at once on this server's own writes and after at most this many seconds for another server's (0 = read the database on every request). Rights windows still open and close to the second. Live channels re-read their schedule as often, so an edit of what a channel airs (its schedule, or the rights or publication of a programme on it) takes effect at the first 2 s slot at least this long after the write: every server has read it by then, and none rewrites what it already listed.",
  }),
  loudnessTarget: setting({
    env: 'PODIUM_LOUDNESS_TARGET',
    schema: z.coerce.number().min(-36).max(-10).default(-23),
    doc: '-23',
    description: 'Integrated loudness (LUFS) every audio rendition is normalized to, true peak ≤ −1 dBTP: −23 is EBU R128 broadcast, −16 suits web-first channels.',
  }),
  // Issue 13: media in S3-compatible object storage (AWS S3, Ceph, MinIO, OpenStack Swift, OSS…).
  s3Endpoint: setting({
    env: 'PODIUM_S3_ENDPOINT',
    schema: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    doc: '(none: media on local disk)',
    description:
      'S3-compatible endpoint (`http://127.0.0.1:8095` from `npm run services:s3`). With the four settings below, sources, renditions, posters, audio languages, subtitles, the slate and unfinished resumable uploads live in the bucket instead of `$PODIUM_DATA_DIR`; every server and worker must name the same bucket. All five or none.',
  }),
  s3Bucket: setting({
    env: 'PODIUM_S3_BUCKET',
    schema: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3-63 of a-z 0-9 . -)').optional(),
    doc: '(none)',
    description: 'The bucket (it must exist).',
  }),
  s3Region: setting({ env: 'PODIUM_S3_REGION', schema: z.string().min(1).optional(), doc: '(none)', description: 'The region requests are signed for (`us-east-1` for most non-AWS servers).' }),
  s3AccessKeyId: setting({ env: 'PODIUM_S3_ACCESS_KEY_ID', schema: z.string().min(1).optional(), doc: '(none)', description: 'Access key id of the credentials Podium signs requests with.' }),
  s3SecretAccessKey: setting({ env: 'PODIUM_S3_SECRET_ACCESS_KEY', schema: z.string().min(1).optional(), doc: '(none)', description: 'Secret of that access key.' }),
  s3PathStyle: setting({
    env: 'PODIUM_S3_PATH_STYLE',
    schema: bool.default(true),
    doc: 'true',
    description: 'Path-style addressing (`<endpoint>/<bucket>/<key>`), which Swift, MinIO and Ceph expect; `false` for virtual-hosted style (`<bucket>.<endpoint host>`).',
  }),
  s3OrphanGraceSec: setting({
    env: 'PODIUM_S3_ORPHAN_GRACE_SEC',
    schema: int(60, 30 * 86400).default(86400),
    doc: '86400 (24 h)',
    description:
      'A rendition in the bucket that no programme names (replaced by a newer one, or left by a worker that died before publishing) is removed by the housekeeping once its newest file is this old. At least `PODIUM_PLAYBACK_TOKEN_TTL_SEC`: viewers keep playing a replaced rendition until their signed URLs expire.',
  }),
} as const;

type Settings = typeof SETTINGS;
export type Config = Readonly<{ [K in keyof Settings]: z.output<Settings[K]['schema']> }> & {
  /** Absolute form of dataDir. */
  readonly dataPath: string;
  /** Resolved database URL (sqlite:… when DATABASE_URL is not set). */
  readonly database: string;
  /** The object storage media live in (all five PODIUM_S3_* set), else null: local disk. */
  readonly s3: S3Settings | null;
};

export class ConfigError extends Error {}

/** Reads and validates the environment once. Throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Settings, unknown>> = {}): Config {
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(SETTINGS) as [keyof Settings, Setting<z.ZodTypeAny>][]) {
    const raw = key in overrides ? overrides[key] : env[s.env] === '' ? undefined : env[s.env];
    const parsed = s.schema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(`${s.env}: ${parsed.error.issues[0]?.message ?? 'invalid value'} (got ${JSON.stringify(raw)})`);
    }
    out[key] = parsed.data;
  }
  // A live channel's delta updates keep old segments' URLs for the whole DVR window.
  if ((out.playbackTokenTtlSec as number) <= (out.channelDvrSec as number)) {
    throw new ConfigError(`PODIUM_PLAYBACK_TOKEN_TTL_SEC: must exceed PODIUM_CHANNEL_DVR_SEC (${String(out.channelDvrSec)}), or a viewer seeking back in a channel meets expired URLs (got ${String(out.playbackTokenTtlSec)})`);
  }
  const dataPath = path.resolve(out.dataDir as string);
  const database = (out.databaseUrl as string | undefined) ?? `sqlite:${path.join(dataPath, 'podium.sqlite')}`;
  return Object.freeze({ ...out, dataPath, database, s3: objectStorage(out) }) as Config;
}

const S3_KEYS = ['s3Endpoint', 's3Bucket', 's3Region', 's3AccessKeyId', 's3SecretAccessKey'] as const;

/** All five PODIUM_S3_* settings, or none: half a configuration would silently store media on disk. */
function objectStorage(out: Record<string, unknown>): S3Settings | null {
  const missing = S3_KEYS.filter((k) => out[k] === undefined);
  if (missing.length === S3_KEYS.length) return null;
  if (missing.length) throw new ConfigError(`${SETTINGS[missing[0]!].env}: must be set with ${S3_KEYS.filter((k) => !missing.includes(k)).map((k) => SETTINGS[k].env).join(', ')} (object storage needs all five PODIUM_S3_* settings)`);
  if ((out.s3OrphanGraceSec as number) < (out.playbackTokenTtlSec as number)) {
    throw new ConfigError(`PODIUM_S3_ORPHAN_GRACE_SEC: must be at least PODIUM_PLAYBACK_TOKEN_TTL_SEC (${String(out.playbackTokenTtlSec)}), or a replaced rendition is removed under viewers still playing it (got ${String(out.s3OrphanGraceSec)})`);
  }
  return {
    endpoint: out.s3Endpoint as string,
    bucket: out.s3Bucket as string,
    region: out.s3Region as string,
    accessKeyId: out.s3AccessKeyId as string,
    secretAccessKey: out.s3SecretAccessKey as string,
    pathStyle: out.s3PathStyle as boolean,
  };
}
