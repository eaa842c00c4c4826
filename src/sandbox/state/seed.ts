// Builds a sandbox's initial state from its options: the demo data of demo.ts with seeded figures,
// scaled to `products`, plus whatever `extra` data a test adds.
import { DEMO_ACCOUNT, DEMO_CUSTOMERS, DEMO_PRODUCTS, GENERATED_NAME_PARTS, NON_CATALOGUE_ITEMS, demoLocations } from './demo';
import { applyPackingStatus } from '../endpoints/packing';
import { createRandom, type Random } from './random';
import type { CustomerOrder, Customer, Location, OrderItem, Product, SandboxState, StockRecord } from './model';
import { emptyRecord, historyDate, orderDate } from './model';
import type { ExtraLocation, ExtraPackingOrder, ExtraProduct, SandboxExtraData, SandboxScenario, ScenarioInventoryOrder, ScenarioProduct } from '../types';

export const DEFAULT_SEED = 1;
export const DEFAULT_PRODUCT_COUNT = DEMO_PRODUCTS.length;

/** Seeded history ends here, so the same seed gives the same dates on any day. */
const SEED_TIME = Date.UTC(2026, 10, 20, 9, 0, 0);
const HOUR = 3_600_000;
const PACKER = 'warehouse.team';

export interface SeedOptions {
  seed?: number;
  products?: number;
  extra?: SandboxExtraData;
  now?: () => Date;
}

function emptyState(random: Random, locations: Location[], now: (() => Date) | undefined): SandboxState {
  return {
    account: { ...DEMO_ACCOUNT },
    locations,
    locationByCode: new Map(locations.map((location) => [location.code, location])),
    products: [],
    productBySku: new Map(),
    orders: [],
    inventoryOrders: [],
    nextTransactionId: 591600 + random.int(0, 99),
    nextOtoId: 4000 + random.int(0, 99),
    nextEventId: 55113400,
    now: now ?? (() => new Date()),
  };
}

const warehousesOf = (locations: Location[]): Location[] => locations.filter((location) => location.kind === 'warehouse');

export function createState(options: SeedOptions = {}): SandboxState {
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const count = options.products ?? DEFAULT_PRODUCT_COUNT;
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`products must be a non-negative integer, got ${count}`);
  }
  const locations = [...demoLocations(), ...(options.extra?.locations ?? []).map(extraLocation)];
  const state = emptyState(random, locations, options.now);
  const seeded = locations.slice(0, demoLocations().length);
  seedProducts(state, random, count, seeded);
  for (const product of options.extra?.products ?? []) {
    addProduct(state, extraProduct(state, product));
  }
  seedPendingInbound(state, random);
  seedCustomerOrders(state, random, warehousesOf(seeded));
  for (const order of options.extra?.packingOrders ?? []) {
    addExtraOrder(state, order, false);
  }
  return state;
}

/** The state a (validated) scenario describes; what it leaves out comes from the demo data. */
export function createScenarioState(scenario: SandboxScenario, now?: () => Date): SandboxState {
  const random = createRandom(scenario.seed ?? DEFAULT_SEED);
  const locations = scenario.locations ? scenario.locations.map(extraLocation) : demoLocations();
  const state = emptyState(random, locations, now);
  if (scenario.products) {
    for (const product of scenario.products) {
      addProduct(state, scenarioProduct(state, product));
    }
  } else {
    seedProducts(state, random, DEFAULT_PRODUCT_COUNT, locations);
    if (!scenario.inventoryOrders) {
      seedPendingInbound(state, random);
    }
    if (!scenario.packingOrders) {
      seedCustomerOrders(state, random, warehousesOf(locations));
    }
  }
  for (const order of scenario.inventoryOrders ?? []) {
    addInventoryOrder(state, order, new Date(SEED_TIME - HOUR));
  }
  // A scenario's on hand is what is on the shelf now, packed orders' items already taken.
  for (const order of scenario.packingOrders ?? []) {
    addExtraOrder(state, order, true);
  }
  return state;
}

function addProduct(state: SandboxState, product: Product): void {
  if (state.productBySku.has(product.sku)) {
    throw new Error(`duplicate sandbox SKU ${product.sku}`);
  }
  state.products.push(product);
  state.productBySku.set(product.sku, product);
}

/** An EAN-13 with the Saudi GS1 prefix 628 and a correct check digit. */
function barcode(index: number): string {
  const body = `628${String(100000000 + index * 7919).slice(-9)}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

function productImage(sku: string): string {
  return `https://sandbox.invalid/images/${encodeURIComponent(sku)}.png`;
}

