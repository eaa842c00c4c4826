// The request events the client reports (the request log, the Requests view, the proxy's record):
// one per HTTP exchange, every token redacted, the bodies only when read.
import type { OtoError } from '../errors';
import type { HttpRequest } from '../wire/http';
import { redact, REDACTED } from './redact';
import type { OtoRequestEvent } from '../types';

/** The headers of every request: JSON both ways, our User-Agent, the bearer token when signed. */
export function headersFor(userAgent: string, hasBody: boolean, accessToken?: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': userAgent };
  if (hasBody) {
    headers['Content-Type'] = 'application/json';
  }
  if (accessToken !== undefined) {
    headers.Authorization = `Bearer ${accessToken}`;
  }
  return headers;
}

/** One exchange as it happened: what was sent, when, and what came back (or went wrong). */
export interface Exchange {
  readonly endpoint: string;
  readonly operation: OtoRequestEvent['operation'];
  readonly attempt: number;
  readonly request: HttpRequest;
  /** `performance.now()` when the request was sent. */
  readonly started: number;
  status?: number;
  responseBody?: string;
  error?: OtoError;
}

export class RequestEvents {
  private nextEventId = 1;

  constructor(
    private readonly listener: ((event: OtoRequestEvent) => void) | undefined,
    private readonly userAgent: string,
  ) {}

  /** Tells the listener of an exchange, redacted of `secrets` (the tokens known now). */
  emit(exchange: Exchange, secrets: readonly string[]): void {
    const listener = this.listener;
    if (!listener) {
      return;
    }
    const { request, started, responseBody, error } = exchange;
    // A copy: a body read later is redacted of these tokens, even once newer ones replaced them.
    const known = secrets.slice();
    let requestBody: string | undefined;
    let answerBody: string | undefined;
    // Bodies are redacted when first read: most listeners (a log line, a counter) never read them.
    const event: OtoRequestEvent = {
      id: this.nextEventId++,
      startedAt: performance.timeOrigin + started,
      method: request.method,
      endpoint: exchange.endpoint,
      url: redact(request.url, known),
      operation: exchange.operation,
      attempt: exchange.attempt,
      // Rebuilt rather than redacted: we know exactly which headers carry what.
      requestHeaders: headersFor(this.userAgent, request.body !== undefined, request.headers.Authorization === undefined ? undefined : REDACTED),
      get requestBody() {
        return request.body === undefined ? undefined : (requestBody ??= redact(request.body, known));
      },
      status: exchange.status,
      get responseBody() {
        return responseBody === undefined ? undefined : (answerBody ??= redact(responseBody, known));
      },
      durationMs: performance.now() - started,
      error: error && { kind: error.kind, code: error.code, message: error.message },
    };
    try {
      listener(event);
    } catch {
      // A failing listener (a log view) must not fail the call it observes.
    }
  }
}
