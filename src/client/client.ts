// OtoClient: the one way to OTO's REST v2 API. Validates input before sending, authenticates
// lazily, retries what is safe to retry, batches long SKU lists, and checks every answer.
import { abortable, sleep, throwIfAborted } from './abort';
import { interpretAnswer, isTransient } from './answers';
import { batchSkuUrls, mapWithConcurrency, MAX_URL_LENGTH, SkuBatch } from './batch';
import { isOtoError, OtoError } from './errors';
import { HttpRequest, send, SendLimits } from './http';
import { redact, REDACTED } from './redact';
import * as answers from './responses';
import { AccessTokens, IssuedToken } from './tokens';
import type {
  AccountInfo, CheckInventoryStockOptions, CreateInventoryOrderRequest, CreateInventoryOrderResponse, GetPickupLocationsOptions,
  GlobalStock, HealthStatus, InventoryOrderItem, InventoryStock, OrderDetails, OtoRequestEvent, PackingOrder, PickupLocation, Product,
  RequestOptions, UpdatePackingStatusRequest, UpdatePackingStatusResponse, UpdateStockQuantityRequest, UpdateStockQuantityResponse,
} from './types';
import * as input from './validate';
import type { Check } from './wire';

export const PRODUCTION_BASE_URL = 'https://api.tryoto.com/rest/v2';

export interface RetryOptions {
  /** Attempts in all for a retryable call, including the first (default 4). */
  maxAttempts?: number;
  /** First backoff delay; doubled per retry and jittered (default 500 ms). */
  baseDelayMs?: number;
  /** Longest backoff delay (default 8 s). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the call fails at once (default 30 s). */
  maxRetryAfterMs?: number;
}

export interface OtoClientOptions {
  /** Defaults to production; with or without a trailing slash. */
  baseUrl?: string;
  /** The merchant's refresh token, or a function returning it (read at each refresh). */
  refreshToken: string | (() => Promise<string>);
  /** Per HTTP request, answer body included (default 15 s). */
  timeoutMs?: number;
  /**
   * Largest answer read, in bytes after any decompression (default 32 MB). A larger one fails the
   * call at once with an `api` OtoError (`answerTooLarge`), and is not asked for again.
   */
  maxAnswerBytes?: number;
  /** Called once per HTTP exchange, with every token redacted. */
  onRequest?: (event: OtoRequestEvent) => void;
  retry?: RetryOptions;
  /** SKU batches in flight at once (default 4). */
  concurrency?: number;
  /** Longest request URL, host included (default 2,048). */
  maxUrlLength?: number;
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

/** What one call needs from the shared request machinery. */
interface CallSpec<T> {
  method: 'GET' | 'POST';
  endpoint: string;
  /** Full URL when already built (SKU batches); otherwise `baseUrl/endpoint` plus `query`. */
  url?: string;
  query?: Record<string, string>;
  body?: unknown;
  operation: OtoRequestEvent['operation'];
  /**
   * Which transient failures are retried: any (`transient`, for reads), only those where the
   * request provably never reached the server (`unsent`, for every write: a resent `set` can
   * overwrite another writer's newer change), or none.
   */
  retry: 'transient' | 'unsent' | 'never';
  auth: boolean;
  check: Check<T>;
}

const PAGE_SIZE = 100;
const DEFAULT_MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** Older OTO documentation says 30 minutes; the shorter guess is the safe one. */
const FALLBACK_TOKEN_LIFETIME_SECONDS = 1800;
/** Access tokens remembered for redaction (the current one and a few before it). */
const REMEMBERED_TOKENS = 4;
export const DEFAULT_USER_AGENT = 'oto-stock-vscode/dev';

export class OtoClient {
  readonly baseUrl: string;
  private readonly limits: SendLimits;
  private readonly retry: Required<RetryOptions>;
  private readonly concurrency: number;
  private readonly maxUrlLength: number;
  private readonly tokens: AccessTokens;
  private readonly secrets: string[] = [];
  private nextEventId = 1;

