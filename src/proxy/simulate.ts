// `simulate` mode: a write is never sent. It is answered as OTO would answer it — by the sandbox's
// own endpoint, run against a throwaway state filled by reading the upstream (reads are safe) —
// and what it changed is kept as a shadow over the upstream's figures, so later reads through the
// proxy show the simulated change. The shadow holds differences, not copies: a read patched with
// it still shows whatever else changed upstream in the meantime.
import { isSimulatedWrite, simulateWrite, type SimulationInput, type SimulationResult } from '../sandbox';
import { gatewayErrorBody, otoErrorBody, SKU_SEPARATOR, type EndpointName } from '../oto';
import type { Upstream, UpstreamRequest } from './upstream';
import { decodedBody } from './upstream';

type Json = Record<string, unknown>;

interface StockDelta {
  onHand: number;
  forecast: number;
}

interface SimulatedAnswer {
  status: number;
  body: string;
}

export interface Simulator {
  /** Answers a write without sending it. */
  write(endpoint: string, request: UpstreamRequest): Promise<SimulatedAnswer>;
  /** A read's answer with the simulated changes applied, or undefined when they do not touch it. */
  patchRead(endpoint: string, pathAndQuery: string, status: number, body: Buffer): Buffer | undefined;
  /** Simulated writes so far. */
  readonly changes: number;
}

const SIMULATOR_NAME = 'OTO Stock recording proxy (simulated)';

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A read answered by the upstream, passed back as the write's answer when it is not a success. */
class ReadFailed extends Error {
  constructor(readonly answer: SimulatedAnswer) {
    super(`HTTP ${answer.status}`);
  }
}

