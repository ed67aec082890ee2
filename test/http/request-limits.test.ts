// Slow and oversized requests over real sockets (issue 16.6): a body trickled into a small-body
// route is answered 408 and its connection closed; so are headers sent too slowly; a declared
// Content-Length past a route's limit is answered 413 before any of the body is sent; an
// upload has no deadline (a steady one goes on past it) but may not stall. The settings are
// tiny (1–3 s) so the cuts come quickly; the only time bound asserted is a generous "closed
// within GUARD_MS", far shorter than the trickled body would take.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app.js';

const GUARD_MS = 20_000;
const IDLE_SEC = 3;

interface Answer {
  status: number;
  head: string;
  body: { error?: { code: string; message: string; limit?: number } };
}

describe('HTTP: slow and oversized requests', function () {
  let app: TestApp;
  let programmeId: string;

  before(async () => {
    // No worker: an accepted upload stays queued (nothing here needs it transcoded).
    app = await startTestApp({ settings: { headersTimeoutSec: 1, bodyTimeoutSec: 1, uploadIdleTimeoutSec: IDLE_SEC, workers: 0 } });
    const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: 'Marathon' } } }) });
    expect(res.status).to.equal(201);
    programmeId = ((await res.json()) as { id: string }).id;
  });
  after(() => app?.close());

  /** Connects, lets `drive` write, and resolves with the server's answer once the server has closed the connection. */
  function exchange(drive: (socket: net.Socket) => void): Promise<Answer> {
    const { hostname, port } = new URL(app.baseUrl);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname);
      const chunks: Buffer[] = [];
      const guard = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the server still had the connection open after ${GUARD_MS} ms`));
      }, GUARD_MS);
      socket.on('data', (d: Buffer) => chunks.push(d));
      socket.on('error', () => undefined); // a reset after the answer is fine: 'close' follows
      socket.on('close', () => {
        clearTimeout(guard);
        const text = Buffer.concat(chunks).toString('utf8');
        const [head = '', body = ''] = text.split('\r\n\r\n');
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
        try {
          resolve({ status, head, body: body ? (JSON.parse(body) as Answer['body']) : {} });
        } catch {
          reject(new Error(`not a JSON answer: ${text}`));
        }
      });
      socket.on('connect', () => drive(socket));
    });
  }

  /** Writes `text`, then one more byte of `drip` every `everyMs` for as long as the connection is open. */
  function trickle(socket: net.Socket, text: string, drip: string, everyMs = 200): void {
    socket.write(text);
    let i = 0;
    const timer = setInterval(() => {
      if (socket.writable) socket.write(drip[i++ % drip.length]!);
    }, everyMs);
    socket.on('close', () => clearInterval(timer));
  }

  const refused = (a: Answer, status: number, code: string) => {
    expect(a.status, a.head).to.equal(status);
    expect(a.body.error?.code, JSON.stringify(a.body)).to.equal(code);
    expect(a.body.error?.message).to.be.a('string').that.is.not.empty;
    expect(a.head).to.match(/\r\nConnection: close(\r\n|$)/i);
  };

  it('answers 408 to beacons trickled into POST /api/qoe (anonymous) and closes every connection', async () => {
    // 1 000 bytes at 5 a second would take 200 s; chunked ones never end.
    const declared = 'POST /api/qoe HTTP/1.1\r\nHost: podium\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"beacons":[';
    const chunked = 'POST /api/qoe HTTP/1.1\r\nHost: podium\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => exchange((s) => trickle(s, declared, ' '))),
      exchange((s) => trickle(s, chunked, '1\r\n \r\n')),
    ]);
    for (const a of answers) refused(a, 408, 'request_timeout');
  });

  it('closes a trickling connection even when the route answered without reading the body', async () => {
    // Node would read (and discard) the rest of the body to keep the connection; every byte restarts its keep-alive timer.
    const a = await exchange((s) =>
      trickle(s, `POST /api/programmes/${programmeId}/publish HTTP/1.1\r\nHost: podium\r\nAuthorization: Bearer ${app.adminToken}\r\nContent-Length: 1000\r\n\r\n{`, ' '),
    );
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
  });

  it('cuts headers sent too slowly (slow loris) with 408, and a connection that sends nothing', async () => {
    const [loris, silent] = await Promise.all([exchange((s) => trickle(s, 'POST /api/qoe HTTP/1.1\r\nHost: podium\r\n', 'X-Pad: y\r\n')), exchange(() => undefined)]);
    refused(loris, 408, 'request_timeout');
    expect(silent.status).to.equal(408);
  });

  it('answers a malformed request in the error shape', async () => {
    refused(await exchange((s) => s.write('GET /\x01 HTTP/1.1\r\nHost: podium\r\n\r\n')), 400, 'bad_request');
  });

  it("answers 413 to a declared Content-Length past the route's limit before the body is sent", async () => {
    const auth = `Authorization: Bearer ${app.adminToken}\r\n`;
    for (const [request, limit] of [
      ['POST /api/qoe HTTP/1.1\r\nContent-Type: application/json\r\n', 32 * 1024],
      ['POST /api/qoe HTTP/1.1\r\nContent-Type: text/plain\r\n', 32 * 1024],
      ['POST /api/auth/login HTTP/1.1\r\nContent-Type: application/json\r\n', 8 * 1024],
      [`PATCH /api/programmes/${programmeId} HTTP/1.1\r\n${auth}Content-Type: application/json\r\n`, 64 * 1024],
      [`PUT /api/translations/fr/player HTTP/1.1\r\n${auth}Content-Type: application/json\r\n`, 1024 * 1024],
      [`PUT /api/programmes/${programmeId}/subtitles/fr HTTP/1.1\r\n${auth}Content-Type: text/vtt\r\n`, 5 * 1024 * 1024],
    ] as const) {
      // Only the headers: a server waiting for the body would answer 408 at the deadline instead.
      const a = await exchange((s) => s.write(`${request}Host: podium\r\nContent-Length: ${limit + 1}\r\n\r\n`));
      refused(a, 413, 'payload_too_large');
      expect(a.body.error?.limit, request).to.equal(limit);
    }
  });

  it('lets a source upload that sends steadily run past the body deadline and the idle time', async () => {
    const chunks = Array.from({ length: 14 }, (_, i) => Buffer.alloc(64, i + 1));
    const length = chunks.reduce((n, c) => n + c.length, 0);
    const a = await exchange((s) => {
      s.write(`PUT /api/programmes/${programmeId}/source HTTP/1.1\r\nHost: podium\r\nAuthorization: Bearer ${app.adminToken}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`);
      // 14 × 300 ms: longer than the 1 s deadline and the idle time, never idle for long
      const timer = setInterval(() => {
        const next = chunks.shift();
        if (next) s.write(next);
        else clearInterval(timer);
      }, 300);
      s.on('close', () => clearInterval(timer));
    });
    expect(a.status, JSON.stringify(a.body)).to.equal(202);
  });

  it('answers 408 to a source upload that stalls, and keeps nothing of it', async () => {
    const id = await newProgramme();
    const a = await exchange((s) => {
      s.write(`PUT /api/programmes/${id}/source HTTP/1.1\r\nHost: podium\r\nAuthorization: Bearer ${app.adminToken}\r\nContent-Length: 1000\r\n\r\n`);
      s.write(Buffer.alloc(100, 7));
    });
    refused(a, 408, 'request_timeout');
    await eventually(() => expect(leftovers(id)).to.deep.equal([]));
    expect(await app.podium.models.Job.count({ where: { programmeId: id } })).to.equal(0);
  });

  it('answers 408 to a resumable PATCH that stalls; the upload goes on from what arrived', async () => {
    const id = await newProgramme();
    const tus = { 'tus-resumable': '1.0.0', authorization: `Bearer ${app.adminToken}` };
    const created = await app.api('/api/uploads', { method: 'POST', headers: { ...tus, 'upload-length': '1000', 'upload-metadata': `programmeId ${Buffer.from(id).toString('base64')}` } });
    expect(created.status).to.equal(201);
    const location = created.headers.get('location')!;
    const a = await exchange((s) => {
      s.write(
        `PATCH ${location} HTTP/1.1\r\nHost: podium\r\nAuthorization: Bearer ${app.adminToken}\r\nTus-Resumable: 1.0.0\r\n` +
          'Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: 1000\r\n\r\n',
      );
      s.write(Buffer.alloc(100, 7));
    });
    refused(a, 408, 'request_timeout');
    await eventually(async () => {
      const head = await app.api(location, { method: 'HEAD', headers: tus });
      expect(head.status).to.equal(200);
      expect(head.headers.get('upload-offset')).to.equal('100');
    });
  });

  async function newProgramme(): Promise<string> {
    const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localizations: { en: { title: `Stalled ${randomUUID()}` } } }) });
    return ((await res.json()) as { id: string }).id;
  }

  function leftovers(id: string): string[] {
    const dir = path.join(app.dataDir, 'uploads', id);
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  }

  async function eventually(check: () => unknown | Promise<unknown>): Promise<void> {
    const until = Date.now() + GUARD_MS;
    for (;;) {
      try {
        await check();
        return;
      } catch (err) {
        if (Date.now() > until) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
});
