// createInventoryOrder: inbound and outbound orders are recorded with status `new` and count in
// the forecast of their location until they are processed (which the API cannot do).
import { bodyOf, checkFigures, ddmmyyyy, quantity, text, type Endpoint } from './api';
import { otoFailure, quantityRangeFailure } from '../http/errors';
import { inQuantityRange } from '../../oto';
import type { InventoryOrderItem } from '../state/model';
import { emptyRecord, historyDate, orderDate, type StockRecord } from '../state/model';
import { admitInventoryOrder } from './capacity';

export const createInventoryOrder: Endpoint = (state, request) => {
  const body = bodyOf(request);
  // Formats first, then lookups, as in OTO's captured answers.
  const action = body.action;
  if (action !== 'inbound' && action !== 'outbound') {
    throw otoFailure('OTO1136');
  }
  const locationCode = text(body.locationCode);
  if (locationCode === undefined) {
    throw otoFailure('OTO1133');
  }
  if (!Array.isArray(body.items) || body.items.length === 0) {
    throw otoFailure('OTO1074');
  }
  const items: InventoryOrderItem[] = body.items.map((raw: unknown) => {
    const item = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const sku = text(item.sku);
    if (sku === undefined) {
      throw otoFailure('OTO1126');
    }
    const qty = quantity(item.qty);
    if (qty === undefined || qty <= 0) {
      throw otoFailure('OTO1132');
    }
    return { sku, qty };
  });
  const binLocationName = body.binLocationName === undefined ? undefined : text(body.binLocationName);
  if (body.binLocationName !== undefined && binLocationName === undefined) {
    throw otoFailure('OTO1137');
  }
  const location = state.locationByCode.get(locationCode);
  if (!location) {
    throw otoFailure('OTO1133');
  }
  if (items.some((item) => !state.productBySku.has(item.sku))) {
    throw otoFailure('OTO1126');
  }
  if (binLocationName !== undefined && !location.bins.includes(binLocationName)) {
    throw otoFailure('OTO1137');
  }
  const warnings: string[] = [];
  // A malformed date does not fail the call: OTO drops it and says so in a warning (its wording).
  const date = (field: 'orderDate' | 'deliveryDate'): string | undefined => {
    const value = body[field];
    if (value === undefined) {
      return undefined;
    }
    const parsed = typeof value === 'string' ? ddmmyyyy(value) : undefined;
    if (!parsed) {
      warnings.push(`${field} is in an invalid format, order inserted without order date. Please provide dates as DD/MM/YYYY`);
      return undefined;
    }
    return orderDate(parsed);
  };
  const dates = { orderDate: date('orderDate'), deliveryDate: date('deliveryDate') };

  // Every figure the order leads to is worked out first, so an order out of range changes nothing.
  const field = action === 'inbound' ? 'incoming' : 'outgoing';
  const next = new Map<string, StockRecord>();
  for (const { sku, qty } of items) {
    const record = next.get(sku) ?? { ...(state.productBySku.get(sku)?.stock.get(location.code) ?? emptyRecord()) };
    record[field] += qty;
    if (!inQuantityRange(record[field])) {
      throw quantityRangeFailure({ figure: `${action} quantity pending`, value: record[field] });
    }
    checkFigures(state.productBySku.get(sku), location.code, record);
    next.set(sku, record);
  }
  const kept = { items, description: text(body.description), waybillNumber: text(body.waybillNumber), binLocationName };
  admitInventoryOrder(state, kept);
  for (const [sku, record] of next) {
    const stock = state.productBySku.get(sku)?.stock;
    const current = stock?.get(location.code);
    if (current) {
      current[field] = record[field];
    } else {
      stock?.set(location.code, record);
    }
  }
  const now = state.now();
  const otoId = state.nextOtoId++;
  state.inventoryOrders.push({
    otoId,
    action,
    locationCode: location.code,
    items,
    status: 'new',
    binLocationName,
    ...dates,
    waybillNumber: kept.waybillNumber,
    description: kept.description,
    createdAt: orderDate(now),
    statusHistory: [{ id: state.nextEventId++, date: historyDate(now), description: `Created by ${state.account.name}`, status: 'new' }],
  });
  return { success: true, otoId, ...(warnings.length > 0 ? { warnings } : {}) };
};
