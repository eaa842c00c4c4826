// One HTTP exchange over node-fetch (v2: Node's http/https underneath, which VS Code's proxy
// support covers). Turns "no answer" into OtoErrors; interpreting an answer is answers.ts's job.
import fetch from 'node-fetch';
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

/** Sends `request`; gives up after `timeoutMs` (body included) or when `signal` fires. */
export async function send(request: HttpRequest, endpoint: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpAnswer> {
  if (signal?.aborted) {
    throw abortedError(endpoint);
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
    const text = await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), text };
  } catch (error) {
    if (timedOut) {
      throw new OtoError({ kind: 'timeout', endpoint, message: `OTO did not answer within ${formatSeconds(timeoutMs)}` });
    }
    if (signal?.aborted) {
      throw abortedError(endpoint);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new OtoError({ kind: 'network', endpoint, message: `Could not reach OTO: ${reason}` });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
