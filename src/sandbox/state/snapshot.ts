// A sandbox's whole state as plain JSON, so the extension can keep it in the workspace's storage
// and start the next sandbox where the last one stopped (a switch of environment, a reload).
// What is read back is validated first: storage outlives versions of the extension.
import { compileSchema, describeSchemaError, fieldName } from '../scenario/schema';
import type { Account, CustomerOrder, InventoryOrder, Location, Product, SandboxState, StockRecord } from './model';

export const SNAPSHOT_FORMAT = 'oto-sandbox-state/1';

export type SnapshotProduct = Omit<Product, 'stock'> & { stock: Array<StockRecord & { code: string }> };

export interface SandboxSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  account: Account;
  locations: Location[];
  products: SnapshotProduct[];
  orders: CustomerOrder[];
  inventoryOrders: InventoryOrder[];
  nextTransactionId: number;
  nextOtoId: number;
  nextEventId: number;
}

export class SnapshotError extends Error {}

/** A copy of the state that shares nothing with it. */
export function exportState(state: SandboxState): SandboxSnapshot {
  const snapshot: SandboxSnapshot = {
    format: SNAPSHOT_FORMAT,
    account: state.account,
    locations: state.locations,
    products: state.products.map(({ stock, ...product }) => ({ ...product, stock: [...stock].map(([code, record]) => ({ code, ...record })) })),
    orders: state.orders,
    inventoryOrders: state.inventoryOrders,
    nextTransactionId: state.nextTransactionId,
    nextOtoId: state.nextOtoId,
    nextEventId: state.nextEventId,
  };
  return JSON.parse(JSON.stringify(snapshot)) as SandboxSnapshot;
}

const integer = { type: 'integer' };
const count = { type: 'integer', minimum: 0 };
const text = { type: 'string' };
const event = { type: 'object', required: ['date', 'description', 'status'], properties: { id: integer, date: text, description: text, status: text } };
const SNAPSHOT_SCHEMA = {
  type: 'object',
  required: ['format', 'account', 'locations', 'products', 'orders', 'inventoryOrders', 'nextTransactionId', 'nextOtoId', 'nextEventId'],
  properties: {
    format: { const: SNAPSHOT_FORMAT },
    account: { type: 'object', required: ['name', 'email', 'packageName'], properties: { name: text, email: text, packageName: text } },
    locations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'code', 'kind', 'name', 'city', 'status', 'createdDate', 'bins', 'storeHours'],
        properties: {
          id: integer, code: { type: 'string', minLength: 1 }, kind: { enum: ['warehouse', 'branch'] }, name: text, city: text,
          status: { enum: ['active', 'inactive'] }, createdDate: text, bins: { type: 'array', items: text }, storeHours: { type: 'array' },
          lat: { type: 'number' }, lon: { type: 'number' },
        },
      },
    },
    products: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'sku', 'name', 'barcode', 'productImage', 'price', 'stock'],
        properties: {
          id: integer, sku: { type: 'string', minLength: 1 }, name: text, barcode: text, productImage: text, price: { type: 'number' },
          minInventory: count,
          stock: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'onHand', 'reserved', 'incoming', 'outgoing'],
              properties: { code: text, onHand: integer, reserved: count, incoming: count, outgoing: count },
            },
          },
          noLocation: { type: 'object', required: ['onHand', 'forecasted'], properties: { onHand: integer, forecasted: integer } },
        },
      },
    },
    orders: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'orderId', 'warehouseCode', 'items', 'packingStatus', 'status', 'orderDate', 'customer', 'statusHistory', 'packingStatusHistory'],
        properties: {
          id: integer, orderId: text, warehouseCode: text, status: text, orderDate: text, customer: { type: 'object' },
          packingStatus: { enum: ['none', 'picked', 'packed'] },
          items: {
            type: 'array',
            items: { type: 'object', required: ['sku', 'name', 'quantity', 'price'], properties: { sku: text, name: text, quantity: count, price: { type: 'number' }, productId: integer } },
          },
          statusHistory: { type: 'array', items: event },
          packingStatusHistory: { type: 'array', items: { type: 'object', required: ['date', 'description', 'packingStatus'], properties: { packingStatus: { enum: ['picked', 'packed'] } } } },
        },
      },
    },
    inventoryOrders: {
      type: 'array',
      items: {
        type: 'object',
        required: ['otoId', 'action', 'locationCode', 'items', 'status', 'createdAt', 'statusHistory'],
        properties: {
          otoId: integer, action: { enum: ['inbound', 'outbound'] }, locationCode: text, status: { const: 'new' }, createdAt: text,
          items: { type: 'array', items: { type: 'object', required: ['sku', 'qty'], properties: { sku: text, qty: count } } },
          statusHistory: { type: 'array', items: event },
        },
      },
    },
    nextTransactionId: integer,
    nextOtoId: integer,
    nextEventId: integer,
  },
};

let validate: ReturnType<typeof compileSchema<SandboxSnapshot>> | undefined;

/**
 * The state a snapshot describes; a SnapshotError naming the first bad field when it is not one
 * this version can run from (nothing half-loaded is returned).
 */
export function importState(value: unknown, now: () => Date = () => new Date()): SandboxState {
  validate ??= compileSchema<SandboxSnapshot>(SNAPSHOT_SCHEMA);
  if (!validate(value)) {
    const first = describeSchemaError(validate.errors![0]);
    throw new SnapshotError(`saved sandbox state: ${fieldName(first.path) || '(top level)'} ${first.message}`);
  }
  const snapshot = JSON.parse(JSON.stringify(value)) as SandboxSnapshot;
  const locationByCode = new Map<string, Location>();
  for (const location of snapshot.locations) {
    if (locationByCode.has(location.code)) {
      throw new SnapshotError(`saved sandbox state: location ${location.code} appears twice`);
    }
    locationByCode.set(location.code, location);
  }
  const known = (code: string, where: string): void => {
    if (!locationByCode.has(code)) {
      throw new SnapshotError(`saved sandbox state: ${where} is at unknown location ${code}`);
    }
  };
  const products: Product[] = snapshot.products.map(({ stock, ...product }) => {
    for (const { code } of stock) {
      known(code, `stock of ${product.sku}`);
    }
    return { ...product, stock: new Map(stock.map(({ code, ...record }) => [code, record])) };
  });
  const productBySku = new Map<string, Product>();
  for (const product of products) {
    if (productBySku.has(product.sku)) {
      throw new SnapshotError(`saved sandbox state: SKU ${product.sku} appears twice`);
    }
    productBySku.set(product.sku, product);
  }
  snapshot.orders.forEach((order) => known(order.warehouseCode, `order ${order.orderId}`));
  snapshot.inventoryOrders.forEach((order) => known(order.locationCode, `inventory order ${order.otoId}`));
  return {
    account: snapshot.account,
    locations: snapshot.locations,
    locationByCode,
    products,
    productBySku,
    orders: snapshot.orders,
    inventoryOrders: snapshot.inventoryOrders,
    nextTransactionId: snapshot.nextTransactionId,
    nextOtoId: snapshot.nextOtoId,
    nextEventId: snapshot.nextEventId,
    now,
  };
}
