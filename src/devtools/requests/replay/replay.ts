// "Replay": repeat an exchange through the shared client (never a hand-built request), so the
// replay is authenticated, retried and logged exactly like the original. Reads replay at once;
// writes are classified so the caller can demand a confirmation first.
import type { RequestLike } from './curl';
import { parseBody } from '../log/exchange';

/** The slice of `OtoClient` replay needs (structural, so this module does not import the client). */
export interface ReplayClient {
  checkInventoryStock(skus: string[], options?: { pickupLocationCode?: string }): Promise<unknown>;
  checkGlobalStock(skus: string[]): Promise<unknown>;
  getPackingOrders(warehouseCode: string): Promise<unknown>;
  getPickupLocations(): Promise<unknown>;
  listProducts(): Promise<unknown>;
  getOrderDetails(orderId: string): Promise<unknown>;
  getAccountInfo(): Promise<unknown>;
  healthCheck(): Promise<unknown>;
  updateStockQuantity(input: { actionType: 'set' | 'adjust'; locationCode: string; sku: string; qty: number; inventoryType?: string }): Promise<unknown>;
  createInventoryOrder(input: {
    action: 'inbound' | 'outbound';
    locationCode: string;
    items: Array<{ sku: string; qty: number }>;
    binLocationName?: string;
    orderDate?: string;
    deliveryDate?: string;
    waybillNumber?: string;
    description?: string;
  }): Promise<unknown>;
  updatePackingStatus(input: { orderId: string; packingStatus: 'picked' | 'packed' }): Promise<unknown>;
}

export type ReplayPlan =
  | { kind: 'read'; run(client: ReplayClient): Promise<unknown> }
  | { kind: 'write'; run(client: ReplayClient): Promise<unknown>; touches: Array<{ sku: string; locationCode?: string }> }
  | { kind: 'unsupported'; reason: string };

/** One query parameter's comma-separated values, split before decoding so an encoded comma inside a SKU survives. */
export function listParam(url: string, name: string): string[] {
  const query = new URL(url).search.slice(1);
  for (const pair of query.split('&')) {
    const [key, raw = ''] = pair.split('=', 2) as [string, string?];
    if (decodeURIComponent(key) === name) {
      return raw
        .split(',')
        .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')))
        .filter((part) => part !== '');
    }
  }
  return [];
}

function bodyObject(exchange: RequestLike): Record<string, unknown> {
  const body = parseBody(exchange.requestBody);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new Error(`the ${exchange.endpoint} request has no JSON object body to replay`);
  }
  return body as Record<string, unknown>;
}

function text(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`the request's ${field} is missing`);
  }
  return value;
}

function optionalText(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' ? value : undefined;
}

/** OTO's examples send quantities as strings ("40"); the client takes numbers. */
function integer(value: unknown, field: string): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new Error(`the request's ${field} is not an integer`);
  }
  return number;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new Error(`the request's ${field} is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function read(run: (client: ReplayClient) => Promise<unknown>): ReplayPlan {
  return { kind: 'read', run };
}

type WritePlan = Omit<Extract<ReplayPlan, { kind: 'write' }>, 'kind'>;

function write(exchange: RequestLike, build: (body: Record<string, unknown>) => WritePlan): ReplayPlan {
  return { kind: 'write', ...build(bodyObject(exchange)) };
}

export function planReplay(exchange: RequestLike): ReplayPlan {
  try {
    return planFor(exchange);
  } catch (error) {
    return { kind: 'unsupported', reason: (error as Error).message };
  }
}

function planFor(exchange: RequestLike): ReplayPlan {
  switch (exchange.endpoint) {
    case 'checkInventoryStock': {
      const skus = listParam(exchange.url, 'sku');
      const pickupLocationCode = new URL(exchange.url).searchParams.get('pickupLocationCode') ?? undefined;
      return read((client) => client.checkInventoryStock(skus, pickupLocationCode ? { pickupLocationCode } : undefined));
    }
    case 'checkGlobalStock': {
      const skus = listParam(exchange.url, 'sku');
      return read((client) => client.checkGlobalStock(skus));
    }
    case 'getPackingOrders': {
      const warehouseCode = text(bodyObject(exchange), 'warehouseCode');
      return read((client) => client.getPackingOrders(warehouseCode));
    }
    case 'getPickupLocationList':
      return read((client) => client.getPickupLocations());
    case 'productList':
      return read((client) => client.listProducts());
    case 'orderDetails': {
      const orderId = new URL(exchange.url).searchParams.get('orderId');
      if (!orderId) {
        throw new Error(`the request's orderId is missing`);
      }
      return read((client) => client.getOrderDetails(orderId));
    }
    case 'accountInfo':
      return read((client) => client.getAccountInfo());
    case 'healthCheck':
      return read((client) => client.healthCheck());
    case 'updateStockQuantity':
      return write(exchange, (body) => {
        const input = {
          actionType: oneOf(body.actionType, ['set', 'adjust'] as const, 'actionType'),
          locationCode: text(body, 'locationCode'),
          sku: text(body, 'sku'),
          qty: integer(body.qty, 'qty'),
          ...(optionalText(body, 'inventoryType') ? { inventoryType: optionalText(body, 'inventoryType') } : {}),
        };
        return { run: (client) => client.updateStockQuantity(input), touches: [{ sku: input.sku, locationCode: input.locationCode }] };
      });
    case 'createInventoryOrder':
      return write(exchange, (body) => {
        if (!Array.isArray(body.items)) {
          throw new Error(`the request's items are missing`);
        }
        const items = (body.items as unknown[]).map((item, index) => {
          const entry = (item ?? {}) as Record<string, unknown>;
          return { sku: text(entry, 'sku'), qty: integer(entry.qty, `items[${index}].qty`) };
        });
        const fields = ['binLocationName', 'orderDate', 'deliveryDate', 'waybillNumber', 'description'] as const;
        const input = {
          action: oneOf(body.action, ['inbound', 'outbound'] as const, 'action'),
          locationCode: text(body, 'locationCode'),
          items,
          ...(Object.fromEntries(fields.map((field) => [field, optionalText(body, field)]).filter(([, value]) => value !== undefined)) as Partial<Record<(typeof fields)[number], string>>),
        };
        return {
          run: (client) => client.createInventoryOrder(input),
          touches: items.map((item) => ({ sku: item.sku, locationCode: input.locationCode })),
        };
      });
    case 'updatePackingStatus':
      return write(exchange, (body) => {
        const input = { orderId: text(body, 'orderId'), packingStatus: oneOf(body.packingStatus, ['picked', 'packed'] as const, 'packingStatus') };
        return { run: (client) => client.updatePackingStatus(input), touches: [] };
      });
    case 'refreshToken':
      throw new Error('token refreshes are made by the client itself');
    default:
      throw new Error(`${exchange.endpoint} cannot be replayed`);
  }
}
