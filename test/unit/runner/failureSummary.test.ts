// The closing summary of a run is what CI's tail keeps: each failure's name, and under it what was
// seen when it happened, on single bounded lines.
import * as assert from 'node:assert/strict';
import { failureSummary } from '../../../test/runner/failureSummary';

describe('the closing summary of a test run', () => {
  it('names each failure on a line of its own, with what was seen indented under it, one bounded line each', () => {
    const lines = failureSummary('integration', 66, [
      { titles: ['cancelling a slow read', '', 'cancels a manual refresh'], details: ['Error: timed out after 15 s\n    at Timeout', `focus: ${'x'.repeat(1000)}`] },
      { titles: ['the Stock view', 'shows rows'] },
    ]);
    assert.deepEqual(lines.slice(0, 3), ['integration: 66 passed, 2 failed', '  failed: cancelling a slow read › cancels a manual refresh', '    Error: timed out after 15 s at Timeout']);
    assert.ok(lines[3].startsWith('    focus: xxx') && lines[3].endsWith('…'), lines[3]);
    assert.equal(lines[3].length, 4 + 400);
    assert.equal(lines[4], '  failed: the Stock view › shows rows');
    assert.equal(lines.length, 5);
  });

  it('is one line of counts when nothing failed', () => {
    assert.deepEqual(failureSummary('unit', 12, []), ['unit: 12 passed, 0 failed']);
  });
});
