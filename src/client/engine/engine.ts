// The client's call engine, under every endpoint method: one call is up to `maxAttempts` HTTP
// exchanges (the retry policy), plus one resend after a 401 with a fresh token; it gets the access
// token (refreshing it once for all concurrent callers), keeps every token out of errors and
// events, and reports each exchange.
import { abortable, sleep, throwIfAborted } from './abort';
import { interpretAnswer } from '../wire/answers';
import { isOtoError, OtoError } from '../errors';
import { HttpRequest, send, SendLimits } from '../wire/http';
import { checkMaxConnections, DEFAULT_MAX_CONNECTIONS } from '../wire/pool';
import { redact } from './redact';
import { headersFor, RequestEvents, type Exchange } from './requestEvents';
import * as answers from '../wire/responses';
import { RetryPolicy, type RetryOptions, type RetryRule } from './retryPolicy';
import { AccessTokens, IssuedToken } from './tokens';
import type { OtoHttpMethod, OtoRequestEvent } from '../types';
import * as input from '../input/validate';
import type { Check } from '../wire/wire';

/** What one call needs from the engine. */
export interface CallSpec<T> {
  method: OtoHttpMethod;
  endpoint: string;
  /** Full URL when already built (SKU batches); otherwise `baseUrl/endpoint` plus `query`. */
  url?: string;
  query?: Record<string, string>;
  body?: unknown;
  operation: OtoRequestEvent['operation'];
  /** Reads `transient`, every write `unsent` (see RetryRule), the questions themselves `never`. */
  retry: RetryRule;
  auth: boolean;
  check: Check<T>;
  /** Values of this call to keep out of its events and errors besides the tokens (a webhook's secretKey and authorizationKey). */
  secrets?: readonly string[];
}

/** How the client calls: the OtoClientOptions of everything but the endpoint methods. */
export interface EngineOptions {
  /** The merchant's refresh token, or a function returning it (read at each refresh). */
  refreshToken: string | (() => Promise<string>);
  /** Per HTTP request, answer body included (default 15 s). */
  timeoutMs?: number;
  /**
   * Largest answer read, in bytes after any decompression (default 32 MB). A larger one fails the
   * call at once with an `api` OtoError (`answerTooLarge`), and is not asked for again.
   */
  maxAnswerBytes?: number;
  /**
   * Connections open to the server at a time (default 8, at most 64), shared with every client of
   * the process that talks to the same origin with the same bound; calls past it wait their turn,
   * in order, and their `timeoutMs` counts from when they are sent.
   */
  maxConnections?: number;
  /** Called once per HTTP exchange, with every token redacted. */
  onRequest?: (event: OtoRequestEvent) => void;
  retry?: RetryOptions;
  /**
   * Sent as `User-Agent`, so a server (the sandbox's traffic view) can tell our requests from an
   * integration's; the extension passes `oto-stock-vscode/<its version>`.
   */
  userAgent?: string;
  /**
   * The clock (milliseconds since the epoch) that access-token expiry and `Retry-After` dates are
   * measured with (default `Date.now`); tests pass a fake one instead of waiting for real time.
   */
  now?: () => number;
}

const DEFAULT_MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** Older OTO documentation says 30 minutes; the shorter guess is the safe one. */
const FALLBACK_TOKEN_LIFETIME_SECONDS = 1800;
/** Access tokens remembered for redaction (the current one and a few before it). */
const REMEMBERED_TOKENS = 4;
const DEFAULT_USER_AGENT = 'oto-stock-vscode/dev';

export class CallEngine {
  private readonly limits: SendLimits;
  private readonly retry: RetryPolicy;
  private readonly tokens: AccessTokens;
  private readonly events: RequestEvents;
  private readonly userAgent: string;
  /** The refresh token first, then the latest access tokens: what redaction hides. */
  private readonly secrets: string[] = [];
  /**
   * A call gave up on a network failure and nothing has answered since: OTO is down, not having a
   * blip. Until an answer comes, a network failure is not resent: every view refreshing during an
   * outage would otherwise send `maxAttempts` requests (and token refreshes) per call, each failing.
   */
  private outage = false;