function generatedProduct(index: number): readonly [string, string, number] {
  const { adjectives, nouns, sizes } = GENERATED_NAME_PARTS;
  const name = `${adjectives[index % adjectives.length]} ${nouns[Math.floor(index / adjectives.length) % nouns.length]} ${sizes[index % sizes.length]}`;
  return [`GEN-${String(index + 1).padStart(6, '0')}`, `${name} #${index + 1}`, 10 + (index % 40) * 5];
}

function seedProducts(state: SandboxState, random: Random, count: number, seededLocations: Location[]): void {
  const indices = Array.from({ length: count }, (_, i) => i);
  // Low-stock SKUs and SKUs with a no-location entry are kept apart, so no total goes negative.
  const shuffled = random.shuffled(indices);
  const lowCount = Math.max(1, Math.round(count * 0.15));
  const low = new Set(shuffled.slice(0, lowCount));
  const withoutLocation = new Set(shuffled.slice(lowCount, lowCount + Math.max(1, Math.round(count * 0.1))));
  const warehouses = seededLocations.filter((location) => location.kind === 'warehouse');
  const branches = seededLocations.filter((location) => location.kind === 'branch');
  for (const index of indices) {
    const [sku, name, price] = index < DEMO_PRODUCTS.length ? DEMO_PRODUCTS[index] : generatedProduct(index);
    const minInventory = random.chance(0.85) || low.has(index) ? random.pick([10, 20, 25, 50, 100]) : undefined;
    // The central (first) warehouse carries the whole catalogue; the others and the branch a part.
    const [central, ...regional] = warehouses;
    const places = [...(central ? [central] : []), ...regional.filter(() => random.chance(0.6)), ...branches.filter(() => random.chance(0.4))];
    const stock = new Map<string, StockRecord>();
    for (const place of places) {
      const onHand = low.has(index) ? random.int(0, Math.floor((minInventory ?? 10) / (places.length + 1))) : random.int(30, 260);
      stock.set(place.code, { ...emptyRecord(), onHand });
    }
    const noLocation = withoutLocation.has(index) ? { onHand: -random.int(1, 12) } : undefined;
    addProduct(state, {
      id: 100 + index,
      sku,
      name,
      barcode: barcode(index),
      productImage: productImage(sku),
      price,
      minInventory,
      stock,
      noLocation: noLocation && { onHand: noLocation.onHand, forecasted: noLocation.onHand - random.int(0, 8) },
    });
  }
}

function extraLocation(extra: ExtraLocation, index: number): Location {
  const city = extra.city ?? 'Riyadh';
  return {
    id: 19000 + index,
    code: extra.code,
    kind: extra.kind,
    name: extra.name ?? extra.code,
    city,
    district: 'Al Olaya Dist.',
    street: 'King Fahd Rd',
    buildingNo: String(2000 + index),
    secondaryAddressNumber: '1000',
    postcode: '12211',
    shortAddressCode: `RXYZ${2000 + index}`,
    contactPerson: 'Sandbox Contact',
    contactEmail: 'contact@nakheel-trading.example',
    contactPhone: '966110000000',
    lat: 24.7136,
    lon: 46.6753,
    status: extra.status ?? 'active',
    createdDate: extra.createdDate ?? '2025-01-01',
    bins: extra.bins ?? [],
    storeHours: [{ day: 'sunday', from: '09:00', to: '22:00' }],
  };
}

function extraProduct(state: SandboxState, extra: ExtraProduct): Product {
  const stock = new Map<string, StockRecord>();
  for (const [code, figures] of Object.entries(extra.stock ?? {})) {
    if (!state.locationByCode.has(code)) {
      throw new Error(`extra product ${extra.sku} has stock at unknown location ${code}`);
    }
    // A forecast below on hand is modelled as stock reserved by orders, above it as incoming stock.
    const difference = (figures.forecasted ?? figures.onHand) - figures.onHand;
    stock.set(code, { ...emptyRecord(), onHand: figures.onHand, reserved: Math.max(0, -difference), incoming: Math.max(0, difference) });
  }
  const index = state.products.length;
  return {
    id: 100 + index,
    sku: extra.sku,
    name: extra.name,
    barcode: extra.barcode ?? barcode(index),
    productImage: extra.productImage ?? productImage(extra.sku),
    price: 100,
    minInventory: extra.minInventory,
    stock,
    noLocation: extra.noLocation && { onHand: extra.noLocation.onHand, forecasted: extra.noLocation.forecasted ?? extra.noLocation.onHand },
  };
}

