// The sandbox's public options. Kept apart from the server so tests and the client's tests can
// describe faults without loading the emulator.

/** What the sandbox does to one matching request instead of (or before) answering normally. */
export interface Fault {
  /** Endpoint name as in the URL path after `/rest/v2/`, e.g. `checkInventoryStock`; `*` matches all. */
  endpoint: string;
  /** How many matching requests this fault applies to; unlimited when omitted. */
  times?: number;
  /** Extra delay before answering, in milliseconds. */
  latencyMs?: number;
  /** Answer with this HTTP status (and `body`, or a generic OTO error body for it). */
  status?: number;
  /** Raw response body to send with `status`; sent verbatim, so it may be malformed JSON. */
  body?: string;
  /** Extra response headers, e.g. `{ 'Retry-After': '1' }`. */
  headers?: Record<string, string>;
  /** Never answer; the socket stays open until the client gives up or the sandbox closes. */
  hang?: boolean;
  /** Apply the request's effect (e.g. the stock change) and then hang or fail: a lost answer. */
  afterEffect?: boolean;
}

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Seed of the deterministic demo data; the same seed gives the same data. */
  seed?: number;
  /** Number of products in the catalogue (default about 40). */
  products?: number;
  /** Latency added to every answer, in milliseconds. */
  latencyMs?: number;
  /** Lifetime of issued access tokens in seconds (default 3600), short to test refresh. */
  accessTokenTtlSeconds?: number;
  /** Faults injected per endpoint, in order; the first matching one with uses left applies. */
  faults?: Fault[];
}

export interface RunningSandbox {
  /** e.g. `http://127.0.0.1:41234/rest/v2` (no trailing slash). */
  baseUrl: string;
  /** The refresh token this sandbox accepts. */
  refreshToken: string;
  /** Adds faults at run time (tests use it between calls). */
  addFaults(faults: Fault[]): void;
  /** Every request the sandbox received, in order: for asserting what (and how often) was sent. */
  readonly requests: ReadonlyArray<{ method: string; endpoint: string; query: Record<string, string>; body: unknown; authorized: boolean }>;
  close(): Promise<void>;
}
