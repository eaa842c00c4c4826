// OtoClient: the one way to OTO's REST v2 API, one method per endpoint. Each validates its input
// before sending and checks the answer's shape; the call engine (engine/engine.ts) under them
// authenticates lazily, retries what is safe to retry and reports every exchange. Long SKU lists
// are batched.
import { batchSkuUrls, mapWithConcurrency, SkuBatch } from './input/batch';
import { MAX_URL_LENGTH, OTO_BASE_URLS, OTO_ENDPOINTS, WEBHOOK_ENDPOINT, type EndpointName } from '../oto';
import { checkWebhookFields, isWebhookInputProblem } from '../oto/webhookInput';
import { CallEngine, type CallSpec, type EngineOptions } from './engine/engine';
import { OtoError } from './errors';
import * as answers from './wire/responses';
import type {
  AccountInfo, AccountWebhook, CheckInventoryStockOptions, CreateWebhookResponse, CreateInventoryOrderRequest, CreateInventoryOrderResponse, GetPickupLocationsOptions,
  GlobalStock, HealthStatus, InventoryOrderItem, InventoryStock, OrderDetails, PackingOrder, PickupLocation, Product,
  RequestOptions, UpdatePackingStatusRequest, UpdatePackingStatusResponse, UpdateStockQuantityRequest, UpdateStockQuantityResponse,
  WebhookRegistration,
} from './types';
import * as input from './input/validate';
import type { Check } from './wire/wire';

export type { RetryOptions } from './engine/retryPolicy';

export const PRODUCTION_BASE_URL = OTO_BASE_URLS.production;

export interface OtoClientOptions extends EngineOptions {
  /** Defaults to production; with or without a trailing slash. */
  baseUrl?: string;
  /** SKU batches in flight at once (default 4). */
  concurrency?: number;
  /** Longest request URL, host included (default 2,048). */
  maxUrlLength?: number;
}

const PAGE_SIZE = 100;
/**
 * The most products listProducts reads (1,000 pages), as many as the sandbox can hold. A count
 * past it, or pages of new SKUs past it, is refused rather than followed: a server claiming a
 * trillion products would otherwise be asked for ten billion pages.
 */
const MAX_PRODUCTS = 100_000;
const MAX_PRODUCT_PAGES = MAX_PRODUCTS / PAGE_SIZE;

export class OtoClient {
  readonly baseUrl: string;
  private readonly engine: CallEngine;
  private readonly concurrency: number;
  private readonly maxUrlLength: number;