function scenarioProduct(state: SandboxState, product: ScenarioProduct): Product {
  const index = state.products.length;
  return {
    id: 100 + index,
    sku: product.sku,
    name: product.name,
    barcode: product.barcode ?? barcode(index),
    productImage: product.productImage ?? productImage(product.sku),
    price: product.price ?? 100,
    minInventory: product.minInventory,
    stock: new Map(Object.entries(product.stock ?? {}).map(([code, onHand]) => [code, { ...emptyRecord(), onHand }])),
    noLocation: product.noLocation && { onHand: product.noLocation.onHand, forecasted: product.noLocation.forecasted ?? product.noLocation.onHand },
  };
}

function addInventoryOrder(state: SandboxState, order: ScenarioInventoryOrder, created: Date): void {
  for (const { sku, qty } of order.items) {
    const product = state.productBySku.get(sku);
    if (!product) {
      throw new Error(`inventory order at ${order.locationCode}: SKU ${sku} is not in the catalogue`);
    }
    let record = product.stock.get(order.locationCode);
    if (!record) {
      record = emptyRecord();
      product.stock.set(order.locationCode, record);
    }
    record[order.action === 'inbound' ? 'incoming' : 'outgoing'] += qty;
  }
  state.inventoryOrders.push({
    otoId: state.nextOtoId++,
    action: order.action,
    locationCode: order.locationCode,
    items: order.items.map(({ sku, qty }) => ({ sku, qty })),
    status: 'new',
    binLocationName: order.binLocationName,
    waybillNumber: order.waybillNumber,
    description: order.description,
    createdAt: orderDate(created),
    statusHistory: [{ id: state.nextEventId++, date: historyDate(created), description: `Created by ${state.account.name}`, status: 'new' }],
  });
}

/** A few inbound orders still `new`, so the demo shows forecasts above what is on hand. */
function seedPendingInbound(state: SandboxState, random: Random): void {
  const candidates = state.products.slice(0, DEFAULT_PRODUCT_COUNT).filter((product) => product.stock.size > 0);
  for (let n = 0; n < Math.min(3, candidates.length); n++) {
    const product = random.pick(candidates);
    const [locationCode, record] = [...product.stock.entries()][0];
    const qty = random.int(2, 12) * 10;
    record.incoming += qty;
    const created = new Date(SEED_TIME - random.int(2, 48) * HOUR);
    state.inventoryOrders.push({
      otoId: state.nextOtoId++,
      action: 'inbound',
      locationCode,
      items: [{ sku: product.sku, qty }],
      status: 'new',
      waybillNumber: String(random.int(100000, 999999)),
      description: 'Supplier delivery',
      createdAt: orderDate(created),
      statusHistory: [{ id: state.nextEventId++, date: historyDate(created), description: `Created by ${state.account.name}`, status: 'new' }],
    });
  }
}

function seedCustomer(random: Random): Customer {
  const index = random.int(0, DEMO_CUSTOMERS.length - 1);
  const [name, city, province, district, street, lat, lon] = DEMO_CUSTOMERS[index];
  return {
    id: index + 1,
    name,
    mobile: `9665${random.int(10000000, 99999999)}`,
    email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
    city,
    state: province,
    district,
    street,
    buildingNo: String(random.int(1000, 9999)),
    secondaryAddressNumber: String(random.int(1000, 9999)),
    postcode: String(random.int(11000, 45999)),
    lat,
    lon,
  };
}

function seedCustomerOrders(state: SandboxState, random: Random, warehouses: Location[]): void {
  let orderNumber = 100200 + random.int(0, 80);
  for (const warehouse of warehouses) {
    const stocked = state.products.slice(0, Math.max(DEFAULT_PRODUCT_COUNT, 200)).filter((product) => product.stock.has(warehouse.code));
    const queued = random.int(3, 6);
    for (let n = 0; n <= queued; n++) {
      const items: OrderItem[] = [];
      for (const product of random.shuffled(stocked).slice(0, random.int(1, 3))) {
        const quantity = random.int(1, 3);
        // Orders only take what is free, so the demo's forecasts stay at or above zero.
        const record = product.stock.get(warehouse.code);
        if (record && record.onHand - record.reserved >= quantity) {
          items.push({ sku: product.sku, name: product.name, quantity, price: product.price, productId: product.id });
        }
      }
      if (n === 0 || random.chance(0.2)) {
        const [sku, name, price] = random.pick(NON_CATALOGUE_ITEMS);
        items.push({ sku, name, quantity: 1, price });
      }
      orderNumber += random.int(1, 37);
      const created = new Date(SEED_TIME - random.int(1, 72) * HOUR);
      const order = newCustomerOrder(state, {
        id: 31078000 + state.orders.length * 13,
        orderId: String(orderNumber),
        warehouse,
        items,
        customer: seedCustomer(random),
        created,
        shipmentId: random.int(0x10000000, 0x7fffffff).toString(16).toUpperCase(),
        deliveryCompany: random.pick(['otoDriverApp', 'aramex', 'smsa', 'jtExpress']),
      });
      // The last order of each warehouse is already packed: it is in the history, not the queue.
      const progress = n === queued ? 'packed' : random.chance(0.3) ? 'picked' : undefined;
      advance(state, order, progress, created);
    }
  }
}