export function createSimulator(upstream: Upstream, maxAnswerBytes: number): Simulator {
  /** sku → location code → what simulated writes changed there. */
  const stock = new Map<string, Map<string, StockDelta>>();
  /** orderId → simulated packing history, newest first. */
  const packing = new Map<string, Array<{ date: string; description: string; packingStatus: 'picked' | 'packed' }>>();
  let changes = 0;
  let nextId = 1;

  const read = async (client: UpstreamRequest, pathAndQuery: `${EndpointName}${string}`): Promise<unknown> => {
    // Only the client's own Authorization goes with the read: the proxy has no token of its own.
    const authorization: string[] = [];
    for (let i = 0; i < client.rawHeaders.length; i += 2) {
      if (client.rawHeaders[i].toLowerCase() === 'authorization') {
        authorization.push(client.rawHeaders[i], client.rawHeaders[i + 1]);
      }
    }
    const answer = await upstream.send({ method: 'GET', pathAndQuery, rawHeaders: [...authorization, 'Accept', 'application/json'], body: Buffer.alloc(0) });
    const body = decodedBody(answer, maxAnswerBytes);
    const endpoint = pathAndQuery.split('?', 1)[0];
    const patched = patchRead(endpoint, pathAndQuery, answer.status, body) ?? body;
    const json = parse(patched);
    if (answer.status !== 200 || !isRecord(json) || json.success === false) {
      throw new ReadFailed({ status: answer.status, body: patched.toString('utf8') });
    }
    return json;
  };

  /** The upstream's locations and the stock of `skus`, as the shadow sees them. */
  const inputFor = async (client: UpstreamRequest, skus: string[], bins: string[]): Promise<SimulationInput> => {
    const list = (await read(client, 'getPickupLocationList')) as Json;
    const locations = (['warehouses', 'branches'] as const).flatMap((key) =>
      (Array.isArray(list[key]) ? (list[key] as unknown[]) : []).flatMap((item) =>
        isRecord(item) && typeof item.code === 'string' ? [{ code: item.code, kind: key === 'warehouses' ? 'warehouse' as const : 'branch' as const }] : [],
      ),
    );
    const stock = new Map<string, Map<string, { onHand: number; forecast: number }>>();
    const known = skus.filter((sku) => sku !== '' && !sku.includes(SKU_SEPARATOR));
    if (known.length > 0) {
      const answer = (await read(client, `checkInventoryStock?sku=${known.map(encodeURIComponent).join(SKU_SEPARATOR)}`)) as Json;
      const map = isRecord(answer.stock) ? answer.stock : {};
      for (const [sku, entries] of Object.entries(map)) {
        const figures = new Map<string, { onHand: number; forecast: number }>();
        for (const entry of Array.isArray(entries) ? entries : []) {
          if (isRecord(entry) && typeof entry.pickupLocationCode === 'string' && typeof entry.quantityOnHand === 'number') {
            const forecast = typeof entry.quantityForecasted === 'number' ? entry.quantityForecasted : entry.quantityOnHand;
            figures.set(entry.pickupLocationCode, { onHand: entry.quantityOnHand, forecast });
          }
        }
        stock.set(sku, figures);
      }
    }
    return { locations, bins, stock, firstId: 900_000 + nextId, name: SIMULATOR_NAME };
  };

  /** Keeps what a simulated write changed in the stock as the shadow. */
  const keep = (result: SimulationResult): SimulatedAnswer => {
    if (result.status === 200) {
      for (const change of result.stockChanges) {
        const deltas = stock.get(change.sku) ?? new Map<string, StockDelta>();
        const delta = deltas.get(change.locationCode) ?? { onHand: 0, forecast: 0 };
        deltas.set(change.locationCode, { onHand: delta.onHand + change.onHand, forecast: delta.forecast + change.forecast });
        stock.set(change.sku, deltas);
      }
      changes++;
      nextId++;
    }
    return { status: result.status, body: JSON.stringify(result.body) };
  };

  const write = async (endpoint: string, client: UpstreamRequest): Promise<SimulatedAnswer> => {
    const text = client.body.toString('utf8');
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      return { status: 400, body: JSON.stringify(otoErrorBody('OTO1075')) };
    }
    if (!isSimulatedWrite(endpoint)) {
      return { status: 403, body: JSON.stringify(gatewayErrorBody(403, `The recording proxy cannot simulate ${endpoint}: it was not sent`)) };
    }
    const fields = isRecord(body) ? body : {};
    try {
      if (endpoint === 'updateStockQuantity') {
        return keep(simulateWrite(endpoint, await inputFor(client, [typeof fields.sku === 'string' || typeof fields.sku === 'number' ? String(fields.sku) : ''], []), body));
      }
      if (endpoint === 'createInventoryOrder') {
        const items = Array.isArray(fields.items) ? fields.items : [];
        const skus = items.flatMap((item: unknown) => (isRecord(item) && typeof item.sku === 'string' ? [item.sku] : []));
        // The upstream does not say which bins a location has: the one named is taken as existing.
        const bins = typeof fields.binLocationName === 'string' ? [fields.binLocationName] : [];
        return keep(simulateWrite(endpoint, await inputFor(client, skus, bins), body));
      }
      return await simulatePacking(client, body, fields);
    } catch (error) {
      if (error instanceof ReadFailed) {
        return error.answer;
      }
      throw error;
    }
  };

  const simulatePacking = async (client: UpstreamRequest, body: unknown, fields: Json): Promise<SimulatedAnswer> => {
    const orderId = typeof fields.orderId === 'string' || typeof fields.orderId === 'number' ? String(fields.orderId) : '';
    const input = await inputFor(client, [], []);
    if (orderId !== '' && (fields.packingStatus === 'picked' || fields.packingStatus === 'packed')) {
      const details = (await read(client, `orderDetails?orderId=${encodeURIComponent(orderId)}`)) as Json;
      const history = Array.isArray(details.packingStatusHistory) ? details.packingStatusHistory.filter(isRecord) : [];
      const latest = history.map((entry) => entry.packingStatus).find((status) => status === 'picked' || status === 'packed');
      input.order = { orderId, packingStatus: latest ?? 'none', status: typeof details.status === 'string' ? details.status : '' };
    }
    const result = simulateWrite('updatePackingStatus', input, body);
    if (result.status === 200 && result.packingHistory) {
      packing.set(orderId, [...result.packingHistory, ...(packing.get(orderId) ?? [])]);
    }
    return keep(result);
  };

  const patchRead = (endpoint: string, pathAndQuery: string, status: number, body: Buffer): Buffer | undefined => {
    if (status !== 200 || (stock.size === 0 && packing.size === 0)) {
      return undefined;
    }
    const json = parse(body);
    if (!isRecord(json)) {
      return undefined;
    }
    const query = new URLSearchParams(pathAndQuery.split('?')[1] ?? '');
    const changed =
      endpoint === 'checkInventoryStock' ? patchInventory(json, stock, query.get('pickupLocationCode') ?? undefined)
        : endpoint === 'checkGlobalStock' ? patchGlobal(json, stock)
          : endpoint === 'getPackingOrders' ? patchQueue(json, packing)
            : endpoint === 'orderDetails' ? patchDetails(json, packing, query.get('orderId') ?? '')
              : false;
    return changed ? Buffer.from(JSON.stringify(json)) : undefined;
  };

  return {
    write,
    patchRead,
    get changes() {
      return changes;
    },
  };
}

