// One HTTP exchange over Node's http/https (which VS Code's proxy support covers). Turns "no
// answer" into OtoErrors; interpreting an answer is answers.ts's job. Node's modules directly
// rather than node-fetch, which cannot see the socket: it waits out the timeout for a body cut
// short, and keeps reading (and inflating) an answer past its size limit after rejecting it.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { abortedError } from '../engine/abort';
import { OtoError } from '../errors';
import { poolFor } from './pool';
import type { OtoHttpMethod } from '../types';

export interface HttpRequest {
  method: OtoHttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

export interface SendLimits {
  /** The whole exchange, answer body included, from when a connection takes it (not while it waits for one). */
  timeoutMs: number;
  /** Connections open to one origin at a time (see pool.ts); calls past it wait for one, in order. */
  maxConnections: number;
  /** Decoded answer bytes (after any gzip): more fails the call. */
  maxAnswerBytes: number;
}

/**
 * Failures before a connection existed, so before any byte of the request left. A reset or a
 * timeout proves nothing: the server may have received the request and acted on it.
 */
const NOT_CONNECTED: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'];

/**
 * Sends `request` once the origin's pool has a connection for it; gives up after `timeoutMs` from
 * then (reading the body included) or when `signal` fires. A call cancelled while it waits for a
 * connection never sent a byte, so its error is `unsent`. With `cancelOnlyWhileQueued` (a write),
 * the signal counts only until the call has its connection: once sent, its answer is waited for.
 * Redirects are never followed: OTO's API does not redirect, and following one would re-send a
 * body (the refresh token, a stock change) to wherever Location says; the 3xx is reported instead.
 */
export function send(request: HttpRequest, endpoint: string, limits: SendLimits, signal?: AbortSignal, cancelOnlyWhileQueued = false): Promise<HttpAnswer> {
  if (signal?.aborted) {
    return Promise.reject(abortedError(endpoint, true));
  }
  return new Promise<HttpAnswer>((resolve, reject) => {
    let outgoing: http.ClientRequest;
    let answer: Readable | undefined;
    let timer: NodeJS.Timeout | undefined;
    let connected = false;
    let done = false;
    const finish = (error?: OtoError, value?: HttpAnswer): void => {
      if (done) {
        return;
      }
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        // Destroying stops the socket and any inflation at once: nothing more is read. A call still
        // waiting for a connection leaves the queue, and a socket handed to it goes back unused.
        answer?.destroy();
        outgoing.destroy();
        reject(error);
      } else {
        resolve(value as HttpAnswer);
      }
    };
    const onAbort = (): void => finish(abortedError(endpoint, !connected));
    const networkError = (reason: string, unsent = false): OtoError => new OtoError({ kind: 'network', endpoint, message: `Could not reach OTO: ${reason}`, unsent });
    try {
      const url = new URL(request.url);
      const headers: Record<string, string> = { ...request.headers, 'Accept-Encoding': 'gzip, deflate, br' };
      if (request.body !== undefined) {
        headers['Content-Length'] = String(Buffer.byteLength(request.body));
      }
      // The pool keeps connections alive for as long as the server's Keep-Alive hint allows; a
      // failed exchange's socket is destroyed.
      outgoing = (url.protocol === 'https:' ? https : http).request(url, { method: request.method, headers, agent: poolFor(url, limits.maxConnections) });
    } catch (error) {
      // Node refuses a header value it cannot send (a control character) before anything leaves.
      reject(new OtoError({ kind: 'validation', endpoint, message: `The request to ${endpoint} cannot be sent: ${error instanceof Error ? error.message : String(error)}` }));
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.once('socket', () => {
      if (done) {
        return;
      }
      connected = true;
      if (cancelOnlyWhileQueued) {
        signal?.removeEventListener('abort', onAbort);
      }
      timer = setTimeout(() => finish(new OtoError({ kind: 'timeout', endpoint, message: `OTO did not answer within ${formatSeconds(limits.timeoutMs)}` })), limits.timeoutMs);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      finish(networkError(error.message, error.code !== undefined && NOT_CONNECTED.includes(error.code)));
    });
    outgoing.on('response', (response) => {
      // An error of the response itself reaches the inflater too: only one that is not it is the inflater's own.
      let cutShort: Error | undefined;
      response.once('error', (error) => {
        cutShort = error;
      });
      const encoding = header(response, 'content-encoding');
      const decoded = decode(response, encoding);
      answer = decoded;
      const chunks: Buffer[] = [];
      let size = 0;
      let ended = false;
      decoded.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxAnswerBytes) {
          finish(new OtoError({
            kind: 'api', endpoint, answerTooLarge: true,
            message: `OTO's answer to ${endpoint} (HTTP ${response.statusCode}) is larger than ${formatBytes(limits.maxAnswerBytes)}, so it was not read`,
          }));
          return;
        }
        chunks.push(chunk);
      });
      decoded.on('end', () => {
        ended = true;
        finish(undefined, { status: response.statusCode ?? 0, retryAfter: header(response, 'retry-after'), text: Buffer.concat(chunks, size).toString('utf8') });
      });
      // Errors of the stream, not only its end, say the body was cut short, or would not inflate: the
      // server answered, in bytes that asking again would bring back the same.
      decoded.on('error', (error) => finish(decoded === response || error === cutShort
        ? networkError(`the answer was cut short (${error.message})`)
        : new OtoError({
          kind: 'api', endpoint, status: response.statusCode, unreadable: true,
          message: `OTO's answer to ${endpoint} (HTTP ${response.statusCode}) could not be decompressed (Content-Encoding: ${encoding}: ${error.message})`,
        })));
      response.on('close', () => {
        if (!ended && !response.complete) {
          finish(networkError(`the answer was cut short after ${size} bytes`));
        }
      });
    });
    outgoing.end(request.body);
  });
}

/** The body, inflated when the server compressed it (`contentEncoding` says how). */
function decode(response: http.IncomingMessage, contentEncoding: string | null): Readable {
  const encoding = contentEncoding?.trim().toLowerCase();
  // Lenient flushing, as browsers do: servers often end gzip streams early.
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const inflater = encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip(lenient)
    : encoding === 'deflate' ? zlib.createUnzip(lenient)
      : encoding === 'br' ? zlib.createBrotliDecompress()
        : undefined;
  if (!inflater) {
    return response;
  }
  response.on('error', (error) => inflater.destroy(error));
  return response.pipe(inflater);
}

function header(response: http.IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1_048_576 && bytes % 1_048_576 === 0 ? `${bytes / 1_048_576} MB` : `${bytes} bytes`;
}
