// Stock endpoints: checkInventoryStock, checkGlobalStock and updateStockQuantity.
import { bodyOf, checkFigures, quantity, skuList, text, type ApiRequest, type Endpoint } from './api';
import { otoFailure } from '../http/errors';
import type { Product, SandboxState } from '../state/model';
import { emptyRecord, forecastOf } from '../state/model';

/** FNV-1a over the SKU's characters (the first code unit of each): the order the sandbox answers SKUs in. */
function orderKey(sku: string): number {
  let hash = 2166136261;
  for (const character of sku) {
    hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  }
  return hash;
}

/**
 * The requested SKUs the catalogue knows. OTO's stock maps come in no particular order; the
 * sandbox orders them by a hash of the SKU so a client that relies on the request's order fails
 * here too, yet every run answers the same. Only the known ones are ordered, and one needs no order.
 */
function knownProducts(state: SandboxState, request: ApiRequest): Product[] {
  const products: Product[] = [];
  for (const sku of skuList(request)) {
    const product = state.productBySku.get(sku);
    if (product) {
      products.push(product);
    }
  }
  if (products.length < 2) {
    return products;
  }
  const keys = new Map(products.map((product) => [product, orderKey(product.sku)]));
  return products.sort((a, b) => (keys.get(a) as number) - (keys.get(b) as number) || (a.sku < b.sku ? -1 : 1));
}

export const checkInventoryStock: Endpoint = (state, request) => {
  const locationCode = request.query.pickupLocationCode;
  if (locationCode !== undefined && !state.locationByCode.has(locationCode)) {
    throw otoFailure('OTO1133');
  }
  // Null-prototype: a SKU named `__proto__` must be an entry of the answer, not its prototype.
  const stock = Object.create(null) as Record<string, unknown[]>;
  for (const product of knownProducts(state, request)) {
    const entries: unknown[] = [];
    for (const [code, record] of product.stock) {
      if (locationCode === undefined || code === locationCode) {
        entries.push({ pickupLocationCode: code, sku: product.sku, quantityForecasted: forecastOf(record), quantityOnHand: record.onHand });
      }
    }
    if (product.noLocation && locationCode === undefined) {
      entries.push({ sku: product.sku, quantityForecasted: product.noLocation.forecasted, quantityOnHand: product.noLocation.onHand });
    }
    stock[product.sku] = entries;
  }
  return { success: true, stock };
};

export const checkGlobalStock: Endpoint = (state, request) => {
  const stock = Object.create(null) as Record<string, unknown[]>;
  for (const product of knownProducts(state, request)) {
    let onHand = product.noLocation?.onHand ?? 0;
    let forecasted = product.noLocation?.forecasted ?? 0;
    for (const record of product.stock.values()) {
      onHand += record.onHand;
      forecasted += forecastOf(record);
    }
    // OTO leaves out what does not apply: no forecast when it equals on hand, no unset minimum.
    // Fields in OTO's order, set one by one: no object spread per product on every read.
    const entry: Record<string, unknown> = {};
    if (product.minInventory !== undefined) {
      entry.minInventory = product.minInventory;
    }
    entry.sku = product.sku;
    if (forecasted !== onHand) {
      entry.quantityForecasted = forecasted;
    }
    entry.quantityOnHand = onHand;
    stock[product.sku] = [entry];
  }
  return { success: true, stock };
};

export const updateStockQuantity: Endpoint = (state, request) => {
  const body = bodyOf(request);
  // As in OTO's captured answers, every field's format is checked before anything is looked up:
  // a bad qty is reported even when the location is unknown too.
  const actionType = body.actionType;
  if (actionType !== 'set' && actionType !== 'adjust') {
    throw otoFailure('OTO1130');
  }
  const locationCode = text(body.locationCode);
  if (locationCode === undefined) {
    throw otoFailure('OTO1133');
  }
  const sku = text(body.sku);
  if (sku === undefined) {
    throw otoFailure('OTO1126');
  }
  const qty = quantity(body.qty);
  if (qty === undefined || (actionType === 'set' && qty < 0) || (actionType === 'adjust' && qty === 0)) {
    throw otoFailure('OTO1132');
  }
  if (body.inventoryType !== undefined && body.inventoryType !== 'onHand') {
    throw otoFailure('OTO1135');
  }
  if (!state.locationByCode.has(locationCode)) {
    throw otoFailure('OTO1133');
  }
  const product = state.productBySku.get(sku);
  if (!product) {
    throw otoFailure('OTO1126');
  }
  const existing = product.stock.get(locationCode);
  // Setting creates the SKU's inventory at a location; adjusting needs one to exist.
  if (!existing && actionType === 'adjust') {
    throw otoFailure('OTO1134', 404);
  }
  const record = existing ?? emptyRecord();
  const onHand = actionType === 'set' ? qty : record.onHand + qty;
  // Past the range a figure would be stored wrongly (or not at all): say so rather than succeed.
  checkFigures(product, locationCode, { ...record, onHand });
  record.onHand = onHand;
  product.stock.set(locationCode, record);
  const warning =
    actionType === 'set'
      ? 'Inventory quantity set to the given qty according to the action type'
      : qty > 0
        ? 'Inventory quantity increased by the given qty'
        : 'Inventory quantity decreased by the given qty';
  return { success: true, warnings: [warning], transactionID: state.nextTransactionId++ };
};
