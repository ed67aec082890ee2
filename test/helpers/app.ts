/**
 * Test helpers that run the real app on a temporary data dir and SQLite file:
 * - startTestApp(): in this process, on a free port (fast; for most HTTP tests);
 * - spawnServer(): `server/main.ts` as a child process (for crash/restart tests).
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig, SETTINGS, type Config } from '../../server/config.js';
import { startPodium, type Podium, type PodiumOptions } from '../../server/podium.js';
import { SLATE_EXTERNAL_ID } from '../../server/catalog/programmes.js';
import { tempDir, testBinaries } from './media.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type SettingOverrides = Partial<Record<keyof typeof SETTINGS, unknown>>;

export interface TestApp {
  baseUrl: string;
  adminToken: string;
  dataDir: string;
  config: Config;
  podium: Podium;
  /** fetch() relative to baseUrl, with the admin token when `auth` is true. */
  api(pathname: string, init?: RequestInit & { auth?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Settings by key (e.g. { uploadMaxBytes: 1000 }); defaults: demo off, lease 2 s, silent logs. */
  settings?: SettingOverrides;
  dataDir?: string;
  transcode?: PodiumOptions['transcode'];
  playerDir?: string;
  localesDir?: string;
  contentDir?: string;
  /** Package the channel slate at start, as production does (default false: its transcode would run in every test app). */
  ensureSlate?: boolean;
  /** The app's clock (rights, tokens, channels); default the real one. */
  now?: () => Date;
}

export function newAdminToken(): string {
  return `test-${randomBytes(16).toString('hex')}`;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? (await tempDir('podium-app-'));
  const adminToken = newAdminToken();
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      adminToken,
      demo: 'false',
      jobLeaseSec: 2,
      logLevel: process.env.LOG_LEVEL ?? 'silent',
      ...opts.settings,
    },
  );
  const logger = pino({ level: config.logLevel });
  const podium = await startPodium({
    config,
    logger,
    bins: await testBinaries(),
    preset: 'ultrafast',
    transcode: opts.transcode,
    playerDir: opts.playerDir,
    localesDir: opts.localesDir,
    contentDir: opts.contentDir,
    ensureSlate: opts.ensureSlate ?? false,
    now: opts.now,
  });
  // Tests see the catalog as it is once seeding is over (it runs in the background in production).
  await podium.demo;
  return asTestApp(podium, adminToken, dataDir, config);
}

/** The TestApp face of a started Podium. */
function asTestApp(podium: Podium, adminToken: string, dataDir: string, config: Config): TestApp {
  const baseUrl = podium.url;
  return {
    baseUrl,
    adminToken,
    dataDir,
    config,
    podium,
    api(pathname, init = {}) {
      const { auth, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (auth) headers.set('authorization', `Bearer ${adminToken}`);
      return fetch(baseUrl + pathname, { ...rest, headers });
    },
    close: () => podium.close(),
  };
}

/**
 * The real app for a bench (test/bench/), in the bench's server process: PODIUM_* settings from the
 * environment apply, on a temp data dir, demo off, logs at BENCH_LOG_LEVEL (silent).
 */
export async function startBenchApp(opts: { dataDirPrefix: string; ensureSlate: boolean }): Promise<TestApp> {
  const dataDir = await tempDir(opts.dataDirPrefix);
  const adminToken = `bench-${randomBytes(16).toString('hex')}`;
  const config = loadConfig(
    { ...process.env, PODIUM_DATA_DIR: dataDir },
    { port: 0, host: '127.0.0.1', demo: 'false', adminToken, playbackSecret: randomBytes(32).toString('hex'), logLevel: process.env.BENCH_LOG_LEVEL ?? 'silent' },
  );
  const podium = await startPodium({ config, logger: pino({ level: config.logLevel }), bins: await testBinaries(), preset: 'ultrafast', ensureSlate: opts.ensureSlate });
  return asTestApp(podium, adminToken, dataDir, config);
}

export interface ChildServer {
  baseUrl: string;
  child: ChildProcess;
  /** Every log line (pino JSON) the child wrote so far. */
  logs: Record<string, unknown>[];
  /** Resolves with the exit code (or signal) once the child has exited. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** Resolves with the first log line matching the predicate. */
  waitForLog(pred: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  kill(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
}

/** Runs `tsx server/main.ts` with env (PORT=0 unless given); resolves once it listens. */
export async function spawnServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters = new Set<{ pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }>();
  let stderr = '';
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) !== -1) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        parsed = { msg: line };
      }
      logs.push(parsed);
      for (const w of [...waiters]) if (w.pred(parsed)) (waiters.delete(w), w.resolve(parsed));
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));

  const waitForLog = (pred: (l: Record<string, unknown>) => boolean, ms = timeoutMs) => {
    const seen = logs.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const w = { pred, resolve: (l: Record<string, unknown>) => (clearTimeout(timer), resolve(l)) };
      const timer = setTimeout(() => {
        waiters.delete(w);
        reject(new Error(`child server: no matching log line within ${ms} ms; stderr: ${stderr.slice(-2000)}`));
      }, ms);
      waiters.add(w);
      exited.then((code) => {
        if (!waiters.has(w)) return;
        waiters.delete(w);
        clearTimeout(timer);
        reject(new Error(`child server exited (${code}) before the expected log line; stderr: ${stderr.slice(-2000)}`));
      });
    });
  };

  const listening = await waitForLog((l) => l.msg === 'Podium is listening');
  return {
    baseUrl: String(listening.url),
    child,
    logs,
    exited,
    waitForLog,
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A request with bytes fetch() would refuse to send (raw header values, raw paths). */
export function rawRequest(baseUrl: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) {
  const url = new URL(baseUrl);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, insecureHTTPParser: true }, (res) => {
      let data = '';
      res.setEncoding('latin1').on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * An answer in a form two answers of the same file compare in: status, headers less those of the
 * connection and the date, the body as bytes; its request id checked and left out (it differs).
 */
export async function comparableAnswer(baseUrl: string, path: string, requestHeaders?: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const res = await rawRequest(baseUrl, { path, headers: requestHeaders });
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, 'x-request-id': reqId, ...headers } = res.headers;
  expect(reqId, 'a request id').to.match(/^[0-9a-f-]{36}$/);
  return { status: res.status, headers, body: Buffer.from(res.body, 'latin1') };
}

export interface JobView {
  id: string;
  programmeId: string;
  state: string;
  progress: number;
  etaSec: number | null;
  error: string | null;
}

/** The response's JSON body, after checking its status (the body is shown when it differs). */
export async function expectJson<T>(res: Response, status: number): Promise<T> {
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).to.equal(status);
  return body;
}

/** Polls until the channel slate is packaged (start the app with `ensureSlate: true`); its rendition. */
export async function waitForSlate(app: { podium: Podium }, timeoutMs = 120_000): Promise<NonNullable<Awaited<ReturnType<Podium['slate']['current']>>>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await app.podium.slate.current();
    if (current) return current;
    const row = await app.podium.catalog.findByExternalId(SLATE_EXTERNAL_ID);
    if (row?.status === 'failed') throw new Error('the channel slate failed to package (see its job)');
    if (Date.now() > deadline) throw new Error(`the channel slate is still not packaged after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Polls GET /api/jobs/:id (as the admin: job status needs programme:read) until the job has succeeded or failed. */
export async function waitForJob(app: { api(p: string, init?: { auth?: boolean }): Promise<Response> }, jobId: string, timeoutMs = 90_000): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await expectJson<JobView>(await app.api(`/api/jobs/${jobId}`, { auth: true }), 200));
    if (job.state === 'succeeded' || job.state === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
