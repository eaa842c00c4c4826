// What goes in and comes out of each endpoint, as JSON Schema (2020-12, OpenAPI 3.1's dialect):
// the query parameters, the body, the success answer, and which of OTO's error codes it answers.
// The OpenAPI document is made from this, the endpoint table and the error tables; a test checks
// the sandbox's real answers against it, and sends each example body to the sandbox.
import { DD_MM_YYYY } from './dates';
import type { EndpointName } from './endpoints';
import type { OtoCode } from './errors';
import { MAX_QUANTITY, SKU_SEPARATOR } from './limits';

export type Schema = Record<string, unknown>;

export interface QueryParameter {
  name: string;
  required: boolean;
  description: string;
  schema: Schema;
}

export interface EndpointContract {
  description: string;
  query?: QueryParameter[];
  body?: Schema;
  /** A body the sandbox's demo data (seed 1) answers 200. */
  example?: unknown;
  /** The success answer. */
  answer: Schema;
  /** OTO codes it answers, with their HTTP status. */
  errors: Array<[OtoCode | 'OTO1184', number]>;
}

const text: Schema = { type: 'string', minLength: 1 };
const integer: Schema = { type: 'integer' };
const number: Schema = { type: 'number' };
const success: Schema = { type: 'boolean', const: true };

/** OTO reads a quantity as a JSON integer or a string of digits (`40` or `"40"`, never `"40.5"`). */
export const QUANTITY_SCHEMA: Schema = {
  description: `A whole number, as a JSON integer or a string of digits, within ±${MAX_QUANTITY}.`,
  oneOf: [
    { type: 'integer', minimum: -MAX_QUANTITY, maximum: MAX_QUANTITY },
    { type: 'string', pattern: '^\\s*[-+]?\\d{1,15}\\s*$' },
  ],
};

const DATE_SCHEMA: Schema = {
  type: 'string', pattern: DD_MM_YYYY.source, examples: ['31/03/2024'],
  description: 'DD/MM/YYYY. A malformed or impossible date does not fail the call: OTO drops it and says so in `warnings`.',
};

