// The server's side of traffic capture: notes what one request brought and what it was answered,
// and hands the whole exchange over once the response is done (or the connection is gone: a hang
// or a drop is an exchange too, without an answer). On the request path capture only keeps
// references to what the server already has; redaction, parsing, the lint and the journal's
// listeners (the CLI's line) run off it, in one batch once the current burst of I/O is handled.
import type * as http from 'node:http';
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

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class ExchangeTap {
  private readonly raw: Writable<RawExchange>;
  private readonly started = performance.now();

  /** `now`: the sandbox's clock, which the lint's time windows compare exchanges by. */
  constructor(incoming: http.IncomingMessage, response: http.ServerResponse, emit: (raw: RawExchange) => void, now: () => number = Date.now) {
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
    response.once('close', () => {
      this.raw.durationMs = performance.now() - this.started;
      emit(this.raw);
    });
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

  answer(status: number, headers: Record<string, string>, body: string): void {
    this.raw.status = status;
    this.raw.responseHeaders = headers;
    this.raw.responseBody = body;
  }
}

/** Where a finished exchange is recorded: the account it acted on (chosen once its token is read). */
export interface ExchangeRecorder {
  record(raw: RawExchange): void;
}

/**
 * Finished exchanges waiting to be recorded, in the order they finished: recorded together on the
 * next turn of the event loop (a setImmediate), after the answers of this turn have been written,
 * so capturing, linting and printing them never delays an answer. A client reads its answer on a
 * later turn, so by then its exchange is in the journal, as before.
 */
export class CaptureQueue {
  private recorders: ExchangeRecorder[] = [];
  private raws: RawExchange[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  add(recorder: ExchangeRecorder, raw: RawExchange): void {
    this.recorders.push(recorder);
    this.raws.push(raw);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Records what is waiting now (also when the sandbox closes). */
  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
    }
    const { recorders, raws } = this;
    this.recorders = [];
    this.raws = [];
    for (let i = 0; i < raws.length; i++) {
      try {
        recorders[i].record(raws[i]);
      } catch (error) {
        // Capture is an observer: whatever goes wrong in it, the sandbox keeps serving.
        console.error('OTO sandbox: traffic capture failed:', error);
      }
    }
  }
}
