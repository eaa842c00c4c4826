// Upstreams for the proxy tests, all on 127.0.0.1: a sandbox standing in for staging, and a bare
// server that records exactly what reached it and answers (or fails) as a test tells it to.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startProxy, type ProxyOptions, type RunningProxy } from '../../../src/proxy';
import type { TrafficExchange } from '../../../src/traffic/exchange';

export interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

/** `cut`: the status line and part of the body, then the connection dropped. */
export type Behaviour = 'answer' | 'hang' | 'reset' | 'huge' | 'cut';

export interface RecordingUpstream {
  baseUrl: string;
  received: Received[];
  behaviour: Behaviour;
  close(): Promise<void>;
}

/** Answers every request with a fixed body and headers, or hangs, or drops the connection. */
export async function recordingUpstream(): Promise<RecordingUpstream> {
  const received: Received[] = [];
  const upstream = { received, behaviour: 'answer' as Behaviour };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', rawHeaders: request.rawHeaders, body: Buffer.concat(chunks) });
      if (upstream.behaviour === 'hang') {
        return;
      }
      if (upstream.behaviour === 'reset') {
        request.socket.destroy();
        return;
      }
      if (upstream.behaviour === 'cut') {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        response.write('{"success":', () => setTimeout(() => request.socket.destroy(), 20));
        return;
      }
      if (upstream.behaviour === 'huge') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(Buffer.alloc(64 * 1024, 0x20));
        return;
      }
      response.writeHead(201, [
        ['Content-Type', 'application/json; charset=utf-8'],
        ['X-Upstream', 'yes'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ].flat());
      response.end('{"success":true,"echo":"\u00e9\u2713"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(upstream, {
    baseUrl: `http://127.0.0.1:${port}/rest/v2`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ProxyHarness {
  proxy: RunningProxy;
  /** What the proxy recorded, oldest first. */
  readonly exchanges: readonly TrafficExchange[];
}

/** A proxy to `upstream`; these suites are about forwarding, so writes go on unless `options` says otherwise. */
export async function proxyTo(upstream: string, options: Partial<ProxyOptions> = {}): Promise<ProxyHarness> {
  const proxy = await startProxy({ upstream, environment: 'staging', writes: 'forward', ...options });
  return {
    proxy,
    get exchanges() {
      return proxy.traffic.history();
    },
  };
}

/** A raw HTTP/1.1 request over a socket, for what fetch cannot send; resolves with all the proxy wrote. */
export function rawRequest(port: number, text: string | Buffer, options: { endAfterMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(text);
    if (options.endAfterMs !== undefined) {
      setTimeout(() => socket.end(), options.endAfterMs);
    }
  });
}

/** The JSON body of a raw HTTP answer. */
export function bodyOf(raw: string): unknown {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
}
