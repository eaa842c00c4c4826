// A manual clock for the refresh batcher (its Timer): timers fire only when the test moves time on,
// so "at most one batch per second" is checked in the batcher's own time, whatever the machine's load.
import type { Timer } from '../../../src/devtools/refreshBatcher';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ManualTimer implements Timer {
  time = 0;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  private scheduled: Array<() => void> = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    this.scheduled.splice(0).forEach((wake) => wake());
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time on by `ms`, firing each timer due by then in order (a turn of the event loop after each). */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) {
        break;
      }
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
      await turn();
    }
    this.time = target;
    await turn();
  }

  /** Resolves once a timer is pending (at once if one is), with the time until it is due. */
  async untilNextTimer(): Promise<number> {
    while (this.timers.length === 0) {
      await new Promise<void>((resolve) => this.scheduled.push(resolve));
    }
    return Math.max(0, Math.min(...this.timers.map((timer) => timer.at)) - this.time);
  }
}
