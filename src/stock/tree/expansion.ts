// Which locations of the Stock view start expanded. A tree that fits on about one screen opens
// expanded; a larger one starts as an overview of its locations, so none hides the others. What
// the user expanded or collapsed is kept (across refreshes and window reloads) and wins.

/** The subset of `vscode.Memento` kept in. */
export interface ExpansionMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Up to this many rows in all (locations and SKUs), every location starts expanded. */
export const ONE_SCREEN_ROWS = 25;
/** Remembered choices kept at most (the oldest go first). */
const MAX_REMEMBERED = 500;
const KEY = 'oto.stock.expanded';

export class ExpansionMemory {
  private readonly choices: Map<string, boolean>;

  constructor(
    private readonly memento: ExpansionMemento,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    const stored = memento.get(KEY);
    const entries = Array.isArray(stored) ? stored.filter((entry): entry is [string, boolean] => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'boolean') : [];
    this.choices = new Map(entries.slice(-MAX_REMEMBERED));
  }

  /** The user expanded (true) or collapsed (false) the row with this id. */
  remember(id: string, expanded: boolean): void {
    this.choices.delete(id);
    this.choices.set(id, expanded);
    if (this.choices.size > MAX_REMEMBERED) {
      this.choices.delete(this.choices.keys().next().value as string);
    }
    Promise.resolve(this.memento.update(KEY, [...this.choices])).catch(this.onError);
  }

  /** Whether a location row starts expanded: the user's choice, else a filter's matches, else "fits on one screen". */
  expands(id: string, rowCount: number, filtered: boolean): boolean {
    if (filtered) {
      return true;
    }
    return this.choices.get(id) ?? rowCount <= ONE_SCREEN_ROWS;
  }
}

/**
 * The id VS Code knows a row by. VS Code keeps a row's expanded state by id and ignores the
 * collapsible state of a row it has seen, so a filter's locations get ids of their own: they open
 * expanded on the first key (no reveal racing the live rebuilds), and clearing the filter brings
 * back the rows, and the expansion, the user had.
 */
export function rowId(id: string, kind: string, filtered: boolean): string {
  return filtered && kind === 'location' ? `${id}\u0000filtered` : id;
}