/**
 * A customer order arriving while the sandbox runs (OTO's newOrders event): assigned to its
 * warehouse now, its shipment not yet created, waiting in the packing queue.
 */
export function addArrivingOrder(state: SandboxState, extra: ExtraPackingOrder): CustomerOrder {
  const order = addExtraOrder(state, { ...extra, packingStatus: undefined }, false, state.now());
  order.status = 'assignedToWarehouse';
  order.statusHistory = order.statusHistory.filter((event) => event.status !== 'searchingDriver');
  return order;
}

/** `alreadyPacked`: a packed order's items are already off the shelf, so on hand stays as given. */
function addExtraOrder(state: SandboxState, extra: ExtraPackingOrder, alreadyPacked: boolean, created = new Date(SEED_TIME - HOUR)): CustomerOrder {
  const warehouse = state.locationByCode.get(extra.warehouseCode);
  if (!warehouse) {
    throw new Error(`extra packing order ${extra.orderId} is in unknown location ${extra.warehouseCode}`);
  }
  const items = extra.items.map((item): OrderItem => {
    const product = state.productBySku.get(item.sku);
    const name = item.name ?? product?.name;
    if (name === undefined) {
      throw new Error(`extra packing order ${extra.orderId}: item ${item.sku} is not in the catalogue and has no name`);
    }
    return { sku: item.sku, name, quantity: item.quantity, price: item.price ?? product?.price ?? 100, productId: product?.id };
  });
  const order = newCustomerOrder(state, {
    id: extra.id ?? 32000000 + state.orders.length,
    orderId: extra.orderId,
    warehouse,
    items,
    customer: seedCustomer(createRandom(state.orders.length)),
    created,
    shipmentId: `SBX${String(state.orders.length).padStart(5, '0')}`,
    deliveryCompany: 'otoDriverApp',
  });
  advance(state, order, extra.packingStatus, created);
  if (alreadyPacked && extra.packingStatus === 'packed') {
    for (const item of order.items) {
      const record = state.productBySku.get(item.sku)?.stock.get(order.warehouseCode);
      if (record) {
        record.onHand += item.quantity;
      }
    }
  }
  return order;
}

interface NewOrder {
  id: number;
  orderId: string;
  warehouse: Location;
  items: OrderItem[];
  customer: Customer;
  created: Date;
  shipmentId: string;
  deliveryCompany: string;
}

/** Records a customer order waiting for packing; its catalogue items reserve stock. */
function newCustomerOrder(state: SandboxState, input: NewOrder): CustomerOrder {
  if (state.orders.some((order) => order.orderId === input.orderId)) {
    throw new Error(`duplicate sandbox order ${input.orderId}`);
  }
  const at = (minutes: number): string => historyDate(new Date(input.created.getTime() + minutes * 60_000));
  const by = `Created by ${state.account.name}`;
  const order: CustomerOrder = {
    id: input.id,
    orderId: input.orderId,
    warehouseCode: input.warehouse.code,
    items: input.items,
    packingStatus: 'none',
    status: 'searchingDriver',
    shipmentId: input.shipmentId,
    orderDate: orderDate(input.created),
    customer: input.customer,
    statusHistory: [
      { id: state.nextEventId++, date: at(0), description: by, status: 'new' },
      { id: state.nextEventId++, date: at(0), description: by, status: 'assignedToWarehouse' },
      {
        id: state.nextEventId++, date: at(3), description: `Shipment created by ${state.account.name}`, status: 'searchingDriver',
        shipmentId: input.shipmentId, deliveryCompany: input.deliveryCompany,
      },
    ],
    packingStatusHistory: [],
  };
  for (const item of order.items) {
    const record = state.productBySku.get(item.sku)?.stock.get(order.warehouseCode);
    if (record) {
      record.reserved += item.quantity;
    }
  }
  state.orders.push(order);
  return order;
}

function advance(state: SandboxState, order: CustomerOrder, progress: 'picked' | 'packed' | undefined, created: Date): void {
  const when = (minutes: number) => () => new Date(created.getTime() + minutes * 60_000);
  if (progress) {
    applyPackingStatus(state, order, 'picked', PACKER, when(20));
  }
  if (progress === 'packed') {
    applyPackingStatus(state, order, 'packed', PACKER, when(35));
  }
}