function object(properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema {
  return { type: 'object', properties, required };
}

const SKU_LIST: QueryParameter = {
  name: 'sku', required: true, schema: text,
  description: `SKUs separated by "${SKU_SEPARATOR}" (a SKU cannot contain one; percent-encoding the separator as %2C works too). Unknown SKUs are left out of the answer; empty items and repeats are ignored.`,
};

const STOCK_ENTRY = object({ pickupLocationCode: text, sku: text, quantityForecasted: integer, quantityOnHand: integer }, ['sku', 'quantityOnHand']);
const GLOBAL_ENTRY = object({ minInventory: integer, sku: text, quantityForecasted: integer, quantityOnHand: integer }, ['sku', 'quantityOnHand']);
/** SKU → entries: the keys are SKUs (data), so any key is allowed. */
const stockMap = (entry: Schema): Schema => ({ type: 'object', additionalProperties: { type: 'array', items: entry } });

const LOCATION = object({
  code: text, id: integer, name: { type: 'string' }, city: { type: 'string' }, district: { type: 'string' }, street: { type: 'string' },
  buildingNo: { type: 'string' }, postcode: { type: 'string' }, address: { type: 'string' }, country: { type: 'string' },
  contactPerson: { type: 'string' }, contactEmail: { type: 'string' }, contactPhone: { type: 'string' }, lat: number, lon: number,
}, ['code']);

const ITEM = object({ sku: text, qty: QUANTITY_SCHEMA });

const PACKING_ITEM = object({ productId: integer, name: { type: 'string' }, quantity: integer, sku: text }, ['sku', 'quantity']);

const HISTORY = {
  type: 'array',
  items: object({ date: { type: 'string' }, description: { type: 'string' } }, ['date']),
};

export const CONTRACT: Readonly<Record<EndpointName, EndpointContract>> = {
  refreshToken: {
    description: 'Signs in: the refresh token (OTO dashboard → Settings → API Integrations) for an access token that lives `expires_in` seconds. Send it as `Authorization: Bearer …`; when a call answers 401 "Jwt is expired", refresh and send the call once more.',
    body: object({ refresh_token: text }),
    answer: object({ access_token: text, refresh_token: text, success, token_type: { type: 'string', const: 'Bearer' }, expires_in: { type: 'string', pattern: '^\\d+$' } }),
    errors: [['OTO1083', 400], ['OTO1088', 401]],
  },
  healthCheck: {
    description: 'Answers without a token.',
    answer: object({ status: { type: 'string' } }),
    errors: [],
  },
  accountInfo: {
    description: 'The account the token belongs to, and its plan (`packageName`). No `success` field.',
    answer: object({ name: { type: 'string' }, email: { type: 'string' }, packageName: { type: 'string' }, remainingCredit: number, mobileNumber: { type: 'string' } }, ['name']),
    errors: [],
  },
  getPickupLocationList: {
    description: 'Warehouses and branches. A bad `status` is `{"errorCode": 5, "errorMsg"}`, not an OTO code.',
    query: [{ name: 'status', required: false, description: '`active` or `inactive`.', schema: { type: 'string', enum: ['active', 'inactive'] } }],
    answer: object({ success, warehouses: { type: 'array', items: LOCATION }, branches: { type: 'array', items: LOCATION } }, ['success']),
    errors: [],
  },
  productList: {
    description: 'The catalogue, a page at a time (`productCount` is the whole catalogue).',
    body: object({ pageSize: QUANTITY_SCHEMA, currentPage: QUANTITY_SCHEMA }, []),
    example: { pageSize: 100, currentPage: 1 },
    answer: object({ success, productCount: integer, products: { type: 'array', items: object({ name: { type: 'string' }, productImage: { type: 'string' }, sku: text, barcode: { type: 'string' } }, ['sku']) } }, ['success', 'products']),
    errors: [['OTO1142', 400], ['OTO1075', 400]],
  },
  checkInventoryStock: {
    description: 'Stock of SKUs at each location (or one), the entry without a location last. The map comes in no particular order.',
    query: [SKU_LIST, { name: 'pickupLocationCode', required: false, description: 'Only this location.', schema: text }],
    answer: object({ success, stock: stockMap(STOCK_ENTRY) }),
    errors: [['OTO1126', 400], ['OTO1133', 400]],
  },
  checkGlobalStock: {
    description: 'Stock of SKUs summed over every location. `quantityForecasted` is left out when it equals on hand, `minInventory` when the product has none.',
    query: [SKU_LIST],
    answer: object({ success, stock: stockMap(GLOBAL_ENTRY) }),
    errors: [['OTO1126', 400]],
  },
  updateStockQuantity: {
    description: `\`set\` the on-hand figure (creating the SKU's inventory at the location) or \`adjust\` it by a non-zero amount (the inventory must exist: OTO1134). Every figure it leads to, at the location and summed over all of them, must stay within ±${MAX_QUANTITY}. Not safe to resend: an adjust would apply twice, a set could overwrite a newer change.`,
    body: object({ actionType: { type: 'string', enum: ['set', 'adjust'] }, locationCode: text, sku: text, qty: QUANTITY_SCHEMA, inventoryType: { type: 'string', const: 'onHand' } }, ['actionType', 'locationCode', 'sku', 'qty']),
    example: { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 },
    answer: object({ success, warnings: { type: 'array', items: { type: 'string' } }, transactionID: integer }),
    errors: [['OTO1075', 400], ['OTO1130', 400], ['OTO1133', 400], ['OTO1126', 400], ['OTO1132', 400], ['OTO1135', 400], ['OTO1134', 404]],
  },
  createInventoryOrder: {
    description: 'Records an inbound or outbound inventory order (status `new`): it moves the forecast, never on hand. Not safe to resend.',
    body: object({
      action: { type: 'string', enum: ['inbound', 'outbound'] }, locationCode: text, items: { type: 'array', minItems: 1, items: ITEM },
      binLocationName: text, orderDate: DATE_SCHEMA, deliveryDate: DATE_SCHEMA, waybillNumber: { type: 'string' }, description: { type: 'string' },
    }, ['action', 'locationCode', 'items']),
    example: { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 5 }], orderDate: '31/03/2024' },
    answer: object({ success, otoId: integer, warnings: { type: 'array', items: { type: 'string' } } }, ['success', 'otoId']),
    errors: [['OTO1075', 400], ['OTO1136', 400], ['OTO1133', 400], ['OTO1074', 400], ['OTO1126', 400], ['OTO1132', 400], ['OTO1137', 400]],
  },
  getPackingOrders: {
    description: 'Orders waiting to be packed at a warehouse (packed ones leave the queue). An item not in the catalogue has no `productId`.',
    body: object({ warehouseCode: text }),
    example: { warehouseCode: 'RUH-WH1' },
    answer: object({ success, count: integer, orders: { type: 'array', items: object({ orderId: text, items: { type: 'array', items: PACKING_ITEM } }) } }),
    errors: [['OTO1075', 400], ['OTO1133', 400]],
  },
  updatePackingStatus: {
    description: 'picked → packed (or straight to packed). Packing takes the catalogue items off the shelf. A packed order cannot change again (OTO1103).',
    body: object({ orderId: text, packingStatus: { type: 'string', enum: ['picked', 'packed'] } }),
    answer: object({ success, message: { type: 'string' } }),
    errors: [['OTO1075', 400], ['OTO1001', 400], ['OTO1131', 400], ['OTO1002', 404], ['OTO1103', 400]],
  },
  orderDetails: {
    description: 'One customer order. In the numeric-codes dialect `amountDue` and `paymentMethod` are spelt `amount_due` and `payment_method`, and a delivery slot and the customer\'s region are added.',
    query: [{ name: 'orderId', required: true, description: 'The order\'s id.', schema: text }],
    answer: object({
      orderId: text, status: { type: 'string' }, amount: number, currency: { type: 'string' }, amountDue: number, amount_due: number,
      paymentMethod: { type: 'string' }, payment_method: { type: 'string' }, orderDate: { type: 'string' },
      customer: { type: 'object' }, items: { type: 'array' }, statusHistory: HISTORY, packingStatusHistory: HISTORY,
      deliverySlotDate: { type: 'string' }, deliverySlotFrom: { type: 'string' }, deliverySlotTo: { type: 'string' },
    }, ['orderId', 'statusHistory']),
    errors: [['OTO1001', 400], ['OTO1002', 404]],
  },
  availableCitiesForPickup: {
    description: 'Cities with an active branch that offers pickup.',
    body: { type: 'object' },
    example: {},
    answer: object({ cities: { type: 'array', items: { type: 'string' } }, success }),
    errors: [['OTO1185', 404]],
  },
  availableStoresForPickup: {
    description: 'Active branches in `selectedCity` holding every item.',
    body: object({ selectedCity: text, items: { type: 'array', minItems: 1, items: ITEM } }),
    answer: object({ success, stores: { type: 'array', items: object({ storeCode: text, storeName: { type: 'string' }, city: { type: 'string' }, id: integer, stock: { type: 'string' } }, ['storeCode']) } }),
    errors: [['OTO1075', 400], ['OTO1074', 400], ['OTO1184', 404]],
  },
};
