// OTO's two answer dialects reach callers as the same OtoError and the same OrderDetails: once
// from the sandbox speaking each dialect, once from OTO's captured answers served verbatim.
import * as assert from 'node:assert/strict';
import type { OtoClient } from '../../../../src/client';
import type { Dialect, SandboxExtraData } from '../../../../src/sandbox';
import { fixture } from '../../sandbox/endpoints/fixture';
import { failure, useSandbox } from '../../fakes/clientSandbox';

const EXTRA: SandboxExtraData = {
  packingOrders: [{ orderId: 'DIALECT-1', warehouseCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', quantity: 1, price: 40 }] }],
};

/** [what, call, oto-codes code and message, numeric-codes code and message] */
const ERRORS: Array<[string, (client: OtoClient) => Promise<unknown>, [string, string], [string, string]]> = [
  ['an unknown SKU', (c) => c.updateStockQuantity({ actionType: 'set', locationCode: 'RUH-WH1', sku: 'NOPE', qty: 1 }), ['OTO1126', 'sku is missing or invalid'], ['11', 'Given SKU does not belong to any Product']],
  ['an unknown location', (c) => c.updateStockQuantity({ actionType: 'adjust', locationCode: 'NOPE', sku: 'AJW-DATES-500', qty: 1 }), ['OTO1133', 'Location Code is missing or invalid'], ['11', 'Given LocationCode does not belong to any Warehouse or Branch']],
  ['an order with an unknown SKU', (c) => c.createInventoryOrder({ action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'NOPE', qty: 1 }] }), ['OTO1126', 'sku is missing or invalid'], ['11', 'Given SKU does not belong to any Product']],
];

for (const dialect of ['oto-codes', 'numeric-codes'] as Dialect[]) {
  describe(`OtoClient against the sandbox speaking ${dialect}`, () => {
    const t = useSandbox({ dialect, extra: EXTRA });

    for (const [what, call, otoCodes, numericCodes] of ERRORS) {
      const [code, message] = dialect === 'oto-codes' ? otoCodes : numericCodes;
      it(`turns ${what} into an api OtoError with code ${code}`, async () => {
        const error = await failure(call(t.client));
        assert.deepEqual([error.kind, error.status, error.code, error.message], ['api', 400, code, message]);
      });
    }

    it('reads orderDetails into the same fields', async () => {
      const details = await t.client.getOrderDetails('DIALECT-1');
      assert.equal(details.amountDue, 0);
      assert.equal(details.paymentMethod, 'paid');
      assert.equal(details.dcName, 'OTO Flex');
      assert.equal(typeof details.packageWeight, 'number');
      assert.equal(details.packageCount, 1);
      assert.match(details.trackingURL ?? '', /^https:\/\//);
      if (dialect === 'numeric-codes') {
        assert.match(details.deliverySlotDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
        assert.deepEqual([details.deliverySlotFrom, details.deliverySlotTo], ['09:00', '13:00']);
        assert.ok(details.customer?.region);
      } else {
        assert.equal(details.deliverySlotDate, undefined);
        assert.equal(details.customer?.region, undefined);
      }
    });
  });
}

describe("OtoClient and OTO's captured numeric-codes answers", () => {
  const t = useSandbox({ extra: EXTRA });

  // Verbatim from OTO's other collection (oto-api-notes.md, "Learned since").
  const captured: Array<[number, string]> = [
    [7, 'qty must be a number'],
    [11, 'Given SKU does not belong to any Product'],
    [11, 'Given LocationCode does not belong to any Warehouse or Branch'],
    [2, "actionType can be 'set' or 'adjust'"],
    [6, "action can be 'inbound' or 'outbound'"],
  ];
  for (const [errorCode, errorMsg] of captured) {
    it(`errorCode ${errorCode} "${errorMsg}" becomes the same OtoError as an OTO code`, async () => {
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 400, body: JSON.stringify({ success: false, errorCode, errorMsg }), times: 1 }]);
      const error = await failure(t.client.updateStockQuantity({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 }));
      assert.deepEqual([error.kind, error.status, error.code, error.message, error.endpoint], ['api', 400, String(errorCode), errorMsg, 'updateStockQuantity']);
    });
  }

  it('reads a snake_case orderDetails answer with a delivery slot and a region', async () => {
    // OTO's camelCase example, restated as the other collection spells it.
    const example = fixture.endpoints.find((endpoint) => endpoint.url.includes('orderDetails'))!.examples.find((item) => item.responseBody.includes('OID-50919'))!;
    const { amountDue, paymentMethod, customer, ...rest } = JSON.parse(example.responseBody) as Record<string, unknown>;
    const body = { ...rest, amount_due: amountDue, payment_method: paymentMethod, deliverySlotDate: '2026-02-19', deliverySlotFrom: '16:00', deliverySlotTo: '20:00', customer: { ...(customer as object), region: 'Madinah' } };
    t.sandbox.addFaults([{ endpoint: 'orderDetails', status: 200, body: JSON.stringify(body), times: 1 }]);
    const details = await t.client.getOrderDetails('OID-50919-4346-C-C');
    assert.deepEqual(
      [details.amountDue, details.paymentMethod, details.deliverySlotDate, details.deliverySlotFrom, details.deliverySlotTo, details.customer?.region, details.trackingURL, details.packageWeight],
      [0, 'paid', '2026-02-19', '16:00', '20:00', 'Madinah', 'https://qa.tryoto.com/otoflex-tracking?enc=dXpMZTVNZCtMQStiOENERS83aVBYdHkwMFVPUDNnT21rM3VFbzRZbVREUGpRb3JZVXdpU1B3PT0=', 1],
    );
  });
});
