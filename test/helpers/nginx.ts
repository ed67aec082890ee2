// Debian's nginx (package nginx-light) run in the foreground on a temp prefix and a free port: the
// CDN in front of Podium in test/http/cdn-cache.test.ts, and the sendfile baseline of
// test/bench/delivery.bench.ts. Each instance has its own config, pid file, logs and temp
// folders under its prefix, and is stopped by its own process id.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from './media.js';

/** nginx's binary: NGINX_PATH, else Debian's /usr/sbin/nginx, else `nginx` on PATH; null when none runs. */
export function findNginx(): string | null {
  const candidates = [process.env.NGINX_PATH, '/usr/sbin/nginx', ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'nginx'))];
  for (const c of candidates) {
    if (!c) continue;
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not this one
    }
  }
  return null;
}

/** A port nothing listens on now (nginx binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Nginx {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** The prefix: nginx.conf, logs, temp folders (and whatever the http block puts there). */
  dir: string;
  process: ChildProcess;
  close(): Promise<void>;
}

export interface NginxOptions {
  /** The inside of the `http { }` block, given the port to listen on and the prefix folder. */
  http: (port: number, dir: string) => string;
  /** Worker processes (default 1: one process, as Podium is). */
  workers?: number;
}

/** Starts nginx with `daemon off;` and resolves once it accepts connections. */
export async function startNginx(opts: NginxOptions): Promise<Nginx> {
  const bin = findNginx();
  if (!bin) throw new Error('nginx is not installed (Debian: apt-get install nginx-light)');
  const dir = await tempDir('podium-nginx-');
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  // Running as root, nginx's workers would become `nobody`, who cannot read a 0700 temp folder.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  await writeFile(
    conf,
    `daemon off;
${user}
worker_processes ${opts.workers ?? 1};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types {
    application/vnd.apple.mpegurl m3u8;
    video/iso.segment m4s;
    video/mp4 mp4;
    image/jpeg jpg;
  }
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
${opts.http(port, dir)}
}
`,
  );
  const child = spawn(bin, ['-c', conf, '-p', `${dir}/`, '-e', `${dir}/error.log`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await readFile(`${dir}/error.log`, 'utf8').catch(() => '');
      throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}): ${stderr}${log}`);
    }
    if (await accepts(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`nginx did not listen on ${port} within 10 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    process: child,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
