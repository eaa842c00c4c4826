// Drift detection: an upstream speaking OTO's other dialect is told apart from the sandbox, path by
// path; an upstream that answers as the sandbox does gives no finding at all.
import * as assert from 'node:assert/strict';
import { compareShapes, describeDifference, shapeOf } from '../../../src/proxy/drift';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import type { Finding } from '../../../src/traffic/exchange';
import { accessToken, call } from '../fakes/sandboxHttp';
import { proxyTo, type ProxyHarness } from './support';

const SKU = 'AJW-DATES-500';

describe('recording proxy: shape drift', () => {
  let upstream: RunningSandbox;
  let harness: ProxyHarness;

  const session = async (): Promise<(endpoint: string, body?: unknown) => Promise<unknown>> => {
    const token = await accessToken(upstream);
    return async (endpoint, body) =>
      (await call(`${harness.proxy.baseUrl}/${endpoint}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })).json;
  };
  const drift = (): Finding[] => harness.exchanges.flatMap((exchange) => exchange.findings).filter((finding) => finding.rule === 'shape-drift');
  /** A tour of the API an integration might make. */
  const tour = async (): Promise<void> => {
    const send = await session();
    const queue = (await send('getPackingOrders', { warehouseCode: 'RUH-WH1' })) as { orders: Array<{ orderId: string }> };
    await send(`orderDetails?orderId=${queue.orders[0].orderId}`);
    await send(`orderDetails?orderId=${queue.orders[1].orderId}`);
    await send(`checkInventoryStock?sku=${SKU},COF-SAU-250`);
    await send(`checkGlobalStock?sku=${SKU},COF-SAU-250`);
    await send('getPickupLocationList');
    await send('productList', { pageSize: 10, currentPage: 1 });
    await send('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty: 2 });
    await send('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty: '2.5' });
    await send('createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: SKU, qty: 1 }] });
    await send('orderDetails?orderId=NO-SUCH');
  };

  afterEach(async () => {
    await harness.proxy.close();
    await upstream.close();
  });

  it('finds nothing when the upstream answers in the sandbox’s own shapes', async () => {
    upstream = await startSandbox({ seed: 7 });
    harness = await proxyTo(upstream.baseUrl);
    await tour();
    assert.equal(harness.exchanges.length, 11);
    assert.deepEqual(drift(), []);
  });

  it('lists the paths an upstream in the numeric-codes dialect has, once per difference', async () => {
    upstream = await startSandbox({ dialect: 'numeric-codes' });
    harness = await proxyTo(upstream.baseUrl);
    await tour();
    const messages = drift().map((finding) => finding.message);
    assert.equal(messages.length, 2, messages.join('\n'));
    const [details, error] = messages;
    assert.match(details, /orderDetails: upstream has `amount_due` \(number\), `payment_method` \(string\), `customer\.region` \(string\), `deliverySlotDate` \(string\), `deliverySlotFrom` \(string\), `deliverySlotTo` \(string\); sandbox has `amountDue` \(number\), `paymentMethod` \(string\)/);
    assert.match(error, /updateStockQuantity: upstream has `errorCode` \(number\), `errorMsg` \(string\); sandbox has `otoErrorCode` \(string\), `otoErrorMessage` \(string\)/);
    const [finding] = drift();
    assert.equal(finding.severity, 'info');
    const exchange = harness.exchanges.find((candidate) => candidate.id === finding.exchangeIds[0]);
    assert.equal(exchange?.endpoint, 'orderDetails');
  });

  it('reports type changes and keys the data, not the field names, of stock maps', () => {
    const sandbox = shapeOf({ success: true, stock: { A: [{ sku: 'A', quantityOnHand: 1 }] } }, 'checkInventoryStock');
    const same = shapeOf({ success: true, stock: { B: [{ sku: 'B', quantityOnHand: 5 }], C: [] } }, 'checkInventoryStock');
    assert.equal(compareShapes(same, sandbox), undefined);
    const changed = shapeOf({ success: true, stock: { B: [{ sku: 'B', quantityOnHand: '5' }] } }, 'checkInventoryStock');
    const difference = compareShapes(changed, sandbox)!;
    assert.equal(describeDifference('checkInventoryStock', difference, changed, sandbox), 'checkInventoryStock: `stock.*[].quantityOnHand` is string upstream, number in the sandbox');
  });
});
