// When a view or panel refreshes on its own (the Stock view, each packing queue): every
// `intervalSeconds` (0 = never), but only while it is visible and the window focused, so a hidden
// one costs no requests. Coming back after longer
// than the interval refreshes at once; otherwise the countdown continues from the last refresh.

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerInputs {
  intervalSeconds: number;
  visible: boolean;
  focused: boolean;
}

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
    this.inputs = { ...this.inputs, ...inputs };
    this.schedule();
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
    const due = this.lastRefreshAt + this.inputs.intervalSeconds * 1000;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      // The countdown restarts now, not when the refresh ends, so a slow one can't stall polling.
      this.lastRefreshAt = this.timers.now();
      this.schedule();
      this.tick();
    }, Math.max(0, due - this.timers.now()));
  }
}