  constructor(private readonly options: OtoClientOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl ?? PRODUCTION_BASE_URL);
    if (typeof options.refreshToken === 'string') {
      input.requireText(options.refreshToken, 'refreshToken', 'refreshToken');
      this.remember(options.refreshToken);
    }
    this.limits = { timeoutMs: options.timeoutMs ?? 15_000, maxAnswerBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES };
    if (!Number.isSafeInteger(this.limits.maxAnswerBytes) || this.limits.maxAnswerBytes < 1) {
      throw new OtoError({ kind: 'validation', field: 'maxAnswerBytes', message: 'maxAnswerBytes must be a positive whole number of bytes' });
    }
    const retry = options.retry ?? {};
    this.retry = {
      maxAttempts: retry.maxAttempts ?? 4,
      baseDelayMs: retry.baseDelayMs ?? 500,
      maxDelayMs: retry.maxDelayMs ?? 8_000,
      maxRetryAfterMs: retry.maxRetryAfterMs ?? 30_000,
    };
    this.concurrency = options.concurrency ?? 4;
    this.maxUrlLength = options.maxUrlLength ?? MAX_URL_LENGTH;
    this.tokens = new AccessTokens(() => this.issueToken(), options.now);
  }

  /**
   * Neither `set` nor `adjust` is resent once the request may have reached OTO: an adjust would
   * apply twice, and a set could overwrite a newer change another writer made in between.
   */
  async updateStockQuantity(request: UpdateStockQuantityRequest, options?: RequestOptions): Promise<UpdateStockQuantityResponse> {
    const endpoint = 'updateStockQuantity';
    const actionType = input.requireOneOf(request?.actionType, ['set', 'adjust'] as const, 'actionType', endpoint);
    const body = {
      actionType,
      locationCode: input.requireText(request.locationCode, 'locationCode', endpoint),
      sku: input.requireText(request.sku, 'sku', endpoint),
      qty: input.requireInteger(request.qty, actionType === 'set' ? 'non-negative' : 'non-zero', 'qty', endpoint),
      inventoryType: input.optionalText(request.inventoryType, 'inventoryType', endpoint),
    };
    return this.call({ method: 'POST', endpoint, body, operation: 'write', retry: 'unsent', auth: true, check: answers.updateStockAnswer }, options?.signal);
  }

  /** Stock per location for each SKU, the "no location" entries included. */
  async checkInventoryStock(skus: readonly string[], options?: CheckInventoryStockOptions): Promise<InventoryStock> {
    const endpoint = 'checkInventoryStock';
    const location = input.optionalText(options?.pickupLocationCode, 'pickupLocationCode', endpoint);
    const suffix = location === undefined ? '' : `&pickupLocationCode=${encodeURIComponent(location)}`;
    const pages = await this.readSkuBatches(endpoint, skus, suffix, answers.inventoryStockAnswer, options?.signal);
    // Null-prototype, like each page's map: a SKU named `__proto__` stays an entry.
    return pages.length === 1 ? pages[0].stock : (Object.assign(Object.create(null) as InventoryStock, ...pages.map((page) => page.stock)) as InventoryStock);
  }

  /** Stock across all locations for each SKU. */
  async checkGlobalStock(skus: readonly string[], options?: RequestOptions): Promise<GlobalStock> {
    const pages = await this.readSkuBatches('checkGlobalStock', skus, '', answers.globalStockAnswer, options?.signal);
    const result = Object.create(null) as GlobalStock;
    for (const page of pages) {
      for (const [sku, entries] of Object.entries(page.stock)) {
        if (entries.length > 0) {
          result[sku] = entries[0];
        }
      }
    }
    return result;
  }

  /** Not resent once it may have arrived: a lost answer could mean the order exists, and a resend would create another. */
  async createInventoryOrder(request: CreateInventoryOrderRequest, options?: RequestOptions): Promise<CreateInventoryOrderResponse> {
    const endpoint = 'createInventoryOrder';
    const body = {
      action: input.requireOneOf(request?.action, ['inbound', 'outbound'] as const, 'action', endpoint),
      locationCode: input.requireText(request.locationCode, 'locationCode', endpoint),
      items: input.requireNonEmptyList(request.items, 'items', endpoint).map((item, index) => {
        const fields = (item ?? {}) as Partial<InventoryOrderItem>;
        return {
          sku: input.requireText(fields.sku, `items[${index}].sku`, endpoint),
          qty: input.requireInteger(fields.qty, 'positive', `items[${index}].qty`, endpoint),
        };
      }),
      binLocationName: input.optionalText(request.binLocationName, 'binLocationName', endpoint),
      orderDate: input.optionalDate(request.orderDate, 'orderDate', endpoint),
      deliveryDate: input.optionalDate(request.deliveryDate, 'deliveryDate', endpoint),
      waybillNumber: input.optionalText(request.waybillNumber, 'waybillNumber', endpoint),
      description: input.optionalText(request.description, 'description', endpoint),
    };
    return this.call({ method: 'POST', endpoint, body, operation: 'write', retry: 'unsent', auth: true, check: answers.inventoryOrderAnswer }, options?.signal);
  }

