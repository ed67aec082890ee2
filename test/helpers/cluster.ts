// Real Podium processes for the scale-out tests and benchmarks (issue 13): `npm run worker`
// children, each in a process group of its own (killed whole, worker and ffmpeg, like a dead
// machine), and an API client for spawned servers.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface WorkerChild {
  child: ChildProcess;
  pid: number;
  /** Resolves once the process has exited (with its code or signal). */
  exited: Promise<number | NodeJS.Signals | null>;
  /** Signals the whole process group and waits for the worker to exit. */
  stop(signal: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
  /** What it wrote so far (pino JSON lines). */
  output(): string;
}

/** `server/main.ts --worker` (what `npm run worker` runs) with env; resolves once it takes jobs. */
export function startWorkerChild(env: Record<string, string>): Promise<WorkerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), '--worker'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let out = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (out.includes('Podium worker started')) {
        resolve({
          child,
          pid: child.pid!,
          exited,
          output: () => out,
          async stop(signal) {
            if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
            return exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${out.slice(-2000)}`)));
  });
}

/** fetch() against a spawned server, with its admin token when `auth` is true. */
export function serverApi(baseUrl: string, adminToken: string) {
  return {
    baseUrl,
    api(pathname: string, init: RequestInit & { auth?: boolean } = {}): Promise<Response> {
      const { auth, headers, ...rest } = init;
      return fetch(new URL(pathname, baseUrl), { ...rest, headers: { ...(auth ? { authorization: `Bearer ${adminToken}` } : {}), ...(headers as Record<string, string> | undefined) } });
    },
  };
}

/** Polls until `probe` is true (or throws after `ms`). */
export async function until(probe: () => Promise<boolean>, ms = 5 * 60_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