  constructor(
    readonly baseUrl: string,
    private readonly options: EngineOptions,
  ) {
    if (typeof options.refreshToken === 'string') {
      input.requireText(options.refreshToken, 'refreshToken', 'refreshToken');
      this.remember(options.refreshToken);
    }
    this.limits = {
      timeoutMs: options.timeoutMs ?? 15_000,
      maxAnswerBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
      maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    };
    const connections = checkMaxConnections(this.limits.maxConnections);
    if (connections) {
      throw new OtoError({ kind: 'validation', field: 'maxConnections', message: connections });
    }
    if (!Number.isSafeInteger(this.limits.maxAnswerBytes) || this.limits.maxAnswerBytes < 1) {
      throw new OtoError({ kind: 'validation', field: 'maxAnswerBytes', message: 'maxAnswerBytes must be a positive whole number of bytes' });
    }
    this.retry = new RetryPolicy(options.retry);
    this.tokens = new AccessTokens(() => this.issueToken(), options.now);
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.events = new RequestEvents(options.onRequest, this.userAgent);
  }

  /**
   * One call: up to `maxAttempts` tries when `spec.retry` allows (transient failures only, with
   * jittered exponential backoff, at least as long as any Retry-After), plus one re-send after a
   * 401 with a fresh token (OTO refused the request, so it was not carried out).
   */
  async call<T>(spec: CallSpec<T>, signal?: AbortSignal): Promise<T> {
    let reauthenticated = false;
    let tries = 0;
    for (let attempt = 1; ; attempt++) {
      const used: { token?: string } = {};
      try {
        return await this.attempt(spec, attempt, used, signal);
      } catch (caught) {
        const error = this.sanitise(caught, spec.endpoint, spec.secrets);
        error.attempts = attempt;
        // A 401 to this very request: its token was refused, so nothing of it was carried out.
        if (error.status === 401 && error.endpoint === spec.endpoint && spec.auth && !reauthenticated) {
          reauthenticated = true;
          this.tokens.invalidate(used.token);
          continue;
        }
        tries++;
        const delay = this.outage && error.kind === 'network' ? undefined : this.retry.delayBeforeRetry(error, spec.retry, tries);
        if (delay === undefined) {
          this.outage ||= error.kind === 'network' && this.retry.exhausted(tries);
          throw error;
        }
        // Only writes that provably never arrived are retried: giving up on one leaves nothing applied.
        await sleep(delay, signal, spec.endpoint, spec.operation === 'write');
      }
    }
  }

  /** A failure to get the token is one of the call's own that sent nothing of it. */
  async accessToken(endpoint: string, signal?: AbortSignal): Promise<string> {
    try {
      return await abortable(this.tokens.get(), signal, endpoint);
    } catch (caught) {
      const error = this.sanitise(caught, endpoint);
      throw error.unsent === true ? error : new OtoError({ ...error, message: error.message, unsent: true });
    }
  }

  private async attempt<T>(spec: CallSpec<T>, attempt: number, used: { token?: string }, signal?: AbortSignal): Promise<T> {
    used.token = spec.auth ? await this.accessToken(spec.endpoint, signal) : undefined;
    const request: HttpRequest = {
      method: spec.method,
      url: spec.url ?? this.url(spec.endpoint, spec.query),
      headers: headersFor(this.userAgent, spec.body !== undefined, used.token),
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    };
    // A write, once it leaves, cannot be called back: the caller may give up until then (while it
    // waits for a connection included), and after it the answer is waited for (within timeoutMs),
    // so the outcome is known rather than half-known.
    const write = spec.operation === 'write';
    throwIfAborted(write ? signal : undefined, spec.endpoint, true);
    const started = performance.now();
    const exchange: Exchange = { endpoint: spec.endpoint, operation: spec.operation, attempt, request, started };
    try {
      const answer = await send(request, spec.endpoint, this.limits, signal, write);
      exchange.status = answer.status;
      exchange.responseBody = answer.text;
      this.outage = false;
      const value = interpretAnswer(answer, spec.endpoint, spec.check, this.options.now?.());
      this.events.emit(exchange, this.secretsOf(spec));
      return value;
    } catch (caught) {
      exchange.error = this.sanitise(caught, spec.endpoint, spec.secrets);
      this.events.emit(exchange, this.secretsOf(spec));
      throw exchange.error;
    }
  }

