// The CLI keeps V8's young generation at its bound under a load whose objects survive (what the
// journal does to it), where V8 alone would grow it to its 32 MB ceiling.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_NEW_SPACE_BYTES, growthFactorFor, sizedByUser } from '../../../src/sandboxCli/youngGeneration';

const MODULE = path.join(__dirname, '..', '..', '..', 'src', 'sandboxCli', 'youngGeneration.js');

/**
 * A fresh node that keeps a window of 20,000 objects out of three million made (each survives a
 * scavenge, as a journal's exchanges do), with the bound or without, and reports its new space.
 */
const CHILD = `(async () => {
const v8 = require('node:v8');
const bounded = process.argv[1] === 'bounded';
if (bounded) require(${JSON.stringify(MODULE)}).boundYoungGeneration();
const keep = [];
let largest = 0;
for (let i = 0; i < 3e6; i++) {
  keep.push({ id: i, text: 'exchange ' + i });
  if (keep.length > 20000) keep.splice(0, 10000);
  if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
  largest = Math.max(largest, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
}
console.log(largest);
})();
`;

async function largestNewSpace(mode: 'bounded' | 'free'): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD, mode], { timeout: 60_000 });
  return Number(stdout.trim());
}

describe('sandbox CLI: young generation bound', () => {
  it('grows V8 young generation up to the bound and no further', () => {
    assert.equal(growthFactorFor(1024 * 1024, DEFAULT_NEW_SPACE_BYTES), 2);
    assert.equal(growthFactorFor(DEFAULT_NEW_SPACE_BYTES / 2, DEFAULT_NEW_SPACE_BYTES), 2);
    assert.equal(growthFactorFor(DEFAULT_NEW_SPACE_BYTES, DEFAULT_NEW_SPACE_BYTES), 1);
    assert.equal(growthFactorFor(4 * DEFAULT_NEW_SPACE_BYTES, DEFAULT_NEW_SPACE_BYTES), 1);
  });

  it('leaves a size the user gave node alone', () => {
    assert.equal(sizedByUser(['--max-semi-space-size=64'], undefined), true);
    assert.equal(sizedByUser([], '--trace-gc --max_semi_space_size=2'), true);
    assert.equal(sizedByUser([], '--semi-space-growth-factor=4'), true);
    assert.equal(sizedByUser(['--enable-source-maps'], '--max-old-space-size=512'), false);
    assert.equal(sizedByUser([], undefined), false);
  });

  it('holds a process whose objects survive at the bound, where V8 alone grows past it', async function () {
    this.timeout(120_000);
    const [bounded, free] = await Promise.all([largestNewSpace('bounded'), largestNewSpace('free')]);
    assert.ok(free > DEFAULT_NEW_SPACE_BYTES, `without the bound V8 grew to ${free} bytes`);
    assert.equal(bounded, DEFAULT_NEW_SPACE_BYTES);
  });
});
