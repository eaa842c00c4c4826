// One write answered by the sandbox's own endpoint against a throwaway state built from what a
// caller read elsewhere (the recording proxy's `simulate` mode reads the upstream): the answer OTO
// would give, and what the write changed, without the caller knowing the sandbox's state model.
import type { ApiRequest, Endpoint } from './endpoints/api';
import { createInventoryOrder } from './endpoints/inventory';
import { updatePackingStatus } from './endpoints/packing';
import { updateStockQuantity } from './endpoints/stock';
import { ApiFailure } from './http/errors';
import { emptyRecord, forecastOf, type CustomerOrder, type Location, type Product, type SandboxState, type StockRecord } from './state/model';
import type { EndpointName } from '../oto';

export type SimulatedWrite = Extract<EndpointName, 'updateStockQuantity' | 'createInventoryOrder' | 'updatePackingStatus'>;

const WRITES: Record<SimulatedWrite, Endpoint> = { updateStockQuantity, createInventoryOrder, updatePackingStatus };

export function isSimulatedWrite(endpoint: string): endpoint is SimulatedWrite {
  return Object.prototype.hasOwnProperty.call(WRITES, endpoint);
}

/** What the write may see: the locations and stock it reads, and the order it acts on. */
export interface SimulationInput {
  locations: ReadonlyArray<{ code: string; kind: 'warehouse' | 'branch' }>;
  /** Bins every location is taken to have (the upstream does not say which exist). */
  bins: readonly string[];
  /** sku → location code → figures. */
  stock: ReadonlyMap<string, ReadonlyMap<string, { onHand: number; forecast: number }>>;
  /** The order an updatePackingStatus acts on, with its latest packing status. */
  order?: { orderId: string; packingStatus: 'none' | 'picked' | 'packed'; status: string };
  /** Numbers the throwaway state starts its ids from. */
  firstId: number;
  name: string;
}

export interface StockChange {
  sku: string;
  locationCode: string;
  onHand: number;
  forecast: number;
}

export interface SimulationResult {
  status: number;
  /** The answer's JSON body. */
  body: unknown;
  /** What the write changed in the stock (differences), empty when it failed. */
  stockChanges: StockChange[];
  /** The order's packing history after an updatePackingStatus, newest first. */
  packingHistory?: Array<{ date: string; description: string; packingStatus: 'picked' | 'packed' }>;
}

function shadowLocation(code: string, kind: Location['kind'], bins: string[]): Location {
  return {
    id: 0, code, kind, name: code, city: '', district: '', street: '', buildingNo: '', secondaryAddressNumber: '', postcode: '',
    shortAddressCode: '', contactPerson: '', contactEmail: '', contactPhone: '', lat: 0, lon: 0, status: 'active', createdDate: '', bins, storeHours: [],
  };
}

function recordFrom(onHand: number, forecast: number): StockRecord {
  return { ...emptyRecord(), onHand, incoming: Math.max(0, forecast - onHand), outgoing: Math.max(0, onHand - forecast) };
}

function stateOf(input: SimulationInput): SandboxState {
  const locations = input.locations.map((location) => shadowLocation(location.code, location.kind, [...input.bins]));
  const products: Product[] = [...input.stock].map(([sku, figures], index) => ({
    id: index + 1, sku, name: sku, barcode: '', productImage: '', price: 0,
    stock: new Map([...figures].map(([code, { onHand, forecast }]) => [code, recordFrom(onHand, forecast)])),
  }));
  const orders = input.order
    ? [{ orderId: input.order.orderId, warehouseCode: '', items: [], packingStatus: input.order.packingStatus, status: input.order.status, statusHistory: [], packingStatusHistory: [] } as unknown as CustomerOrder]
    : [];
  return {
    account: { name: input.name, email: '', mobileNumber: '', packageName: '', remainingCredit: 0, remainingFreeShipments: '', accountType: '', CRDocStatus: '', freelanceDocStatus: '' },
    locations,
    locationByCode: new Map(locations.map((location) => [location.code, location])),
    products,
    productBySku: new Map(products.map((product) => [product.sku, product])),
    orders,
    inventoryOrders: [],
    nextTransactionId: input.firstId,
    nextOtoId: input.firstId,
    nextEventId: input.firstId,
    now: () => new Date(),
  };
}

/** Runs the write on a state made from `input`: OTO's answer and what it changed. */
export function simulateWrite(endpoint: SimulatedWrite, input: SimulationInput, body: unknown): SimulationResult {
  const state = stateOf(input);
  const before = new Map(state.products.map((product) => [product.sku, new Map([...product.stock].map(([code, record]) => [code, { ...record }]))]));
  const request: ApiRequest = { method: 'POST', endpoint, query: {}, body };
  let answer: unknown;
  try {
    answer = WRITES[endpoint](state, request);
  } catch (error) {
    if (error instanceof ApiFailure) {
      return { status: error.status, body: error.body, stockChanges: [] };
    }
    throw error;
  }
  const stockChanges: StockChange[] = [];
  for (const product of state.products) {
    for (const [code, record] of product.stock) {
      const old = before.get(product.sku)?.get(code) ?? emptyRecord();
      const [onHand, forecast] = [record.onHand - old.onHand, forecastOf(record) - forecastOf(old)];
      if (onHand !== 0 || forecast !== 0 || !before.get(product.sku)?.has(code)) {
        stockChanges.push({ sku: product.sku, locationCode: code, onHand, forecast });
      }
    }
  }
  const [order] = state.orders;
  return { status: 200, body: answer, stockChanges, packingHistory: order ? [...order.packingStatusHistory] : undefined };
}