  /** Not resent once it may have arrived: once packed, the order leaves the queue and a resend would fail confusingly. */
  async updatePackingStatus(request: UpdatePackingStatusRequest, options?: RequestOptions): Promise<UpdatePackingStatusResponse> {
    const endpoint = 'updatePackingStatus';
    const body = {
      orderId: input.requireText(request?.orderId, 'orderId', endpoint),
      packingStatus: input.requireOneOf(request.packingStatus, ['picked', 'packed'] as const, 'packingStatus', endpoint),
    };
    return this.call({ method: 'POST', endpoint, body, operation: 'write', retry: 'unsent', auth: true, check: answers.packingStatusAnswer }, options?.signal);
  }

  /** Orders ready for pick and pack in one warehouse (a POST, but only a read). */
  async getPackingOrders(warehouseCode: string, options?: RequestOptions): Promise<PackingOrder[]> {
    const endpoint = 'getPackingOrders';
    const body = { warehouseCode: input.requireText(warehouseCode, 'warehouseCode', endpoint) };
    const answer = await this.call({ method: 'POST', endpoint, body, operation: 'read', retry: 'transient', auth: true, check: answers.packingOrdersAnswer }, options?.signal);
    return answer.orders;
  }

  /** Warehouses then branches, in one list, each marked with its kind. */
  async getPickupLocations(options?: GetPickupLocationsOptions): Promise<PickupLocation[]> {
    const endpoint = 'getPickupLocationList';
    const query: Record<string, string> = {};
    if (options?.status !== undefined) {
      query.status = input.requireOneOf(options.status, ['active', 'inactive'] as const, 'status', endpoint);
    }
    const answer = await this.read(endpoint, answers.pickupLocationsAnswer, options?.signal, query);
    return [
      ...answer.warehouses.map((location) => ({ kind: 'warehouse' as const, ...location })),
      ...answer.branches.map((location) => ({ kind: 'branch' as const, ...location })),
    ];
  }

  /** The whole catalogue: every page of `productList`, each SKU once. */
  async listProducts(options?: RequestOptions): Promise<Product[]> {
    const page = (currentPage: number, signal?: AbortSignal): Promise<{ productCount?: number; products: Product[] }> =>
      this.call({
        method: 'POST', endpoint: 'productList', body: { pageSize: PAGE_SIZE, currentPage },
        operation: 'read', retry: 'transient', auth: true, check: answers.productPageAnswer,
      }, signal);
    const first = await page(1, options?.signal);
    const pages = [first];
    if (first.productCount !== undefined) {
      const rest = Array.from({ length: Math.max(0, Math.ceil(first.productCount / PAGE_SIZE) - 1) }, (_, index) => index + 2);
      pages.push(...await mapWithConcurrency(rest, this.concurrency, page, options?.signal));
    }
    const bySku = new Map<string, Product>();
    const addNew = (products: readonly Product[]): boolean => {
      const known = bySku.size;
      for (const product of products) {
        if (!bySku.has(product.sku)) {
          bySku.set(product.sku, product);
        }
      }
      return bySku.size > known;
    };
    pages.forEach((item) => addNew(item.products));
    if (first.productCount === undefined) {
      // Without a count, a short page is the last one; so is a full page of SKUs already seen (a
      // server that ignores currentPage would otherwise be asked for pages forever).
      let last = first;
      for (let number = 2; last.products.length === PAGE_SIZE; number++) {
        last = await page(number, options?.signal);
        if (!addNew(last.products)) {
          break;
        }
      }
    }
    return [...bySku.values()];
  }

  async getOrderDetails(orderId: string, options?: RequestOptions): Promise<OrderDetails> {
    const endpoint = 'orderDetails';
    return this.read(endpoint, answers.orderDetailsAnswer, options?.signal, { orderId: input.requireText(orderId, 'orderId', endpoint) });
  }

