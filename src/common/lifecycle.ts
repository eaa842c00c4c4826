// One lifecycle for everything that holds subscriptions (after vscode-pull-request-github's
// `lifecycle.ts`): a class registers what it owns once, when it makes it, and one `dispose()`
// frees it all, newest first, once. No `vscode`, so plain-Node cores use it too.

export interface DisposableLike {
  dispose(): unknown;
}

export abstract class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Owns `value` from now on; registered after dispose, it is freed at once. */
  protected _register<T extends DisposableLike>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this.owned.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    for (const value of this.owned.splice(0).reverse()) {
      value.dispose();
    }
  }
}

/**
 * Subscriptions that are swapped as a whole (to whichever sandbox is running): setting new ones
 * frees the old, and disposing frees the current ones.
 */
export class SwappedSubscriptions implements DisposableLike {
  private current: readonly DisposableLike[] = [];

  set(subscriptions: readonly DisposableLike[]): void {
    const old = this.current;
    this.current = subscriptions;
    for (const subscription of old) {
      subscription.dispose();
    }
  }

  dispose(): void {
    this.set([]);
  }
}
