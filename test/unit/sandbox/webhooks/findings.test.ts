// What the sandbox says about the receiver, each finding both ways: there when the receiver
// misbehaves, absent when it does right.
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startSandbox, type DeliveryFault, type RunningSandbox } from '../../../../src/sandbox';
import { signIn, type Api } from '../../fakes/sandboxHttp';
import { startReceiver, verifies, type Delivery, type Receiver } from './receiver';

const SECRET = 'findings-secret-5678';

describe('sandbox webhooks: receiver findings', () => {
  let sandbox: RunningSandbox;
  let api: Api;
  let receiver: Receiver;
  const start = async (faults: DeliveryFault[] = [], timeoutMs?: number): Promise<void> => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhooks: { faults, timeoutMs, register: [{ url: receiver.url, secretKey: SECRET }] } });
    api = await signIn(sandbox);
  };
  afterEach(async () => {
    await sandbox?.close();
    await receiver?.close();
  });
  const pack = async (): Promise<void> => {
    const orders = ((await api.post('getPackingOrders', { warehouseCode: 'RUH-WH1' })).json as { orders: Array<{ orderId: string }> }).orders;
    await api.post('updatePackingStatus', { orderId: orders[0].orderId, packingStatus: 'packed' });
    await sandbox.webhooks.idle();
  };
  // The contract lint's own findings about the test's calls (no Content-Type on refreshToken) are not the receiver's.
  const rules = (): string[] => sandbox.traffic.list().flatMap((exchange) => exchange.findings.map((finding) => finding.rule)).filter((rule) => rule.startsWith('webhook-'));

  it('webhook-not-acknowledged for a non-2xx answer, a refused connection and a timeout; none for a 2xx', async () => {
    await start([], 300);
    await pack();
    assert.deepEqual(rules(), []);
    receiver.answers = [{ status: 500 }];
    await pack();
    receiver.answers = [{ status: 200, delayMs: 1000 }];
    await pack();
    await receiver.close();
    await pack();
    const outbound = sandbox.traffic.list().filter((exchange) => exchange.direction === 'outbound').reverse();
    assert.deepEqual(outbound.map((exchange) => exchange.findings.map((finding) => finding.params?.answer)), [[], ['HTTP 500'], ['timeout'], ['refused']]);
    assert.match(outbound[1].findings[0].message, /did not acknowledge orderStatus packed/);
  });

  it('webhook-slow for an answer after 5 s; none for a quick one', async function () {
    this.timeout(15_000);
    await start();
    await pack();
    assert.deepEqual(rules(), []);
    receiver.answers = [{ status: 200, delayMs: 5200 }];
    await pack();
    assert.deepEqual(rules(), ['webhook-slow']);
  });

  it('webhook-bad-signature-accepted when the receiver takes a wrong signature; none when it refuses it', async () => {
    await start([{ kind: 'wrongSignature', times: 2 }]);
    // A careful receiver first: it checks the signature and answers 401.
    receiver.onDelivery = (delivery: Delivery) => {
      receiver.answers = [{ status: verifies(delivery.json, SECRET, 'status') ? 200 : 401 }];
    };
    await pack();
    assert.deepEqual(rules(), ['webhook-not-acknowledged']);
    receiver.onDelivery = undefined;
    receiver.answers = [{ status: 200 }];
    await pack();
    assert.deepEqual(rules(), ['webhook-bad-signature-accepted', 'webhook-not-acknowledged']);
  });

  it('webhook-stale-accepted when the receiver takes a day-old timestamp; none when it refuses it', async () => {
    await start([{ kind: 'staleTimestamp', times: 2 }]);
    receiver.onDelivery = (delivery: Delivery) => {
      receiver.answers = [{ status: Date.now() - (delivery.json.timestamp as number) > 5 * 60_000 ? 400 : 200 }];
    };
    await pack();
    assert.deepEqual(rules(), ['webhook-not-acknowledged']);
    receiver.onDelivery = undefined;
    receiver.answers = [{ status: 200 }];
    await pack();
    assert.deepEqual(rules(), ['webhook-stale-accepted', 'webhook-not-acknowledged']);
  });

  it('webhook-duplicate-applied when the ERP writes once per copy of a duplicated delivery; none when it treats the copy as one event', async () => {
    await start([{ kind: 'duplicate' }]);
    const seen = new Set<string>();
    let dedupe = true;
    receiver.onDelivery = async (delivery: Delivery) => {
      const key = createHmac('sha256', 'k').update(`${String(delivery.json.orderId)}:${String(delivery.json.status)}:${String(delivery.json.timestamp)}`).digest('hex');
      if (dedupe && seen.has(key)) {
        return;
      }
      seen.add(key);
      await api.post('updateStockQuantity', { sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', qty: -1, actionType: 'adjust' });
    };
    await pack();
    assert.ok(!rules().includes('webhook-duplicate-applied'), rules().join());
    dedupe = false;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await pack();
    const found = sandbox.traffic.list().flatMap((exchange) => exchange.findings).filter((finding) => finding.rule === 'webhook-duplicate-applied');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].exchangeIds.length, 4, 'the two writes and the two copies');
    assert.match(found[0].message, /applied one event twice/);
  });
});
