// Drift detection: the JSON shape of each upstream answer (keys and value types, recursively)
// against the shape the sandbox gives for the same endpoint and outcome (HTTP status). Where they
// differ, a `shape-drift` finding (info) lists the paths: this is how we learn where the sandbox
// is wrong about OTO.
import { startSandbox } from '../sandbox';
import type { EndpointName } from '../oto';
import type { TrafficExchange } from '../traffic/exchange';
import { findBack, rule, type Rule } from '../traffic/rules/rule';

/** path → the JSON types seen there (`string`, `number`, `object`, `array`, …). */
export type Shape = Map<string, Set<string>>;

/** Objects whose keys are data (SKUs), not field names: their values are merged under `*`. */
const KEYED_BY_DATA: Readonly<Record<string, readonly string[]>> = {
  checkInventoryStock: ['stock'],
  checkGlobalStock: ['stock'],
};

/** A shape never grows past this many paths, whatever an answer holds. */
const MAX_PATHS = 2_000;

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** The shape of `json`: every path with the types found there; list items are merged under `[]`. */
export function shapeOf(json: unknown, endpoint: string, into: Shape = new Map()): Shape {
  const dataKeyed = KEYED_BY_DATA[endpoint] ?? [];
  const visit = (value: unknown, path: string): void => {
    if (into.size >= MAX_PATHS && !into.has(path)) {
      return;
    }
    if (path !== '') {
      const types = into.get(path) ?? new Set<string>();
      types.add(typeOf(value));
      into.set(path, types);
    }
    if (Array.isArray(value)) {
      value.forEach((item) => visit(item, `${path}[]`));
    } else if (typeof value === 'object' && value !== null) {
      const byData = dataKeyed.includes(path);
      for (const [key, item] of Object.entries(value)) {
        visit(item, byData ? `${path}.*` : path === '' ? key : `${path}.${key}`);
      }
    }
  };
  visit(json, '');
  return into;
}

function parentOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.endsWith('[]') ? path.length - 2 : -1);
  return cut < 0 ? '' : path.slice(0, cut);
}

function types(shape: Shape, path: string): string {
  return [...(shape.get(path) ?? [])].sort().join(' or ');
}

export interface ShapeDifference {
  /** Paths only the upstream has, with their types. */
  upstreamOnly: string[];
  /** Paths only the sandbox has, beside (same parent object) a path only the upstream has: a likely rename. */
  sandboxOnly: string[];
  /** Paths both have, with types that do not overlap. */
  typeChanges: string[];
}

/**
 * What the upstream's shape has that the sandbox's lacks, and type changes. Paths only the sandbox
 * has are listed only beside an upstream-only one: a field an answer merely left out is no drift.
 */
export function compareShapes(upstream: Shape, sandbox: Shape): ShapeDifference | undefined {
  const upstreamOnly = [...upstream.keys()].filter((path) => !sandbox.has(path));
  const renamedParents = new Set(upstreamOnly.map(parentOf));
  const sandboxOnly = [...sandbox.keys()].filter((path) => !upstream.has(path) && renamedParents.has(parentOf(path)));
  const typeChanges = [...upstream.keys()].filter((path) => sandbox.has(path) && ![...upstream.get(path)!].some((type) => sandbox.get(path)!.has(type)));
  // Below a path only one side has, the rest says nothing new.
  const topmost = (paths: string[]): string[] => paths.filter((path) => !paths.includes(parentOf(path)));
  const difference = { upstreamOnly: topmost(upstreamOnly), sandboxOnly: topmost(sandboxOnly), typeChanges };
  return difference.upstreamOnly.length + difference.sandboxOnly.length + difference.typeChanges.length === 0 ? undefined : difference;
}

export function describeDifference(endpoint: string, difference: ShapeDifference, upstream: Shape, sandbox: Shape): string {
  const list = (paths: string[], shape: Shape): string => paths.map((path) => `\`${path}\` (${types(shape, path)})`).join(', ');
  const parts: string[] = [];
  if (difference.upstreamOnly.length > 0) {
    parts.push(`upstream has ${list(difference.upstreamOnly, upstream)}`);
  }
  if (difference.sandboxOnly.length > 0) {
    parts.push(`sandbox has ${list(difference.sandboxOnly, sandbox)}`);
  }
  for (const path of difference.typeChanges) {
    parts.push(`\`${path}\` is ${types(upstream, path)} upstream, ${types(sandbox, path)} in the sandbox`);
  }
  return `${endpoint}: ${parts.join('; ')}`;
}

/** The sandbox's answer shapes, by `endpoint status` (and `* status` for the gateway's own answers). */
export type ReferenceShapes = ReadonlyMap<string, Shape>;

let learned: Promise<ReferenceShapes> | undefined;

/** The sandbox's shapes, learned once per process (they depend only on the sandbox's code). */
export function referenceShapes(): Promise<ReferenceShapes> {
  learned ??= learnShapes();
  return learned;
}

