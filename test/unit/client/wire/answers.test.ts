// Answers that are not what OTO documents become OtoErrors rather than bad data.
import * as assert from 'node:assert/strict';
import { isPlanGatedError } from '../../../../src/client';
import { failure, useSandbox } from '../../fakes/clientSandbox';

describe('OtoClient answer checking', () => {
  const t = useSandbox({}, { retry: { maxAttempts: 1 } });

  it('a body that is not JSON is an api error', async () => {
    t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 200, body: '<html>maintenance</html>', times: 1 }]);
    const error = await failure(t.client.getAccountInfo());
    assert.equal(error.kind, 'api');
    assert.equal(error.status, 200);
    assert.match(error.message, /not JSON/);
  });

  it('an error status without a JSON body still says which endpoint and status', async () => {
    t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 502, body: 'Bad Gateway', times: 1 }]);
    const error = await failure(t.client.getAccountInfo());
    assert.equal(error.status, 502);
    assert.equal(error.message, 'OTO answered accountInfo with HTTP 502 and no readable message');
  });

  it('success: false under HTTP 200 is an error, with its warnings', async () => {
    const body = { success: false, otoErrorCode: 'OTO1134', otoErrorMessage: 'Inventory could not be found with given SKU and locationCode', warnings: ['check the SKU'] };
    t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 200, body: JSON.stringify(body), times: 1 }]);
    const error = await failure(t.client.updateStockQuantity({ actionType: 'set', locationCode: 'X', sku: 'Y', qty: 1 }));
    assert.equal(error.kind, 'api');
    assert.equal(error.code, 'OTO1134');
    assert.deepEqual(error.warnings, ['check the SKU']);
  });

  it('a figure of the wrong type is refused, naming where it is', async () => {
    const body = { success: true, stock: { A: [{ pickupLocationCode: 'W', sku: 'A', quantityOnHand: '5', quantityForecasted: 5 }] } };
    t.sandbox.addFaults([{ endpoint: 'checkInventoryStock', status: 200, body: JSON.stringify(body), times: 1 }]);
    const error = await failure(t.client.checkInventoryStock(['A']));
    assert.equal(error.kind, 'api');
    assert.match(error.message, /checkInventoryStock\.stock\.A\[0\]\.quantityOnHand should be a number/);
  });

  it('a missing list is refused', async () => {
    t.sandbox.addFaults([{ endpoint: 'getPackingOrders', status: 200, body: '{"success":true,"count":0}', times: 1 }]);
    assert.match((await failure(t.client.getPackingOrders('RUH-WH1'))).message, /orders should be a list/);
  });

  it('a refresh answer without an access token is an error, not an empty token', async () => {
    t.sandbox.addFaults([{ endpoint: 'refreshToken', status: 200, body: '{"success":true,"expires_in":"3600"}', times: 1 }]);
    const error = await failure(t.client.getAccountInfo());
    assert.equal(error.endpoint, 'refreshToken');
    assert.equal(t.sent('accountInfo').length, 0);
  });

  for (const code of ['OTO1150', 'OTO1080', 'OTO1212']) {
    it(`${code} is recognised as "this plan has no stock management"`, async () => {
      const body = { success: false, otoErrorCode: code, otoErrorMessage: 'Please upgrade your plan' };
      t.sandbox.addFaults([{ endpoint: 'checkGlobalStock', status: 403, body: JSON.stringify(body), times: 1 }]);
      const error = await failure(t.client.checkGlobalStock(['A']));
      assert.equal(isPlanGatedError(error), true);
      assert.equal(error.kind, 'api');
    });
  }

  it('other errors are not plan-gated', async () => {
    const error = await failure(t.client.getOrderDetails('NO-SUCH-ORDER'));
    assert.equal(isPlanGatedError(error), false);
    assert.equal(isPlanGatedError(new Error('OTO1150')), false);
  });
});
