// The connector's tests: each arranges the sandbox through its control API, acts through the
// connector, and asserts on what OTO received (the journal), not only on what came back.
// `node --test examples/erp-ci` against a running sandbox (OTO_SANDBOX_URL).
'use strict';

const assert = require('node:assert');
const { after, before, beforeEach, describe, it } = require('node:test');
const { createOtoConnector, OtoError } = require('./erp');
const sandbox = require('./sandbox');

const SKU = 'AJW-DATES-500';
const WAREHOUSE = 'RUH-WH1';

describe('ERP connector against the OTO sandbox', () => {
  let account;
  let connector;

  before(async () => {
    // This file's own account: other test files may run at the same time on theirs.
    const settings = await sandbox.newAccount({ accessTokenTtlSeconds: 600 });
    account = settings.account;
    connector = () => createOtoConnector(settings);
  });
  after(() => sandbox.removeAccount(account));

  // Every test starts from the same data, with an empty journal and no faults.
  beforeEach(() => sandbox.reset(account));

  it('reads the stock the test arranged', async () => {
    await sandbox.setStock(account, [
      { sku: SKU, locationCode: WAREHOUSE, quantityOnHand: 12 },
      { sku: 'COF-SAU-250', locationCode: WAREHOUSE, quantityOnHand: 0 },
    ]);
    assert.deepStrictEqual(await connector().readStock([SKU, 'COF-SAU-250'], WAREHOUSE), { [SKU]: 12, 'COF-SAU-250': 0 });
  });

  it('records a sale as exactly one adjustment of minus the quantity', async () => {
    await sandbox.setStock(account, [{ sku: SKU, locationCode: WAREHOUSE, quantityOnHand: 10 }]);
    await connector().recordSale(SKU, WAREHOUSE, 3);
    assert.strictEqual(await sandbox.count(account, { endpoint: 'updateStockQuantity', body: { sku: SKU, actionType: 'adjust', qty: -3 } }), 1);
    assert.deepStrictEqual(await connector().readStock([SKU], WAREHOUSE), { [SKU]: 7 });
    // And OTO's contract lint found nothing wrong with what was sent.
    assert.deepStrictEqual((await sandbox.findings(account)).summary.filter((row) => row.severity === 'error'), []);
  });

  it('retries a read once when OTO is busy, and the fault is gone once cleared', async () => {
    await sandbox.addFault(account, { endpoint: 'checkInventoryStock', status: 503, times: 1 });
    const erp = connector();
    assert.ok((await erp.readStock([SKU], WAREHOUSE))[SKU] >= 0);
    assert.deepStrictEqual((await sandbox.requests(account, { endpoint: 'checkInventoryStock' })).map((exchange) => exchange.status), [503, 200]);

    await sandbox.addFault(account, { endpoint: 'checkInventoryStock', status: 503 });
    await assert.rejects(erp.readStock([SKU], WAREHOUSE), (error) => error instanceof OtoError && error.status === 503);
    await sandbox.clearFaults(account);
    assert.deepStrictEqual(await sandbox.faults(account), []);
    await erp.readStock([SKU], WAREHOUSE);
  });

  it('never resends a sale whose answer was lost', async () => {
    await sandbox.addFault(account, { endpoint: 'updateStockQuantity', afterEffect: true, times: 1 });
    await assert.rejects(connector().recordSale(SKU, WAREHOUSE, 1));
    assert.strictEqual(await sandbox.count(account, { endpoint: 'updateStockQuantity' }), 1);
  });

  it('signs in again when its access token expires, without waiting for it', async () => {
    const erp = connector();
    await erp.readStock([SKU], WAREHOUSE);
    await sandbox.advanceClock(account, 601);
    await erp.recordSale(SKU, WAREHOUSE, 1);
    assert.strictEqual(await sandbox.count(account, { endpoint: 'refreshToken', status: 200 }), 2);
    assert.strictEqual(await sandbox.count(account, { endpoint: 'updateStockQuantity', status: 401 }), 1);
    assert.strictEqual(await sandbox.count(account, { endpoint: 'updateStockQuantity', status: 200 }), 1);
  });
});