  /**
   * Proves the refresh token by exchanging it for an access token (kept for the next calls), and
   * nothing else: an account whose plan or gateway refuses another endpoint still signs in.
   */
  async checkToken(options?: RequestOptions): Promise<void> {
    await this.accessToken('refreshToken', options?.signal);
  }

  /** Who is signed in, and on which plan (`packageName`). */
  async getAccountInfo(options?: RequestOptions): Promise<AccountInfo> {
    return this.read('accountInfo', answers.accountAnswer, options?.signal);
  }

  /** Needs no token; a single try, since it is itself the question "is OTO reachable?". */
  async healthCheck(options?: RequestOptions): Promise<HealthStatus> {
    return this.call({ method: 'GET', endpoint: 'healthCheck', operation: 'read', retry: 'never', auth: false, check: answers.healthAnswer }, options?.signal);
  }

  private read<T>(endpoint: string, check: Check<T>, signal?: AbortSignal, query?: Record<string, string>): Promise<T> {
    return this.call({ method: 'GET', endpoint, query, operation: 'read', retry: 'transient', auth: true, check }, signal);
  }

  private readSkuBatches<T>(endpoint: string, skus: readonly string[], suffix: string, check: Check<T>, signal?: AbortSignal): Promise<T[]> {
    const list = input.requireSkuList(skus, endpoint);
    const batches = batchSkuUrls(`${this.baseUrl}/${endpoint}?sku=`, list, suffix, this.maxUrlLength, endpoint);
    const read = (batch: SkuBatch, batchSignal?: AbortSignal): Promise<T> =>
      this.call({ method: 'GET', endpoint, url: batch.url, operation: 'read', retry: 'transient', auth: true, check }, batchSignal);
    // The common short list needs none of the fan-out machinery.
    return batches.length === 1 ? Promise.all([read(batches[0], signal)]) : mapWithConcurrency(batches, this.concurrency, read, signal);
  }

  /**
   * One call: up to `maxAttempts` tries when `spec.retry` (transient failures only, with jittered
   * exponential backoff, at least as long as any Retry-After), plus one re-send after a 401 with a
   * fresh token (OTO refused the request, so it was not carried out).
   */
  private async call<T>(spec: CallSpec<T>, signal?: AbortSignal): Promise<T> {
    let reauthenticated = false;
    let tries = 0;
    for (let attempt = 1; ; attempt++) {
      const used: { token?: string } = {};
      try {
        return await this.attempt(spec, attempt, used, signal);
      } catch (caught) {
        const error = this.sanitise(caught, spec.endpoint);
        error.attempts = attempt;
        if (error.kind === 'auth' && error.status === 401 && error.endpoint === spec.endpoint && spec.auth && !reauthenticated) {
          reauthenticated = true;
          this.tokens.invalidate(used.token);
          continue;
        }
        tries++;
        const retryable = isTransient(error) && (spec.retry === 'transient' || (spec.retry === 'unsent' && error.unsent === true));
        const delay = retryable && tries < this.retry.maxAttempts ? this.backoff(error, tries) : undefined;
        if (delay === undefined) {
          throw error;
        }
        // Only writes that provably never arrived are retried: giving up on one leaves nothing applied.
        await sleep(delay, signal, spec.endpoint, spec.operation === 'write');
      }
    }
  }

  private async attempt<T>(spec: CallSpec<T>, attempt: number, used: { token?: string }, signal?: AbortSignal): Promise<T> {
    used.token = spec.auth ? await this.accessToken(spec.endpoint, signal) : undefined;
    const request: HttpRequest = {
      method: spec.method,
      url: spec.url ?? this.url(spec.endpoint, spec.query),
      headers: headersFor(this.options.userAgent ?? DEFAULT_USER_AGENT, spec.body !== undefined, used.token),
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    };
    // A write, once it leaves, cannot be called back: the caller may give up until then, and after
    // it the answer is waited for (within timeoutMs), so the outcome is known rather than half-known.
    const write = spec.operation === 'write';
    throwIfAborted(write ? signal : undefined, spec.endpoint, true);
    const started = performance.now();
    let status: number | undefined;
    let responseBody: string | undefined;
    try {
      const answer = await send(request, spec.endpoint, this.limits, write ? undefined : signal);
      status = answer.status;
      responseBody = answer.text;
      const value = interpretAnswer(answer, spec.endpoint, spec.check, this.options.now?.());
      this.emit(spec, attempt, request, started, status, responseBody);
      return value;
    } catch (caught) {
      const error = this.sanitise(caught, spec.endpoint);
      this.emit(spec, attempt, request, started, status, responseBody, error);
      throw error;
    }
  }

