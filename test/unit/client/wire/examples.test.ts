// OTO's own example requests and responses (oto-api-examples.json, verbatim): each response body is
// served through the sandbox over real HTTP, and the client must parse every success and turn every
// error into the right OtoError. Example requests that are invalid must be refused before sending.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OtoClient, OtoError } from '../../../../src/client';
import { failure, useSandbox } from '../../fakes/clientSandbox';
import { received } from '../../fakes/journal';

/** SKU-keyed answers come back as null-prototype maps (a SKU may be called `__proto__`). */
const skuMap = (value: Json): Json => Object.assign(Object.create(null) as Json, value);

interface Example {
  name: string;
  status: number | null;
  request: { method: string; url: string; body: string | null };
  responseBody: string;
}

interface Endpoint {
  name: string;
  url: string;
  examples: Example[];
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../test/fixtures/oto-api-examples.json'), 'utf8')) as { endpoints: Endpoint[] };

/** How to send an example's request with the client, a valid request of the same kind, and what the parsed body should be. */
interface Adapter {
  send(client: OtoClient, request: Example['request']): Promise<unknown>;
  valid(client: OtoClient): Promise<unknown>;
  expected(body: Record<string, unknown>): unknown;
}

type Json = Record<string, unknown>;
const bodyOf = (request: Example['request']): Json => JSON.parse(request.body ?? '{}') as Json;
const skusOf = (request: Example['request']): string[] => (new URL(request.url).searchParams.get('sku') ?? '').split(',');
const mapValues = (record: Json, map: (value: unknown) => unknown): Json =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));

const adapters: Record<string, Adapter> = {
  healthCheck: { send: (c) => c.healthCheck(), valid: (c) => c.healthCheck(), expected: (b) => b },
  accountInfo: { send: (c) => c.getAccountInfo(), valid: (c) => c.getAccountInfo(), expected: (b) => b },
  orderDetails: {
    send: (c, r) => c.getOrderDetails(new URL(r.url).searchParams.get('orderId') ?? 'Testing01-C-C-c'),
    valid: (c) => c.getOrderDetails('OID-1'),
    expected: (b) => ({ ...b, packingStatusHistory: b.packingStatusHistory ?? [] }),
  },
  getPickupLocationList: {
    send: (c) => c.getPickupLocations(),
    valid: (c) => c.getPickupLocations(),
    expected: (b) => [
      ...(b.warehouses as Json[]).map((location) => ({ kind: 'warehouse', ...location })),
      ...(b.branches as Json[]).map((location) => ({ kind: 'branch', ...location })),
    ],
  },
  productList: { send: (c) => c.listProducts(), valid: (c) => c.listProducts(), expected: (b) => b.products },
  updateStockQuantity: {
    send: (c, r) => {
      const body = bodyOf(r);
      return c.updateStockQuantity({ ...body, qty: Number(body.qty) } as never);
    },
    valid: (c) => c.updateStockQuantity({ actionType: 'adjust', locationCode: 'ASDS', sku: '156487494561', qty: 40 }),
    expected: (b) => b,
  },
  checkInventoryStock: { send: (c, r) => c.checkInventoryStock(skusOf(r)), valid: (c) => c.checkInventoryStock(['SG1']), expected: (b) => skuMap(b.stock as Json) },
  checkGlobalStock: {
    send: (c, r) => c.checkGlobalStock(skusOf(r)),
    valid: (c) => c.checkGlobalStock(['12']),
    expected: (b) => skuMap(mapValues(b.stock as Json, (list) => (list as unknown[])[0])),
  },
  createInventoryOrder: {
    send: (c, r) => {
      const body = bodyOf(r);
      const items = (body.items as Json[]).map((item) => ({ ...item, qty: Number(item.qty) }));
      return c.createInventoryOrder({ ...body, items } as never);
    },
    valid: (c) => c.createInventoryOrder({ action: 'inbound', locationCode: 'WHA', items: [{ sku: '123123', qty: 1 }] }),
    expected: (b) => b,
  },
  updatePackingStatus: {
    send: (c, r) => c.updatePackingStatus(bodyOf(r) as never),
    valid: (c) => c.updatePackingStatus({ orderId: '123', packingStatus: 'packed' }),
    expected: (b) => b,
  },
  getPackingOrders: {
    send: (c, r) => c.getPackingOrders(bodyOf(r).warehouseCode as string),
    valid: (c) => c.getPackingOrders('WH123'),
    expected: (b) => b.orders,
  },
};

