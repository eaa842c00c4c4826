import * as assert from 'node:assert';
import type { RequestEventLike } from '../../../src/devtools/requests/log/exchange';
import { matchesFilter, REQUEST_FILTERS } from '../../../src/devtools/requests/view/requestFilter';

const base = { startedAt: 0, url: 'http://127.0.0.1/rest/v2/x', attempt: 1, durationMs: 3 };
const read: RequestEventLike = { ...base, method: 'GET', endpoint: 'checkInventoryStock', operation: 'read', status: 200 };
const auth: RequestEventLike = { ...base, method: 'POST', endpoint: 'refreshToken', operation: 'auth', status: 200 };
const write: RequestEventLike = { ...base, method: 'POST', endpoint: 'updateStockQuantity', operation: 'write', status: 200 };
const failedRead: RequestEventLike = { ...read, status: 429 };
const noAnswer: RequestEventLike = { ...read, status: undefined, error: { kind: 'timeout', message: 'timed out' } };

describe('Requests view filters', () => {
  it('keeps exactly what each filter names', () => {
    const all = [read, auth, write, failedRead, noAnswer];
    const shown = Object.fromEntries(REQUEST_FILTERS.map((filter) => [filter, all.filter((exchange) => matchesFilter(exchange, filter))]));
    assert.deepStrictEqual(shown.all, all);
    assert.deepStrictEqual(shown.noReads, [write, failedRead, noAnswer], 'background reads and token refreshes hidden, failures kept');
    assert.deepStrictEqual(shown.writes, [write]);
    assert.deepStrictEqual(shown.errors, [failedRead, noAnswer]);
  });
});
