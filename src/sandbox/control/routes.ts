// The control room's calls under `/__oto/`: one entry per method and path, each a thin translation
// from HTTP to the operations core. To add a call (a document served as JSON, the webhooks' routes),
// add an entry here; the room checks the caller, reads the body and answers JSON for every entry.
import type { ActiveFault } from '../types';
import { MAX_ACTIVE_FAULTS, type AccountControl, type SandboxControl } from './operations';
import { filterFromQuery } from './journal';
import { ControlError, isObject } from './problems';
import { deliveryFaultProblems } from '../webhooks/deliveryFaults';
import { WebhookError } from '../webhooks/registry';
import type { NewOrderInput, TriggerRequest } from '../webhooks/types';
import { SANDBOX_VERSION } from './version';
import { openApiDocument } from '../../oto/openapi';
import { API_PREFIX } from '../../oto';

export const CONTROL_PREFIX = '/__oto';

export type ControlMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a call's handler gets. */
export interface ControlCall {
  /** The whole sandbox: its accounts and the default account's operations. */
  control: SandboxControl;
  /** The account `?account=ID` names (the default one when absent). */
  account: AccountControl;
  /** The path's `{name}` parts, e.g. `id` of `/faults/{id}`. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The body as JSON; undefined when empty. */
  body: unknown;
  /** The body as received (a scenario's problems are named by line). */
  text: string;
}

export interface ControlRoute {
  method: ControlMethod;
  /** Under `/__oto`, with `{name}` for a path part: `/faults/{id}`. */
  path: string;
  /** What the call does, in a few words (`GET /__oto/` lists the calls with it). */
  summary: string;
  /** The answer, sent as JSON with status 200; a ControlError for anything else. */
  handle(call: ControlCall): unknown;
}

/** `{ id: 3, fault, left?, expiresAt?, secondsLeft? }`: what is left of a fault, in the account's time. */
function faultEntry(fault: ActiveFault, now: number): ActiveFault & { secondsLeft?: number } {
  return fault.expiresAt === undefined ? fault : { ...fault, secondsLeft: Math.max(0, Math.round((fault.expiresAt - now) / 100) / 10) };
}

function faultId(call: ControlCall): number {
  const id = call.params.id;
  if (!/^\d{1,9}$/.test(id)) {
    throw new ControlError(400, [{ field: 'id', message: `"${id}" is not a fault id (a whole number, from GET /__oto/faults)` }]);
  }
  return Number(id);
}

/** The body as a JSON object with only `allowed` fields; a 400 naming each problem otherwise. */
function objectBody(call: ControlCall, allowed: readonly string[], example: string): Record<string, unknown> {
  if (!isObject(call.body)) {
    throw new ControlError(400, [{ field: '', message: `the body must be a JSON object, e.g. ${example}` }]);
  }
  const unknown = Object.keys(call.body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new ControlError(400, unknown.map((key) => ({ field: key, message: `unknown field; fields: ${allowed.join(', ')}` })));
  }
  return call.body;
}

/** Runs a webhook operation; its refusal (OTO's code and each problem) becomes the control API's 400/404/409. */
function webhookCall<T>(run: () => T, field: string): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof WebhookError && error.status === 507) {
      throw new ControlError(507, error.problems.map((message) => ({ field: '', message })));
    }
    if (error instanceof WebhookError) {
      const status = error.code === 'OTO1002' || error.status === 404 ? 404 : error.code === 'OTO1103' ? 409 : 400;
      throw new ControlError(status, error.problems.map((message) => ({ field: error.code === 'OTO1002' ? 'orderId' : (/^([a-z][\w.[\]]*)[\s:]/.exec(message)?.[1] ?? field), message })));
    }
    if (error instanceof RangeError) {
      throw new ControlError(400, error.message.split('; ').map((message) => ({ field, message })));
    }
    throw error;
  }
}

