// Each delivery fault, as a receiver under test sees it over real HTTP.
import * as assert from 'node:assert/strict';
import { startSandbox, STALE_BY_MS, type DeliveryFault, type RunningSandbox } from '../../../../src/sandbox';
import { signIn, type Api } from '../../fakes/sandboxHttp';
import { MAX_DELAY_MS } from '../../../../src/sandbox/webhooks/deliveryFaults';
import { MAX_QUEUED, MAX_QUEUED_BYTES, retryWaitMs } from '../../../../src/sandbox/webhooks/hub';
import type { DeliveryOutcome } from '../../../../src/sandbox/webhooks/types';
import { startReceiver, verifies, type Receiver } from './receiver';

const SECRET = 'fault-test-secret-1234';

describe('sandbox webhooks: delivery faults', () => {
  let sandbox: RunningSandbox;
  let api: Api;
  let receiver: Receiver;
  const start = async (faults: DeliveryFault[] = []): Promise<void> => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhooks: { faults, register: [{ url: receiver.url, secretKey: SECRET }] } });
    api = await signIn(sandbox);
  };
  afterEach(async () => {
    await sandbox?.close();
    await receiver?.close();
  });
  const orders = async (warehouseCode = 'RUH-WH1'): Promise<string[]> =>
    ((await api.post('getPackingOrders', { warehouseCode })).json as { orders: Array<{ orderId: string }> }).orders.map((order) => order.orderId);
  const outbound = () => sandbox.traffic.list().filter((exchange) => exchange.direction === 'outbound').reverse();

  it('duplicate: the same body twice, the copy after the first was answered', async () => {
    await start([{ kind: 'duplicate', times: 1 }]);
    const [orderId] = await orders();
    await api.post('updatePackingStatus', { orderId, packingStatus: 'packed' });
    const [first, copy] = await receiver.received(2);
    await sandbox.webhooks.idle();
    assert.equal(copy.text, first.text);
    const [one, two] = outbound();
    assert.equal(two.webhook?.copyOf, one.id);
    assert.match(two.fault ?? '', /duplicate copy/);
    assert.equal(sandbox.webhooks.faults.list().length, 0, 'used up');
  });

  it('outOfOrder: held until the next event of the same order went', async () => {
    await start([{ kind: 'outOfOrder', times: 1 }]);
    const [orderId] = (await orders()).slice(-1);
    await api.post('updatePackingStatus', { orderId, packingStatus: 'picked' });
    await sandbox.webhooks.idle();
    assert.equal(receiver.deliveries.length, 0, 'picked is held');
    await api.post('updatePackingStatus', { orderId, packingStatus: 'packed' });
    const deliveries = await receiver.received(2);
    assert.deepEqual(deliveries.map((delivery) => delivery.json.status), ['packed', 'picked']);
  });

  for (const later of [{ kind: 'duplicate', times: 1 }, { kind: 'retry', backoffMs: 1000, attempts: 2, times: 1 }] as DeliveryFault[]) {
    it(`outOfOrder: the held delivery goes right after the next one of its order, even when that one is ${later.kind === 'retry' ? 'retried' : 'duplicated'}`, async () => {
      await start([{ kind: 'outOfOrder', times: 1 }]);
      const [orderId] = (await orders()).slice(-1);
      await api.post('updatePackingStatus', { orderId, packingStatus: 'picked' });
      await sandbox.webhooks.idle();
      sandbox.webhooks.faults.add([later]);
      receiver.answers = later.kind === 'retry' ? [{ status: 500 }, { status: 200 }] : [{ status: 200 }];
      await api.post('updatePackingStatus', { orderId, packingStatus: 'packed' });
      // Not MAX_HOLD_MS later: the packed delivery went, so picked follows it at once.
      const deliveries = await receiver.received(3);
      assert.deepEqual(deliveries.map((delivery) => delivery.json.status), ['packed', 'picked', 'packed']);
    });
  }

  it('retry: each wait doubles from backoffMs but never past MAX_DELAY_MS (a timer past 2^31 ms would fire at once)', () => {
    assert.deepEqual([1, 2, 3].map((attempt) => retryWaitMs(50, attempt)), [50, 100, 200]);
    assert.equal(retryWaitMs(60_000, 19), MAX_DELAY_MS);
    assert.ok(MAX_DELAY_MS < 2 ** 31 - 1);
  });

  it(`bounds what waits: past ${MAX_QUEUED} deliveries delayed, the next is recorded as queue full, not kept`, async () => {
    await start([{ kind: 'delay', delayMs: MAX_DELAY_MS }]);
    const [orderId] = await orders();
    const outcomes: DeliveryOutcome[] = [];
    sandbox.webhooks.onDidDeliver((outcome) => outcomes.push(outcome));
    for (let index = 0; index <= MAX_QUEUED; index++) {
      sandbox.webhooks.trigger({ type: 'orderStatus', orderId });
    }
    assert.deepEqual(outcomes.map((outcome) => outcome.error), ['queue full']);
  });

  it(`bounds what waits by size too: past ${MAX_QUEUED_BYTES / 1024 / 1024} MB of delayed bodies, the next is recorded as queue full`, async () => {
    await start([{ kind: 'delay', delayMs: MAX_DELAY_MS }]);
    const [orderId] = await orders();
    const outcomes: DeliveryOutcome[] = [];
    sandbox.webhooks.onDidDeliver((outcome) => outcomes.push(outcome));
    const note = 'x'.repeat(1024 * 1024);
    const fits = Math.floor(MAX_QUEUED_BYTES / note.length) - 1;
    for (let index = 0; index <= fits; index++) {
      sandbox.webhooks.trigger({ type: 'orderStatus', orderId, fields: { note } });
    }
    assert.deepEqual(outcomes.map((outcome) => outcome.error), ['queue full']);
    assert.equal(receiver.deliveries.length, 0);
  });

  it('delay: sent delayMs later', async () => {
    await start([{ kind: 'delay', delayMs: 300, times: 1 }]);
    const [orderId] = await orders();
    const started = Date.now();
    await api.post('updatePackingStatus', { orderId, packingStatus: 'packed' });
    await receiver.received(1);
    assert.ok(Date.now() - started >= 290, `arrived after ${Date.now() - started} ms`);
  });

  it('drop: never sent, recorded as dropped', async () => {
    await start([{ kind: 'drop', times: 1 }]);
    const [first, second] = await orders();
    await api.post('updatePackingStatus', { orderId: first, packingStatus: 'packed' });
    await api.post('updatePackingStatus', { orderId: second, packingStatus: 'packed' });
    const [delivery] = await receiver.received(1);
    await sandbox.webhooks.idle();
    assert.equal(receiver.deliveries.length, 1);
    assert.equal(delivery.json.orderId, second);
    const [dropped] = outbound();
    assert.equal(dropped.webhook?.sent, false);
    assert.equal(dropped.webhook?.error, 'dropped');
  });

  it('wrongSignature: a signature that does not verify with the secret', async () => {
    await start([{ kind: 'wrongSignature', times: 1 }]);
    const [first, second] = await orders();
    await api.post('updatePackingStatus', { orderId: first, packingStatus: 'packed' });
    await api.post('updatePackingStatus', { orderId: second, packingStatus: 'packed' });
    const [wrong, right] = await receiver.received(2);
    assert.equal(typeof wrong.json.signature, 'string');
    assert.ok(!verifies(wrong.json, SECRET, 'status'));
    assert.ok(verifies(right.json, SECRET, 'status'));
  });

  it('staleTimestamp: a day old and signed correctly', async () => {
    await start([{ kind: 'staleTimestamp', times: 1 }]);
    const [orderId] = await orders();
    await api.post('updatePackingStatus', { orderId, packingStatus: 'packed' });
    const [delivery] = await receiver.received(1);
    const age = Date.now() - (delivery.json.timestamp as number);
    assert.ok(age >= STALE_BY_MS && age < STALE_BY_MS + 60_000, `age ${age}`);
    assert.ok(verifies(delivery.json, SECRET, 'status'));
  });

  it('retry: resent with backoff until the receiver answers 2xx; no retry without the fault', async () => {
    await start([{ kind: 'retry', backoffMs: 50, attempts: 5, times: 1 }]);
    receiver.answers = [{ status: 500 }, { status: 503 }, { status: 200 }];
    const [first, second] = await orders();
    await api.post('updatePackingStatus', { orderId: first, packingStatus: 'packed' });
    await receiver.received(3);
    await sandbox.webhooks.idle();
    assert.deepEqual(outbound().map((exchange) => [exchange.status, exchange.webhook?.attempt]), [[500, 1], [503, 2], [200, 3]]);
    const [a, b] = outbound();
    assert.ok(b.startedAt - a.startedAt >= 40, 'waited before resending');

    receiver.answers = [{ status: 500 }, { status: 200 }];
    await api.post('updatePackingStatus', { orderId: second, packingStatus: 'packed' });
    await receiver.received(4);
    await sandbox.webhooks.idle();
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(receiver.deliveries.length, 4, 'no retry once the fault is used up');
  });

  it('tells each outcome with its event and whether it is the last attempt: a trigger can wait for its own, not a 500 to be retried nor another event at the same moment', async () => {
    await start([{ kind: 'retry', backoffMs: 50, attempts: 3, times: 1 }]);
    receiver.answers = [{ status: 500 }, { status: 200 }, { status: 200 }];
    const outcomes: DeliveryOutcome[] = [];
    sandbox.webhooks.onDidDeliver((outcome) => outcomes.push(outcome));
    const [first, second] = await orders();
    const triggered = sandbox.webhooks.lastEventId + 1;
    sandbox.webhooks.trigger({ type: 'orderStatus', orderId: first });
    assert.equal(sandbox.webhooks.lastEventId, triggered);
    await api.post('updatePackingStatus', { orderId: second, packingStatus: 'packed' });
    await receiver.received(3);
    await sandbox.webhooks.idle();
    const mine = outcomes.filter((outcome) => outcome.eventId === triggered);
    assert.deepEqual(mine.map((outcome) => [outcome.orderId, outcome.attempt, outcome.status, outcome.final]), [[first, 1, 500, false], [first, 2, 200, true]]);
    assert.deepEqual(outcomes.filter((outcome) => outcome.eventId !== triggered).map((outcome) => [outcome.orderId, outcome.final]), [[second, true]]);
  });

  it('tells a dropped delivery as final, before the trigger returns', async () => {
    await start([{ kind: 'drop', times: 1 }]);
    const outcomes: DeliveryOutcome[] = [];
    sandbox.webhooks.onDidDeliver((outcome) => outcomes.push(outcome));
    const [orderId] = await orders();
    sandbox.webhooks.trigger({ type: 'orderStatus', orderId });
    assert.deepEqual(outcomes.map((outcome) => [outcome.eventId, outcome.error, outcome.final]), [[sandbox.webhooks.lastEventId, 'dropped', true]]);
  });

  it('retry with duplicate: the copy goes once the retries end, recorded as a copy, not as retried', async () => {
    await start([{ kind: 'retry', backoffMs: 20, attempts: 2, times: 1 }, { kind: 'duplicate', times: 1 }]);
    receiver.answers = [{ status: 500 }, { status: 200 }];
    const [orderId] = await orders();
    await api.post('updatePackingStatus', { orderId, packingStatus: 'packed' });
    await receiver.received(3);
    await sandbox.webhooks.idle();
    assert.deepEqual(outbound().map((exchange) => [exchange.status, exchange.webhook?.attempt, exchange.webhook?.faults, exchange.fault]), [
      [500, 1, ['retry', 'duplicate'], 'webhook: retry, duplicate'],
      [200, 2, ['retry', 'duplicate'], 'webhook: retry, duplicate, attempt 2'],
      [200, 1, ['duplicate'], 'webhook: duplicate copy'],
    ]);
  });

  it('checks faults given at run time and names every problem', async () => {
    await start();
    assert.throws(() => sandbox.webhooks.faults.add([{ kind: 'explode' as 'drop', delayMs: -1 }]), /kind must be one of.*delayMs must be/);
    assert.deepEqual(sandbox.webhooks.faults.list(), []);
    const [id] = sandbox.webhooks.faults.add([{ kind: 'drop', webhookType: 'newOrders' }]);
    assert.deepEqual(sandbox.webhooks.faults.list(), [{ id, fault: { kind: 'drop', webhookType: 'newOrders' } }]);
    const [orderId] = await orders();
    await api.post('updatePackingStatus', { orderId, packingStatus: 'packed' });
    await receiver.received(1);
    assert.equal(sandbox.webhooks.faults.remove(id), true);
  });
});
