// Runs a callback once per burst: the first request schedules it, later ones within `ms` join it.
// Views use it so hundreds of events a second make one repaint.

export class Coalesced {
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly run: () => void,
    private readonly ms = 100,
  ) {}

  schedule(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.run();
    }, this.ms);
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
  }
}
