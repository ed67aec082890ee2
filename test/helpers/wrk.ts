// wrk (the Debian package) for the benches: run it, read its --latency report. A JavaScript load
// generator is slower than the servers measured on multi-MB bodies; wrk is not.
import { execFile } from 'node:child_process';

export interface WrkFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Bytes read per second. */
  bytesPerSec: number;
  /** Non-2xx/3xx answers and socket errors together: a run with any is not a measure of the target. */
  failures: number;
}

export interface WrkRun {
  url: string;
  durationSec: number;
  connections: number;
  threads: number;
  /** wrk leaves requests slower than its timeout out of its percentiles: long enough that none is (s). */
  timeoutSec: number;
  /** A Lua script (e.g. one that cycles through paths). */
  script?: string;
  /** Request headers (e.g. Accept-Encoding). */
  headers?: Record<string, string>;
  /** wrk's binary (default BENCH_WRK or `wrk`). */
  bin?: string;
}

/** wrk's durations ("812.00us", "3.41ms", "1.02s") in ms. */
export function wrkMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`wrk duration "${text}"`);
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
}

const SIZE = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;

/** The figures of wrk --latency's report. */
export function parseWrk(out: string): WrkFigures {
  const num = (re: RegExp) => {
    const m = re.exec(out);
    if (!m) throw new Error(`wrk output lacks ${re}:\n${out}`);
    return m[1]!;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const transfer = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB)/.exec(out);
  return {
    rps: Number(num(/Requests\/sec:\s+([\d.]+)/)),
    p50: wrkMs(num(/^\s+50%\s+(\S+)\s*$/m)),
    p99: wrkMs(num(/^\s+99%\s+(\S+)\s*$/m)),
    requests: Number(num(/(\d+) requests in/)),
    bytesPerSec: transfer ? Number(transfer[1]) * SIZE[transfer[2] as keyof typeof SIZE] : NaN,
    failures: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
  };
}

/** wrk's report of one run. */
export function runWrk(r: WrkRun): Promise<string> {
  const bin = r.bin ?? process.env.BENCH_WRK ?? 'wrk';
  const args = ['-t', String(r.threads), '-c', String(r.connections), '-d', `${r.durationSec}s`, '--timeout', `${r.timeoutSec}s`, '--latency', ...(r.script ? ['-s', r.script] : []), ...Object.entries(r.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), r.url];
  return new Promise((resolve, reject) => {
    execFile(bin, args, { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin}: ${err.message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

/** "wrk 4.1.0 [epoll]" (wrk prints its version in its usage text and exits 1). */
export function wrkVersion(bin = process.env.BENCH_WRK ?? 'wrk'): Promise<string> {
  return new Promise((resolve) => execFile(bin, ['--version'], (_err, stdout) => resolve(stdout.split('\n')[0]!.replace(/\s+Copyright.*$/, '').trim())));
}
