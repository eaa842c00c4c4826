// OTO's facts in their one home, and the rooms that read them agreeing with them.
import * as assert from 'node:assert/strict';
import { changesState, ENDPOINT_NAMES, isValidDdMmYyyy, needsAccessToken, OTO_ENDPOINTS, parseDdMmYyyy, splitSkuList, WEBHOOK_ENDPOINT } from '../../../src/oto';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';

describe('OTO facts (src/oto)', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startSandbox({ seed: 1 });
  });
  after(() => sandbox.close());

  it('is the sandbox endpoint list, and each answers with the table’s method and token rule', async () => {
    assert.deepEqual([...sandbox.endpoints].sort(), [...ENDPOINT_NAMES, WEBHOOK_ENDPOINT.name].sort());
    for (const name of ENDPOINT_NAMES) {
      const facts = OTO_ENDPOINTS[name];
      const wrong = await fetch(`${sandbox.baseUrl}/${name}`, { method: facts.method === 'GET' ? 'POST' : 'GET' });
      assert.equal(wrong.status, 405, `${name} with the other method`);
      const bare = await fetch(`${sandbox.baseUrl}/${name}`, {
        method: facts.method, ...(facts.method === 'POST' ? { body: '{}', headers: { 'Content-Type': 'application/json' } } : {}),
      });
      assert.equal(bare.status === 401, facts.auth, `${name} without a token: ${bare.status}`);
    }
  });

  it('counts an unknown endpoint, or a known one called with another method, as a write', () => {
    assert.equal(changesState('POST', 'updateStockQuantity'), true);
    assert.equal(changesState('POST', 'productList'), false);
    assert.equal(changesState('GET', 'updateStockQuantity'), false);
    assert.equal(changesState('POST', 'checkInventoryStock'), true);
    assert.equal(changesState('POST', 'somethingNew'), true);
    assert.equal(changesState('DELETE', 'productList'), true);
    assert.equal(needsAccessToken('refreshToken'), false);
    assert.equal(needsAccessToken('healthCheck'), false);
    assert.equal(needsAccessToken('somethingNew'), true);
  });

  it('reads DD/MM/YYYY one way for everyone, years below 100 included', () => {
    assert.deepEqual(parseDdMmYyyy('29/02/2024'), { day: 29, month: 2, year: 2024 });
    assert.equal(isValidDdMmYyyy('29/02/2023'), false);
    assert.equal(isValidDdMmYyyy('2024-02-29'), false);
    assert.equal(isValidDdMmYyyy('29/02/0004'), true);
    assert.equal(isValidDdMmYyyy('01/01/0000'), false);
  });

  it('splits a SKU list as OTO does: commas, empty items dropped, duplicates once', () => {
    assert.deepEqual(splitSkuList('A,,B,A,'), ['A', 'B']);
  });
});
