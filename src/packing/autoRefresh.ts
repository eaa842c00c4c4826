// Re-reads a queue on a timer, only while its panel is visible: a hidden panel costs no requests.
// The interval is asked for on every tick, so a settings change applies without reopening.

export interface AutoRefreshOptions {
  /** Seconds between reads; 0 or less turns auto-refresh off. */
  intervalSeconds(): number;
  tick(): Promise<void>;
}

export class AutoRefresh {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private visible = false;
  private disposed = false;

  constructor(private readonly options: AutoRefreshOptions) {}

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.schedule();
  }

  /** Starts the wait again from now (after a manual refresh, say). */
  restart(): void {
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  private stop(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(): void {
    this.stop();
    const seconds = this.options.intervalSeconds();
    if (this.disposed || !this.visible || !(seconds > 0)) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.options.tick().finally(() => {
        if (this.timer === undefined) {
          this.schedule();
        }
      });
    }, seconds * 1000);
  }
}
