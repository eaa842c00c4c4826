// OTO's two answer dialects: the same request answered as each published collection captured it,
// and field formats checked before anything is looked up, in both.
import * as assert from 'node:assert';
import { parseScenario, ScenarioError, startSandbox, type Dialect, type SandboxExtraData } from '../../../../src/sandbox';
import { parseArguments } from '../../../../src/sandboxCli/cli';
import { ok, signIn, useSandbox, type Api } from '../../fakes/sandboxHttp';

const STOCK = { locationCode: 'RUH-WH1', sku: 'AJW-DATES-500' };
/** An order with a known id, and a product stocked at one location only. */
const EXTRA: SandboxExtraData = {
  products: [{ sku: 'ONLY-RUH', name: 'Only in Riyadh', stock: { 'RUH-WH1': { onHand: 3 } } }],
  packingOrders: [{ orderId: 'DIALECT-1', warehouseCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', quantity: 1, price: 40 }] }],
};
const ORDER = { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 5 }] };

/** [what, endpoint, body, oto-codes answer, numeric-codes answer] */
const CASES: Array<[string, string, Record<string, unknown>, [string, string], [number, string]]> = [
  ['a qty that is not a number', 'updateStockQuantity', { ...STOCK, actionType: 'set', qty: 'ten' }, ['OTO1132', 'Quantity is missing or invalid'], [7, 'qty must be a number']],
  ['an unknown SKU', 'updateStockQuantity', { ...STOCK, actionType: 'set', qty: 1, sku: 'NOPE' }, ['OTO1126', 'sku is missing or invalid'], [11, 'Given SKU does not belong to any Product']],
  ['an unknown location', 'updateStockQuantity', { ...STOCK, actionType: 'set', qty: 1, locationCode: 'NOPE' }, ['OTO1133', 'Location Code is missing or invalid'], [11, 'Given LocationCode does not belong to any Warehouse or Branch']],
  ['an unknown actionType', 'updateStockQuantity', { ...STOCK, actionType: 'adjuast', qty: 1 }, ['OTO1130', 'actionType is required'], [2, "actionType can be 'set' or 'adjust'"]],
  // Formats before lookups: the bad qty is reported although the location is unknown too.
  ['a bad qty at an unknown location', 'updateStockQuantity', { ...STOCK, actionType: 'adjust', qty: '40.5', locationCode: 'NOPE' }, ['OTO1132', 'Quantity is missing or invalid'], [7, 'qty must be a number']],
  ['an unknown action', 'createInventoryOrder', { ...ORDER, action: 'inbouand' }, ['OTO1136', 'Action is missing or invalid'], [6, "action can be 'inbound' or 'outbound'"]],
  ['an unknown SKU in an order', 'createInventoryOrder', { ...ORDER, items: [{ sku: 'NOPE', qty: 1 }] }, ['OTO1126', 'sku is missing or invalid'], [11, 'Given SKU does not belong to any Product']],
  ['a bad qty in an order at an unknown location', 'createInventoryOrder', { ...ORDER, locationCode: 'NOPE', items: [{ sku: 'NOPE', qty: '1.5' }] }, ['OTO1132', 'Quantity is missing or invalid'], [7, 'qty must be a number']],
];

async function onHand(api: Api): Promise<number | undefined> {
  const stock = ok<{ stock: Record<string, Array<{ pickupLocationCode?: string; quantityOnHand: number }>> }>(await api.get(`checkInventoryStock?sku=${STOCK.sku}`)).stock;
  return stock[STOCK.sku].find((entry) => entry.pickupLocationCode === STOCK.locationCode)?.quantityOnHand;
}

