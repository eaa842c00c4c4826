// The CLI's line per exchange goes out in batches, in order, off the request path, and within a
// bound when nobody reads the output.
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { LineOutput } from '../../../src/sandboxCli/lineOutput';

/** A stream that records each write; `stuck` leaves writes pending (a reader that stopped) until `release`. */
function sink(stuck = false): Writable & { writes: string[]; release(): void } {
  const writes: string[] = [];
  let pending: (() => void) | undefined;
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      if (stuck) {
        pending = done;
      } else {
        done();
      }
    },
  });
  const release = (): void => {
    stuck = false;
    pending?.();
  };
  return Object.assign(stream, { writes, release });
}

describe('sandbox CLI line output', () => {
  it('writes nothing while the sandbox is busy, then the lines of the interval as one write, in order', async () => {
    const stream = sink();
    const output = new LineOutput(stream, undefined, 20);
    for (let index = 0; index < 100; index++) {
      output.write(`line ${index}`);
    }
    assert.equal(stream.writes.length, 0);
    await nextTurn();
    assert.equal(stream.writes.length, 0, 'not one write per turn of the event loop');
    await sleep(40);
    assert.equal(stream.writes.length, 1);
    assert.deepEqual(stream.writes[0].trimEnd().split('\n'), Array.from({ length: 100 }, (_, index) => `line ${index}`));
  });

  it('writes at once when a chunk has gathered before the interval is over', () => {
    const stream = sink();
    const output = new LineOutput(stream, undefined, 60_000);
    for (let index = 0; index < 1_000; index++) {
      output.write('y'.repeat(99));
    }
    assert.ok(stream.writes.length >= 1 && stream.writes.join('').length >= 64 * 1024, `${stream.writes.length} writes`);
    output.flush();
    assert.equal(stream.writes.join('').length, 100_000);
  });

  it('flush writes what has gathered at once (before the summary)', () => {
    const stream = sink();
    const output = new LineOutput(stream);
    output.write('a');
    output.flush();
    assert.deepEqual(stream.writes, ['a\n']);
  });

  it('keeps at most its bound pending for a reader that stopped, and says how many it left out once it reads again', async () => {
    const stream = sink(true);
    const output = new LineOutput(stream, 1_000, 0);
    for (let round = 0; round < 50; round++) {
      output.write('x'.repeat(99));
      await sleep(1);
    }
    assert.ok(stream.writableLength <= 1_100, `${stream.writableLength} bytes pending`);
    output.write('more');
    output.flush();
    assert.doesNotMatch(stream.writes.join(''), /not printed/, 'no note while the reader is still behind');
    stream.release();
    await sleep(1);
    output.write('after');
    output.flush();
    const text = stream.writes.join('');
    const kept = text.split('\n').filter((line) => line.startsWith('x') || line === 'more').length;
    const noted = Number(/not printed, as the output was not read fast enough: (\d+)\)\nafter\n$/.exec(text)?.[1]);
    assert.ok(kept < 51 && noted > 0, `${kept} kept, ${noted} noted`);
    assert.equal(kept + noted, 51);
  });
});
