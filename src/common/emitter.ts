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
    if (this.listeners.size === 1) {
      // Most have one listener, and some fire on every request: no copy of the set for one.
      for (const only of this.listeners) {
        tell(only, event);
        break;
      }
      return;
    }
    for (const listener of [...this.listeners]) {
      tell(listener, event);
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}

function tell<T>(listener: (event: T) => void, event: T): void {
  // One failing listener must not stop the others from hearing about the change.
  try {
    listener(event);
  } catch (error) {
    console.error(error);
  }
}
