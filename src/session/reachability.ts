// Whether OTO staging or production can be reached, from the session's request events: an outage
// is told to the user once, not once per refresh, retry or view that runs into it. Plain
// TypeScript, so it is tested in Node against a closed loopback port.
import { Emitter, type Event } from '../common/emitter';
import { isRemote } from './environment';
import type { Environment, RemoteEnvironment } from './environment';
import type { Reachability } from '../common/refresh/refreshScheduler';

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
  /** Environments whose last exchange got no answer at all: down until one answers. */
  private readonly down = new Set<RemoteEnvironment>();
  private readonly changeEmitter = new Emitter<Environment>();
  /** Fires when an environment goes down or answers again. */
  readonly onDidChange: Event<Environment> = this.changeEmitter.event;
  private quiet = 0;

  constructor(private readonly announce: (outage: Outage) => void) {}

  /** True from a network failure of `environment` until it answers again (the sandbox never is). */
  isUnreachable(environment: Environment): boolean {
    return isRemote(environment) && this.down.has(environment);
  }

  /** Whether the environment `active()` names (the session's, whichever it is now) can be reached. */
  of(active: () => Environment): Reachability {
    return {
      unreachable: () => this.isUnreachable(active()),
      onDidChange: (listener) => this.onDidChange((environment) => environment === active() && listener()),
    };
  }

  observe(event: ReachabilityEvent): void {
    const { environment } = event;
    if (!isRemote(environment)) {
      return;
    }
    if (event.error?.kind === 'network') {
      this.mark(environment, true);
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
      this.mark(environment, false);
    }
  }

  /** The session switched (environment, base URL, sign-in): whether the new one answers is not known yet. */
  forget(): void {
    const was = [...this.down];
    this.down.clear();
    was.forEach((environment) => this.changeEmitter.fire(environment));
  }

  private mark(environment: RemoteEnvironment, down: boolean): void {
    if (this.down.has(environment) !== down) {
      if (down) {
        this.down.add(environment);
      } else {
        this.down.delete(environment);
      }
      this.changeEmitter.fire(environment);
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
