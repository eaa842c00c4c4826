// A `--log` recording read from its file a line at a time, for `--replay`: a CI run's log holds
// thousands of exchanges (each line up to twice the 256 KB a captured body is cut to), so the file
// is never held whole, only the line being read.
import * as fs from 'node:fs';
import { isRecordedExchange, RecordingError, type RecordedExchange } from './recording';

/** A line longer than this is no line the traffic log writes (its bodies are cut at 256 KB each). */
export const MAX_RECORDING_LINE_BYTES = 8 * 1024 * 1024;

export interface RecordingLine {
  /** 1-based, counting blank lines too (as an editor numbers them). */
  line: number;
  exchange: RecordedExchange;
}

/**
 * Each exchange of the recording, in order. A line that is not one is a RecordingError naming
 * its number, except the last when it is cut short (the sandbox stopped mid-write): that torn
 * tail is left out. An empty recording (or one whose only line is torn) is a RecordingError too:
 * replaying nothing finds no difference, and a CI step given the wrong file would pass.
 */
export async function* readRecordingFile(file: string, maxLineBytes = MAX_RECORDING_LINE_BYTES): AsyncGenerator<RecordingLine> {
  let stream: fs.ReadStream;
  try {
    stream = fs.createReadStream(file, { fd: fs.openSync(file, 'r'), highWaterMark: 256 * 1024 });
  } catch (error) {
    throw new RecordingError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  let exchanges = 0;
  let torn = false;
  const take = (bytes: Buffer, last: boolean): RecordingLine | undefined => {
    number += 1;
    const text = bytes.toString('utf8');
    if (text.trim() === '') {
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (last) {
        torn = true;
        return undefined;
      }
      throw new RecordingError(`Line ${number} of the recording is not an exchange of OTO Stock's traffic log.`);
    }
    if (!isRecordedExchange(json)) {
      throw new RecordingError(`Line ${number} of the recording is not an exchange of OTO Stock's traffic log.`);
    }
    exchanges += 1;
    return { line: number, exchange: json };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (let end = chunk.indexOf(10, from); end >= 0; end = chunk.indexOf(10, from)) {
        pending.push(chunk.subarray(from, end));
        const line = take(Buffer.concat(pending), false);
        pending = [];
        pendingBytes = 0;
        from = end + 1;
        if (line) {
          yield line;
        }
      }
      if (from < chunk.length) {
        pending.push(chunk.subarray(from));
        pendingBytes += chunk.length - from;
        if (pendingBytes > maxLineBytes) {
          throw new RecordingError(`Line ${number + 1} of the recording is longer than ${maxLineBytes} bytes: not a line of OTO Stock's traffic log.`);
        }
      }
    }
  } catch (error) {
    if (error instanceof RecordingError) {
      throw error;
    }
    throw new RecordingError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    stream.destroy();
  }
  const last = pendingBytes > 0 ? take(Buffer.concat(pending), true) : undefined;
  if (last) {
    yield last;
  }
  if (exchanges === 0) {
    throw new RecordingError(torn ? "The recording has no exchanges: its only line is not a whole JSON line of OTO Stock's traffic log." : 'The recording has no exchanges.');
  }
}
