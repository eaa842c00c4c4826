// What an account keeps of what clients send it is bounded: an import loop or a hostile client
// meets a clear 507, not the extension host's memory limit, and what was kept stays as it was.
import * as assert from 'node:assert';
import { ok, useSandbox } from '../../fakes/sandboxHttp';
import { control } from '../control/support';
import { admitInventoryOrder, customerOrdersFull, MAX_CUSTOMER_ORDERS, MAX_INVENTORY_ORDER_TEXT, MAX_INVENTORY_ORDERS, MAX_ORDER_EVENTS } from '../../../../src/sandbox/endpoints/capacity';
import type { SandboxState } from '../../../../src/sandbox/state/model';

type Entry = { pickupLocationCode?: string; quantityOnHand: number; quantityForecasted: number };

describe('sandbox capacity', () => {
  const context = useSandbox({
    extra: { locations: [{ code: 'WHA', kind: 'warehouse', bins: [] }], products: [{ sku: 'P-1', name: 'Product one', stock: { WHA: { onHand: 20 } } }] },
  });
  const forecast = async (): Promise<number | undefined> =>
    ok<{ stock: Record<string, Entry[]> }>(await context.api.get('checkInventoryStock?sku=P-1')).stock['P-1']?.find((entry) => entry.pickupLocationCode === 'WHA')?.quantityForecasted;

  it('refuses an inventory order past the text an account keeps with 507, changing nothing; a reset makes room', async function () {
    this.timeout(60_000);
    // Just under the 1 MB an authorised body may carry.
    const description = 'x'.repeat(999_000);
    const order = { action: 'inbound', locationCode: 'WHA', description, items: [{ sku: 'P-1', qty: 1 }] };
    const fits = Math.floor(MAX_INVENTORY_ORDER_TEXT / (description.length + 'P-1'.length + 16));
    for (let index = 0; index < fits; index++) {
      ok(await context.api.post('createInventoryOrder', order));
    }
    const before = await forecast();
    assert.strictEqual(before, 20 + fits);
    const refused = await context.api.post('createInventoryOrder', order);
    assert.strictEqual(refused.status, 507, refused.text);
    assert.match((refused.json as { message: string }).message, /at most 64 MB of inventory orders' text per account; POST \/__oto\/reset/);
    assert.strictEqual(await forecast(), before, 'a refused order moves no forecast');
    assert.strictEqual((await control(context.sandbox, 'POST', '/reset')).status, 200);
    ok(await context.api.post('createInventoryOrder', order));
  });

  it('keeps the newest events of an order whose status is set over and over', async () => {
    const orderId = context.sandbox.control.state().packingOrders?.[0]?.orderId ?? '';
    for (let index = 0; index < MAX_ORDER_EVENTS + 30; index++) {
      assert.strictEqual((await control(context.sandbox, 'POST', `/orders/${orderId}/status`, { status: index % 2 ? 'delivered' : 'returned' })).status, 200);
    }
    const details = ok<{ statusHistory: Array<{ status: string; id: number }> }>(await context.api.get(`orderDetails?orderId=${encodeURIComponent(orderId)}`));
    assert.strictEqual(details.statusHistory.length, MAX_ORDER_EVENTS);
    assert.strictEqual(details.statusHistory.at(-1)?.status, 'delivered', 'the newest event is kept, last');
    const ids = details.statusHistory.map((event) => event.id);
    assert.deepStrictEqual(ids, [...ids].sort((a, b) => a - b));
  });

  it('counts inventory and customer orders against their bounds', () => {
    const state = (inventory: number, customer: number): SandboxState => ({ inventoryOrders: { length: inventory }, orders: { length: customer } }) as unknown as SandboxState;
    const small = { items: [{ sku: 'P-1', qty: 1 }] };
    assert.doesNotThrow(() => admitInventoryOrder(state(MAX_INVENTORY_ORDERS - 1, 0), small));
    assert.throws(() => admitInventoryOrder(state(MAX_INVENTORY_ORDERS, 0), small), (error: { status?: number; message?: string }) => error.status === 507);
    assert.strictEqual(customerOrdersFull(state(0, MAX_CUSTOMER_ORDERS - 1)), undefined);
    assert.match(customerOrdersFull(state(0, MAX_CUSTOMER_ORDERS)) ?? '', /at most 10000 orders per account/);
  });
});