/**
 * Learns the sandbox's shapes by asking a private sandbox (its default data) each endpoint once
 * or twice, for a success and for the usual error.
 */
async function learnShapes(): Promise<ReferenceShapes> {
  const sandbox = await startSandbox({ traffic: false });
  const shapes = new Map<string, Shape>();
  try {
    const ask = async (endpoint: EndpointName, init: { query?: string; body?: unknown; token?: string | null } = {}): Promise<unknown> => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (init.token !== null) {
        headers.Authorization = `Bearer ${init.token ?? token}`;
      }
      const response = await fetch(`${sandbox.baseUrl}/${endpoint}${init.query ?? ''}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const json: unknown = await response.json();
      const key = `${endpoint} ${response.status}`;
      shapes.set(key, shapeOf(json, endpoint, shapes.get(key)));
      return json;
    };
    let token = '';
    const refreshed = (await ask('refreshToken', { body: { refresh_token: sandbox.refreshToken }, token: null })) as { access_token: string };
    token = refreshed.access_token;
    await ask('refreshToken', { body: { refresh_token: 'wrong' }, token: null });
    await ask('healthCheck', { token: null });
    await ask('accountInfo');
    shapes.set('* 401', shapeOf(await ask('accountInfo', { token: 'expired' }), ''));
    const locations = (await ask('getPickupLocationList')) as { warehouses: Array<{ code: string }> };
    const warehouse = locations.warehouses[0].code;
    const products = (await ask('productList', { body: { pageSize: 100, currentPage: 1 } })) as { products: Array<{ sku: string }> };
    const skus = products.products.map((product) => encodeURIComponent(product.sku)).join(',');
    await ask('checkInventoryStock', { query: `?sku=${skus}` });
    await ask('checkInventoryStock', { query: `?sku=${skus}&pickupLocationCode=NOPE` });
    await ask('checkGlobalStock', { query: `?sku=${skus}` });
    const sku = products.products[0].sku;
    await ask('updateStockQuantity', { body: { actionType: 'adjust', locationCode: warehouse, sku, qty: 1 } });
    await ask('updateStockQuantity', { body: { actionType: 'adjust', locationCode: warehouse, sku, qty: '1.5' } });
    await ask('updateStockQuantity', { body: { actionType: 'adjust', locationCode: 'NOPE', sku, qty: 1 } });
    await ask('createInventoryOrder', { body: { action: 'inbound', locationCode: warehouse, items: [{ sku, qty: 1 }], orderDate: 'today' } });
    await ask('createInventoryOrder', { body: { action: 'inbound', locationCode: warehouse, items: [{ sku, qty: 0 }] } });
    const queue = (await ask('getPackingOrders', { body: { warehouseCode: warehouse } })) as { orders: Array<{ orderId: string }> };
    for (const order of queue.orders) {
      await ask('orderDetails', { query: `?orderId=${encodeURIComponent(order.orderId)}` });
    }
    await ask('orderDetails', { query: '?orderId=NO-SUCH-ORDER' });
    await ask('updatePackingStatus', { body: { orderId: queue.orders[0].orderId, packingStatus: 'picked' } });
    await ask('updatePackingStatus', { body: { orderId: queue.orders[0].orderId, packingStatus: 'lost' } });
  } finally {
    await sandbox.close();
  }
  return shapes;
}

/** Only answers the upstream itself gave are compared (not the proxy's blocks, simulations, or failures). */
function fromUpstream(exchange: TrafficExchange): boolean {
  return exchange.source.kind === 'proxy' && exchange.fault === undefined && exchange.status !== undefined && exchange.responseBody?.truncated === false;
}

/** The `shape-drift` rule over the given reference shapes. */
export function shapeDriftRule(reference: ReferenceShapes): Rule {
  return rule(
    'shape-drift',
    'info',
    (_l10n, params) => `The upstream's answer differs in shape from the sandbox's — ${params.difference}. If the upstream is right, the sandbox is wrong here: tell the OTO Stock team.`,
    (history, exchange) => {
      if (!fromUpstream(exchange)) {
        return [];
      }
      const sandbox = reference.get(`${exchange.endpoint} ${exchange.status}`) ?? reference.get(`* ${exchange.status}`);
      const json = exchange.responseBody?.json;
      if (!sandbox || json === undefined) {
        return [];
      }
      const upstream = shapeOf(json, exchange.endpoint);
      const difference = compareShapes(upstream, sandbox);
      if (!difference) {
        return [];
      }
      const described = describeDifference(exchange.endpoint, difference, upstream, sandbox);
      // Said once per session and difference, not on every call of the endpoint.
      const said = findBack(history, () => true, (earlier) => earlier.findings.some((finding) => finding.rule === 'shape-drift' && finding.params?.difference === described));
      return said ? [] : [{ params: { endpoint: exchange.endpoint, difference: described } }];
    },
  );
}
