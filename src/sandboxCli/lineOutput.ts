// The CLI's line per exchange, written off the request path: lines gather while the sandbox
// answers and go out as one write once the current burst of work is done (a setImmediate), rather
// than one synchronous write per exchange (stdout to a pipe or a file blocks on Linux: a line per
// request cost a quarter of the sandbox's throughput). Bounded: when the reader falls behind by
// more than `maxPendingBytes`, lines are dropped and counted, and the count is said once it catches up.
import type { Writable } from 'node:stream';

export const DEFAULT_MAX_PENDING_BYTES = 4 * 1024 * 1024;

export class LineOutput {
  private lines: string[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private dropped = 0;

  constructor(
    private readonly stream: Writable = process.stdout,
    private readonly maxPendingBytes = DEFAULT_MAX_PENDING_BYTES,
  ) {}

  write(line: string): void {
    if (this.stream.writableLength > this.maxPendingBytes) {
      this.dropped++;
      return;
    }
    this.lines.push(line);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Writes what has gathered now (before a summary, or on exit). */
  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
    }
    if (this.dropped > 0 && this.stream.writableLength <= this.maxPendingBytes) {
      this.lines.unshift(`(exchanges not printed, as the output was not read fast enough: ${this.dropped})`);
      this.dropped = 0;
    }
    if (this.lines.length > 0) {
      const text = `${this.lines.join('\n')}\n`;
      this.lines = [];
      this.stream.write(text);
    }
  }
}