  private async issueToken(): Promise<IssuedToken> {
    const refreshToken = await this.readRefreshToken();
    this.remember(refreshToken);
    let answer: answers.TokenAnswer;
    try {
      answer = await this.call({
        method: 'POST', endpoint: 'refreshToken', body: { refresh_token: refreshToken },
        operation: 'auth', retry: 'never', auth: false, check: answers.tokenAnswer,
      });
    } catch (error) {
      // An answer saying no (4xx, or success: false under 2xx) means the token itself is bad. A 5xx
      // is OTO failing, whatever code its body carries (OTO1081): signing in again would not help.
      const status = isOtoError(error) ? error.status : undefined;
      const refused = isOtoError(error) && (error.kind === 'api' || error.kind === 'auth') && status !== undefined &&
        status < 500 && (status >= 400 || error.code !== undefined);
      if (refused) {
        throw new OtoError({ ...error, kind: 'auth', message: `OTO refused the refresh token: ${error.message}` });
      }
      throw error;
    }
    this.remember(answer.access_token);
    const seconds = Number(answer.expires_in);
    return { accessToken: answer.access_token, expiresInSeconds: seconds > 0 ? seconds : FALLBACK_TOKEN_LIFETIME_SECONDS };
  }

  /** No usable refresh token means "not signed in": an auth error, whatever the source did. */
  private async readRefreshToken(): Promise<string> {
    const source = this.options.refreshToken;
    let token: unknown;
    try {
      token = typeof source === 'string' ? source : await source();
    } catch (error) {
      throw new OtoError({ kind: 'auth', endpoint: 'refreshToken', message: `No refresh token: ${error instanceof Error ? error.message : String(error)}` });
    }
    if (typeof token !== 'string' || token.trim() === '') {
      throw new OtoError({ kind: 'auth', endpoint: 'refreshToken', message: 'No refresh token is set: sign in first' });
    }
    return token;
  }

  private url(endpoint: string, query?: Record<string, string>): string {
    const search = new URLSearchParams(query).toString();
    return `${this.baseUrl}/${endpoint}${search === '' ? '' : `?${search}`}`;
  }

  private remember(secret: string): void {
    if (!this.secrets.includes(secret)) {
      this.secrets.push(secret);
      // The refresh token stays first; only the oldest access tokens are forgotten.
      if (this.secrets.length > REMEMBERED_TOKENS + 1) {
        this.secrets.splice(1, 1);
      }
    }
  }

  private secretsOf(spec: CallSpec<unknown>): readonly string[] {
    return spec.secrets === undefined ? this.secrets : [...this.secrets, ...spec.secrets];
  }

  /** Any failure as an OtoError whose message carries no token (nor the call's own `secrets`). */
  private sanitise(caught: unknown, endpoint: string, callSecrets?: readonly string[]): OtoError {
    const error = isOtoError(caught) ? caught : new OtoError({ kind: 'api', endpoint, message: caught instanceof Error ? caught.message : String(caught) });
    const secrets = callSecrets === undefined ? this.secrets : [...this.secrets, ...callSecrets];
    const message = redact(error.message, secrets);
    const warnings = error.warnings.map((warning) => redact(warning, secrets));
    if (message === error.message && warnings.every((warning, index) => warning === error.warnings[index])) {
      return error;
    }
    return new OtoError({ ...error, message, warnings });
  }
}
