// What one client may cost the sandbox. It runs inside the extension host, so a hostile or broken
// client (stalled headers, a trickled body, a huge URL, thousands of sockets) must neither crash
// it nor starve the editor's own calls; every refusal is still a well-formed gateway-shaped answer.
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { gatewayFailure } from './errors';
import type { SandboxLimits } from './types';

export const DEFAULT_LIMITS: Required<SandboxLimits> = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
  maxHeaderBytes: 16_384,
  maxBodyBytes: 1_000_000,
};

/** A request without a valid access token carries at most this much body (a refresh token). */
export const UNAUTHORIZED_BODY_BYTES = 16_384;

export function resolveLimits(limits: SandboxLimits = {}): Required<SandboxLimits> {
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

export function serverOptions(limits: Required<SandboxLimits>): http.ServerOptions {
  return {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two timeouts above only this often (30 s by default).
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(limits.headersTimeoutMs / 4)),
  };
}

export function applyLimits(server: http.Server, limits: Required<SandboxLimits>): void {
  server.maxConnections = limits.maxConnections;
  server.on('clientError', answerClientError);
}

/**
 * What Node's parser refused (headers too large, a malformed request, a timeout) gets the gateway's
 * JSON instead of Node's empty answer; a socket that already has an answer on it is just closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const answered = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || answered) {
    socket.destroy();
    return;
  }
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request header fields too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request timeout: the request was not received in time']
        : [400, 'Bad request'];
  const body = JSON.stringify(gatewayFailure(status, message).body);
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