function patchInventory(json: Json, stock: Map<string, Map<string, StockDelta>>, only: string | undefined): boolean {
  if (!isRecord(json.stock)) {
    return false;
  }
  let changed = false;
  for (const [sku, entries] of Object.entries(json.stock)) {
    const deltas = stock.get(sku);
    if (!deltas || !Array.isArray(entries)) {
      continue;
    }
    const seen = new Set<string>();
    for (const entry of entries) {
      const delta = isRecord(entry) && typeof entry.pickupLocationCode === 'string' ? deltas.get(entry.pickupLocationCode) : undefined;
      if (isRecord(entry) && delta) {
        seen.add(String(entry.pickupLocationCode));
        entry.quantityOnHand = Number(entry.quantityOnHand) + delta.onHand;
        entry.quantityForecasted = Number(entry.quantityForecasted ?? entry.quantityOnHand) + delta.forecast;
        changed = true;
      }
    }
    for (const [code, delta] of deltas) {
      if (!seen.has(code) && (only === undefined || only === code)) {
        entries.splice(entries.length, 0, { pickupLocationCode: code, sku, quantityForecasted: delta.forecast, quantityOnHand: delta.onHand });
        changed = true;
      }
    }
  }
  return changed;
}

function patchGlobal(json: Json, stock: Map<string, Map<string, StockDelta>>): boolean {
  if (!isRecord(json.stock)) {
    return false;
  }
  let changed = false;
  for (const [sku, list] of Object.entries(json.stock)) {
    const deltas = stock.get(sku);
    const entry: unknown = Array.isArray(list) ? (list as unknown[])[0] : undefined;
    if (!deltas || !isRecord(entry) || typeof entry.quantityOnHand !== 'number') {
      continue;
    }
    const forecast = typeof entry.quantityForecasted === 'number' ? entry.quantityForecasted : entry.quantityOnHand;
    let [onHandDelta, forecastDelta] = [0, 0];
    for (const delta of deltas.values()) {
      onHandDelta += delta.onHand;
      forecastDelta += delta.forecast;
    }
    entry.quantityOnHand += onHandDelta;
    // As OTO does, no forecast when it equals on hand.
    if (forecast + forecastDelta === entry.quantityOnHand) {
      delete entry.quantityForecasted;
    } else {
      entry.quantityForecasted = forecast + forecastDelta;
    }
    changed = true;
  }
  return changed;
}

function patchQueue(json: Json, packing: Map<string, Array<{ packingStatus: string }>>): boolean {
  if (!Array.isArray(json.orders)) {
    return false;
  }
  const kept = json.orders.filter((order: unknown) => !(isRecord(order) && packing.get(String(order.orderId))?.[0]?.packingStatus === 'packed'));
  if (kept.length === json.orders.length) {
    return false;
  }
  json.orders = kept;
  if (typeof json.count === 'number') {
    json.count = kept.length;
  }
  return true;
}

function patchDetails(json: Json, packing: Map<string, unknown[]>, orderId: string): boolean {
  const simulated = packing.get(orderId);
  if (!simulated) {
    return false;
  }
  json.packingStatusHistory = [...simulated, ...(Array.isArray(json.packingStatusHistory) ? json.packingStatusHistory as unknown[] : [])];
  return true;
}
