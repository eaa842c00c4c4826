// Hovers ask for fresh figures one SKU at a time, as fast as the mouse moves. This gathers those
// asks into one batch and starts at most one batch per interval (and never two at once), so
// hovering cannot flood the API whatever the number of editors or hovers. A batch every hover
// of it has given up on (the mouse moved on) is not read, or stops being read.
import { SharedAbort } from '../../common/ui/cancellation';

export interface Timer {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimer: Timer = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Batch {
  readonly skus: Set<string>;
  readonly cancel: SharedAbort;
  readonly done: Promise<void>;
  settle(error?: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // A batch nobody awaits any more (the hover was cancelled) must not surface as unhandled.
  done.catch(() => undefined);
  return { skus: new Set(), cancel: new SharedAbort(), done, settle: (error) => (error === undefined ? resolve() : reject(error)) };
}

export class RefreshBatcher {
  private pending: Batch | undefined;
  private inFlight: Batch | undefined;
  private handle: unknown;
  private lastStart = Number.NEGATIVE_INFINITY;
  private disposed = false;

  constructor(
    private readonly flush: (skus: string[], signal: AbortSignal) => Promise<void>,
    private readonly intervalMs = 1000,
    private readonly timer: Timer = realTimer,
  ) {}

  /**
   * Resolves once a batch containing `sku` has been re-read; rejects if that batch failed, or was
   * given up by every requester. `signal`: this requester may give up (the batch goes on for others).
   */
  request(sku: string, signal?: AbortSignal): Promise<void> {
    if (this.disposed) {
      return Promise.reject(new Error('the refresh batcher is disposed'));
    }
    if (this.inFlight?.skus.has(sku) && !this.inFlight.cancel.abandoned) {
      this.inFlight.cancel.join(signal);
      return this.inFlight.done;
    }
    if (this.pending?.cancel.abandoned) {
      this.pending.cancel.dispose();
      this.pending.settle(new Error('every hover of this batch was cancelled'));
      this.pending = undefined;
    }
    if (!this.pending) {
      this.pending = newBatch();
    }
    this.pending.skus.add(sku);
    this.pending.cancel.join(signal);
    this.schedule();
    return this.pending.done;
  }

  dispose(): void {
    this.disposed = true;
    if (this.handle !== undefined) {
      this.timer.clearTimeout(this.handle);
      this.handle = undefined;
    }
    this.pending?.settle(new Error('the refresh batcher is disposed'));
    this.pending = undefined;
  }

  private schedule(): void {
    if (this.handle !== undefined || this.inFlight || !this.pending) {
      return;
    }
    const wait = Math.max(0, this.lastStart + this.intervalMs - this.timer.now());
    this.handle = this.timer.setTimeout(() => {
      this.handle = undefined;
      void this.start();
    }, wait);
  }

  private async start(): Promise<void> {
    const batch = this.pending;
    if (!batch || this.disposed) {
      return;
    }
    this.pending = undefined;
    if (batch.cancel.abandoned) {
      // Nobody waits for it any more: nothing to read, and no interval used up.
      batch.cancel.dispose();
      batch.settle(new Error('every hover of this batch was cancelled'));
      this.schedule();
      return;
    }
    this.inFlight = batch;
    this.lastStart = this.timer.now();
    try {
      await this.flush([...batch.skus], batch.cancel.signal);
      batch.settle();
    } catch (error) {
      batch.settle(error ?? new Error('refresh failed'));
    } finally {
      batch.cancel.dispose();
      this.inFlight = undefined;
      this.schedule();
    }
  }
}
