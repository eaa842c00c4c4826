// One HTTP exchange seen by a server we run for other programs (the sandbox, the recording
// proxy), and what the contract lint says about it. The one type both servers emit, the lint
// rules read, the traffic store keeps, and the CLI log and the Sandbox Traffic view show.
// No `vscode` here: the CLI and an ERP's CI use it from plain Node.

export type Severity = 'error' | 'warning' | 'info';

/** What the contract lint says OTO would do with a request (or a run of them). */
export interface Finding {
  /** Stable rule id, e.g. `qty-not-integer`; the Problems panel's `code`. */
  readonly rule: string;
  readonly severity: Severity;
  /** What OTO does and what to change, in words. */
  readonly message: string;
  /** The exchanges it refers to (this one first, then earlier ones it relates to). */
  readonly exchangeIds: readonly number[];
  /**
   * The values the message quotes (field, SKU, seconds…), so a view can word the finding in the
   * user's language from the rule id and these; `message` is the English wording.
   */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A body as kept: text (truncated past the capture limit), its real size, JSON when it parsed. */
export interface CapturedBody {
  /** Tokens already shortened; at most the capture limit's bytes of the original. */
  readonly text: string;
  /** Size in bytes of the body as it came over the wire. */
  readonly bytes: number;
  readonly truncated: boolean;
  /** The parsed body, present only when the whole body was kept and is JSON. */
  readonly json?: unknown;
}

/** Who sent it. */
export interface TrafficClient {
  readonly address: string;
  readonly port: number;
  readonly userAgent?: string;
  /** True for the extension's own client (its User-Agent is `oto-stock-vscode/<version>`). */
  readonly own: boolean;
  /**
   * A fingerprint of the access token it sent (a keyed hash, new each run: it tells two tokens
   * apart and can never be turned back into one). Absent without `Authorization: Bearer`.
   */
  readonly token?: string;
  /**
   * Its token family (`F3`), which is what the lint calls one client: the access token a refresh
   * minted, then the tokens later refreshes minted that are tied to it (see traffic/families.ts).
   * Absent for a request with no token that minted none (it falls back to address + User-Agent).
   */
  readonly family?: string;
}

/** What a refreshToken exchange said about tokens, as fingerprints (see `TrafficClient.token`). */
export interface TokenGrant {
  /** The refresh token it sent. */
  readonly refreshToken?: string;
  /** The access token the answer carried. */
  readonly accessToken?: string;
}

/** Where the exchange was answered: by the sandbox, or by the real OTO behind the proxy. */
export type TrafficSource = { readonly kind: 'sandbox' } | { readonly kind: 'proxy'; readonly upstream: string; readonly environment?: string };

/** Which way an exchange went: a client calling a server we run, or the sandbox calling out (a webhook). */
export type TrafficDirection = 'inbound' | 'outbound';

/** What the sandbox meant by one webhook delivery it sent (outbound exchanges only). */
export interface WebhookDeliveryInfo {
  readonly webhookId: number;
  /** `orderStatus`, `newOrders`, `shipmentError`, `walletTransaction`. */
  readonly type: string;
  readonly orderId: string;
  /** The value signed between orderId and timestamp (the status, transactionStatus or errorCode). */
  readonly event: string;
  /** The payload field whose value that is (`status`, `transactionStatus`, or for shipmentError the scenario's choice). */
  readonly signedField?: string;
  /** 1 for the first send, 2… for a retry. */
  readonly attempt: number;
  /** `valid`, `wrong` (signed with another secret on purpose), `none` (no secretKey, or a type OTO does not sign). */
  readonly signature: 'valid' | 'wrong' | 'none';
  /** The timestamp was a day old on purpose (staleTimestamp), or a trigger wrote one more than STALE_AFTER_MS off. */
  readonly stale: boolean;
  /** The delivery faults applied (`duplicate`, `outOfOrder`, `delay`, `retry`, …). */
  readonly faults: readonly string[];
  /** For the second copy of a duplicated delivery: the exchange id of the first. */
  readonly copyOf?: number;
  /** Why nothing came back (`refused`, `timeout`, …), or why it was not sent (`dropped`, `not loopback`). */
  readonly error?: string;
  /** False when the sandbox did not send it (dropped on purpose, a non-loopback address, a full queue). */
  readonly sent: boolean;
}

export interface TrafficExchange {
  /** Unique for the life of one store, in arrival order. */
  readonly id: number;
  /** Epoch milliseconds when the request arrived. */
  readonly startedAt: number;
  readonly source: TrafficSource;
  readonly client: TrafficClient;
  readonly method: string;
  /** Path as received, without the query. */
  readonly path: string;
  /**
   * The request target exactly as received (path and query, still percent-encoded), tokens
   * shortened: the query map cannot tell `a%2Cb` from `a,b`, nor give the URL's real length.
   */
  readonly target?: string;
  /** Endpoint name after `/rest/v2/`, e.g. `updateStockQuantity`; empty outside the API. */
  readonly endpoint: string;
  readonly query: Readonly<Record<string, string>>;
  /** Header names lower-case; Authorization as `Bearer …` plus its last 4 characters, never whole. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: CapturedBody;
  /** Absent when no answer was sent (a hang, a dropped connection, an upstream failure). */
  readonly status?: number;
  readonly responseHeaders?: Readonly<Record<string, string>>;
  readonly responseBody?: CapturedBody;
  readonly durationMs: number;
  /** OTO's error code (`OTO1132`, `7`, `401`) when the answer was an error. */
  readonly otoCode?: string;
  /** The fault the sandbox injected, in words (`429 Retry-After 5`), when one applied. */
  readonly fault?: string;
  /** For a refreshToken call: which refresh token it used and which access token it got. */
  readonly grant?: TokenGrant;
  /** Filled by the lint when the exchange is recorded. */
  readonly findings: readonly Finding[];
  /**
   * `outbound` for a webhook the sandbox sent (then `client` is the receiver, `target` its URL and
   * `webhook` what was meant); absent or `inbound` for a request a client sent us.
   */
  readonly direction?: TrafficDirection;
  readonly webhook?: WebhookDeliveryInfo;
}
