// `--log traffic.jsonl`: each exchange with its findings as one JSON line. Tokens were shortened at
// capture and bodies cut at 256 KB; the file itself stops growing at `maxBytes`.
import * as fs from 'node:fs';
import type { TrafficExchange } from './exchange';

export const DEFAULT_LOG_MAX_BYTES = 512 * 1024 * 1024;

/** The line written for one exchange (with its newline). */
export function jsonLine(exchange: TrafficExchange): string {
  return `${JSON.stringify(exchange)}\n`;
}

export class JsonlWriter {
  private readonly stream: fs.WriteStream;
  private written = 0;
  private full = false;
  private failure: Error | undefined;

  constructor(
    readonly file: string,
    private readonly maxBytes = DEFAULT_LOG_MAX_BYTES,
    private readonly warn: (message: string) => void = (message) => console.error(message),
  ) {
    // Opened now, so a path that cannot be written fails at start-up rather than after the first exchange.
    this.stream = fs.createWriteStream(file, { fd: fs.openSync(file, 'w') });
    this.stream.on('error', (error) => {
      if (!this.failure) {
        this.failure = error;
        this.warn(`traffic log ${file}: ${error.message}; no more exchanges are written to it`);
      }
    });
  }

  write(exchange: TrafficExchange): void {
    if (this.full || this.failure) {
      return;
    }
    const line = jsonLine(exchange);
    const size = Buffer.byteLength(line);
    if (this.written + size > this.maxBytes) {
      this.full = true;
      this.warn(`traffic log ${this.file} reached ${this.maxBytes} bytes; later exchanges are not written to it`);
      return;
    }
    this.written += size;
    this.stream.write(line);
  }

  /** Resolves once every line is on disk. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.failure) {
        resolve();
        return;
      }
      this.stream.end(() => resolve());
    });
  }
}
