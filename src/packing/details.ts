// Reads the few fields the packing panel shows from an `orderDetails` answer. The answer is large
// and loosely specified (fields come and go between orders), so each field is taken only when it
// has the expected type, and the page gets a small, fixed shape.
import type { HistoryEntry, OrderDetailsView, PackingStatus } from './protocol';

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function packingHistory(raw: unknown): HistoryEntry[] {
  const list = record(raw).packingStatusHistory;
  if (!Array.isArray(list)) {
    return [];
  }
  const entries = list.map((entry) => {
    const fields = record(entry);
    return { date: text(fields.date), status: text(fields.packingStatus), description: text(fields.description) };
  });
  // Newest first, whatever order OTO sent them in (its example lists them newest first).
  return entries.filter((entry) => entry.status !== '').sort((a, b) => b.date.localeCompare(a.date));
}

/** A figure OTO sends as a number or a string of digits (`1`, `"2.5"`); undefined otherwise. */
function figure(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** Only the fields present, so the page shows a row for what OTO sent and nothing for the rest. */
function present<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== '')) as Partial<T>;
}

/** Reads the client's OrderDetails (which already reads numeric-codes' snake_case names as camelCase). */
export function toDetailsView(raw: unknown): OrderDetailsView {
  const fields = record(raw);
  const customer = record(fields.customer);
  return {
    status: text(fields.status),
    customerCity: text(customer.city) || text(fields.destinationCity),
    packingHistory: packingHistory(raw),
    ...present({
      customerRegion: text(customer.region),
      trackingUrl: text(fields.trackingURL),
      deliverySlotDate: text(fields.deliverySlotDate),
      deliverySlotFrom: text(fields.deliverySlotFrom),
      deliverySlotTo: text(fields.deliverySlotTo),
      packageWeight: figure(fields.packageWeight),
      packageCount: figure(fields.packageCount),
      paymentMethod: text(fields.paymentMethod),
      amountDue: figure(fields.amountDue),
      currency: text(fields.currency),
    }),
  };
}

function isPackingStatus(status: string): status is PackingStatus {
  return status === 'picked' || status === 'packed';
}

/** The newest picked/packed entry of the order's packing history (later steps such as "shipped" are skipped). */
export function latestPackingStatus(raw: unknown): PackingStatus | undefined {
  return packingHistory(raw)
    .map((entry) => entry.status)
    .find(isPackingStatus);
}
