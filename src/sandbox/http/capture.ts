// The server's side of traffic capture: notes what one request brought and what it was answered,
// and hands the whole exchange over once the response is done (or the connection is gone: a hang
// or a drop is an exchange too, without an answer). It hands over references to what the server
// already has; the journal (TrafficStore.capture) shortens, parses and lints them off the request
// path, and any reader of the journal right after an answer or an abandoned call (a test, the
// editor's views, the control API) still finds the exchange there.
import type * as http from 'node:http';
import type { Refusal } from '../../common/serverLimits';
import type { RawExchange } from '../../traffic/capture';
import type { TrafficSource } from '../../traffic/exchange';
import type { Fault } from '../types';

const SANDBOX_SOURCE: TrafficSource = Object.freeze({ kind: 'sandbox' });

/** A fault in words, for the exchange's `fault` field (`429 Retry-After 5`, `hang`, `+200 ms`). */
export function describeFault(fault: Fault): string {
  const parts: string[] = [];
  if (fault.afterEffect) {
    parts.push('applied, then');
  }
  if (fault.hang) {
    parts.push('hang');
  } else if (fault.status !== undefined) {
    parts.push(String(fault.status));
    const retryAfter = Object.entries(fault.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
    if (retryAfter !== undefined) {
      parts.push(`Retry-After ${retryAfter}`);
    }
  } else if (fault.reset || fault.afterEffect) {
    parts.push('connection dropped');
  }
  if (fault.latencyMs) {
    parts.push(`+${fault.latencyMs} ms`);
  }
  return parts.join(' ');
}

/** A request the server's limits refused before it reached the API (malformed, no Host), as an exchange. */
export function refusedExchange(refusal: Refusal, startedAt: number): RawExchange {
  return {
    startedAt,
    source: SANDBOX_SOURCE,
    remoteAddress: refusal.remoteAddress,
    remotePort: refusal.remotePort,
    method: refusal.method,
    target: refusal.target,
    requestHeaders: refusal.headers,
    requestBody: '',
    authenticated: false,
    status: refusal.status,
    responseHeaders: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(refusal.body)), Connection: 'close' },
    responseBody: refusal.body,
    durationMs: 0,
  };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class ExchangeTap {
  private readonly raw: Writable<RawExchange>;
  private readonly started = performance.now();
  private handedOver = false;

  /** `now`: the sandbox's clock, which the lint's time windows compare exchanges by. */
  constructor(incoming: http.IncomingMessage, private readonly emit: (raw: RawExchange) => void, now: () => number = Date.now) {
    this.raw = {
      startedAt: now(),
      source: SANDBOX_SOURCE,
      remoteAddress: incoming.socket.remoteAddress ?? '',
      remotePort: incoming.socket.remotePort ?? 0,
      method: incoming.method ?? 'GET',
      target: incoming.url ?? '/',
      requestHeaders: incoming.headers,
      requestBody: '',
      authenticated: false,
      durationMs: 0,
    };
  }

  /**
   * For an exchange not answered in the turn it arrived (a body still to read, a delay, a hang, a
   * dropped connection): handed over when its response closes. Most reads are answered in that
   * turn and handed over by `answer`, with no listener on their response.
   */
  untilClosed(response: http.ServerResponse): void {
    if (!this.handedOver) {
      response.on('close', () => this.handOver());
    }
  }

  /** The body as read (`parsed` when it was JSON), whether the request carried a valid token, its query. */
  request(body: string, authenticated: boolean, parsed: { value: unknown } | undefined, query: Readonly<Record<string, string>>): void {
    this.raw.requestBody = body;
    this.raw.authenticated = authenticated;
    this.raw.query = query;
    if (parsed) {
      this.raw.parsedRequest = parsed.value;
    }
  }

  /** A body the server refused to read whole (too large): only its announced size is known. */
  refusedBody(announcedBytes: number | undefined): void {
    this.raw.requestBytes = announcedBytes;
  }

  fault(fault: Fault): void {
    this.raw.fault = describeFault(fault);
  }

  /** What was written back: the exchange is complete and handed over. */
  answer(status: number, headers: Record<string, string>, body: string): void {
    this.raw.status = status;
    this.raw.responseHeaders = headers;
    this.raw.responseBody = body;
    this.handOver();
  }

  private handOver(): void {
    if (this.handedOver) {
      return;
    }
    this.handedOver = true;
    this.raw.durationMs = performance.now() - this.started;
    this.emit(this.raw);
  }
}

