// One HTTP exchange as the request log keeps it: the client's `onRequest` event (structurally;
// this module does not import the client) with a sequence number of the log's own, since each
// new client (environment switch, sign-in) numbers its events from 1 again.

export interface RequestEventLike {
  /** The environment whose client made the exchange (the session adds it). */
  readonly environment?: string;
  /** Epoch milliseconds when the request started. */
  readonly startedAt: number;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Endpoint name as in the path after `/rest/v2/`, e.g. `checkInventoryStock`. */
  readonly endpoint: string;
  /** Full request URL, query included; the client has removed any token from it. */
  readonly url: string;
  /** `read`s may be replayed freely; a `write` changes state on OTO; `auth` is the token refresh. */
  readonly operation: 'read' | 'write' | 'auth';
  /** 1 for the first try; retries count up. */
  readonly attempt: number;
  /** Headers as sent, the Authorization value already reduced to `Bearer ***` by the client. */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  /** Absent when no answer came (network error, timeout, abort). */
  readonly status?: number;
  readonly responseBody?: string;
  readonly durationMs: number;
  readonly error?: { readonly kind: string; readonly code?: string; readonly message: string };
}

export interface Exchange extends RequestEventLike {
  /** Unique for the life of the log; the virtual document's URI carries it. */
  readonly id: number;
  /**
   * How many identical failed reads this entry stands for (absent: one). During an outage every
   * refresh fails the same way: the log keeps one entry per failure, counted, with the latest one's
   * details, rather than a wall of rows pushing everything else out of the ring.
   */
  readonly count?: number;
  /** When the first of those `count` failures started (epoch ms); `startedAt` is the latest's. */
  readonly firstAt?: number;
}

/** Failures that are the same to the reader: same environment, call and outcome. Writes always count one by one. */
export function sameFailure(a: RequestEventLike, b: RequestEventLike): boolean {
  return a.operation !== 'write' && isError(a) && isError(b) && a.operation === b.operation && a.environment === b.environment &&
    a.method === b.method && a.endpoint === b.endpoint && a.status === b.status && errorCode(a) === errorCode(b);
}

export function isError(exchange: RequestEventLike): boolean {
  return exchange.error !== undefined || exchange.status === undefined || exchange.status >= 400;
}

/** The OTO code (`OTO1133`) or, failing that, the kind of failure (`timeout`, `network`). */
export function errorCode(exchange: RequestEventLike): string | undefined {
  return exchange.error?.code ?? exchange.error?.kind;
}

/** A body string as JSON when it is JSON, else the string itself, for pretty documents. */
export function parseBody(body: string | undefined): unknown {
  if (body === undefined || body === '') {
    return null;
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
