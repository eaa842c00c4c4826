// The connection cap shared by the sandbox and the recording proxy, against a flood of real
// sockets on 127.0.0.1: past the cap, a bounded number are answered 503 at a time and the rest are
// closed as they are accepted, every one of them ends within a bounded time, and the server still
// serves afterwards. Each socket here ends by itself.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import { applyLimits, BUSY_ANSWER_MS, DEFAULT_LIMITS, resolveLimits, serverOptions, stopServer } from '../../../src/common/serverLimits';

const BUSY_ANSWERS = DEFAULT_LIMITS.busyAnswers;

const CAP = 2;
const FLOOD = BUSY_ANSWERS + 60;

interface Ending {
  /** Bytes the server sent before closing. */
  received: number;
  closedAfterMs: number;
}

function connect(port: number, request?: string): Promise<{ socket: net.Socket; ended: Promise<Ending> }> {
  return new Promise((connected, failed) => {
    const started = Date.now();
    let received = 0;
    const socket = net.connect(port, '127.0.0.1');
    const ended = new Promise<Ending>((resolve) => {
      socket.on('data', (chunk) => (received += chunk.length));
      socket.on('close', () => resolve({ received, closedAfterMs: Date.now() - started }));
    });
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      if (request !== undefined) {
        socket.write(request);
      }
      connected({ socket, ended });
    });
    socket.once('error', failed);
  });
}

function connections(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

describe('server limits: a flood of connections past the cap', () => {
  let server: http.Server;
  let port: number;

  beforeEach(async () => {
    const limits = resolveLimits({ maxConnections: CAP, headersTimeoutMs: 5_000 });
    server = http.createServer(serverOptions(limits), (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"success":true}');
    });
    applyLimits(server, limits);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => stopServer(server));

  it('holds at most the cap plus the 503s in progress, closes the rest at once, ends all in bounded time, then serves', async () => {
    const held = await Promise.all(Array.from({ length: CAP }, () => connect(port)));
    // Silent sockets: each one answered would stay until BUSY_ANSWER_MS, so the bound shows.
    const flood = await Promise.all(Array.from({ length: FLOOD }, () => connect(port)));
    const endings: Ending[] = [];
    const dropped = new Promise<void>((resolve) => {
      for (const { ended } of flood) {
        void ended.then((ending) => {
          endings.push(ending);
          if (endings.length === FLOOD - BUSY_ANSWERS) {
            resolve();
          }
        });
      }
    });
    await dropped;
    assert.ok((await connections(server)) <= CAP + BUSY_ANSWERS, 'the server holds no more than the cap and the answers in progress');
    const all = await Promise.all(flood.map(({ ended }) => ended));
    assert.ok(all.every((ending) => ending.received === 0), 'a silent socket gets nothing: it sent no request');
    const longest = Math.max(...all.map((ending) => ending.closedAfterMs));
    assert.ok(longest < BUSY_ANSWER_MS + 2_000, `every socket past the cap ended, the last after ${longest} ms`);
    held.forEach(({ socket }) => socket.destroy());
    await Promise.all(held.map(({ ended }) => ended));

    const served = await connect(port, 'GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const ending = await served.ended;
    assert.ok(ending.received > 0, 'served once the flood is gone');
  });

  it('answers a request past the cap with the 503 while the held connections are still served', async () => {
    const held = await Promise.all(Array.from({ length: CAP }, () => connect(port)));
    let text = '';
    const turnedAway = await connect(port, 'GET /x HTTP/1.1\r\nHost: x\r\n\r\n');
    turnedAway.socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    await turnedAway.ended;
    assert.match(text, /^HTTP\/1\.1 503 Service Unavailable\r\n/);
    assert.deepEqual(JSON.parse(text.split('\r\n\r\n')[1]), { message: `Too many connections: at most ${CAP} at a time; try again in 1 s`, code: 503 });
    let first = '';
    held[0].socket.on('data', (chunk: Buffer) => (first += chunk.toString('utf8')));
    held[0].socket.write('GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await held[0].ended;
    assert.match(first, /^HTTP\/1\.1 200 /);
    held[1].socket.destroy();
  });
});
