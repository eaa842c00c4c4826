// The sandbox's in-memory state: one instance per running sandbox, changed only by API calls.
import type { ApiRequest } from '../endpoints/api';

export interface StoreHours {
  day: string;
  from: string;
  to: string;
}

export interface Location {
  id: number;
  code: string;
  kind: 'warehouse' | 'branch';
  name: string;
  city: string;
  district: string;
  street: string;
  buildingNo: string;
  secondaryAddressNumber: string;
  postcode: string;
  shortAddressCode: string;
  contactPerson: string;
  contactEmail: string;
  contactPhone: string;
  lat: number;
  lon: number;
  status: 'active' | 'inactive';
  /** `YYYY-MM-DD`. */
  createdDate: string;
  bins: string[];
  storeHours: StoreHours[];
}

/** Stock of one SKU at one location. Forecast = onHand − reserved + incoming − outgoing. */
export interface StockRecord {
  onHand: number;
  /** Held by customer orders not yet packed. */
  reserved: number;
  /** Inbound inventory orders still `new`. */
  incoming: number;
  /** Outbound inventory orders still `new`. */
  outgoing: number;
}

export interface Product {
  id: number;
  sku: string;
  name: string;
  barcode: string;
  productImage: string;
  price: number;
  minInventory?: number;
  /** Per location code, in location order. */
  stock: Map<string, StockRecord>;
  /** OTO's entry without a location; fixed, not changed by any call. */
  noLocation?: { onHand: number; forecasted: number };
}

export interface Customer {
  id: number;
  name: string;
  mobile: string;
  email: string;
  city: string;
  state: string;
  district: string;
  street: string;
  buildingNo: string;
  secondaryAddressNumber: string;
  postcode: string;
  lat: number;
  lon: number;
}

export interface StatusEvent {
  id: number;
  date: string;
  description: string;
  status: string;
  shipmentId?: string;
  deliveryCompany?: string;
}

export interface PackingEvent {
  date: string;
  description: string;
  packingStatus: 'picked' | 'packed';
}

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  price: number;
  /** Only items whose SKU is in the catalogue carry a product id, as on OTO. */
  productId?: number;
}

export interface CustomerOrder {
  id: number;
  orderId: string;
  warehouseCode: string;
  items: OrderItem[];
  packingStatus: 'none' | 'picked' | 'packed';
  status: string;
  shipmentId: string;
  /** `YYYY-MM-DD HH:mm:ss`. */
  orderDate: string;
  customer: Customer;
  statusHistory: StatusEvent[];
  /** Newest first, as OTO lists it. */
  packingStatusHistory: PackingEvent[];
}

export interface InventoryOrderItem {
  sku: string;
  qty: number;
}

export interface InventoryOrder {
  otoId: number;
  action: 'inbound' | 'outbound';
  locationCode: string;
  items: InventoryOrderItem[];
  status: 'new';
  binLocationName?: string;
  orderDate?: string;
  deliveryDate?: string;
  waybillNumber?: string;
  description?: string;
  /** `YYYY-MM-DD HH:mm:ss`. */
  createdAt: string;
  statusHistory: StatusEvent[];
}

export interface Account {
  name: string;
  email: string;
  mobileNumber: string;
  packageName: string;
  remainingCredit: number;
  remainingFreeShipments: string;
  accountType: string;
  CRDocStatus: string;
  freelanceDocStatus: string;
}

export interface SandboxState {
  account: Account;
  locations: Location[];
  locationByCode: Map<string, Location>;
  products: Product[];
  productBySku: Map<string, Product>;
  orders: CustomerOrder[];
  inventoryOrders: InventoryOrder[];
  nextTransactionId: number;
  nextOtoId: number;
  nextEventId: number;
  /** The time used for new events; seeded history uses fixed dates instead. */
  now(): Date;
  /** The account's webhooks (registry, deliveries) once the sandbox runs; absent while seeding. */
  webhooks?: StateWebhooks;
}

export interface StateWebhooks {
  /** Hears an order's status change; `status` is OTO's: `picked` and `packed` from the packing flow, or any later one. */
  statusChanged(order: CustomerOrder, status: string): void;
  /** Answers `/rest/v2/webhook` (POST, GET, PUT, DELETE). */
  manage(request: ApiRequest): unknown;
}

export function forecastOf(record: StockRecord): number {
  return record.onHand - record.reserved + record.incoming - record.outgoing;
}

export function emptyRecord(): StockRecord {
  return { onHand: 0, reserved: 0, incoming: 0, outgoing: 0 };
}

/** `2026-02-18T12:19:16`, the format of OTO's history dates (UTC, no zone). */
export function historyDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** `2026-02-18 12:15:31`, the format of OTO's orderDate. */
export function orderDate(date: Date): string {
  return historyDate(date).replace('T', ' ');
}
