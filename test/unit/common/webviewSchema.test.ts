import * as assert from 'node:assert/strict';
import { parseHostMessage } from '../../../src/packing/protocol';
import { parseHistoryHostMessage } from '../../../src/operations/history/protocol';
import { isTime, MAX_TIME } from '../../../src/common/webview/schema';

const row = { time: Date.UTC(2026, 11, 7), source: 'single', action: 'adjust', locationCode: 'RUH-WH1', qty: 5, before: 91, after: 96 };
const history = (fields: Record<string, unknown>) => ({ type: 'history', sku: 'AJW-DATES-500', name: 'Ajwa', rows: [row], now: [], readAt: Date.UTC(2026, 11, 7), ...fields });
const queue = (readAt: unknown) => ({ type: 'queue', readAt, orders: [] });

describe('the one webview message kit', () => {
  it('takes as a time only what a Date can hold, so a later redraw cannot throw "Invalid time value"', () => {
    for (const time of [0, Date.UTC(2026, 11, 7), MAX_TIME, -MAX_TIME]) {
      assert.ok(isTime(time), String(time));
      assert.doesNotThrow(() => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(time));
    }
    for (const time of [Number.MAX_SAFE_INTEGER, MAX_TIME + 1, -MAX_TIME - 1, Number.NaN, Number.POSITIVE_INFINITY, '1']) {
      assert.ok(!isTime(time), String(time));
    }
  });

  it('drops a packing queue or a history whose read time a Date cannot hold', () => {
    assert.ok(parseHostMessage(queue(Date.UTC(2026, 11, 7))));
    assert.equal(parseHostMessage(queue(Number.MAX_SAFE_INTEGER)), undefined);
    assert.ok(parseHistoryHostMessage(history({})));
    assert.equal(parseHistoryHostMessage(history({ readAt: Number.MAX_SAFE_INTEGER })), undefined);
    assert.equal(parseHistoryHostMessage(history({ rows: [{ ...row, time: Number.MAX_SAFE_INTEGER }] })), undefined);
  });

  it('checks every index of an array: a hole in a history is a malformed message on both pages', () => {
    const sparse: unknown[] = [row];
    sparse[2] = row;
    assert.equal(parseHistoryHostMessage(history({ rows: sparse })), undefined);
    const orders: unknown[] = [];
    orders[1] = { orderId: '1', state: 'ready', items: [{ sku: 'a', name: 'b', quantity: 1 }] };
    assert.equal(parseHostMessage({ ...queue(1), orders }), undefined);
  });
});
