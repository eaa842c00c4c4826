// Whether OTO staging or production can be reached, from the session's request events: an outage
// is told to the user once, not once per refresh, retry or view that runs into it. Plain
// TypeScript, so it is tested in Node against a closed loopback port.
import { isRemote } from './environment';
import type { Environment, RemoteEnvironment } from './environment';

/** What the watch needs of a request event (a SessionRequestEvent is one). */
export interface ReachabilityEvent {
  environment: Environment;
  /** Present when an answer came, whatever it said. */
  status?: number;
  error?: { kind: string; message: string };
}

export interface Outage {
  environment: RemoteEnvironment;
  /** The transport's own words (`getaddrinfo ENOTFOUND …`): for the log, not for the message. */
  detail: string;
}

export class ReachabilityWatch {
  /** Environments whose outage the user has been told of (or is being told of by a command). */
  private readonly told = new Set<RemoteEnvironment>();
  private quiet = 0;

  constructor(private readonly announce: (outage: Outage) => void) {}

  observe(event: ReachabilityEvent): void {
    const { environment } = event;
    if (!isRemote(environment)) {
      return;
    }
    if (event.error?.kind === 'network') {
      if (this.told.has(environment)) {
        return;
      }
      this.told.add(environment);
      if (this.quiet === 0) {
        this.announce({ environment, detail: event.error.message });
      }
    } else if (event.status !== undefined) {
      // Any answer proves the way there works again: the next outage is news.
      this.told.delete(environment);
    }
  }

  /** The user acted (Retry, signed in, switched environment): the next failure is told again. */
  reset(): void {
    this.told.clear();
  }

  /**
   * Runs a command that tells its own failure (signing in says "nothing was stored"): an outage
   * met meanwhile counts as told, so the user does not hear of it twice.
   */
  async quietly<T>(task: () => Promise<T>): Promise<T> {
    this.quiet++;
    try {
      return await task();
    } finally {
      this.quiet--;
    }
  }
}
