// One HTTP exchange over node-fetch (v2: Node's http/https underneath, which VS Code's proxy
// support covers). Turns "no answer" into OtoErrors; interpreting an answer is answers.ts's job.
import fetch, { RequestInit } from 'node-fetch';
import { abortedError } from './abort';
import { OtoError } from './errors';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/**
 * Sends `request`; gives up after `timeoutMs` (reading the body included) or when `signal` fires.
 * node-fetch's own `timeout` ends a request that gets no answer (and closes its socket); no
 * AbortController of our own, which would cost more per call than everything else the client does.
 */
export async function send(request: HttpRequest, endpoint: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> {
  if (signal?.aborted) {
    throw abortedError(endpoint);
  }
  const started = performance.now();
  let bodyTimedOut = false;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: signal as FetchSignal | undefined,
      timeout: timeoutMs,
      // OTO's API never redirects. Following one would re-send a body (the refresh token, a stock
      // change) to wherever Location says, and node-fetch keeps Authorization for any port of
      // the same host; the 3xx is reported as an error instead.
      redirect: 'manual',
    });
    const timer = setTimeout(() => {
      bodyTimedOut = true;
      // node-fetch's body is a Node stream (a PassThrough), whatever its declared type says; an
      // error (not a bare destroy) is what makes the pending text() reject now.
      (response.body as unknown as { destroy(error: Error): void }).destroy(new Error('timed out'));
    }, Math.max(0, timeoutMs - (performance.now() - started)));
    try {
      return { status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    if (bodyTimedOut || isFetchTimeout(error)) {
      throw new OtoError({ kind: 'timeout', endpoint, message: `OTO did not answer within ${formatSeconds(timeoutMs)}` });
    }
    if (signal?.aborted) {
      throw abortedError(endpoint);
    }
    const reason = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | undefined)?.code;
    throw new OtoError({ kind: 'network', endpoint, message: `Could not reach OTO: ${reason}`, unsent: typeof code === 'string' && NOT_CONNECTED.includes(code) });
  }
}

/**
 * Failures before a connection existed, so before any byte of the request left. A reset or a
 * timeout proves nothing: the server may have received the request and acted on it.
 */
const NOT_CONNECTED: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'];

type FetchSignal = NonNullable<RequestInit['signal']>;

function isFetchTimeout(error: unknown): boolean {
  const type = (error as { type?: unknown } | undefined)?.type;
  return type === 'request-timeout' || type === 'body-timeout';
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