/** A newOrders-shaped order (`qtyOrdered`, `productName`, `pickupLocationCode`) or the sandbox's own names. */
function newOrder(call: ControlCall): NewOrderInput {
  const body = objectBody(call, ['orderId', 'warehouseCode', 'pickupLocationCode', 'items'], '{"orderId": "SO-1", "warehouseCode": "RUH-WH1", "items": [{"sku": "AJW-DATES-500", "quantity": 2}]}');
  const items = Array.isArray(body.items)
    ? body.items.map((item: unknown) => {
      if (!isObject(item)) {
        return item;
      }
      const { qtyOrdered, productName, ...rest } = item;
      return { ...rest, ...(rest.quantity === undefined && qtyOrdered !== undefined ? { quantity: qtyOrdered } : {}), ...(rest.name === undefined && productName !== undefined ? { name: productName } : {}) };
    })
    : body.items;
  return { orderId: body.orderId, warehouseCode: body.warehouseCode ?? body.pickupLocationCode, items } as NewOrderInput;
}

/** A scenario in the body, or none when it is empty. */
const scenarioText = (call: ControlCall): string | undefined => (call.text.trim() === '' ? undefined : call.text);

export const CONTROL_ROUTES: ControlRoute[] = [
  { method: 'GET', path: '/health', summary: 'is it up: version, accounts, exchanges', handle: ({ control }) => control.health() },
  {
    method: 'POST',
    path: '/reset',
    summary: 'back to the starting scenario (or to the scenario in the body): journal cleared, faults re-armed',
    handle: (call) => {
      call.account.reset(scenarioText(call));
      return { ok: true, account: call.account.id };
    },
  },
  { method: 'GET', path: '/state', summary: 'the state in the scenario format', handle: ({ account }) => account.state() },
  {
    method: 'PUT',
    path: '/stock',
    summary: 'arrange stock: [{sku, locationCode, quantityOnHand, quantityForecasted?}]',
    handle: ({ account, body }) => {
      account.setStock(body as never);
      return { ok: true, rows: (body as unknown[]).length };
    },
  },
  { method: 'GET', path: '/requests', summary: 'the journal, oldest first; filters endpoint, method, status, sku, client, since, limit', handle: ({ account, query }) => ({ requests: account.requests(filterFromQuery(query)) }) },
  { method: 'POST', path: '/requests/count', summary: 'how many exchanges match the matcher in the body, and their ids', handle: ({ account, body }) => account.count(body ?? {}) },
  {
    method: 'DELETE',
    path: '/requests',
    summary: 'clear the journal and its findings',
    handle: ({ account }) => {
      account.clearRequests();
      return { ok: true };
    },
  },
  { method: 'GET', path: '/findings', summary: "the lint's findings and their summary by rule", handle: ({ account }) => account.findings() },
  {
    method: 'POST',
    path: '/faults',
    summary: 'add a fault (or an array of them), in the scenario file\'s fault format',
    handle: ({ account, body }) => {
      const ids = account.faults.add(body as never);
      return Array.isArray(body) ? { ids } : { id: ids[0] };
    },
  },
  {
    method: 'GET',
    path: '/faults',
    summary: 'the active faults, with the uses and seconds left of each',
    handle: ({ account }) => ({ faults: account.faults.list().map((fault) => faultEntry(fault, account.now())) }),
  },
  {
    method: 'DELETE',
    path: '/faults/{id}',
    summary: 'remove one fault',
    handle: (call) => {
      const id = faultId(call);
      if (!call.account.faults.remove(id)) {
        throw new ControlError(404, [{ field: 'id', message: `no active fault ${id} in account "${call.account.id}"` }]);
      }
      return { ok: true };
    },
  },
  {
    method: 'DELETE',
    path: '/faults',
    summary: 'remove every fault',
    handle: ({ account }) => {
      account.faults.clear();
      return { ok: true };
    },
  },
  {
    method: 'POST',
    path: '/clock',
    summary: 'move the clock on: {"advanceSeconds": N}',
    handle: (call) => call.account.advanceClock(objectBody(call, ['advanceSeconds'], '{"advanceSeconds": 3600}').advanceSeconds as number),
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/status',
    summary: 'set an order\'s status (any of OTO\'s): {"status": "shipmentCreated"}; fires orderStatus, the packing queue follows',
    handle: (call) => {
      const { status } = objectBody(call, ['status'], '{"status": "delivered"}');
      webhookCall(() => call.account.webhooks.setOrderStatus(call.params.orderId, status as string), 'status');
      return { ok: true, orderId: call.params.orderId, status };
    },
  },
  {
    method: 'POST',
    path: '/orders',
    summary: 'add an order to its warehouse\'s packing queue: {orderId, warehouseCode, items: [{sku, quantity}]}; fires newOrders',
    handle: (call) => {
      const order = newOrder(call);
      webhookCall(() => call.account.webhooks.addOrder(order), 'items');
      return { ok: true, orderId: order.orderId };
    },
  },
  {
    method: 'POST',
    path: '/webhooks/trigger',
    summary: 'send an event: {"type", "orderId", "fields": {…}} (any field overridden; "webhookId": only to that webhook)',
    handle: (call) => {
      const body = objectBody(call, ['type', 'orderId', 'fields', 'webhookId'], '{"type": "shipmentError", "orderId": "1042", "fields": {"errorCode": "deliveryCompanyError"}}');
      const deliveries = webhookCall(() => call.account.webhooks.trigger(body as unknown as TriggerRequest), 'type');
      return { ok: true, deliveries };
    },
  },
  {
    method: 'POST',
    path: '/webhooks/faults',
    summary: 'add a delivery fault (or an array): duplicate, outOfOrder, delay, drop, wrongSignature, staleTimestamp, retry',
    handle: ({ account, body }) => {
      const list: unknown[] = Array.isArray(body) ? body : [body];
      // Each problem under the field it is about, as POST /faults names them (`[1].times`).
      const problems = list.flatMap((fault, index) =>
        deliveryFaultProblems(fault).map((message) => {
          const field = /^(\w+) must|^unknown field (\w+)/.exec(message)?.slice(1).find((name) => name !== undefined) ?? '';
          return { field: Array.isArray(body) ? `[${index}]${field === '' ? '' : `.${field}`}` : field, message };
        }),
      );
      if (problems.length > 0) {
        throw new ControlError(400, problems);
      }
      const active = account.webhooks.faults.list().length;
      if (active + list.length > MAX_ACTIVE_FAULTS) {
        throw new ControlError(409, [{ field: '', message: `at most ${MAX_ACTIVE_FAULTS} delivery faults active at once (${active} now); DELETE /__oto/webhooks/faults those no longer wanted` }]);
      }
      const ids = account.webhooks.faults.add(list as never);
      return Array.isArray(body) ? { ids } : { id: ids[0] };
    },
  },
  { method: 'GET', path: '/webhooks/faults', summary: 'the active delivery faults', handle: ({ account }) => ({ faults: account.webhooks.faults.list() }) },
  {
    method: 'DELETE',
    path: '/webhooks/faults/{id}',
    summary: 'remove one delivery fault',
    handle: (call) => {
      const id = faultId(call);
      if (!call.account.webhooks.faults.remove(id)) {
        throw new ControlError(404, [{ field: 'id', message: `no active delivery fault ${id} in account "${call.account.id}" (GET /__oto/webhooks/faults lists them)` }]);
      }
      return { ok: true };
    },
  },
  {
    method: 'DELETE',
    path: '/webhooks/faults',
    summary: 'remove every delivery fault',
    handle: ({ account }) => {
      account.webhooks.faults.clear();
      return { ok: true };
    },
  },
  { method: 'POST', path: '/accounts', summary: 'a new isolated account (the scenario in the body, or the demo data)', handle: (call) => call.control.createAccount(scenarioText(call)) },
  { method: 'GET', path: '/accounts', summary: 'the accounts', handle: ({ control }) => ({ accounts: control.accounts() }) },
  {
    method: 'GET',
    path: '/openapi.json',
    summary: `the OpenAPI 3.1 document of ${API_PREFIX} (also dist/oto-openapi.json)`,
    // A relative server URL: clients generated from the document served here call this sandbox.
    handle: () => openApiDocument({ serverUrl: API_PREFIX.replace(/\/$/, ''), version: SANDBOX_VERSION }),
  },
  {
    method: 'DELETE',
    path: '/accounts/{id}',
    summary: 'remove an account and all it holds',
    handle: (call) => {
      call.control.removeAccount(call.params.id);
      return { ok: true };
    },
  },
];