  /** A failure to get the token is one of the call's own that sent nothing of it. */
  private async accessToken(endpoint: string, signal?: AbortSignal): Promise<string> {
    try {
      return await abortable(this.tokens.get(), signal, endpoint);
    } catch (caught) {
      const error = this.sanitise(caught, endpoint);
      throw error.unsent === true ? error : new OtoError({ ...error, message: error.message, unsent: true });
    }
  }

  /** `undefined` when OTO asked for a longer wait than we are willing to block a caller for. */
  private backoff(error: OtoError, retry: number): number | undefined {
    if (error.retryAfterMs !== undefined && error.retryAfterMs > this.retry.maxRetryAfterMs) {
      return undefined;
    }
    const exponential = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (retry - 1));
    const jittered = exponential / 2 + Math.random() * (exponential / 2);
    return Math.max(jittered, error.retryAfterMs ?? 0);
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
      // An answer saying no (4xx, or success: false) means the token itself is bad.
      const refused = isOtoError(error) && (error.kind === 'api' || error.kind === 'auth') &&
        (error.code !== undefined || (error.status !== undefined && error.status >= 400 && error.status < 500));
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

  /** Any failure as an OtoError whose message carries no token. */
  private sanitise(caught: unknown, endpoint: string): OtoError {
    const error = isOtoError(caught) ? caught : new OtoError({ kind: 'api', endpoint, message: caught instanceof Error ? caught.message : String(caught) });
    const message = redact(error.message, this.secrets);
    const warnings = error.warnings.map((warning) => redact(warning, this.secrets));
    if (message === error.message && warnings.every((warning, index) => warning === error.warnings[index])) {
      return error;
    }
    return new OtoError({ ...error, message, warnings });
  }

  private emit(spec: CallSpec<unknown>, attempt: number, request: HttpRequest, started: number,
    status?: number, responseBody?: string, error?: OtoError): void {
    const listener = this.options.onRequest;
    if (!listener) {
      return;
    }
    // The tokens known now: a body read later is redacted of these, even once newer ones replaced them.
    const secrets = this.secrets.slice();
    let requestBody: string | undefined;
    let answerBody: string | undefined;
    // Bodies are redacted when first read: most listeners (a log line, a counter) never read them.
    const event: OtoRequestEvent = {
      id: this.nextEventId++,
      startedAt: performance.timeOrigin + started,
      method: request.method,
      endpoint: spec.endpoint,
      url: redact(request.url, secrets),
      operation: spec.operation,
      attempt,
      // Rebuilt rather than redacted: we know exactly which headers carry what.
      requestHeaders: headersFor(this.options.userAgent ?? DEFAULT_USER_AGENT, request.body !== undefined, request.headers.Authorization === undefined ? undefined : REDACTED),
      get requestBody() {
        return request.body === undefined ? undefined : (requestBody ??= redact(request.body, secrets));
      },
      status,
      get responseBody() {
        return responseBody === undefined ? undefined : (answerBody ??= redact(responseBody, secrets));
      },
      durationMs: performance.now() - started,
      error: error && { kind: error.kind, code: error.code, message: error.message },
    };
    try {
      listener(event);
    } catch {
      // A failing listener (a log view) must not fail the call it observes.
    }
  }
}

function headersFor(userAgent: string, hasBody: boolean, accessToken?: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': userAgent };
  if (hasBody) {
    headers['Content-Type'] = 'application/json';
  }
  if (accessToken !== undefined) {
    headers.Authorization = `Bearer ${accessToken}`;
  }
  return headers;
}

function normaliseBaseUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new OtoError({ kind: 'validation', field: 'baseUrl', message: `baseUrl is not a URL: ${value}` });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new OtoError({ kind: 'validation', field: 'baseUrl', message: 'baseUrl must be an http or https URL' });
  }
  // Credentials in the URL would ride along in every logged URL, unredacted.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new OtoError({ kind: 'validation', field: 'baseUrl', message: 'baseUrl must not contain a user name or password: OTO is signed in to with a refresh token' });
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new OtoError({ kind: 'validation', field: 'baseUrl', message: 'baseUrl must not have a query or fragment: each endpoint is appended to it as a path' });
  }
  return value.replace(/\/+$/, '');
}
