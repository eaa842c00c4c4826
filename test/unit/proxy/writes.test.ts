// `block` and `simulate`: a write through the proxy never reaches the upstream (a sandbox standing
// in for staging; its request log is the proof), while reads, POST reads included, still do.
import * as assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { accessToken, call, type Answer } from '../fakes/sandboxHttp';
import { proxyTo, type ProxyHarness } from './support';
import { received } from '../fakes/journal';

const SKU = 'AJW-DATES-500';
const WRITES = ['updateStockQuantity', 'createInventoryOrder', 'updatePackingStatus'];

type Entry = { pickupLocationCode?: string; quantityOnHand: number; quantityForecasted: number };

describe('recording proxy: writes', () => {
  let sandbox: RunningSandbox;
  let harness: ProxyHarness;
  let token: string;

  const to = (baseUrl: () => string) => (endpoint: string, body?: unknown): Promise<Answer> =>
    call(`${baseUrl()}/${endpoint}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const through = to(() => harness.proxy.baseUrl);
  const direct = to(() => sandbox.baseUrl);
  const writesReceived = (): string[] => received(sandbox).map((request) => request.endpoint).filter((endpoint) => WRITES.includes(endpoint));
  const at = (answer: Answer, code: string, sku = SKU): Entry | undefined => (answer.json as { stock: Record<string, Entry[]> }).stock[sku]?.find((entry) => entry.pickupLocationCode === code);
  const queueIds = async (via: (endpoint: string, body?: unknown) => Promise<Answer>): Promise<string[]> =>
    ((await via('getPackingOrders', { warehouseCode: 'RUH-WH1' })).json as { orders: Array<{ orderId: string }> }).orders.map((order) => order.orderId);

  beforeEach(async () => {
    sandbox = await startSandbox();
    token = await accessToken(sandbox);
  });
  afterEach(async () => {
    await harness.proxy.close();
    await sandbox.close();
  });

  describe('block', () => {
    beforeEach(async () => {
      harness = await proxyTo(sandbox.baseUrl, { writes: 'block' });
    });

    it('answers every write 403 in OTO\'s business error shape, which an ERP reads as a refused write, and sends none of them', async () => {
      const bodies: Record<string, unknown> = {
        updateStockQuantity: { actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty: 1 },
        createInventoryOrder: { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: SKU, qty: 1 }] },
        updatePackingStatus: { orderId: '1', packingStatus: 'packed' },
        someFutureWrite: { anything: true },
      };
      for (const [endpoint, body] of Object.entries(bodies)) {
        const answer = await through(endpoint, body);
        assert.equal(answer.status, 403, endpoint);
        assert.deepEqual(answer.json, {
          success: false,
          otoErrorCode: 'OTO9403',
          otoErrorMessage: `Write blocked by the OTO Stock recording proxy (writes: block): ${endpoint} was not sent to staging`,
        });
      }
      assert.deepEqual(writesReceived(), []);
      assert.ok(!received(sandbox).some((request) => request.endpoint === 'someFutureWrite'));
      assert.deepEqual(new Set(harness.exchanges.map((exchange) => exchange.fault)), new Set(['blocked by the recording proxy (writes: block), not sent']));
      assert.equal(harness.exchanges.length, 4);
    });

    it('lets reads through, POST reads included', async () => {
      assert.equal((await through('checkInventoryStock?sku=' + SKU)).status, 200);
      assert.equal((await through('productList', { pageSize: 5, currentPage: 1 })).status, 200);
      assert.ok((await queueIds(through)).length > 0);
      const refreshed = await call(`${harness.proxy.baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: sandbox.refreshToken }) });
      assert.equal(refreshed.status, 200);
      assert.deepEqual(received(sandbox).map((request) => request.endpoint).slice(-4), ['checkInventoryStock', 'productList', 'getPackingOrders', 'refreshToken']);
    });
  });

  describe('simulate', () => {
    beforeEach(async () => {
      harness = await proxyTo(sandbox.baseUrl, { writes: 'simulate' });
    });

    it('answers an adjust as OTO would, without sending it, and later reads through the proxy show it', async () => {
      const before = at(await direct(`checkInventoryStock?sku=${SKU}`), 'RUH-WH1')!;
      const globalBefore = (await direct(`checkGlobalStock?sku=${SKU}`)).json as { stock: Record<string, Array<{ quantityOnHand: number }>> };
      const answer = await through('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty: '-3' });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual((answer.json as { warnings: string[] }).warnings, ['Inventory quantity decreased by the given qty']);
      assert.deepEqual(writesReceived(), []);

      assert.deepEqual(at(await through(`checkInventoryStock?sku=${SKU}`), 'RUH-WH1'), { ...before, quantityOnHand: before.quantityOnHand - 3, quantityForecasted: before.quantityForecasted - 3 });
      assert.deepEqual(at(await direct(`checkInventoryStock?sku=${SKU}`), 'RUH-WH1'), before, 'the upstream is unchanged');
      const global = (await through(`checkGlobalStock?sku=${SKU}`)).json as { stock: Record<string, Array<{ quantityOnHand: number }>> };
      assert.equal(global.stock[SKU][0].quantityOnHand, globalBefore.stock[SKU][0].quantityOnHand - 3);

      // A set is relative to what the client now sees, simulated changes included.
      assert.equal((await through('updateStockQuantity', { actionType: 'set', locationCode: 'RUH-WH1', sku: SKU, qty: 500 })).status, 200);
      assert.equal(at(await through(`checkInventoryStock?sku=${SKU}`), 'RUH-WH1')?.quantityOnHand, 500);
      assert.deepEqual(writesReceived(), []);
      assert.equal(harness.exchanges.filter((exchange) => exchange.fault === 'simulated by the recording proxy (writes: simulate), not sent').length, 2);
      assert.ok(harness.exchanges.some((exchange) => exchange.fault === 'answer includes simulated changes'));
    });

    it('answers a bad write with OTO’s error, formats before lookups, and changes nothing', async () => {
      const bad = await through('updateStockQuantity', { actionType: 'adjust', locationCode: 'NOPE', sku: SKU, qty: '40.5' });
      assert.deepEqual([bad.status, bad.json], [400, { success: false, otoErrorCode: 'OTO1132', otoErrorMessage: 'Quantity is missing or invalid' }]);
      const unknown = await through('updateStockQuantity', { actionType: 'adjust', locationCode: 'NOPE', sku: SKU, qty: 1 });
      assert.equal((unknown.json as { otoErrorCode: string }).otoErrorCode, 'OTO1133');
      const notJson = await call(`${harness.proxy.baseUrl}/updateStockQuantity`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{"qty":' });
      assert.equal((notJson.json as { otoErrorCode: string }).otoErrorCode, 'OTO1075');
      assert.deepEqual(at(await through(`checkInventoryStock?sku=${SKU}`), 'RUH-WH1'), at(await direct(`checkInventoryStock?sku=${SKU}`), 'RUH-WH1'));
      assert.deepEqual(writesReceived(), []);
    });

    it('passes the upstream’s refusal of the client’s token on as the write’s answer', async () => {
      const answer = await call(`${harness.proxy.baseUrl}/updateStockQuantity`, {
        method: 'POST',
        headers: { Authorization: 'Bearer not-a-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty: 1 }),
      });
      assert.deepEqual([answer.status, answer.json], [401, { message: 'Jwt is expired', code: 401 }]);
      assert.deepEqual(writesReceived(), []);
    });

    it('simulates an inventory order (forecast moves, on hand does not) and a packing change (the order leaves the queue)', async () => {
      const before = at(await direct(`checkInventoryStock?sku=${SKU}`), 'RUH-WH1')!;
      const order = await through('createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: SKU, qty: 7 }], orderDate: '2024-03-31' });
      assert.equal(order.status, 200, order.text);
      assert.equal(typeof (order.json as { otoId: number }).otoId, 'number');
      assert.deepEqual((order.json as { warnings: string[] }).warnings, ['orderDate is in an invalid format, order inserted without order date. Please provide dates as DD/MM/YYYY']);
      assert.deepEqual(at(await through(`checkInventoryStock?sku=${SKU}`), 'RUH-WH1'), { ...before, quantityForecasted: before.quantityForecasted + 7 });

      const [orderId] = await queueIds(through);
      const packed = await through('updatePackingStatus', { orderId, packingStatus: 'packed' });
      assert.deepEqual([packed.status, packed.json], [200, { success: true, message: 'Successfully updated' }]);
      assert.ok(!(await queueIds(through)).includes(orderId));
      assert.ok((await queueIds(direct)).includes(orderId), 'still queued upstream');
      const details = (await through(`orderDetails?orderId=${orderId}`)).json as { packingStatusHistory: Array<{ packingStatus: string }> };
      assert.equal(details.packingStatusHistory[0].packingStatus, 'packed');
      const again = await through('updatePackingStatus', { orderId, packingStatus: 'picked' });
      assert.equal((again.json as { otoErrorCode: string }).otoErrorCode, 'OTO1103');
      const missing = await through('updatePackingStatus', { orderId: 'NO-SUCH-ORDER', packingStatus: 'packed' });
      assert.equal(missing.status, 404);
      assert.deepEqual(writesReceived(), []);
    });
  });
});
