// The faults a sandbox still has to inject, matched per endpoint (and client) in the order they
// were added. A fault ends when its uses run out or its time is up; listeners hear of every
// change, so a status bar can show what is active without polling.
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { Emitter, type Event } from '../../common/emitter';
import { isOwnClient } from '../../traffic/capture';
import type { ActiveFault, Fault } from '../types';

/** Headers that frame the answer or manage the connection: the server's own to send. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer', 'te']);

/**
 * What is wrong with a fault's `headers`, as [header name, problem]. A name or value Node cannot
 * send turned every faulted answer into a 500; a Content-Length or Transfer-Encoding of the
 * fault's own would misframe the answer, and the client would read the next one wrong too.
 */
export function faultHeaderProblems(headers: Readonly<Record<string, string>> | undefined): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (FRAMING_HEADERS.has(name.toLowerCase())) {
      problems.push([name, 'is the sandbox\'s own (it frames the answer on the connection); for an answer cut short, use "reset"']);
      continue;
    }
    try {
      validateHeaderName(name);
    } catch {
      problems.push([name, 'is not a valid header name (letters, digits and !#$%&\'*+-.^_`|~ only)']);
      continue;
    }
    try {
      validateHeaderValue(name, value);
    } catch {
      problems.push([name, 'has a character a header value cannot carry (a line break or a control character)']);
    }
  }
  return problems;
}

interface Entry {
  id: number;
  fault: Fault;
  left: number;
  expiresAt?: number;
}

export class FaultQueue {
  private readonly entries: Entry[] = [];
  private nextId = 1;
  private expiryTimer: NodeJS.Timeout | undefined;
  private readonly changes = new Emitter<void>();

  /** Faults were added, used, removed or ran out of time. */
  readonly onDidChange: Event<void> = this.changes.event;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Adds faults; a fault's `seconds` count from now. Returns their ids, in order. */
  add(faults: readonly Fault[]): number[] {
    const now = this.clock();
    const ids = faults.map((fault) => {
      const entry: Entry = { id: this.nextId++, fault: { ...fault }, left: fault.times ?? Infinity };
      if (fault.seconds !== undefined) {
        entry.expiresAt = now + fault.seconds * 1000;
      }
      this.entries.push(entry);
      return entry.id;
    });
    if (ids.length > 0) {
      this.changed();
    }
    return ids;
  }

  /** The first live fault for `endpoint` and this client, using one of its uses. */
  take(endpoint: string, userAgent?: string): Fault | undefined {
    if (this.entries.length === 0) {
      return undefined;
    }
    this.prune();
    const own = isOwnClient(userAgent);
    const index = this.entries.findIndex(
      ({ fault }) => (fault.endpoint === '*' || fault.endpoint === endpoint) && !(fault.clients === 'others' && own),
    );
    if (index < 0) {
      return undefined;
    }
    const entry = this.entries[index];
    entry.left--;
    if (entry.left <= 0) {
      this.entries.splice(index, 1);
    }
    if (entry.left !== Infinity) {
      this.changed();
    }
    return entry.fault;
  }

  /** The faults still active, oldest first. */
  list(): ActiveFault[] {
    this.prune();
    return this.entries.map(({ id, fault, left, expiresAt }) => ({
      id,
      fault: { ...fault },
      ...(left === Infinity ? {} : { left }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    }));
  }

  remove(id: number): boolean {
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index < 0) {
      return false;
    }
    this.entries.splice(index, 1);
    this.changed();
    return true;
  }

  clear(): void {
    if (this.entries.length > 0) {
      this.entries.length = 0;
      this.changed();
    }
  }

  /** The clock jumped (a control call moved it on): drops what ran out and times the next expiry anew. */
  clockMoved(): void {
    if (!this.prune()) {
      this.scheduleExpiry();
    }
  }

  dispose(): void {
    clearTimeout(this.expiryTimer);
    this.changes.dispose();
  }

  /** Drops the faults whose time is up; true when any was dropped. */
  private prune(): boolean {
    const now = this.clock();
    const before = this.entries.length;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const expiresAt = this.entries[i].expiresAt;
      if (expiresAt !== undefined && expiresAt <= now) {
        this.entries.splice(i, 1);
      }
    }
    if (this.entries.length === before) {
      return false;
    }
    this.changed();
    return true;
  }

  private changed(): void {
    this.scheduleExpiry();
    this.changes.fire();
  }

  /** One timer for the next fault to expire, so listeners hear of it without a request arriving. */
  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const next = Math.min(...this.entries.map((entry) => entry.expiresAt ?? Infinity));
    if (next !== Infinity) {
      this.expiryTimer = setTimeout(() => {
        if (!this.prune()) {
          this.scheduleExpiry();
        }
      }, Math.max(0, next - this.clock()) + 5);
      this.expiryTimer.unref();
    }
  }
}
