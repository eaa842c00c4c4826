// The packing panel's host logic (queue + controller, no vscode) against the sandbox over real HTTP.
import * as assert from 'node:assert/strict';
import { OtoClient } from '../../../src/client';
import { startSandbox } from '../../../src/sandbox';
import { PackingController, type PackingControllerOptions } from '../../../src/packing/controller';
import type { HostMessage, PackingStatus, WarehouseInfo } from '../../../src/packing/protocol';
import { DETAILS_AT_ONCE, PackingQueue, StatusRefusedError, type KnownStates } from '../../../src/packing/queue';
import { pageStrings } from '../../../src/packing/strings';
import { useSandbox } from '../fakes/clientSandbox';
import { until } from '../until';
import { ReachabilityWatch } from '../../../src/session/reachability';
import type { Reachability } from '../../../src/common/refresh/refreshScheduler';
import { unreachableText } from '../../../src/common/text/unreachable';
import { faultTaken, received } from '../fakes/journal';


class MemoryStates implements KnownStates {
  readonly byWarehouse = new Map<string, Record<string, PackingStatus>>();
  get(code: string): Record<string, PackingStatus> {
    return this.byWarehouse.get(code) ?? {};
  }
  set(code: string, states: Record<string, PackingStatus>): void {
    this.byWarehouse.set(code, states);
  }
}

interface Host {
  controller: PackingController;
  queue: PackingQueue;
  posted: HostMessage[];
  logged: string[];
  showLogCalls: number;
  signInCalls: number;
  refreshes: number;
  warehouse: WarehouseInfo;
}

