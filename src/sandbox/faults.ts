// The faults a sandbox still has to inject, matched per endpoint in the order they were added.
import type { Fault } from './types';

export class FaultQueue {
  private readonly entries: Array<{ fault: Fault; left: number }> = [];

  add(faults: readonly Fault[]): void {
    for (const fault of faults) {
      this.entries.push({ fault: { ...fault }, left: fault.times ?? Infinity });
    }
  }

  /** The first fault for `endpoint` with uses left, using one of them. */
  take(endpoint: string): Fault | undefined {
    const entry = this.entries.find((candidate) => candidate.left > 0 && (candidate.fault.endpoint === '*' || candidate.fault.endpoint === endpoint));
    if (entry) {
      entry.left--;
    }
    return entry?.fault;
  }
}
