// What one client may cost a server we run for other programs: the sandbox (inside the extension
// host) and the recording proxy share these limits. A hostile or broken client (stalled headers,
// a trickled body, a huge URL, thousands of sockets) must neither crash the host nor starve the
// editor's own calls, and every refusal is still a well-formed gateway-shaped JSON answer.
// No `vscode`: both servers also run from the CLI.
import * as http from 'node:http';
import type * as net from 'node:net';
import type { Duplex } from 'node:stream';
import { gatewayErrorBody } from '../oto';
import { Emitter, type Event } from './emitter';

export interface ServerLimits {
  /** Time to receive a request's headers (default 5 s); then 408. */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, body included (default 10 s); then 408. */
  requestTimeoutMs?: number;
  /** An idle kept-alive connection is closed after this (default 5 s). */
  keepAliveTimeoutMs?: number;
  /**
   * Connections at once (default 256; the CLI's `--max-connections`, 4,096); a further one is
   * answered 503 (`Retry-After: 1`) and closed, and past `busyAnswers` such answers at a time,
   * closed unanswered.
   */
  maxConnections?: number;
  /** Connections past the cap answered 503 at the same time (default 64; the CLI's as many as its cap). */
  busyAnswers?: number;
  /** How long such a connection may take to send its request before it is closed (default 1 s; the CLI's 10 s). */
  busyAnswerMs?: number;
  /** Request line and headers together (default 16 KB); more is 431. */
  maxHeaderBytes?: number;
  /** Body of an authorized request (default 1 MB; 16 KB without a valid token); more is 413. */
  maxBodyBytes?: number;
}

export const DEFAULT_LIMITS: Required<ServerLimits> = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
  maxHeaderBytes: 16_384,
  maxBodyBytes: 1_000_000,
  // Connections past the cap that are answered 503 at the same time. Past that many, Node closes
  // new ones unanswered as it accepts them: answering costs a socket for up to BUSY_ANSWER_MS, and
  // a flood must not turn into thousands of open sockets in the extension host. The CLI, a process
  // of its own that a CI job fans out against, raises both (see CLI_LIMITS).
  busyAnswers: 64,
  busyAnswerMs: 1_000,
};

/**
 * The standalone sandbox and proxy (`oto-sandbox.js`): a CI double holds many more connections
 * than the extension host may, and answers every one past the cap with a 503, not a reset.
 */
export const CLI_MAX_CONNECTIONS = 4096;

export function cliLimits(maxConnections = CLI_MAX_CONNECTIONS): { maxConnections: number; busyAnswers: number; busyAnswerMs: number } {
  // A client fanning out thousands of connections at once sends its requests late: the 503 waits
  // for them longer than in the extension host, rather than closing under the request (a reset).
  return { maxConnections, busyAnswers: Math.max(CLI_MAX_CONNECTIONS, maxConnections), busyAnswerMs: 10_000 };
}
/** How long a connection past the cap may live (default): for its first bytes to arrive, the 503, the close. */
export const BUSY_ANSWER_MS = DEFAULT_LIMITS.busyAnswerMs;
/** Seconds a client turned away for the cap is asked to wait. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

export function resolveLimits(limits: ServerLimits = {}): Required<ServerLimits> {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`limits.${name} must be a positive integer, got ${value}`);
    }
  }
  if (resolved.headersTimeoutMs > resolved.requestTimeoutMs) {
    throw new RangeError('limits.headersTimeoutMs must not exceed limits.requestTimeoutMs');
  }
  return resolved;
}

export function serverOptions(limits: Required<ServerLimits>): http.ServerOptions {
  return {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node would answer an HTTP/1.1 request without Host with an empty 400; `requireHost` answers it in JSON.
    requireHostHeader: false,
    // Node checks the two timeouts above only this often (30 s by default).
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(limits.headersTimeoutMs / 4)),
  };
}

/** The sockets being answered 503 for the cap, per server, so stopping the server ends them too. */
const turnedAway = new WeakMap<net.Server, Set<net.Socket>>();

/** A request answered here before any handler saw it (malformed, too large a head, no Host). */
export interface Refusal {
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** As far as the request line could be read ('' when not at all). */
  readonly method: string;
  readonly target: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly status: number;
  /** The JSON answer sent. */
  readonly body: string;
}

