// The CLI's line per exchange, written off the request path: lines gather while the sandbox
// answers and go out as one write every `intervalMs` (or once a chunk's worth has gathered), rather
// than one synchronous write per exchange (stdout to a pipe or a file blocks on Linux: a line per
// request cost a quarter of the sandbox's throughput, and a write per turn of the event loop still
// a tenth). Bounded: when the reader falls behind by more than `maxPendingBytes`, lines are dropped
// and counted, and the count is said once it catches up.
import type { Writable } from 'node:stream';

export const DEFAULT_MAX_PENDING_BYTES = 4 * 1024 * 1024;
/** Lines go out at least this often: a person watching sees no delay, a busy sandbox few writes. */
export const DEFAULT_INTERVAL_MS = 50;
/** What gathers before it is written without waiting for the interval. */
const CHUNK_BYTES = 64 * 1024;

export class LineOutput {
  private lines: string[] = [];
  private gathered = 0;
  private scheduled: NodeJS.Timeout | undefined;
  private dropped = 0;

  constructor(
    private readonly stream: Writable = process.stdout,
    private readonly maxPendingBytes = DEFAULT_MAX_PENDING_BYTES,
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
  ) {}

  write(line: string): void {
    if (this.stream.writableLength > this.maxPendingBytes) {
      this.dropped++;
      return;
    }
    this.lines.push(line);
    this.gathered += line.length + 1;
    if (this.gathered >= CHUNK_BYTES) {
      this.flush();
    } else {
      this.scheduled ??= setTimeout(() => this.flush(), this.intervalMs);
    }
  }

  /** Writes what has gathered now (before a summary, or on exit). */
  flush(): void {
    if (this.scheduled) {
      clearTimeout(this.scheduled);
      this.scheduled = undefined;
    }
    if (this.dropped > 0 && this.stream.writableLength <= this.maxPendingBytes) {
      this.lines.unshift(`(exchanges not printed, as the output was not read fast enough: ${this.dropped})`);
      this.dropped = 0;
    }
    if (this.lines.length > 0) {
      const text = `${this.lines.join('\n')}\n`;
      this.lines = [];
      this.gathered = 0;
      this.stream.write(text);
    }
  }
}
