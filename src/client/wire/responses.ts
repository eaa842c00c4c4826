// The documented wire shape of each endpoint's answer (see oto-api-examples.json), as checks.
import type {
  AccountInfo, AccountWebhook, CreateInventoryOrderResponse, CreateWebhookResponse, GlobalStockEntry, HealthStatus, InventoryStockEntry, OrderDetails,
  PackingOrder, PickupLocation, Product, UpdatePackingStatusResponse, UpdateStockQuantityResponse,
} from '../types';
import { array, Check, either, literal, number, object, optional, primitive, record, string, withDefault } from './wire';

const success = literal(true);
const id = either(number, string);
const warnings = withDefault(array(string), () => []);

export interface TokenAnswer {
  access_token: string;
  expires_in?: string | number;
}

/** Refused when issued: a token with a space, a line break or non-ASCII text would fail (or split) the Authorization header of every call. */
const headerSafeToken: Check<string> = primitive('a token that can be sent in an HTTP header (visible ASCII, no spaces or line breaks)',
  (value) => typeof value === 'string' && /^[\x21-\x7E]+$/.test(value));

export const tokenAnswer: Check<TokenAnswer> = object({
  access_token: headerSafeToken,
  expires_in: optional(either(string, number)),
});

export const healthAnswer: Check<HealthStatus> = object({ status: string });

export const accountAnswer: Check<AccountInfo> = object({
  name: string,
  email: string,
  packageName: string,
  mobileNumber: optional(string),
  accountType: optional(string),
  remainingCredit: optional(number),
});

export const updateStockAnswer: Check<UpdateStockQuantityResponse> = object({
  success,
  warnings,
  transactionID: optional(id),
});

const inventoryEntry: Check<InventoryStockEntry> = object({
  pickupLocationCode: optional(string),
  sku: string,
  quantityOnHand: number,
  quantityForecasted: number,
});

export const inventoryStockAnswer: Check<{ stock: Record<string, InventoryStockEntry[]> }> = object({
  success,
  stock: record(array(inventoryEntry)),
});

const globalEntry: Check<GlobalStockEntry> = object({
  sku: string,
  quantityOnHand: number,
  quantityForecasted: optional(number),
  minInventory: optional(number),
});

export const globalStockAnswer: Check<{ stock: Record<string, GlobalStockEntry[]> }> = object({
  success,
  stock: record(array(globalEntry)),
});

export const inventoryOrderAnswer: Check<CreateInventoryOrderResponse> = object({
  success,
  otoId: id,
  warnings: optional(array(string)),
});

export const packingStatusAnswer: Check<UpdatePackingStatusResponse> = object({
  success,
  message: optional(string),
});

const packingOrder: Check<PackingOrder> = object({
  orderId: string,
  items: array(object({
    productId: optional(number),
    name: string,
    quantity: number,
    sku: string,
  })),
});

export const packingOrdersAnswer: Check<{ orders: PackingOrder[] }> = object({
  success,
  count: optional(number),
  orders: array(packingOrder),
});

type WirePickupLocation = Omit<PickupLocation, 'kind'>;

const optionalText = optional(string);
const pickupLocation: Check<WirePickupLocation> = object({
  code: string,
  name: string,
  id: optional(number),
  city: optionalText,
  country: optionalText,
  address: optionalText,
  district: optionalText,
  street: optionalText,
  buildingNo: optionalText,
  secondaryAddressNumber: optionalText,
  shortAddressCode: optionalText,
  postcode: optionalText,
  contactPerson: optionalText,
  contactPhone: optionalText,
  contactEmail: optionalText,
  lat: optional(number),
  lon: optional(number),
});

// Branches only exist on Enterprise accounts, so either list may be missing.
export const pickupLocationsAnswer: Check<{ warehouses: WirePickupLocation[]; branches: WirePickupLocation[] }> = object({
  success,
  warehouses: withDefault(array(pickupLocation), () => []),
  branches: withDefault(array(pickupLocation), () => []),
});

export const productPageAnswer: Check<{ productCount?: number; products: Product[] }> = object({
  success,
  productCount: optional(number),
  products: array(object({
    name: string,
    sku: string,
    productImage: optionalText,
    barcode: optionalText,
  })),
});

/** orderDetails fields that OTO's numeric-codes dialect spells in snake_case: read under one name. */
const ORDER_DETAILS_ALIASES: Readonly<Record<string, string>> = { amountDue: 'amount_due', paymentMethod: 'payment_method' };

const missing = (value: unknown): boolean => value === undefined || value === null;

function withAliases<T>(aliases: Readonly<Record<string, string>>, check: Check<T>): Check<T> {
  return (value) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const fields = value as Record<string, unknown>;
      for (const [name, alias] of Object.entries(aliases)) {
        if (missing(fields[name]) && !missing(fields[alias])) {
          fields[name] = fields[alias];
        }
      }
    }
    return check(value);
  };
}

// Figures OTO has sent both as numbers and as strings of digits.
const figure = optional(either(number, string));

export const orderDetailsAnswer: Check<OrderDetails> = withAliases(ORDER_DETAILS_ALIASES, object({
  orderId: string,
  id: optional(number),
  status: optionalText,
  orderDate: optionalText,
  pickupLocation: optionalText,
  trackingURL: optionalText,
  dcName: optionalText,
  packageWeight: figure,
  packageCount: figure,
  amount: figure,
  amountDue: figure,
  currency: optionalText,
  paymentMethod: optionalText,
  deliverySlotDate: optionalText,
  deliverySlotFrom: optionalText,
  deliverySlotTo: optionalText,
  items: withDefault(array(object({
    id: optional(number),
    sku: optionalText,
    name: optionalText,
    quantity: optional(number),
    price: optional(number),
  })), () => []),
  statusHistory: withDefault(array(object({
    date: optionalText,
    description: optionalText,
    id: optional(number),
    status: string,
    shipmentId: optionalText,
    deliveryCompany: optionalText,
  })), () => []),
  packingStatusHistory: withDefault(array(object({
    date: optionalText,
    description: optionalText,
    packingStatus: string,
  })), () => []),
  customer: optional(object({
    name: optionalText,
    city: optionalText,
    region: optionalText,
    country: optionalText,
    address: optionalText,
    mobile: optionalText,
    email: optionalText,
  })),
}));

/** OTO's ids come as numbers or as strings of digits: kept as text. */
const idText: Check<string> = (value) => String(either(number, string)(value));
/** OTO lists an unset field as `null`: kept as absent. */
const nullableText: Check<string | undefined> = (value) => (value === null || value === undefined ? undefined : string(value));

const accountWebhook: Check<AccountWebhook> = object({
  id: idText,
  method: string,
  url: string,
  webhookType: nullableText,
  secretKey: nullableText,
  authorizationKey: nullableText,
  timestampFormat: nullableText,
  orderPrefix: nullableText,
});

export const webhookListAnswer: Check<{ webhooks: AccountWebhook[] }> = object({
  success,
  webhooks: array(accountWebhook),
});

export const webhookCreatedAnswer: Check<CreateWebhookResponse> = object({
  success,
  id: idText,
  message: optional(string),
});

export const webhookChangedAnswer: Check<{ message?: string }> = object({
  success,
  message: optional(string),
});
