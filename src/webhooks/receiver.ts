// The Webhook Inbox's local receiver: an HTTP server on 127.0.0.1 that takes what the sandbox (or
// curl) POSTs or PUTs, hands each request on, and answers at once what it is told: 200, or a
// refusal (a careful receiver's 401 for a signature or timestamp it cannot trust). Bounded like every server
// we run (common/serverLimits): header, body and idle timeouts, a connection cap, a body cap, and
// every refusal an OTO-shaped JSON error. No `vscode`: tested from plain Node.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayErrorBody } from '../oto';
import { applyLimits, drained, resolveLimits, serverOptions, stopServer, type ServerLimits } from '../common/serverLimits';

/** What one delivery brought; the body as received, at most the body cap. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, at most 2,048 characters. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly receivedAt: number;
  /** The connection closed before the body was whole: nobody is left to answer, and `body` is what came (empty past the cap). */
  readonly cutShort?: { readonly bytes: number; readonly announced?: number };
}

/** What the receiver answers a delivery: 200, or a refusal with its status and why (an OTO-shaped JSON error). */
export type ReceiverAnswer = { readonly status: 200 } | { readonly status: 400 | 401; readonly reason: string };

export interface ReceiverOptions {
  /** 0 picks any free port. */
  readonly port: number;
  readonly limits?: ServerLimits;
  /** Called for every POST or PUT within the limits, and for one cut short; says what to answer (nothing is, to one cut short). */
  readonly onReceive: (request: ReceivedRequest) => ReceiverAnswer;
}

export interface RunningReceiver {
  readonly port: number;
  /** e.g. `http://127.0.0.1:8789` */
  readonly origin: string;
  close(): Promise<void>;
}

/** A receiver in the extension host takes fewer sockets and smaller bodies than the sandbox. */
export const RECEIVER_LIMITS: ServerLimits = { maxConnections: 32, busyAnswers: 8, maxBodyBytes: 256 * 1024 };
const MAX_PATH = 2048;

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function refuse(response: http.ServerResponse, status: number, message: string): void {
  sendJson(response, status, gatewayErrorBody(status, message));
}

function flatHeaders(incoming: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return headers;
}

interface ReadBody {
  /** Undefined when it is over the cap. */
  readonly body?: Buffer;
  readonly bytes: number;
  /** The connection closed before the body was whole. */
  readonly cutShort: boolean;
}

/** The body, none when it is over the cap (the rest read and dropped, so the 413 is not lost to a reset). */
function readBody(incoming: http.IncomingMessage, maxBytes: number): Promise<ReadBody> {
  const announced = Number(incoming.headers['content-length']);
  if (announced > maxBytes) {
    return drained(incoming).then(() => ({ bytes: announced, cutShort: !incoming.complete }));
  }
  return new Promise((resolve) => {
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (chunks && size > maxBytes) {
        chunks = undefined;
      }
      chunks?.push(chunk);
    });
    const done = (cutShort: boolean): void => resolve({ body: chunks ? Buffer.concat(chunks) : undefined, bytes: size, cutShort });
    incoming.on('end', () => done(false));
    // A dropped connection: 'error' (aborted) and then 'close', with `complete` still false.
    incoming.on('error', () => done(true));
    incoming.on('close', () => done(!incoming.complete));
  });
}

export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const limits = resolveLimits({ ...RECEIVER_LIMITS, ...options.limits });
  const server = http.createServer(serverOptions(limits), (incoming, response) => {
    void handle(incoming, response);
  });
  async function handle(incoming: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const method = incoming.method ?? 'GET';
    const path = incoming.url ?? '/';
    if (method !== 'POST' && method !== 'PUT') {
      await drained(incoming);
      response.setHeader('Allow', 'POST, PUT');
      refuse(response, 405, `The Webhook Inbox takes POST or PUT deliveries, not ${method.slice(0, 16)}`);
      return;
    }
    if (path.length > MAX_PATH) {
      await drained(incoming);
      refuse(response, 414, `The path is too long: at most ${MAX_PATH} characters`);
      return;
    }
    const read = await readBody(incoming, limits.maxBodyBytes);
    const received = { method, path, headers: flatHeaders(incoming), receivedAt: Date.now() };
    if (read.cutShort) {
      // No client is left to read an answer: what came is kept, marked as cut short.
      const announced = Number(incoming.headers['content-length']);
      options.onReceive({ ...received, body: read.body ?? Buffer.alloc(0), cutShort: { bytes: read.bytes, ...(Number.isFinite(announced) ? { announced } : {}) } });
      response.destroy();
      return;
    }
    if (read.body === undefined) {
      refuse(response, 413, `Request body too large: at most ${limits.maxBodyBytes} bytes`);
      return;
    }
    const answer = options.onReceive({ ...received, body: read.body });
    if (answer.status === 200) {
      sendJson(response, 200, { success: true });
    } else {
      refuse(response, answer.status, answer.reason);
    }
  }
  applyLimits(server, limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the sandbox and the ERP under test are on this machine.
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return { port, origin: `http://127.0.0.1:${port}`, close: () => stopServer(server) };
}
