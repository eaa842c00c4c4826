// A minimal event emitter shaped like vscode.Event, so plain-Node cores can expose events that
// the vscode-facing code (and tests) subscribe to without importing `vscode`.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (event: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(event: T) => void>();

  readonly event: Event<T> = (listener) => {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry = (event: T) => listener(event);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      // One failing listener must not stop the others from hearing about the change.
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
