// Four workers at once, each on its own account, as a parallel CI job runs them: each arranges the
// same SKU, sells its own quantity of it and asserts on its own journal, and none sees another's
// stock or calls.
'use strict';

const assert = require('node:assert');
const { describe, it } = require('node:test');
const { createOtoConnector } = require('./erp');
const sandbox = require('./sandbox');

const SKU = 'AJW-DATES-500';
const WAREHOUSE = 'RUH-WH1';

async function worker(index) {
  const settings = await sandbox.newAccount();
  try {
    await sandbox.setStock(settings.account, [{ sku: SKU, locationCode: WAREHOUSE, quantityOnHand: 100 }]);
    const erp = createOtoConnector({ ...settings, userAgent: `example-erp-worker/${index}` });
    await erp.recordSale(SKU, WAREHOUSE, index + 1);
    return {
      onHand: (await erp.readStock([SKU], WAREHOUSE))[SKU],
      sales: await sandbox.count(settings.account, { endpoint: 'updateStockQuantity', status: 200 }),
      errors: (await sandbox.findings(settings.account)).summary.filter((row) => row.severity === 'error'),
    };
  } finally {
    await sandbox.removeAccount(settings.account);
  }
}

describe('parallel workers', () => {
  it('keep to their own accounts', async () => {
    const results = await Promise.all([0, 1, 2, 3].map(worker));
    assert.deepStrictEqual(results, [
      { onHand: 99, sales: 1, errors: [] },
      { onHand: 98, sales: 1, errors: [] },
      { onHand: 97, sales: 1, errors: [] },
      { onHand: 96, sales: 1, errors: [] },
    ]);
  });
});