export interface LimitOptions {
  /** Requests without Host are served (the recording proxy: its upstream gets a Host anyway). */
  hostOptional?: boolean;
  /** Hears of each refusal, so a server that journals its exchanges journals these too. */
  onRefusal?: (refusal: Refusal) => void;
}

/**
 * Node's own `maxConnections` closes a connection past the cap without a word, so the cap is kept
 * here instead: below it, a connection goes to the HTTP server as usual; past it, it gets a 503
 * written straight on the socket, without handing it to the HTTP parser.
 */
export function applyLimits(server: http.Server, limits: Required<ServerLimits>, options: LimitOptions = {}): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, options.onRefusal));
  server.on('checkContinue', askForBodyWhenRead);
  requireHost(server, options.hostOptional === true, options.onRefusal);
  // Left to Node, a CONNECT is closed without a word and an Expect other than 100-continue gets an
  // empty 417: both get the gateway's JSON like any other refusal, as the last answer on the connection.
  server.on('connect', (request: http.IncomingMessage, socket: net.Socket) => {
    socket.on('error', () => socket.destroy());
    socket.end(rawAnswer(405, `${request.method ?? 'CONNECT'} is not served: this is OTO's API, not a proxy to tunnel through`));
  });
  server.on('checkExpectation', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const body = JSON.stringify(gatewayErrorBody(417, `Expect: ${String(request.headers.expect).slice(0, 60)} is not supported (only 100-continue is)`));
    response.shouldKeepAlive = false;
    response.writeHead(417, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  });
  // http.Server hears of a new socket through its one 'connection' listener; it is taken out and
  // called only for connections within the cap.
  const listeners = server.listeners('connection');
  if (listeners.length !== 1) {
    throw new Error(`applyLimits expects the HTTP server's own connection listener alone, found ${listeners.length}`);
  }
  const serve = listeners[0] as (socket: net.Socket) => void;
  server.removeListener('connection', serve);
  // Node's check, applied before anyone hears of the socket, now bounds the 503s in progress too.
  server.maxConnections = limits.maxConnections + limits.busyAnswers;
  const busy = new Set<net.Socket>();
  turnedAway.set(server, busy);
  const answer = busyAnswer(limits.maxConnections);
  const answerWithin = limits.busyAnswerMs;
  let open = 0;
  server.on('connection', (socket: net.Socket) => {
    if (open >= limits.maxConnections) {
      turnAway(socket, answer, busy, answerWithin);
      return;
    }
    open++;
    // Counted out as soon as both sides have ended: 'close' comes a turn of the loop later, after
    // a client that saw its socket close may already have connected again.
    let counted = true;
    const release = (): void => {
      if (counted) {
        counted = false;
        open--;
      }
    };
    socket.once('end', () => socket.writableEnded && release());
    socket.once('close', release);
    serve.call(server, socket);
  });
}

function busyAnswer(maxConnections: number): string {
  const message = `Too many connections: at most ${maxConnections} at a time; try again in ${BUSY_RETRY_AFTER_SECONDS} s`;
  return rawAnswer(503, message, `Retry-After: ${BUSY_RETRY_AFTER_SECONDS}\r\n`);
}

/** A gateway-shaped JSON error body. */
function errorJson(status: number, message: string): string {
  return JSON.stringify(gatewayErrorBody(status, message));
}

