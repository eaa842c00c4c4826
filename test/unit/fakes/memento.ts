// VS Code's Memento (workspace or global state) in memory, for the cores that keep state through
// one. A value is stored as JSON, as VS Code stores it, so a test reads back what a reload would;
// `undefined` removes the key, as in VS Code. `values` is there to plant junk or look inside.
export class MemoryMemento {
  readonly values = new Map<string, unknown>();

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }

  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, JSON.parse(JSON.stringify(value)));
    }
  }
}
