// Known packing states kept in a Memento (globalState), so "picked" survives a window reload.
// One record per environment and warehouse; what comes back from storage is checked first.
import type { PackingStatus } from './protocol';
import type { KnownStates } from './queue';

/** The subset of `vscode.Memento` used here. */
export interface MementoLike {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

const KEY = 'oto.packing.knownStates';

type Stored = Record<string, Record<string, PackingStatus>>;

function isStatus(value: unknown): value is PackingStatus {
  return value === 'picked' || value === 'packed';
}

function read(memento: MementoLike): Stored {
  const raw = memento.get(KEY);
  if (typeof raw !== 'object' || raw === null) {
    return {};
  }
  const stored: Stored = {};
  for (const [scope, states] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof states === 'object' && states !== null) {
      stored[scope] = Object.fromEntries(Object.entries(states as Record<string, unknown>).filter((entry): entry is [string, PackingStatus] => isStatus(entry[1])));
    }
  }
  return stored;
}

/** Known states per warehouse, scoped by `scope()` (the environment) so environments never mix. */
export function mementoKnownStates(memento: MementoLike, scope: () => string, onError: (error: unknown) => void): KnownStates {
  const keyOf = (warehouseCode: string): string => `${scope()}\u0000${warehouseCode}`;
  return {
    get: (warehouseCode) => read(memento)[keyOf(warehouseCode)] ?? {},
    set: (warehouseCode, states) => {
      const stored = read(memento);
      const key = keyOf(warehouseCode);
      if (Object.keys(states).length === 0) {
        delete stored[key];
      } else {
        stored[key] = states;
      }
      Promise.resolve(memento.update(KEY, stored)).catch(onError);
    },
  };
}