/** A whole gateway-shaped JSON answer as bytes for the socket, for where no ServerResponse exists. */
function rawAnswer(status: number, message: string, extraHeaders = ''): string {
  const body = errorJson(status, message);
  return (
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}Connection: close\r\n\r\n${body}`
  );
}

/**
 * Answers once the request's first bytes arrive (a client reads an answer to a request it has
 * sent), reads and drops whatever else comes so the close is not a reset that loses the answer,
 * and destroys the socket after `busyAnswerMs` whatever the client does.
 */
function turnAway(socket: net.Socket, answer: string, busy: Set<net.Socket>, answerWithin: number): void {
  busy.add(socket);
  const timer = setTimeout(() => socket.destroy(), answerWithin);
  socket.once('close', () => {
    clearTimeout(timer);
    busy.delete(socket);
  });
  socket.on('error', () => socket.destroy());
  // In flowing mode: the chunks after the first are dropped unread.
  socket.once('data', () => socket.end(answer));
}

/**
 * HTTP/1.1 asks for a Host header and a server to answer 400 without one (RFC 9112 §3.2): a
 * script's `printf … | nc` often leaves it out, and is told so in JSON, as the last answer on the
 * connection. The server's own request listeners hear only requests that have one.
 */
/** Connections that have carried a request: a parse error on one is often in the bytes after a body. */
const served = new WeakSet<object>();

function requireHost(server: http.Server, optional: boolean, onRefusal: LimitOptions['onRefusal']): void {
  const listeners = server.listeners('request') as Array<(request: http.IncomingMessage, response: http.ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    served.add(request.socket);
    if (!optional && request.headers.host === undefined && request.httpVersionMajor === 1 && request.httpVersionMinor >= 1) {
      const body = errorJson(400, 'Bad request: HTTP/1.1 needs a Host header (RFC 9112 §3.2), e.g. Host: 127.0.0.1');
      response.shouldKeepAlive = false;
      response.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      response.end(body);
      drained(request).catch(() => undefined);
      const { remoteAddress = '', remotePort = 0 } = request.socket;
      onRefusal?.({ remoteAddress, remotePort, method: request.method ?? '', target: request.url ?? '', headers: request.headers, status: 400, body });
      return;
    }
    for (const listener of listeners) {
      listener.call(server, request, response);
    }
  });
}

/** Requests sent with `Expect: 100-continue` whose client has not been told to send the body yet. */
const awaitingContinue = new WeakMap<http.IncomingMessage, http.ServerResponse>();

/**
 * `Expect: 100-continue` (curl and .NET's HttpClient send it before larger bodies): Node would say
 * 100 Continue on arrival, and the client would upload a body the server then refuses unread (no
 * such endpoint, no valid token, too large). The 100 goes out only once the handler reads the body;
 * a request answered without it is answered at once (`drained`), and Node closes the connection
 * after that answer, since the client may never send the body it announced.
 */
function askForBodyWhenRead(this: http.Server, request: http.IncomingMessage, response: http.ServerResponse): void {
  awaitingContinue.set(request, response);
  request.once('resume', () => {
    if (awaitingContinue.delete(request) && !response.headersSent) {
      response.writeContinue();
    }
  });
  this.emit('request', request, response);
}

/** How long `drained` waits for more of a body that has stopped coming. */
const DRAIN_PAUSE_MS = 1_000;

/**
 * Resolves once the rest of the request has come in, dropped unread, or once none has come for a
 * second (a client that declared a body it is not sending). An answer sent while the client is
 * still uploading is lost: the socket closes under the upload and the client sees EPIPE or a reset
 * instead of the 413 or 401. The request timeout still ends a body that never stops.
 */
export function drained(request: http.IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    // A client waiting for 100 Continue sends no body until told: there is nothing to drain.
    if (request.complete || awaitingContinue.delete(request)) {
      resolve();
      return;
    }
    let pause = setTimeout(done, DRAIN_PAUSE_MS);
    function done(): void {
      clearTimeout(pause);
      request.off('data', more);
      resolve();
    }
    function more(): void {
      clearTimeout(pause);
      pause = setTimeout(done, DRAIN_PAUSE_MS);
    }
    request.on('data', more).once('end', done).once('close', done).once('error', done);
    request.resume();
  });
}

/** Requests a server has open, for `--exit-after-idle`: idle is none open and none arriving. */
export interface ServerActivity {
  /** Requests received whose answer has not finished (held by latency or a hang fault included). */
  readonly open: number;
  /** Fires when a request arrives or one ends. */
  readonly onDidChange: Event<void>;
}

export function trackActivity(server: http.Server): ServerActivity {
  const changed = new Emitter<void>();
  let open = 0;
  server.on('request', (_request: http.IncomingMessage, response: http.ServerResponse) => {
    open++;
    changed.fire();
    // 'close' comes both when the answer is sent and when the client goes away first.
    response.once('close', () => {
      open--;
      changed.fire();
    });
  });
  return {
    get open() {
      return open;
    },
    onDidChange: changed.event,
  };
}

/** Stops taking connections and ends the open ones, those being turned away included. */
export function stopServer(server: http.Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
    for (const socket of turnedAway.get(server) ?? []) {
      socket.destroy();
    }
  });
}

/**
 * What Node's parser refused (headers too large, a malformed request, a timeout) gets the gateway's
 * JSON instead of Node's empty answer; a socket that already has an answer on it is just closed.
 */
function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex, onRefusal: LimitOptions['onRefusal']): void {
  const pending = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent === true) {
    socket.destroy();
    return;
  }
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request header fields too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request timeout: the request was not received in time']
        : [400, `Bad request: ${parseProblem(error.code, served.has(socket))}`];
  if (onRefusal) {
    const { method, target } = refusedLine(error, served.has(socket));
    const { remoteAddress = '', remotePort = 0 } = socket as net.Socket;
    onRefusal({ remoteAddress, remotePort, method, target, headers: {}, status, body: errorJson(status, message) });
  }
  if (pending && !pending.writableFinished && pending.req.complete) {
    // Bytes after a body that is still being answered (a Content-Length that counted characters,
    // not bytes): that request was read whole and may have changed stock, so its own answer goes
    // first, and this one after it, rather than a 400 in its place that says nothing happened.
    pending.once('finish', () => socket.end(rawAnswer(status, message)));
    pending.once('close', () => socket.destroy());
    return;
  }
  socket.end(rawAnswer(status, message));
}

const REQUEST_LINE = /^([!-~]{1,32}) (\S{1,2048}) HTTP\/\d/;

/**
 * The request line of what the parser refused, when it can be told: the line the parser stopped
 * in, or the packet's first line on a connection that carried no request before. A packet holds
 * earlier requests too (pipelined, or the one whose body the refused bytes follow), so anything
 * else is named by nothing rather than by a request that was answered as it should be.
 */
function refusedLine(error: { rawPacket?: Buffer; bytesParsed?: number }, after: boolean): { method: string; target: string } {
  const packet = error.rawPacket;
  if (!packet) {
    return { method: '', target: '' };
  }
  const at = Math.min(error.bytesParsed ?? 0, packet.length);
  const start = packet.lastIndexOf(0x0a, at - 1) + 1;
  const end = packet.indexOf(0x0a, at);
  const candidates = [packet.subarray(start, end < 0 ? Math.min(packet.length, start + 4096) : end)];
  if (!after) {
    candidates.push(packet.subarray(0, Math.min(packet.length, 4096)));
  }
  for (const candidate of candidates) {
    const found = REQUEST_LINE.exec(candidate.toString('utf8'));
    if (found) {
      return { method: found[1], target: found[2] };
    }
  }
  return { method: '', target: '' };
}

/** What Node's parser refused, in words a client's author can act on (`after`: a request came before on this connection). */
function parseProblem(code: string | undefined, after: boolean): string {
  switch (code) {
    case 'HPE_INVALID_URL':
      return 'the request target has characters a URL cannot carry as they are: percent-encode them as UTF-8 (a SKU تمر as %D8%AA%D9%85%D8%B1, a space as %20)';
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_VERSION':
    case 'HPE_CR_EXPECTED':
    case 'HPE_LF_EXPECTED':
      return 'the request line must be METHOD TARGET HTTP/1.1 and each line end with CRLF (a space in the URL is sent as %20)';
    case 'HPE_INVALID_METHOD':
      return after
        ? 'bytes after the previous request\'s body where a request should start: does its Content-Length count bytes (UTF-8), not characters?'
        : 'the request line must start with a method in upper case (GET, POST)';
    case 'HPE_INVALID_HEADER_TOKEN':
      return 'a header name has characters HTTP does not allow (a space, a colon)';
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      return 'send one Content-Length, or Transfer-Encoding: chunked alone (a body is compressed with Content-Encoding, not Transfer-Encoding)';
    case 'HPE_INVALID_CHUNK_SIZE':
      return 'a malformed chunked body: each chunk starts with its size in hex and CRLF';
    case 'HPE_PAUSED_H2_UPGRADE':
      return 'HTTP/2 without TLS is not served: send HTTP/1.1';
    default:
      return 'the request is not well-formed HTTP/1.1';
  }
}
