// Public request and response types of the OTO client. Response types list the fields we rely on;
// the objects keep any other fields OTO sends.
import type { WebhookFields } from '../oto/webhookInput';

export interface RequestOptions {
  signal?: AbortSignal;
}

export type ActionType = 'set' | 'adjust';

export interface UpdateStockQuantityRequest {
  actionType: ActionType;
  locationCode: string;
  sku: string;
  /** `set`: the new quantity on hand (0 or more). `adjust`: the change, negative to deduct (not 0). */
  qty: number;
  /** OTO's default is `onHand`. */
  inventoryType?: string;
}

export interface UpdateStockQuantityResponse {
  success: true;
  warnings: string[];
  transactionID?: number | string;
}

export interface InventoryStockEntry {
  /** Absent on the "no location" entry OTO adds to some SKUs (often with negative figures). */
  pickupLocationCode?: string;
  sku: string;
  quantityOnHand: number;
  quantityForecasted: number;
}

export interface CheckInventoryStockOptions extends RequestOptions {
  pickupLocationCode?: string;
}

export type InventoryStock = Record<string, InventoryStockEntry[]>;

export interface GlobalStockEntry {
  sku: string;
  quantityOnHand: number;
  quantityForecasted?: number;
  minInventory?: number;
}

export type GlobalStock = Record<string, GlobalStockEntry>;

export type InventoryOrderAction = 'inbound' | 'outbound';

export interface InventoryOrderItem {
  sku: string;
  /** A positive integer. */
  qty: number;
}

export interface CreateInventoryOrderRequest {
  action: InventoryOrderAction;
  locationCode: string;
  items: InventoryOrderItem[];
  binLocationName?: string;
  /** `DD/MM/YYYY`. */
  orderDate?: string;
  /** `DD/MM/YYYY`. */
  deliveryDate?: string;
  waybillNumber?: string;
  description?: string;
}

export interface CreateInventoryOrderResponse {
  success: true;
  otoId: number | string;
  /** e.g. a date OTO could not read and dropped: worth showing to the user. */
  warnings?: string[];
}

export type PackingStatus = 'picked' | 'packed';

export interface UpdatePackingStatusRequest {
  orderId: string;
  packingStatus: PackingStatus;
}

export interface UpdatePackingStatusResponse {
  success: true;
  message?: string;
}

export interface PackingOrderItem {
  productId?: number;
  name: string;
  quantity: number;
  sku: string;
}

export interface PackingOrder {
  orderId: string;
  items: PackingOrderItem[];
}

export type PickupLocationKind = 'warehouse' | 'branch';

export interface PickupLocation {
  kind: PickupLocationKind;
  /** The location code the stock endpoints use. */
  code: string;
  name: string;
  id?: number;
  city?: string;
  country?: string;
  address?: string;
  district?: string;
  street?: string;
  buildingNo?: string;
  secondaryAddressNumber?: string;
  shortAddressCode?: string;
  postcode?: string;
  contactPerson?: string;
  contactPhone?: string;
  contactEmail?: string;
  lat?: number;
  lon?: number;
}

export interface GetPickupLocationsOptions extends RequestOptions {
  status?: 'active' | 'inactive';
}

export interface Product {
  name: string;
  sku: string;
  productImage?: string;
  barcode?: string;
}

export interface OrderStatusEntry {
  date?: string;
  description?: string;
  id?: number;
  status: string;
  shipmentId?: string;
  deliveryCompany?: string;
}

export interface PackingStatusEntry {
  date?: string;
  description?: string;
  packingStatus: string;
}

export interface OrderItem {
  id?: number;
  sku?: string;
  name?: string;
  quantity?: number;
  price?: number;
}

export interface OrderCustomer {
  name?: string;
  city?: string;
  /** Sent only in OTO's numeric-codes dialect. */
  region?: string;
  country?: string;
  address?: string;
  mobile?: string;
  email?: string;
}

export interface OrderDetails {
  orderId: string;
  id?: number;
  status?: string;
  orderDate?: string;
  pickupLocation?: string;
  trackingURL?: string;
  /** The delivery company, e.g. `OTO Flex`. */
  dcName?: string;
  packageWeight?: number | string;
  packageCount?: number | string;
  amount?: number | string;
  /** `amountDue`, or `amount_due` in OTO's numeric-codes dialect (the answer keeps both). */
  amountDue?: number | string;
  currency?: string;
  /** `paymentMethod`, or `payment_method` in OTO's numeric-codes dialect (the answer keeps both). */
  paymentMethod?: string;
  /** The delivery slot; sent only in OTO's numeric-codes dialect. */
  deliverySlotDate?: string;
  deliverySlotFrom?: string;
  deliverySlotTo?: string;
  items: OrderItem[];
  statusHistory: OrderStatusEntry[];
  packingStatusHistory: PackingStatusEntry[];
  customer?: OrderCustomer;
}

export interface AccountInfo {
  name: string;
  email: string;
  /** The plan, e.g. `EnterprisePackage`: stock management needs Scale, Enterprise or Marketplaces. */
  packageName: string;
  mobileNumber?: string;
  accountType?: string;
  remainingCredit?: number;
}

export interface HealthStatus {
  status: string;
}

/** The HTTP methods the client sends: the stock endpoints' GET and POST, and the webhook endpoint's PUT and DELETE. */
export type OtoHttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * A webhook to register (`POST /rest/v2/webhook`): OTO's fields, checked as OTO checks them
 * (src/oto/webhookInput.ts) before anything is sent. `secretKey` and `authorizationKey` go into the
 * request body only: the request log and errors carry them redacted.
 */
export type WebhookRegistration = WebhookFields;

/**
 * One webhook of the account, as `GET /rest/v2/webhook` lists it. OTO answers the id as a number
 * here (a string when creating): it is kept as text. OTO's list may leave out `webhookType`.
 * The keys come back in clear: whatever shows a webhook shortens them.
 */
export interface AccountWebhook {
  id: string;
  method: string;
  url: string;
  webhookType?: string;
  secretKey?: string;
  authorizationKey?: string;
  timestampFormat?: string;
  orderPrefix?: string;
}

export interface CreateWebhookResponse {
  /** The new webhook's id. */
  id: string;
  message?: string;
}

/** One HTTP exchange, as reported to `onRequest`. Every token in it is already redacted. */
export interface OtoRequestEvent {
  /** Increases by one per exchange of this client. */
  id: number;
  /** Epoch milliseconds (with a fraction) when the request started. */
  startedAt: number;
  method: OtoHttpMethod;
  /** e.g. `checkInventoryStock`. */
  endpoint: string;
  url: string;
  /** `read`s may be replayed freely; a `write` changes state on OTO; `auth` is the token refresh. */
  operation: 'read' | 'write' | 'auth';
  /** 1 for the first try of a call, then 2, 3, … for its retries (and the retry after a 401). */
  attempt: number;
  requestHeaders: Record<string, string>;
  /** Redacted when first read (a getter, enumerable like the other fields). */
  requestBody?: string;
  /** Absent when no answer came (network error, timeout, abort). */
  status?: number;
  /** Redacted when first read, like `requestBody`. */
  responseBody?: string;
  durationMs: number;
  /** Set when the exchange ended in an error (then also passed to the caller, unless retried). */
  error?: { kind: string; code?: string; message: string };
}