describe('packing host against the sandbox', () => {
  const sandbox = useSandbox();
  let known: MemoryStates;
  // The queue's read time and the controller's staleness check read this clock, moved on by hand.
  let time = Date.now();
  const clock = (): number => time;
  // VS Code's editor.accessibilitySupport, as the panel reads it.
  let screenReader = false;

  async function firstWarehouse(client: OtoClient): Promise<WarehouseInfo> {
    const locations = await client.getPickupLocations();
    const warehouse = locations.find((location) => location.kind === 'warehouse');
    assert.ok(warehouse, 'the sandbox has a warehouse');
    return { code: warehouse.code, name: warehouse.name };
  }

  async function host(warehouse?: WarehouseInfo, staleAfterSeconds = 60, client?: OtoClient, generation?: () => number, reachability?: Reachability, advanceOrderStatus?: PackingControllerOptions['advanceOrderStatus']): Promise<Host> {
    const target = warehouse ?? (await firstWarehouse(sandbox.client));
    const queue = new PackingQueue({ warehouseCode: target.code, getApi: async () => client ?? sandbox.client, known, generation, now: clock });
    const result: Host = { queue, posted: [], logged: [], showLogCalls: 0, signInCalls: 0, refreshes: 0, warehouse: target } as unknown as Host;
    result.controller = new PackingController({
      warehouse: target,
      queue,
      strings: pageStrings(),
      locale: 'en',
      screenReader: () => screenReader,
      post: (message) => result.posted.push(message),
      log: { info: (m) => result.logged.push(`info ${m}`), warn: (m) => result.logged.push(`warn ${m}`), error: (m) => result.logged.push(`error ${m}`) },
      showLog: () => {
        result.showLogCalls += 1;
      },
      signIn: () => {
        result.signInCalls += 1;
      },
      staleAfterSeconds: () => staleAfterSeconds,
      now: clock,
      onRefresh: () => {
        result.refreshes += 1;
      },
      reachability,
      unreachableMessage: () => unreachableText('staging'),
      advanceOrderStatus,
    });
    return result;
  }

  function lastOf<T extends HostMessage['type']>(posted: HostMessage[], type: T): Extract<HostMessage, { type: T }> {
    const found = posted.filter((message) => message.type === type).pop();
    assert.ok(found, `a ${type} message was posted`);
    return found as Extract<HostMessage, { type: T }>;
  }

  beforeEach(() => {
    known = new MemoryStates();
  });

  it('offers Advance Order Status… where it is available (the sandbox), runs it for the card\'s order, then reads the queue again: a packed order is gone', async () => {
    let available = true;
    const advanced: string[] = [];
    const h = await host(undefined, 60, undefined, undefined, undefined, {
      available: () => available,
      run: async (orderId) => {
        advanced.push(orderId);
        // What the command does once a status is picked: the sandbox's order-status core.
        sandbox.sandbox.webhooks.setOrderStatus(orderId, 'packed');
      },
    });
    await h.controller.receive({ type: 'ready' });
    const first = lastOf(h.posted, 'queue');
    assert.equal(first.advance, true);
    const orderId = first.orders[0].orderId;
    await h.controller.receive({ type: 'advanceOrderStatus', orderId });
    assert.deepEqual(advanced, [orderId]);
    const after = lastOf(h.posted, 'queue');
    assert.notEqual(after, first, 'the queue was read again');
    assert.equal(after.orders.some((order) => order.orderId === orderId), false, 'packed: it left the queue');
    // Outside the sandbox the page offers nothing, and a message asking anyway changes nothing.
    available = false;
    await h.controller.receive({ type: 'refresh' });
    assert.equal('advance' in lastOf(h.posted, 'queue'), false);
    const other = lastOf(h.posted, 'queue').orders[0].orderId;
    await h.controller.receive({ type: 'advanceOrderStatus', orderId: other });
    assert.deepEqual(advanced, [orderId]);
    assert.ok(h.logged.some((line) => line.startsWith('warn') && line.includes('not offered')));
    await h.controller.receive({ type: 'advanceOrderStatus', orderId: 42 });
    assert.deepEqual(advanced, [orderId], 'a malformed message is dropped');
  });

  it('answers ready with init, then the queue as OTO lists it', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    assert.deepEqual(
      h.posted.map((message) => message.type),
      ['init', 'loading', 'queue'],
    );
    const init = lastOf(h.posted, 'init');
    assert.deepEqual(init.warehouse, h.warehouse);
    assert.equal(init.strings.markPacked, 'Mark packed');
    const listed = await sandbox.client.getPackingOrders(h.warehouse.code);
    const queue = lastOf(h.posted, 'queue');
    assert.ok(listed.length > 0);
    const historyState = async (orderId: string): Promise<string> =>
      (await sandbox.client.getOrderDetails(orderId)).packingStatusHistory.find((entry) => entry.packingStatus === 'picked' || entry.packingStatus === 'packed')?.packingStatus ?? 'ready';
    const expected = [];
    for (const order of listed) {
      expected.push({ orderId: order.orderId, state: await historyState(order.orderId), items: order.items.map(({ sku, name, quantity }) => ({ sku, name, quantity })) });
    }
    assert.deepEqual(queue.orders, expected);
    assert.deepEqual(sandbox.sent('getPackingOrders').at(-1)?.body, { warehouseCode: h.warehouse.code });
  });

  it('tells the page at each init whether accessibility support is on, as the setting is then', async () => {
    const h = await host();
    screenReader = false;
    await h.controller.receive({ type: 'ready' });
    assert.equal(lastOf(h.posted, 'init').screenReader, undefined);
    screenReader = true;
    try {
      await h.controller.receive({ type: 'ready' });
      assert.equal(lastOf(h.posted, 'init').screenReader, true);
    } finally {
      screenReader = false;
    }
  });

  it('sends a cached queue to a page that reappears, and reads again only once it is stale', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    await h.controller.receive({ type: 'ready' });
    assert.equal(sandbox.sent('getPackingOrders').length, 1);
    assert.equal(h.refreshes, 1);
    assert.deepEqual(
      h.posted.slice(3).map((message) => message.type),
      ['init', 'queue'],
    );
    const stale = await host(h.warehouse, 0.001);
    await stale.controller.receive({ type: 'ready' });
    time += 1;
    await stale.controller.receive({ type: 'ready' });
    assert.equal(sandbox.sent('getPackingOrders').length, 3);
  });

  it('marks an order picked then packed, and the packed order leaves the queue on refresh', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    const orderId = lastOf(h.posted, 'queue').orders.find((order) => order.state === 'ready')?.orderId;
    assert.ok(orderId, 'the queue has a ready order');

    await h.controller.receive({ type: 'updatePackingStatus', requestId: 1, orderId, packingStatus: 'picked', skipPicked: false });
    assert.deepEqual(lastOf(h.posted, 'statusResult'), { type: 'statusResult', requestId: 1, orderId, ok: true, state: 'picked' });
    assert.deepEqual(sandbox.sent('updatePackingStatus').map((request) => request.body), [{ orderId, packingStatus: 'picked' }]);
    assert.equal(known.get(h.warehouse.code)[orderId], 'picked');

    await h.controller.receive({ type: 'refresh' });
    const afterPick = lastOf(h.posted, 'queue').orders.find((order) => order.orderId === orderId);
    assert.equal(afterPick?.state, 'picked');

    await h.controller.receive({ type: 'updatePackingStatus', requestId: 2, orderId, packingStatus: 'packed', skipPicked: false, confirmed: true });
    assert.deepEqual(lastOf(h.posted, 'statusResult'), { type: 'statusResult', requestId: 2, orderId, ok: true, state: 'packed' });
    const details = await sandbox.client.getOrderDetails(orderId);
    assert.deepEqual(
      details.packingStatusHistory.slice(0, 2).map((entry) => entry.packingStatus),
      ['packed', 'picked'],
    );

    await h.controller.receive({ type: 'refresh' });
    assert.equal(lastOf(h.posted, 'queue').orders.some((order) => order.orderId === orderId), false);
    assert.ok(!JSON.stringify(h.posted).includes(sandbox.sandbox.refreshToken), 'the page never sees the token');
    assert.equal(Object.hasOwn(known.get(h.warehouse.code), orderId), false, 'states of orders gone from the queue are forgotten');
  });

  it('remembers picked orders across panels through KnownStates', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    const orderId = lastOf(h.posted, 'queue').orders[1].orderId;
    await h.controller.receive({ type: 'updatePackingStatus', requestId: 1, orderId, packingStatus: 'picked', skipPicked: false });
    const reopened = await host(h.warehouse);
    await reopened.controller.receive({ type: 'ready' });
    assert.equal(lastOf(reopened.posted, 'queue').orders.find((order) => order.orderId === orderId)?.state, 'picked');
  });

  it('refuses, without sending anything, what the packing flow does not allow', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    const orderId = lastOf(h.posted, 'queue').orders[0].orderId;

    await h.controller.receive({ type: 'updatePackingStatus', requestId: 1, orderId, packingStatus: 'packed', skipPicked: false, confirmed: true });
    assert.deepEqual(lastOf(h.posted, 'statusResult'), {
      type: 'statusResult',
      requestId: 1,
      orderId,
      ok: false,
      error: `Order ${orderId} has not been picked yet; confirm to mark it packed anyway.`,
    });
    await h.controller.receive({ type: 'updatePackingStatus', requestId: 2, orderId: 'not-queued', packingStatus: 'picked', skipPicked: false });
    assert.match((lastOf(h.posted, 'statusResult') as { error: string }).error, /no longer in this queue/);
    assert.equal(sandbox.sent('updatePackingStatus').length, 0);

    await h.controller.receive({ type: 'updatePackingStatus', requestId: 3, orderId, packingStatus: 'packed', skipPicked: true, confirmed: true });
    assert.deepEqual(lastOf(h.posted, 'statusResult'), { type: 'statusResult', requestId: 3, orderId, ok: true, state: 'packed' });
    await h.controller.receive({ type: 'updatePackingStatus', requestId: 4, orderId, packingStatus: 'picked', skipPicked: false });
    assert.match((lastOf(h.posted, 'statusResult') as { error: string }).error, /already packed/);
    assert.equal(sandbox.sent('updatePackingStatus').length, 1);
  });

  it('marks nothing packed that the page did not confirm (packed cannot be undone)', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    const orderId = lastOf(h.posted, 'queue').orders.find((order) => order.state === 'picked')?.orderId;
    assert.ok(orderId, 'the queue has a picked order');
    const postedBefore = h.posted.length;
    await h.controller.receive({ type: 'updatePackingStatus', requestId: 1, orderId, packingStatus: 'packed', skipPicked: false });
    await h.controller.receive({ type: 'updatePackingStatus', requestId: 2, orderId, packingStatus: 'packed', skipPicked: false, confirmed: false });
    assert.equal(h.posted.length, postedBefore);
    assert.equal(sandbox.sent('updatePackingStatus').length, 0);
    assert.equal(h.logged.filter((line) => line.startsWith('warn ') && line.includes('ignored a malformed message of type "updatePackingStatus"')).length, 2);
    await h.controller.receive({ type: 'updatePackingStatus', requestId: 3, orderId, packingStatus: 'packed', skipPicked: false, confirmed: true });
    assert.deepEqual(lastOf(h.posted, 'statusResult'), { type: 'statusResult', requestId: 3, orderId, ok: true, state: 'packed' });
    assert.equal(sandbox.sent('updatePackingStatus').length, 1);
  });

  it('never sends a status change for a queue read in another environment', async () => {
    // Same seed, so the other environment has the same warehouse and order ids: the worst case.
    const other = await startSandbox();
    try {
      const otherClient = new OtoClient({ baseUrl: other.baseUrl, refreshToken: other.refreshToken, timeoutMs: 2_000 });
      let environment = 'staging';
      const warehouse = await firstWarehouse(sandbox.client);
      const queue = new PackingQueue({
        warehouseCode: warehouse.code,
        getApi: async () => (environment === 'staging' ? sandbox.client : otherClient),
        known,
        scope: () => environment,
      });
      const [order] = await queue.load();
      const sentToOther = (): number => received(other).filter((request) => request.endpoint === 'updatePackingStatus').length;

      environment = 'production';
      await assert.rejects(queue.setStatus(order.orderId, 'picked', false), (error: unknown) =>
        error instanceof StatusRefusedError && error.reason === 'notInQueue');
      assert.equal(sentToOther(), 0);
      assert.equal(sandbox.sent('updatePackingStatus').length, 0);

      await queue.load();
      assert.equal(await queue.setStatus(order.orderId, 'picked', false), 'picked', 'once read there, the queue works there');
      assert.equal(sentToOther(), 1);
    } finally {
      await other.close();
    }
  });

  it('reads the queue for a caller that comes after every earlier caller of the read gave up', async () => {
    const warehouse = await firstWarehouse(sandbox.client);
    const queue = new PackingQueue({ warehouseCode: warehouse.code, getApi: async () => sandbox.client, known });
    sandbox.sandbox.addFaults([{ endpoint: 'getPackingOrders', latencyMs: 300, times: 1 }]);
    const closed = new AbortController();
    const given = queue.load(closed.signal);
    await until('the list requested', () => faultTaken(sandbox.sandbox, 'getPackingOrders'));
    closed.abort();
    // The tab reopens at once, before the given-up read has ended.
    const reopened = queue.load();
    await assert.rejects(given);
    const orders = await reopened;
    assert.ok(orders.length > 0, 'the reopened tab gets the queue');
    assert.equal(sandbox.sent('getPackingOrders').length, 2);
  });

  it('never sends a status change for a queue read before a new sign-in in the same environment', async () => {
    let generation = 1;
    const warehouse = await firstWarehouse(sandbox.client);
    const queue = new PackingQueue({ warehouseCode: warehouse.code, getApi: async () => sandbox.client, known, scope: () => 'staging', generation: () => generation });
    const [order] = await queue.load();
    generation = 2; // signed in again, perhaps with another account where the same order id names another order
    await assert.rejects(queue.setStatus(order.orderId, 'picked', false), (error: unknown) => error instanceof StatusRefusedError && error.reason === 'notInQueue');
    assert.equal(sandbox.sent('updatePackingStatus').length, 0);
    await queue.load();
    assert.equal(await queue.setStatus(order.orderId, 'picked', false), 'picked', 'once read again, the queue works');
  });

  it('on a session change, tells the page to drop its orders and never shows an answer read before the change', async () => {
    let generation = 1;
    const h = await host(undefined, 60, undefined, () => generation);
    await h.controller.receive({ type: 'ready' });
    assert.ok(lastOf(h.posted, 'queue').orders.length > 0);

    // A read under way when the user signs in again: its answer belongs to the old sign-in.
    sandbox.sandbox.addFaults([{ endpoint: 'getPackingOrders', latencyMs: 150, times: 1 }]);
    h.posted.length = 0;
    const stale = h.controller.refresh();
    await until('the read to reach the sandbox', () => faultTaken(sandbox.sandbox, 'getPackingOrders'));
    generation = 2;
    const reset = h.controller.reset();
    await Promise.all([stale, reset]);
    assert.deepEqual(
      h.posted.map((message) => message.type),
      ['loading', 'reset', 'loading', 'queue'],
      'the page is told to forget, then gets only the queue read after the change',
    );
    assert.equal(h.queue.orders.length, lastOf(h.posted, 'queue').orders.length);
  });

  it('refuses a second change of an order while the first is in flight', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    const orderId = lastOf(h.posted, 'queue').orders[0].orderId;
    sandbox.sandbox.addFaults([{ endpoint: 'updatePackingStatus', latencyMs: 150, times: 1 }]);
    const first = h.controller.receive({ type: 'updatePackingStatus', requestId: 1, orderId, packingStatus: 'picked', skipPicked: false });
    // Its answer is held back 150 ms from the moment it arrives: the second change comes while it is in flight.
    await until('the first change to reach the sandbox', () => faultTaken(sandbox.sandbox, 'updatePackingStatus'));
    await h.controller.receive({ type: 'updatePackingStatus', requestId: 2, orderId, packingStatus: 'packed', skipPicked: false, confirmed: true });
    assert.match((lastOf(h.posted, 'statusResult') as { error: string }).error, /already being updated/);
    await first;
    assert.deepEqual(lastOf(h.posted, 'statusResult'), { type: 'statusResult', requestId: 1, orderId, ok: true, state: 'picked' });
    assert.equal(sandbox.sent('updatePackingStatus').length, 1);
  });

  it('reports a failed status change with OTO’s message, keeps the state, and does not retry it', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    const orderId = lastOf(h.posted, 'queue').orders[0].orderId;
    sandbox.sandbox.addFaults([{ endpoint: 'updatePackingStatus', status: 500, times: 1 }]);
    await h.controller.receive({ type: 'updatePackingStatus', requestId: 9, orderId, packingStatus: 'picked', skipPicked: false });
    const result = lastOf(h.posted, 'statusResult');
    assert.equal(result.ok, false);
    assert.match((result as { error: string }).error, new RegExp(`^Could not mark order ${orderId} picked: .+`));
    assert.equal(h.queue.stateOf(orderId), 'ready');
    assert.equal(sandbox.sent('updatePackingStatus').length, 1);
    assert.ok(h.logged.some((line) => line.startsWith('warn ') && line.includes(orderId)));
  });

  it('checks what OTO listed with the page\'s own parser: a nameless item shows its SKU, a nonsense quantity is a clear load error', async () => {
    const listing = (items: unknown[]): string => JSON.stringify({ success: true, orders: [{ orderId: 'X1', items }] });
    const h = await host();
    sandbox.sandbox.addFaults([{ endpoint: 'getPackingOrders', status: 200, body: listing([{ sku: 'S1', name: ' ', quantity: 2 }]), times: 1 }]);
    await h.controller.receive({ type: 'ready' });
    assert.deepEqual(lastOf(h.posted, 'queue').orders.map((order) => order.items), [[{ sku: 'S1', name: 'S1', quantity: 2 }]]);
    for (const quantity of [-1, 0.5, 0]) {
      sandbox.sandbox.addFaults([{ endpoint: 'getPackingOrders', status: 200, body: listing([{ sku: 'S1', name: 'n', quantity }]), times: 1 }]);
      await h.controller.receive({ type: 'refresh' });
      assert.equal(h.posted.at(-1)?.type, 'loadError', `quantity ${quantity}`);
      assert.match(lastOf(h.posted, 'loadError').message, /OTO listed order "X1" with an id, a SKU or a quantity that makes no sense \(a quantity must be a whole number of at least 1\)/);
    }
  });

  it('says OTO cannot be reached while it cannot, in the common words, and reads the queue again once it answers', async () => {
    const watch = new ReachabilityWatch(() => undefined);
    // The sandbox stands in for staging: its exchanges are what the session's watch would see.
    const client = sandbox.newClient({ onRequest: (event) => watch.observe({ ...event, environment: 'staging' }) });
    const warehouse = await firstWarehouse(client);
    const h = await host(warehouse, 60, client, undefined, watch.of(() => 'staging'));
    await h.controller.receive({ type: 'ready' });
    assert.equal(h.posted.at(-1)?.type, 'queue');

    sandbox.sandbox.addFaults([{ endpoint: '*', reset: true }]);
    await h.controller.receive({ type: 'refresh' });
    const said = unreachableText('staging');
    assert.deepEqual(lastOf(h.posted, 'unreachable'), { type: 'unreachable', message: said });
    assert.equal(lastOf(h.posted, 'loadError').message, `Could not read the packing queue of ${warehouse.name || warehouse.code}: ${said}`, 'no transport words on the page');
    assert.ok(h.logged.some((line) => /socket hang up|ECONNRESET|Could not reach/.test(line)), 'they go to the log');

    // A page that comes back meanwhile is told at once, after its init.
    const shown = h.posted.length;
    await h.controller.receive({ type: 'ready' });
    assert.deepEqual(h.posted.slice(shown, shown + 2).map((message) => message.type), ['init', 'unreachable']);

    sandbox.sandbox.faults.clear();
    const before = h.posted.length;
    await client.getAccountInfo();
    assert.equal(h.posted[before]?.type, 'reachable');
    await until('the queue read again', () => h.posted.slice(before).some((message) => message.type === 'queue'));
  });

  it('shows a load error, then recovers on refresh', async () => {
    const h = await host({ code: 'NO-SUCH-WH', name: 'Nowhere' });
    await h.controller.receive({ type: 'ready' });
    assert.match(lastOf(h.posted, 'loadError').message, /^Could not read the packing queue of Nowhere: OTO1133 Location Code is missing or invalid$/);
    assert.equal(lastOf(h.posted, 'loadError').signIn, false);
    assert.ok(h.logged.some((line) => line.startsWith('error ')));
    const good = await host();
    sandbox.sandbox.addFaults([{ endpoint: 'getPackingOrders', status: 400, body: '{"success":false,"otoErrorCode":"OTO1133","otoErrorMessage":"Location Code is missing or invalid"}', times: 1 }]);
    await good.controller.receive({ type: 'ready' });
    assert.equal(good.posted.at(-1)?.type, 'loadError');
    await good.controller.receive({ type: 'refresh' });
    assert.equal(good.posted.at(-1)?.type, 'queue');
  });

  it('reads each order’s state from its packing history before the first badge, and shows details in words', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    const orders = lastOf(h.posted, 'queue').orders;
    // The seeded data has orders someone already picked: getPackingOrders cannot say which.
    const states = new Map<string, string>();
    for (const order of orders) {
      const details = await sandbox.client.getOrderDetails(order.orderId);
      const latest = details.packingStatusHistory.find((entry) => entry.packingStatus === 'picked' || entry.packingStatus === 'packed');
      states.set(order.orderId, latest?.packingStatus ?? 'ready');
    }
    const alreadyPicked = [...states].find(([, state]) => state === 'picked')?.[0];
    assert.ok(alreadyPicked, 'the sandbox seeds a picked order in the first warehouse');
    assert.deepEqual(new Map(orders.map((order) => [order.orderId, order.state])), states, 'every badge is what OTO’s history says, before any Details is opened');

    const before = h.posted.length;
    await h.controller.receive({ type: 'getOrderDetails', orderId: alreadyPicked });
    const [details] = h.posted.slice(before);
    assert.equal(details.type, 'orderDetails');
    const view = (details).details;
    assert.ok(view.customerCity.length > 0);
    assert.match(view.status, /^[A-Z][a-z]+( [a-z]+)*$/, `a status in words, not ${view.status}`);
    assert.equal(view.packingHistory[0].status, 'Picked');

    await h.controller.receive({ type: 'getOrderDetails', orderId: 'NO-SUCH-ORDER' });
    assert.match(lastOf(h.posted, 'orderDetailsError').error, /^Could not load the details of order NO-SUCH-ORDER: OTO1002 The order ID does not exist$/);
  });

  it('a panel closed while its queue is read stops the read: no further request, nothing shown or logged as an error', async () => {
    const h = await host();
    // The first few are read at once, each held 10 s: no more is asked until one of them answers.
    const reads = Math.min(DETAILS_AT_ONCE, (await sandbox.client.getPackingOrders(h.warehouse.code)).length);
    sandbox.sandbox.addFaults([{ endpoint: 'orderDetails', latencyMs: 10_000, times: reads }]);
    const reading = h.controller.receive({ type: 'ready' });
    await until(`the first ${reads} packing histories requested`, () => faultTaken(sandbox.sandbox, 'orderDetails'));
    const sent = received(sandbox.sandbox).length;
    const closed = Date.now();
    h.controller.dispose();
    await reading;
    assert.ok(Date.now() - closed < 1_000, `ended ${Date.now() - closed} ms after the close`);
    // The held reads join the journal as their client goes; a later exchange marks the point by
    // which a read started by the controller would have arrived.
    await until('the held reads in the journal', () => received(sandbox.sandbox).length === sent + reads);
    await sandbox.client.getPickupLocations();
    assert.deepEqual(received(sandbox.sandbox).slice(sent).map((request) => request.endpoint), [...Array<string>(reads).fill('orderDetails'), 'getPickupLocationList'], 'no request after the close');
    assert.deepEqual(h.posted.map((message) => message.type), ['init', 'loading'], 'no queue half-read, no error');
    assert.deepEqual(h.logged.filter((line) => line.startsWith('error ')), []);
    assert.equal(h.queue.readAt, undefined, 'nothing kept');
  });

  it('a closed panel is sent nothing and reads nothing when the session resets', async () => {
    const h = await host();
    await h.controller.receive({ type: 'ready' });
    const posted = h.posted.length;
    const sent = received(sandbox.sandbox).length;
    h.controller.dispose();
    await h.controller.reset();
    assert.deepEqual(h.posted.slice(posted), [], 'nothing posted to a disposed webview');
    assert.equal(received(sandbox.sandbox).length, sent, 'no read for a closed panel');
    assert.deepEqual(h.logged.filter((line) => line.startsWith('error ')), []);
  });

  it('shows “unknown” rather than a guess when an order’s history cannot be read', async () => {
    const h = await host();
    sandbox.sandbox.addFaults([{ endpoint: 'orderDetails', times: 1, status: 400, body: '{"success":false,"otoErrorCode":"OTO1001","otoErrorMessage":"boom"}' }]);
    await h.controller.receive({ type: 'ready' });
    const states = lastOf(h.posted, 'queue').orders.map((order) => order.state);
    assert.equal(states.filter((state) => state === 'unknown').length, 1, states.join(', '));
  });

  it('ignores and logs malformed messages from the page, sending nothing', async () => {
    const h = await host();
    const requestsBefore = received(sandbox.sandbox).length;
    for (const bad of [
      undefined,
      'ready',
      { type: 'nope' },
      { type: 'ready', extra: true },
      { type: 'updatePackingStatus', requestId: 1, orderId: '1', packingStatus: 'shipped', skipPicked: false },
      { type: 'updatePackingStatus', requestId: -1, orderId: '1', packingStatus: 'picked', skipPicked: false },
      { type: 'updatePackingStatus', requestId: 1, orderId: '', packingStatus: 'picked', skipPicked: false },
      { type: 'updatePackingStatus', requestId: 1, orderId: '1', packingStatus: 'picked' },
      { type: 'getOrderDetails', orderId: 42 },
    ]) {
      await h.controller.receive(bad);
    }
    assert.deepEqual(h.posted, []);
    assert.equal(received(sandbox.sandbox).length, requestsBefore);
    assert.equal(h.logged.filter((line) => line.startsWith('warn ') && line.includes('ignored a malformed')).length, 9);
    await h.controller.receive({ type: 'showLog' });
    assert.equal(h.showLogCalls, 1);
  });

  it('offers to sign in when the token is refused', async () => {
    const warehouse = await firstWarehouse(sandbox.client);
    const h = await host(warehouse, 60, sandbox.newClient({ refreshToken: 'not-the-sandbox-token' }));
    await h.controller.receive({ type: 'ready' });
    const error = lastOf(h.posted, 'loadError');
    assert.equal(error.signIn, true);
    assert.ok(!JSON.stringify(h.posted).includes('not-the-sandbox-token'), 'the page never sees the token');
    assert.match(error.message, new RegExp(`^Could not read the packing queue of ${warehouse.name}: `));
    await h.controller.receive({ type: 'signIn' });
    assert.equal(h.signInCalls, 1);
  });
});
