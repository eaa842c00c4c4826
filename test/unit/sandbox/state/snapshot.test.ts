// A sandbox's state exported as JSON and a new sandbox started from it: what any client reads
// afterwards is what it read before, and a damaged snapshot is refused with the field named.
import * as assert from 'node:assert';
import { SnapshotError, startSandbox, type RunningSandbox, type SandboxSnapshot } from '../../../../src/sandbox';
import { ok, signIn, type Api } from '../../fakes/sandboxHttp';

describe('sandbox state export and import', () => {
  const running: RunningSandbox[] = [];
  const start = async (options: Parameters<typeof startSandbox>[0] = {}): Promise<{ sandbox: RunningSandbox; api: Api }> => {
    const sandbox = await startSandbox(options);
    running.push(sandbox);
    return { sandbox, api: await signIn(sandbox) };
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  });

  /** Everything a client can read that the writes below change. */
  const observe = async (api: Api): Promise<unknown> => ({
    stock: ok(await api.get('checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250')).stock,
    global: ok(await api.get('checkGlobalStock?sku=AJW-DATES-500,COF-SAU-250')).stock,
    queue: ok(await api.post('getPackingOrders', { warehouseCode: 'RUH-WH1' })).orders,
  });

  it('starts a new sandbox exactly where the exported one was, counters included', async () => {
    const first = await start();
    ok(await first.api.post('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: -7 }));
    const { otoId } = ok<{ otoId: number }>(
      await first.api.post('createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'COF-SAU-250', qty: 30 }] }),
    );
    const [order] = ok<{ orders: Array<{ orderId: string }> }>(await first.api.post('getPackingOrders', { warehouseCode: 'RUH-WH1' })).orders;
    ok(await first.api.post('updatePackingStatus', { orderId: order.orderId, packingStatus: 'packed' }));
    const before = await observe(first.api);
    // Through JSON, as the extension keeps it in the workspace's storage.
    const snapshot = JSON.parse(JSON.stringify(first.sandbox.exportState())) as SandboxSnapshot;

    const second = await start({ state: snapshot, seed: 99 });
    assert.deepStrictEqual(await observe(second.api), before);
    assert.deepStrictEqual(ok(await second.api.get(`orderDetails?otoId=${otoId}`)), ok(await first.api.get(`orderDetails?otoId=${otoId}`)));
    assert.deepStrictEqual(ok(await second.api.get(`orderDetails?orderId=${order.orderId}`)), ok(await first.api.get(`orderDetails?orderId=${order.orderId}`)));
    const change = { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 };
    assert.strictEqual(ok(await second.api.post('updateStockQuantity', change)).transactionID, ok(await first.api.post('updateStockQuantity', change)).transactionID);
  });

  it('shares nothing with the running state', async () => {
    const { sandbox, api } = await start();
    const snapshot = sandbox.exportState();
    const onHand = snapshot.products.find((product) => product.sku === 'AJW-DATES-500')!.stock[0].onHand;
    ok(await api.post('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 5 }));
    assert.strictEqual(snapshot.products.find((product) => product.sku === 'AJW-DATES-500')!.stock[0].onHand, onHand);
  });

  it('says when a request changed the state, and only then', async () => {
    const { sandbox, api } = await start();
    let changes = 0;
    sandbox.onDidChangeState(() => changes++);
    await api.get('checkInventoryStock?sku=AJW-DATES-500');
    await api.post('getPackingOrders', { warehouseCode: 'RUH-WH1' });
    assert.strictEqual((await api.post('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '1.5' })).status, 400);
    assert.strictEqual(changes, 0, 'reads and refused writes change nothing');
    ok(await api.post('updateStockQuantity', { actionType: 'set', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 12 }));
    assert.strictEqual(changes, 1);
  });

  const damaged: Array<[string, (snapshot: SandboxSnapshot) => void, RegExp]> = [
    ['another format', (snapshot) => Object.assign(snapshot, { format: 'oto-sandbox-state/0' }), /^saved sandbox state: format must be equal to constant/],
    ['a fractional quantity', (snapshot) => Object.assign(snapshot.products[2].stock[0], { onHand: 1.5 }), /products\[2\]\.stock\[0\]\.onHand must be integer/],
    ['a missing field', (snapshot) => delete (snapshot.orders[0] as Partial<SandboxSnapshot['orders'][number]>).items, /orders\[0\]\.items is required/],
    ['stock at an unknown location', (snapshot) => Object.assign(snapshot.products[0].stock[0], { code: 'NOPE-1' }), /stock of AJW-DATES-500 is at unknown location NOPE-1/],
    ['a SKU twice', (snapshot) => snapshot.products.push({ ...snapshot.products[0] }), /SKU AJW-DATES-500 appears twice/],
  ];
  for (const [what, damage, message] of damaged) {
    it(`refuses a snapshot with ${what}, naming it`, async () => {
      const { sandbox } = await start();
      const snapshot = sandbox.exportState();
      damage(snapshot);
      await assert.rejects(startSandbox({ state: snapshot }), (error: Error) => error instanceof SnapshotError && message.test(error.message));
    });
  }

  it('refuses what is not a snapshot at all', async () => {
    for (const value of [null, 'text', [], { format: 'oto-sandbox-state/1' }]) {
      await assert.rejects(startSandbox({ state: value as unknown as SandboxSnapshot }), SnapshotError);
    }
  });
});
