import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const HEAP = path.join(__dirname, '..', '..', '..', 'src', 'sandbox', 'heap.js');
const CAP = 2 * 1024 * 1024;

/**
 * The young generation's size after a load that keeps objects surviving it (as the journal's kept
 * exchanges do), a little work a turn as a server's requests come, in a process of its own: V8
 * flags are the whole process's.
 */
function youngGenerationAfterLoad(capped: boolean): number {
  const script = `
    const heap = require(${JSON.stringify(HEAP)});
    ${capped ? `heap.capYoungGeneration(${CAP});` : ''}
    const kept = new Array(20000);
    let next = 0;
    const started = Date.now();
    const step = () => {
      for (let i = 0; i < 200; i++) kept[next++ % kept.length] = { at: next, text: 'x'.repeat(64) + next };
      if (Date.now() - started < 1500) setImmediate(step); else console.log(heap.youngGenerationBytes());
    };
    step();`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.strictEqual(run.status, 0, run.stderr);
  return Number(run.stdout.trim());
}

describe('sandbox CLI: its young generation stays small', () => {
  it('stops V8 growing the young generation past the cap, where it would grow otherwise', function () {
    this.timeout(30_000);
    const uncapped = youngGenerationAfterLoad(false);
    const capped = youngGenerationAfterLoad(true);
    assert.ok(capped <= 2 * CAP, `capped at ${CAP} bytes, the young generation is ${capped}`);
    assert.ok(uncapped > 2 * CAP, `without the cap it grows (${uncapped} bytes), or this test proves nothing`);
  });
});