describe('sandbox answer dialects', () => {
  describe('oto-codes (the default)', () => {
    const context = useSandbox({ extra: EXTRA });
    for (const [what, endpoint, body, [code, message]] of CASES) {
      it(`answers ${what} with ${code}`, async () => {
        const answer = await context.api.post(endpoint, body);
        assert.deepStrictEqual([answer.status, answer.json], [400, { success: false, otoErrorCode: code, otoErrorMessage: message }]);
      });
    }

    it('gives orderDetails camelCase amountDue and paymentMethod, and no delivery slot', async () => {
      const details = ok(await context.api.get('orderDetails?orderId=DIALECT-1'));
      assert.deepStrictEqual([details.amountDue, details.paymentMethod], [0, 'paid']);
      for (const key of ['amount_due', 'payment_method', 'deliverySlotDate', 'deliverySlotFrom', 'deliverySlotTo']) {
        assert.ok(!(key in details), key);
      }
      assert.ok(!('region' in (details.customer as object)));
    });
  });

  describe('numeric-codes', () => {
    const context = useSandbox({ dialect: 'numeric-codes', extra: EXTRA });
    for (const [what, endpoint, body, , [errorCode, errorMsg]] of CASES) {
      it(`answers ${what} with errorCode ${errorCode}, changing nothing`, async () => {
        const before = await onHand(context.api);
        const answer = await context.api.post(endpoint, body);
        assert.deepStrictEqual([answer.status, answer.json], [400, { success: false, errorCode, errorMsg }]);
        assert.strictEqual(await onHand(context.api), before);
      });
    }

    // Defect 7 of issue 21: an in-range qty whose result overflows is not "qty must be a number".
    it('says what is wrong when a qty or its result is beyond ±2,147,483,647, changing nothing', async () => {
      const refused = async (endpoint: string, body: Record<string, unknown>, errorMsg: RegExp): Promise<void> => {
        const before = await onHand(context.api);
        const answer = await context.api.post(endpoint, body);
        assert.strictEqual(answer.status, 400, answer.text);
        const json = answer.json as { success: boolean; errorCode: number; errorMsg: string };
        assert.deepStrictEqual([json.success, json.errorCode], [false, 7]);
        assert.match(json.errorMsg, errorMsg);
        assert.doesNotMatch(json.errorMsg, /must be a number/);
        assert.strictEqual(await onHand(context.api), before);
      };
      const now = await onHand(context.api) ?? 0;
      await refused('updateStockQuantity', { ...STOCK, actionType: 'adjust', qty: 2147483647 }, new RegExp(`would make the stock ${now + 2147483647}, beyond ±2147483647`));
      await refused('updateStockQuantity', { ...STOCK, actionType: 'set', qty: 2147483648 }, /qty 2147483648 is beyond ±2147483647/);
      await refused('createInventoryOrder', { ...ORDER, items: [{ sku: STOCK.sku, qty: 2147483647 }] }, /would make the forecast \d+, beyond ±2147483647/);
      await refused('updateStockQuantity', { ...STOCK, actionType: 'set', qty: 2147483647, locationCode: 'JED-WH1' }, /would make the global stock of AJW-DATES-500 \d+, beyond ±2147483647/);
    });

    it('still answers a valid write as OTO does', async () => {
      const answer = ok<{ warnings: string[] }>(await context.api.post('updateStockQuantity', { ...STOCK, actionType: 'adjust', qty: 2 }));
      assert.deepStrictEqual(answer.warnings, ['Inventory quantity increased by the given qty']);
    });

    it('keeps the codes its captures never show in the oto-codes shape', async () => {
      const answer = await context.api.post('updateStockQuantity', { ...STOCK, actionType: 'adjust', qty: 1, locationCode: 'JED-WH1', sku: 'ONLY-RUH' });
      assert.deepStrictEqual([answer.status, (answer.json as { otoErrorCode?: string }).otoErrorCode], [404, 'OTO1134']);
    });

    it('gives orderDetails snake_case amount_due and payment_method, a delivery slot and the customer region', async () => {
      const details = ok(await context.api.get('orderDetails?orderId=DIALECT-1'));
      assert.deepStrictEqual([details.amount_due, details.payment_method], [0, 'paid']);
      assert.ok(!('amountDue' in details) && !('paymentMethod' in details));
      assert.match(String(details.deliverySlotDate), /^\d{4}-\d{2}-\d{2}$/);
      assert.deepStrictEqual([details.deliverySlotFrom, details.deliverySlotTo], ['09:00', '13:00']);
      const customer = details.customer as Record<string, unknown>;
      assert.strictEqual(typeof customer.region, 'string');
      assert.notStrictEqual(customer.region, '');
      for (const key of ['trackingURL', 'dcName', 'packageWeight', 'packageCount']) {
        assert.ok(key in details, key);
      }
    });
  });

  it('takes the dialect from a scenario file, and names the field when it is not one', async () => {
    const sandbox = await startSandbox({ scenario: parseScenario('{"dialect": "numeric-codes"}') });
    try {
      const api = await signIn(sandbox);
      const answer = await api.post('updateStockQuantity', { ...STOCK, actionType: 'set', qty: 'ten' });
      assert.deepStrictEqual(answer.json, { success: false, errorCode: 7, errorMsg: 'qty must be a number' });
    } finally {
      await sandbox.close();
    }
    assert.throws(() => parseScenario('{\n  "dialect": "camel"\n}'), (error: unknown) => error instanceof ScenarioError && /line 2/.test(error.message) && /dialect/.test(error.message));
  });

  it('refuses an unknown dialect, through startSandbox and the CLI', async () => {
    await assert.rejects(startSandbox({ dialect: 'camel' as Dialect }), /dialect must be "oto-codes" or "numeric-codes", got "camel"/);
    assert.throws(() => parseArguments(['--dialect', 'camel'], {}), /--dialect must be oto-codes or numeric-codes, got "camel"/);
    assert.strictEqual(parseArguments(['--dialect', 'numeric-codes'], {}).sandbox.dialect, 'numeric-codes');
  });
});
