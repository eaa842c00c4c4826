// The traffic bench's ratios pair the rounds measured together, so a machine that drifts between
// rounds does not pair one server's fast round with another's slow one.
import * as assert from 'node:assert/strict';
import { pairedRatio } from '../../../bench/traffic.bench';

describe('traffic bench ratios', () => {
  it('takes each round\'s ratio, then their median and range', () => {
    // The machine halves its speed in round 2 and again in round 3: every round says 0.5×.
    assert.deepEqual(pairedRatio([10, 5, 2.5], [20, 10, 5]), { median: 0.5, low: 0.5, high: 0.5 });
    // The medians (5 and 5) would say 1.00×: each from a round where the other server was not measured alike.
    assert.deepEqual(pairedRatio([5, 10, 1], [10, 5, 4]), { median: 0.5, low: 0.25, high: 2 });
    assert.deepEqual(pairedRatio([9, 3, 12], [10, 10, 10]), { median: 0.9, low: 0.3, high: 1.2 });
  });
});
