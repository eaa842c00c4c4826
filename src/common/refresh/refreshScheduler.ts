// When a view or panel refreshes on its own (the Stock view, each packing queue): every
// `intervalSeconds` (0 = never), but only while it is visible and the window focused, so a hidden
// one costs no requests. Coming back after longer
// than the interval refreshes at once; otherwise the countdown continues from the last refresh.
// While OTO cannot be reached the wait doubles after each refresh (up to MAX_BACKOFF_MS), so an
// outage costs a few requests rather than a stream of them; an answer coming back refreshes at once.

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerInputs {
  intervalSeconds: number;
  visible: boolean;
  focused: boolean;
  /** OTO cannot be reached (no answer since the last network failure). */
  unreachable?: boolean;
}

/** Whether OTO can be reached now, and when that changes (the session's ReachabilityWatch). */
export interface Reachability {
  unreachable(): boolean;
  onDidChange(listener: () => void): { dispose(): void };
}

/** The longest wait between refreshes during an outage (unless the interval itself is longer). */
export const MAX_BACKOFF_MS = 10 * 60_000;

const nodeTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RefreshScheduler {
  private inputs: SchedulerInputs;
  private lastRefreshAt: number;
  private timer: unknown;
  private disposed = false;
  /** Refreshes run while unreachable: each doubles the wait before the next. */
  private misses = 0;

  /** `tick` asks for a refresh; the owner reports each finished refresh with `refreshed()`. */
  constructor(
    private readonly tick: () => void,
    inputs: SchedulerInputs,
    private readonly timers: Timers = nodeTimers,
  ) {
    this.inputs = { ...inputs };
    this.lastRefreshAt = timers.now();
    this.schedule();
  }

  get active(): boolean {
    const { intervalSeconds, visible, focused } = this.inputs;
    return !this.disposed && intervalSeconds > 0 && visible && focused;
  }

  update(inputs: Partial<SchedulerInputs>): void {
    const wasUnreachable = this.inputs.unreachable === true;
    this.inputs = { ...this.inputs, ...inputs };
    if (wasUnreachable !== (this.inputs.unreachable === true)) {
      this.misses = 0;
      if (wasUnreachable) {
        // What is shown is as old as the outage: read it now rather than at the end of a long wait.
        this.lastRefreshAt = -Infinity;
      }
    }
    this.schedule();
  }

  /** How long after the last refresh the next one is due: the interval, doubled per refresh run while unreachable. */
  get periodMs(): number {
    const interval = this.inputs.intervalSeconds * 1000;
    return this.inputs.unreachable === true ? Math.max(interval, Math.min(MAX_BACKOFF_MS, interval * 2 ** this.misses)) : interval;
  }

  /** Any refresh (manual, scheduled or not) restarts the countdown. */
  refreshed(at: number = this.timers.now()): void {
    this.lastRefreshAt = at;
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(): void {
    this.cancel();
    if (!this.active) {
      return;
    }
    const due = this.lastRefreshAt + this.periodMs;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.inputs.unreachable === true) {
        this.misses++;
      }
      // The countdown restarts now, not when the refresh ends, so a slow one can't stall polling.
      this.lastRefreshAt = this.timers.now();
      this.schedule();
      this.tick();
    }, Math.max(0, due - this.timers.now()));
  }
}
