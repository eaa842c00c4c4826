import * as assert from 'node:assert/strict';
import { readJsonLines } from '../../../src/common/text/jsonLines';

const isNumbered = (value: unknown): value is { n: number } => typeof value === 'object' && value !== null && typeof (value as { n?: unknown }).n === 'number';

describe('the one JSONL reader', () => {
  it('reads every line a writer finished, with or without the final newline', () => {
    assert.deepEqual(readJsonLines('{"n":1}\n{"n":2}\n', isNumbered), { values: [{ n: 1 }, { n: 2 }], bad: [], torn: false });
    assert.deepEqual(readJsonLines('{"n":1}\r\n\n{"n":2}', isNumbered), { values: [{ n: 1 }, { n: 2 }], bad: [], torn: false });
    assert.deepEqual(readJsonLines('', isNumbered), { values: [], bad: [], torn: false });
  });

  it('leaves out a torn last line quietly, and names any other line that is not what the file holds', () => {
    assert.deepEqual(readJsonLines('{"n":1}\n{"n":', isNumbered), { values: [{ n: 1 }], bad: [], torn: true });
    assert.deepEqual(readJsonLines('{"n":\n{"n":2}\n["x"]\n{"n":4}\n', isNumbered), { values: [{ n: 2 }, { n: 4 }], bad: [1, 3], torn: false });
  });
});
