// One HTTP delivery of a webhook to a receiver: the registered method and URL, a JSON body, OTO's
// 10 s to answer. What comes back is bounded: the first RECEIVER_BODY_LIMIT bytes are kept and the
// rest is not read. Where a delivery may go is decided here too (loopback only unless allowed). The
// sandbox delivers with it, and the Webhook Inbox forwards what it received with it.
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';

/** OTO's timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** What is kept of a receiver's answer. */
export const RECEIVER_BODY_LIMIT = 64 * 1024;
export const WEBHOOK_USER_AGENT = 'oto-sandbox-webhooks/1';

export interface DeliveryRequest {
  url: URL;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  /** Bytes are sent as they are (a forwarded body is not re-encoded). */
  body: string | Uint8Array;
  timeoutMs: number;
  /** Aborted when the sandbox closes. */
  signal: AbortSignal;
}

export interface DeliveryResult {
  /** The status line's, when one came (also beside an `error`). */
  status?: number;
  headers?: http.IncomingHttpHeaders;
  /** At most RECEIVER_BODY_LIMIT bytes. */
  body: Buffer;
  /** The answer's size as far as it was read or announced. */
  bytes: number;
  /** `refused`, `timeout`, `reset` (also an answer cut short after its status), `closed` or the network error's code, when no whole answer came. */
  error?: string;
  durationMs: number;
}

/** 127.0.0.0/8, ::1 and `localhost`: the only places a delivery goes unless remote ones are allowed. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return true;
  }
  if (isIP(host) === 4) {
    return host.startsWith('127.');
  }
  return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
}

function errorName(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') {
    return 'refused';
  }
  if (error.code === 'ECONNRESET') {
    return 'reset';
  }
  return error.code ?? error.message;
}

export function deliver(request: DeliveryRequest): Promise<DeliveryResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    let settled = false;
    let status: number | undefined;
    let headers: http.IncomingHttpHeaders | undefined;
    const finish = (error?: string): void => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      resolve({ status, headers, body: Buffer.concat(chunks), bytes, error, durationMs: performance.now() - started });
    };
    const transport = request.url.protocol === 'https:' ? https : http;
    let outgoing: http.ClientRequest;
    try {
      outgoing = transport.request(request.url, {
        method: request.method,
        headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) },
        agent: false,
      });
    } catch (error) {
      // A header value HTTP cannot carry throws here, synchronously: a failed delivery, not a crash of whoever delivers.
      resolve({ body: Buffer.alloc(0), bytes: 0, error: errorName(error as NodeJS.ErrnoException), durationMs: performance.now() - started });
      return;
    }
    const timer = setTimeout(() => {
      finish('timeout');
      outgoing.destroy();
    }, request.timeoutMs);
    const onAbort = (): void => {
      finish('closed');
      outgoing.destroy();
    };
    request.signal.addEventListener('abort', onAbort);
    outgoing.on('error', (error: NodeJS.ErrnoException) => finish(errorName(error)));
    outgoing.on('response', (response) => {
      status = response.statusCode;
      headers = response.headers;
      const announced = Number(response.headers['content-length']);
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (kept < RECEIVER_BODY_LIMIT) {
          const part = chunk.subarray(0, RECEIVER_BODY_LIMIT - kept);
          chunks.push(part);
          kept += part.length;
        }
        if (bytes > RECEIVER_BODY_LIMIT) {
          // The status is what counts; a receiver streaming megabytes does not get read to the end.
          bytes = Math.max(bytes, Number.isFinite(announced) ? announced : 0);
          finish();
          response.destroy();
        }
      });
      response.on('end', () => finish());
      // The receiver closed before the answer it announced was whole: its status came, but it
      // crashed or cut the connection while answering, which is no clean acknowledgement.
      response.on('error', () => finish('reset'));
      response.on('close', () => finish(response.complete ? undefined : 'reset'));
    });
    outgoing.end(request.body);
  });
}