/** Examples whose request is wrong in a way the client can see, so it refuses them unsent. */
const REFUSED_LOCALLY = ['400 invalid quantity', '400 invalid actionTypr', '400 wrong action value', '200 wrong date format ignored'];
/** Endpoints in the collection that the extension does not use. */
const NOT_USED = ['availableStoresForPickup', 'availableCitiesForPickup'];

/** OTO's examples send integers as strings ("qty": "40"); the client sends JSON integers. */
function integersAsNumbers(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(integersAsNumbers);
  }
  if (typeof value === 'object' && value !== null) {
    return mapValues(value as Json, integersAsNumbers);
  }
  return typeof value === 'string' && /^-?\d+$/.test(value) && value.length < 10 ? Number(value) : value;
}

function assertSentAsExample(sent: { body: unknown; query: Record<string, string> }, request: Example['request']): void {
  if (request.body) {
    assert.deepEqual(integersAsNumbers(sent.body), integersAsNumbers(JSON.parse(request.body)));
  }
  if (new URL(request.url).searchParams.has('sku')) {
    assert.deepEqual(sent.query.sku.split(','), skusOf(request));
  }
}

const endpointOf = (url: string): string => url.split('/rest/v2/')[1].split('?')[0];

describe('OTO example requests and responses', () => {
  const t = useSandbox();
  const examples = fixture.endpoints.flatMap((endpoint) => endpoint.examples.map((example) => ({ endpoint: endpointOf(endpoint.url), example })));

  it('covers every endpoint of the collection the client uses', () => {
    const endpoints = new Set(examples.map((item) => item.endpoint));
    assert.deepEqual([...endpoints].filter((name) => !(name in adapters) && name !== 'refreshToken').sort(), [...NOT_USED].sort());
  });

  for (const { endpoint, example } of examples.filter((item) => item.endpoint in adapters)) {
    const adapter = adapters[endpoint];
    const status = example.status ?? 200;
    const body = JSON.parse(example.responseBody) as Json;
    const isError = status !== 200 || body.success === false;

    it(`${endpoint}: ${example.name}`, async () => {
      if (REFUSED_LOCALLY.includes(example.name)) {
        const refused = await failure(adapter.send(t.client, example.request));
        assert.equal(refused.kind, 'validation');
        assert.equal(received(t.sandbox).length, 0, 'nothing is sent for a refused request');
      }
      // A 401 is answered twice: the client refreshes once and retries once, then gives up.
      t.sandbox.addFaults([{ endpoint, status, body: example.responseBody, times: status === 401 ? 2 : 1 }]);
      const refused = REFUSED_LOCALLY.includes(example.name);
      const call = refused ? adapter.valid(t.client) : adapter.send(t.client, example.request);
      await call.catch(() => undefined);
      if (!refused) {
        assertSentAsExample(t.sent(endpoint)[0], example.request);
      }
      if (!isError) {
        assert.deepEqual(await call, adapter.expected(body));
        return;
      }
      const error = await failure(call);
      assert.equal(error.status, status);
      assert.equal(error.endpoint, endpoint);
      assert.equal(error.kind, status === 401 ? 'auth' : 'api');
      assert.equal(error.code, String(body.otoErrorCode ?? body.errorCode ?? body.code));
      assert.equal(error.message, body.otoErrorMessage ?? body.errorMsg ?? body.message);
      assert.equal(t.sent(endpoint).length, status === 401 ? 2 : 1);
    });
  }

  it('refreshToken: 200 OK (expires_in as a string) is used as the access token', async () => {
    const [example] = fixture.endpoints.find((endpoint) => endpointOf(endpoint.url) === 'refreshToken')!.examples;
    t.sandbox.addFaults([{ endpoint: 'refreshToken', status: 200, body: example.responseBody, times: 1 }]);
    await t.client.getAccountInfo();
    // The example's token is not one the sandbox issued: the first call is refused, the client
    // refreshes (this time for real) and the retry goes through.
    assert.deepEqual(received(t.sandbox).map((request) => [request.endpoint, request.authorized]),
      [['refreshToken', false], ['accountInfo', false], ['refreshToken', false], ['accountInfo', true]]);
  });

  it('every error example becomes an OtoError (none is swallowed)', async () => {
    const errors = examples.filter(({ endpoint, example }) => endpoint in adapters &&
      ((example.status ?? 200) !== 200 || (JSON.parse(example.responseBody) as Json).success === false));
    assert.ok(errors.length >= 8, `found ${errors.length} error examples`);
    for (const { endpoint, example } of errors) {
      t.sandbox.addFaults([{ endpoint, status: example.status ?? 200, body: example.responseBody, times: example.status === 401 ? 2 : 1 }]);
      const error = await failure(adapters[endpoint].valid(t.client));
      assert.ok(error instanceof OtoError);
    }
  });
});
