// A recording read for `--replay` a line at a time: exchanges come out before the file's end is
// read, a line no traffic log writes (past the bound) is refused by number, a torn tail is left out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRecordingFile } from '../../../src/proxy/recordingFile';

const EXCHANGE = { id: 1, method: 'GET', endpoint: 'healthCheck', path: '/rest/v2/healthCheck', query: {}, requestHeaders: {}, requestBody: { text: '', truncated: false }, status: 200 };

describe('recording file: read a line at a time', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-recording-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (text: string): string => {
    const name = path.join(dir, 'log.jsonl');
    fs.writeFileSync(name, text);
    return name;
  };
  const read = async (name: string, maxLineBytes?: number): Promise<{ lines: number[]; error?: string }> => {
    const lines: number[] = [];
    try {
      for await (const { line } of readRecordingFile(name, maxLineBytes)) {
        lines.push(line);
      }
      return { lines };
    } catch (error) {
      return { lines, error: (error as Error).message };
    }
  };

  it('gives each exchange with its line number, blank lines counted, and leaves out a torn last line', async () => {
    const line = JSON.stringify(EXCHANGE);
    assert.deepEqual(await read(file(`${line}\n\n${line}\n${line.slice(0, 30)}`)), { lines: [1, 3] });
  });

  it('gives the exchanges before a bad line, then names it: the file is not read whole first', async () => {
    const line = JSON.stringify(EXCHANGE);
    // Over the 256 KB read at a time: the first exchange comes out of the first read.
    const result = await read(file(`${line}\n${'x'.repeat(600_000)}\n${line}\n`));
    assert.deepEqual(result.lines, [1]);
    assert.equal(result.error, "Line 2 of the recording is not an exchange of OTO Stock's traffic log.");
  });

  it('refuses a line longer than the bound, naming it, without holding more of it than the bound', async () => {
    const line = JSON.stringify(EXCHANGE);
    const result = await read(file(`${line}\n${line}\n{"id":${'9'.repeat(2_000_000)}}\n`), 1_000_000);
    assert.deepEqual(result.lines, [1, 2]);
    assert.equal(result.error, "Line 3 of the recording is longer than 1000000 bytes: not a line of OTO Stock's traffic log.");
  });

  it('refuses an empty recording, or a missing file, by name', async () => {
    assert.equal((await read(file('\n\n'))).error, 'The recording has no exchanges.');
    assert.match((await read(path.join(dir, 'none.jsonl'))).error ?? '', /^cannot read .*none\.jsonl: ENOENT/);
  });
});