  constructor(options: OtoClientOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl ?? PRODUCTION_BASE_URL);
    this.engine = new CallEngine(this.baseUrl, options);
    this.concurrency = options.concurrency ?? 4;
    this.maxUrlLength = options.maxUrlLength ?? MAX_URL_LENGTH;
  }

  /**
   * Neither `set` nor `adjust` is resent once the request may have reached OTO: an adjust would
   * apply twice, and a set could overwrite a newer change another writer made in between.
   */
  async updateStockQuantity(request: UpdateStockQuantityRequest, options?: RequestOptions): Promise<UpdateStockQuantityResponse> {
    const endpoint: EndpointName = 'updateStockQuantity';
    const actionType = input.requireOneOf(request?.actionType, ['set', 'adjust'] as const, 'actionType', endpoint);
    const body = {
      actionType,
      locationCode: input.requireText(request.locationCode, 'locationCode', endpoint),
      sku: input.requireText(request.sku, 'sku', endpoint),
      qty: input.requireInteger(request.qty, actionType === 'set' ? 'non-negative' : 'non-zero', 'qty', endpoint),
      inventoryType: input.optionalText(request.inventoryType, 'inventoryType', endpoint),
    };
    return this.engine.call({ ...callOf(endpoint), body, check: answers.updateStockAnswer }, options?.signal);
  }

  /** Stock per location for each SKU, the "no location" entries included. */
  async checkInventoryStock(skus: readonly string[], options?: CheckInventoryStockOptions): Promise<InventoryStock> {
    const endpoint: EndpointName = 'checkInventoryStock';
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
    const endpoint: EndpointName = 'createInventoryOrder';
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
    return this.engine.call({ ...callOf(endpoint), body, check: answers.inventoryOrderAnswer }, options?.signal);
  }

  /** Not resent once it may have arrived: once packed, the order leaves the queue and a resend would fail confusingly. */
  async updatePackingStatus(request: UpdatePackingStatusRequest, options?: RequestOptions): Promise<UpdatePackingStatusResponse> {
    const endpoint: EndpointName = 'updatePackingStatus';
    const body = {
      orderId: input.requireText(request?.orderId, 'orderId', endpoint),
      packingStatus: input.requireOneOf(request.packingStatus, ['picked', 'packed'] as const, 'packingStatus', endpoint),
    };
    return this.engine.call({ ...callOf(endpoint), body, check: answers.packingStatusAnswer }, options?.signal);
  }

  /** Orders ready for pick and pack in one warehouse (a POST, but only a read). */
  async getPackingOrders(warehouseCode: string, options?: RequestOptions): Promise<PackingOrder[]> {
    const endpoint: EndpointName = 'getPackingOrders';
    const body = { warehouseCode: input.requireText(warehouseCode, 'warehouseCode', endpoint) };
    const answer = await this.engine.call({ ...callOf(endpoint), body, check: answers.packingOrdersAnswer }, options?.signal);
    return answer.orders;
  }

  /** Warehouses then branches, in one list, each marked with its kind. */
  async getPickupLocations(options?: GetPickupLocationsOptions): Promise<PickupLocation[]> {
    const endpoint: EndpointName = 'getPickupLocationList';
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
      this.engine.call({ ...callOf('productList'), body: { pageSize: PAGE_SIZE, currentPage }, check: answers.productPageAnswer }, signal);
    const tooMany = (count: string): OtoError =>
      new OtoError({ kind: 'api', endpoint: 'productList', message: `OTO's answer to productList counts ${count} products; the client lists at most ${MAX_PRODUCTS.toLocaleString('en-US')}` });
    const first = await page(1, options?.signal);
    if (first.productCount !== undefined && first.productCount > MAX_PRODUCTS) {
      throw tooMany(String(first.productCount));
    }
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
        if (number > MAX_PRODUCT_PAGES) {
          throw tooMany(`more than ${MAX_PRODUCTS.toLocaleString('en-US')}`);
        }
      }
    }
    return [...bySku.values()];
  }

  async getOrderDetails(orderId: string, options?: RequestOptions): Promise<OrderDetails> {
    const endpoint: EndpointName = 'orderDetails';
    return this.read(endpoint, answers.orderDetailsAnswer, options?.signal, { orderId: input.requireText(orderId, 'orderId', endpoint) });
  }

  /**
   * Proves the refresh token by exchanging it for an access token (kept for the next calls), and
   * nothing else: an account whose plan or gateway refuses another endpoint still signs in.
   */
  async checkToken(options?: RequestOptions): Promise<void> {
    await this.engine.accessToken('refreshToken', options?.signal);
  }

  /** Who is signed in, and on which plan (`packageName`). */
  async getAccountInfo(options?: RequestOptions): Promise<AccountInfo> {
    return this.read('accountInfo', answers.accountAnswer, options?.signal);
  }

  /** Needs no token; a single try, since it is itself the question "is OTO reachable?". */
  async healthCheck(options?: RequestOptions): Promise<HealthStatus> {
    return this.engine.call({ ...callOf('healthCheck'), retry: 'never', check: answers.healthAnswer }, options?.signal);
  }

  /**
   * The account's webhooks (`GET /rest/v2/webhook`). OTO lists each one's secretKey and
   * authorizationKey in clear: the request log gets them redacted; whatever shows them shortens them.
   */
  async listWebhooks(options?: RequestOptions): Promise<AccountWebhook[]> {
    const answer = await this.engine.call({ ...WEBHOOK_CALL, method: 'GET', operation: 'read', retry: 'transient', check: answers.webhookListAnswer }, options?.signal);
    return answer.webhooks;
  }

  /**
   * Registers a webhook (`POST /rest/v2/webhook`), refused before sending when OTO would refuse it
   * (OTO1121, OTO1123, OTO1124: the error's `code`). Not resent once it may have arrived: a lost
   * answer could mean it exists, and a second would be refused as OTO1122 or count twice.
   */
  async createWebhook(registration: WebhookRegistration, options?: RequestOptions): Promise<CreateWebhookResponse> {
    const endpoint = WEBHOOK_ENDPOINT.name;
    const fields = checkWebhookFields((registration ?? {}) as unknown as Record<string, unknown>, []);
    if (isWebhookInputProblem(fields)) {
      throw new OtoError({ kind: 'validation', endpoint, field: fields.field, code: fields.code, message: fields.message });
    }
    const secrets = [fields.secretKey, fields.authorizationKey].filter((value): value is string => value !== undefined);
    return this.engine.call({ ...WEBHOOK_CALL, method: 'POST', body: fields, secrets, operation: 'write', retry: 'unsent', check: answers.webhookCreatedAnswer }, options?.signal);
  }

  /** Removes a webhook (`DELETE /rest/v2/webhook`). OTO does not say where the id goes: it is sent in the query and the body. */
  async deleteWebhook(id: string, options?: RequestOptions): Promise<void> {
    const endpoint = WEBHOOK_ENDPOINT.name;
    if (typeof id !== 'string' || !/^\d{1,15}$/.test(id)) {
      throw new OtoError({ kind: 'validation', endpoint, field: 'id', code: 'OTO1125', message: 'id must be the number of a webhook of the account' });
    }
    await this.engine.call({ ...WEBHOOK_CALL, method: 'DELETE', query: { id }, body: { id }, operation: 'write', retry: 'unsent', check: answers.webhookChangedAnswer }, options?.signal);
  }

  private read<T>(endpoint: EndpointName, check: Check<T>, signal?: AbortSignal, query?: Record<string, string>): Promise<T> {
    return this.engine.call({ ...callOf(endpoint), query, check }, signal);
  }

  private readSkuBatches<T>(endpoint: EndpointName, skus: readonly string[], suffix: string, check: Check<T>, signal?: AbortSignal): Promise<T[]> {
    const list = input.requireSkuList(skus, endpoint);
    const batches = batchSkuUrls(`${this.baseUrl}/${endpoint}?sku=`, list, suffix, this.maxUrlLength, endpoint);
    const read = (batch: SkuBatch, batchSignal?: AbortSignal): Promise<T> =>
      this.engine.call({ ...callOf(endpoint), url: batch.url, check }, batchSignal);
    // The common short list needs none of the fan-out machinery.
    return batches.length === 1 ? Promise.all([read(batches[0], signal)]) : mapWithConcurrency(batches, this.concurrency, read, signal);
  }
}

/** The webhook endpoint: one path for its four methods, with the access token. */
const WEBHOOK_CALL = { endpoint: WEBHOOK_ENDPOINT.name, auth: WEBHOOK_ENDPOINT.auth } as const;

/** How the engine calls `endpoint`, from OTO's endpoint table: a write is resent only when provably unsent, a read on transient failures. */
function callOf(endpoint: EndpointName): Pick<CallSpec<unknown>, 'method' | 'endpoint' | 'operation' | 'retry' | 'auth'> {
  const { method, auth, writes } = OTO_ENDPOINTS[endpoint];
  return { endpoint, method, auth, operation: writes ? 'write' : 'read', retry: writes ? 'unsent' : 'transient' };
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
