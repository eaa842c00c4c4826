// Sends one request on to the upstream exactly as it came (method, path, query, headers other
// than hop-by-hop, body bytes) and reads its answer within a time and size limit. Never retries:
// a resent write could apply twice.
import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';

/** Headers that belong to one connection, not to the request (RFC 9110 §7.6.1), plus Host. */
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'host',
]);

export interface UpstreamRequest {
  method: string;
  /** Path and query after the API prefix, as received (`checkInventoryStock?sku=A%2CB`). */
  pathAndQuery: string;
  /** The request's raw header list (name, value, name, value…), as Node gives it. */
  rawHeaders: readonly string[];
  body: Buffer;
}

export interface UpstreamAnswer {
  status: number;
  /** Raw header list as received, hop-by-hop headers removed. */
  rawHeaders: string[];
  /** The bytes as sent, still compressed if the upstream compressed them. */
  body: Buffer;
  /** The upstream's Content-Length (a framing header, not in rawHeaders): what a GET would send, for an answer to HEAD. */
  contentLength?: string;
}

export class UpstreamFailure extends Error {
  constructor(
    /** 502, or 504 for a timeout. */
    readonly status: 502 | 504,
    message: string,
  ) {
    super(message);
  }
}

export interface Upstream {
  /** Base URL without a trailing slash. */
  readonly base: URL;
  send(request: UpstreamRequest): Promise<UpstreamAnswer>;
  /** Ends the kept-alive connections. */
  close(): void;
}

/** The header list without hop-by-hop headers, nor those the Connection header names. */
export function endToEndHeaders(rawHeaders: readonly string[]): string[] {
  const named = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === 'connection') {
      rawHeaders[i + 1].split(',').forEach((name) => named.add(name.trim().toLowerCase()));
    }
  }
  const kept: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named.has(name) && name !== 'content-length') {
      kept.push(rawHeaders[i], rawHeaders[i + 1]);
    }
  }
  return kept;
}

/** What failed, in words, from a Node socket or TLS error. */
export function describeFailure(error: NodeJS.ErrnoException, host: string): string {
  const code = error.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `the upstream host ${host} could not be resolved (DNS: ${code})`;
  }
  if (code === 'ECONNREFUSED') {
    return `the upstream ${host} refused the connection`;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || error.message === 'socket hang up') {
    return `the upstream ${host} dropped the connection before answering`;
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
    return `the TLS connection to ${host} failed (${code})`;
  }
  return `the request to ${host} failed (${code || error.message})`;
}

export function createUpstream(baseUrl: string, limits: { timeoutMs: number; maxAnswerBytes: number }): Upstream {
  const base = new URL(baseUrl.replace(/\/+$/, ''));
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`the upstream must be an http(s) URL, got ${base.protocol}`);
  }
  if (base.username || base.password || base.search || base.hash) {
    throw new Error('the upstream URL must not carry credentials, a query or a fragment');
  }
  const transport = base.protocol === 'https:' ? https : http;
  // One connection pool per upstream, so a burst of calls does not pay a TLS handshake each.
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 64 });

  const send = (request: UpstreamRequest): Promise<UpstreamAnswer> =>
    new Promise((resolve, reject) => {
      const headers = endToEndHeaders(request.rawHeaders);
      headers.push('Host', base.host);
      if (request.body.length > 0 || request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH') {
        headers.push('Content-Length', String(request.body.length));
      }
      const outgoing = transport.request({
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port || undefined,
        method: request.method,
        path: `${base.pathname}/${request.pathAndQuery}`,
        headers,
        agent,
        setHost: false,
      });
      const fail = (failure: UpstreamFailure): void => {
        clearTimeout(timer);
        outgoing.destroy();
        reject(failure);
      };
      const timer = setTimeout(() => fail(new UpstreamFailure(504, `the upstream ${base.host} did not answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
      // Once the status line is in, a dropped connection cut the answer short: the request had reached the upstream.
      const cut = (): UpstreamFailure => new UpstreamFailure(502, `the upstream ${base.host} dropped the connection while answering`);
      let answering = false;
      outgoing.on('error', (error: NodeJS.ErrnoException) => fail(answering ? cut() : new UpstreamFailure(502, describeFailure(error, base.host))));
      outgoing.on('response', (incoming) => {
        answering = true;
        const declared = Number(incoming.headers['content-length']);
        const tooLarge = new UpstreamFailure(502, `the upstream's answer is larger than ${limits.maxAnswerBytes} bytes`);
        if (declared > limits.maxAnswerBytes) {
          fail(tooLarge);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxAnswerBytes) {
            fail(tooLarge);
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', () => fail(cut()));
        incoming.on('close', () => {
          if (!incoming.complete) {
            fail(cut());
          }
        });
        incoming.on('end', () => {
          clearTimeout(timer);
          const contentLength = incoming.headers['content-length'];
          resolve({ status: incoming.statusCode ?? 502, rawHeaders: endToEndHeaders(incoming.rawHeaders), body: Buffer.concat(chunks), ...(contentLength === undefined ? {} : { contentLength }) });
        });
      });
      outgoing.end(request.body);
    });

  return { base, send, close: () => agent.destroy() };
}

/** The answer's body decoded for reading, or why it could not be: then the body is empty. */
export interface DecodedAnswer {
  readonly body: Buffer;
  /** `Content-Encoding: gzip: incorrect header check`, or the decoded size past the bound. */
  readonly undecodable?: string;
}

/** The answer's body decoded for reading (capture, drift, simulation), within `maxBytes`. */
export function decodeAnswer(answer: UpstreamAnswer, maxBytes: number): DecodedAnswer {
  const encoding = headerValue(answer.rawHeaders, 'content-encoding')?.trim().toLowerCase();
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') {
      return { body: zlib.gunzipSync(answer.body, { maxOutputLength: maxBytes }) };
    }
    if (encoding === 'deflate') {
      return { body: zlib.inflateSync(answer.body, { maxOutputLength: maxBytes }) };
    }
    if (encoding === 'br') {
      return { body: zlib.brotliDecompressSync(answer.body, { maxOutputLength: maxBytes }) };
    }
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    const why = tooLarge ? `more than ${maxBytes} bytes once decompressed` : error instanceof Error ? error.message : String(error);
    return { body: Buffer.alloc(0), undecodable: `Content-Encoding: ${encoding}: ${why}` };
  }
  return { body: answer.body };
}

/** `decodeAnswer`'s body alone: empty when it would not decode. */
export function decodedBody(answer: UpstreamAnswer, maxBytes: number): Buffer {
  return decodeAnswer(answer, maxBytes).body;
}

export function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === name) {
      return rawHeaders[i + 1];
    }
  }
  return undefined;
}
