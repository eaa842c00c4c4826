// The in-process sandbox's lifecycle, kept for the workspace rather than for the environment:
// the port of `oto.sandbox.port` (another when it is busy), a refresh token that stays the same
// across reloads, the scenario of `.oto/sandbox.json`, and the state saved (debounced) after
// every write and restored on the next start, until a reset. No `vscode`: tested in plain Node.

import { Emitter, type Event } from '../common/emitter';
import { Disposable } from '../common/lifecycle';
import type { SandboxSnapshot } from '../sandbox';
import type { ActiveFault, Dialect, Fault, RunningSandbox, SandboxOptions, SandboxScenario } from '../sandbox/types';
import type { SandboxModule } from '../session/sandboxBundle';

/** The next IDs a sandbox hands out, kept across a reset so no ID is given twice. */
export interface SandboxIds {
  transactionId: number;
  otoId: number;
}

/**
 * Where the state and the token are kept: in VS Code, files in the workspace's storage on the
 * extension host's disk (not per browser or window) and SecretStorage.
 */
export interface SandboxHostStorage {
  readState(): PromiseLike<SandboxSnapshot | undefined>;
  writeState(snapshot: SandboxSnapshot | undefined): PromiseLike<void>;
  /** The next IDs the last sandbox would have given (kept by a reset); undefined when none ran. */
  readIds(): PromiseLike<SandboxIds | undefined>;
  writeIds(ids: SandboxIds): PromiseLike<void>;
  /** The workspace's sandbox refresh token; undefined when none is kept yet. */
  readToken(): PromiseLike<string | undefined>;
  writeToken(token: string): PromiseLike<void>;
}

export interface SandboxHostDeps {
  load: () => SandboxModule;
  storage: SandboxHostStorage;
  /** `oto.sandbox.port`; 0 picks any free port. */
  port: () => number;
  /** `oto.sandbox.dialect`, used when the scenario does not name one. */
  dialect?: () => Dialect;
  /** The text of `.oto/sandbox.json`, or undefined when there is none; rejects when unreadable. */
  readScenario: () => Promise<string | undefined>;
  /** How long after a write the state is saved (writes in between are saved together). */
  saveDelayMs?: number;
}

/** What happened at a start, for the messages the user sees. */
export interface SandboxStart {
  baseUrl: string;
  /** Set when `oto.sandbox.port` was taken and another port is used instead. */
  busyPort?: number;
  /** Where the data came from. */
  origin: 'saved' | 'scenario' | 'demo';
  /** Why the scenario file was not used (its line and field), when it is broken. */
  scenarioProblem?: string;
  /** Why the saved state was not used, when it could not be restored. */
  stateProblem?: string;
}

/** The scenario file as it is now. */
export type ScenarioReading = { kind: 'none' } | { kind: 'ok'; scenario: SandboxScenario } | { kind: 'broken'; message: string };

const DEFAULT_SAVE_DELAY_MS = 1000;
export const SCENARIO_FILE = '.oto/sandbox.json';

export class SandboxHost extends Disposable {
  private running: RunningSandbox | undefined;
  private module: SandboxModule | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** Set during a reset: the state of the sandbox being closed is not kept. */
  private discarding = false;
  private readonly startEmitter = this._register(new Emitter<SandboxStart>());
  private readonly faultsEmitter = this._register(new Emitter<void>());

  /** A sandbox started; says on which URL and from what. */
  readonly onDidStart: Event<SandboxStart> = this.startEmitter.event;
  /** Faults were added, used up, removed, timed out, or the sandbox stopped. */
  readonly onDidChangeFaults: Event<void> = this.faultsEmitter.event;

  constructor(private readonly deps: SandboxHostDeps) {
    super();
  }

  /** The session's SandboxStarter. */
  readonly start = async (): Promise<RunningSandbox> => {
    const sandboxModule = this.sandboxModule();
    const reading = await this.readScenario();
    const scenario = reading.kind === 'ok' ? reading.scenario : undefined;
    const refreshToken = scenario?.refreshToken ?? (await this.workspaceToken(sandboxModule));
    const ids = await this.deps.storage.readIds();
    const options: SandboxOptions = { port: this.deps.port(), refreshToken, scenario, dialect: scenario?.dialect ?? this.deps.dialect?.(), idsFrom: ids };
    let saved: SandboxSnapshot | undefined;
    let stateProblem: string | undefined;
    try {
      saved = await this.deps.storage.readState();
    } catch (error) {
      // Unreadable (a torn file): like a state this version cannot run from, start afresh.
      stateProblem = error instanceof Error ? error.message : String(error);
    }
    const report: Omit<SandboxStart, 'baseUrl'> = {
      origin: saved ? 'saved' : scenario ? 'scenario' : 'demo',
      ...(reading.kind === 'broken' ? { scenarioProblem: reading.message } : {}),
      ...(stateProblem === undefined ? {} : { stateProblem }),
    };
    let sandbox: RunningSandbox;
    try {
      sandbox = await this.listen(sandboxModule, { ...options, state: saved }, report);
    } catch (error) {
      if (!saved || !isSnapshotError(error)) {
        throw error;
      }
      // A state this version cannot run from (damaged, or from another version): start afresh.
      report.stateProblem = error.message;
      report.origin = scenario ? 'scenario' : 'demo';
      sandbox = await this.listen(sandboxModule, options, report);
    }
    this.adopt(sandbox);
    this.startEmitter.fire({ baseUrl: sandbox.baseUrl, ...report });
    return this.wrap(sandbox);
  };

  /** The running sandbox, if any. */
  get current(): RunningSandbox | undefined {
    return this.running;
  }

  // Through the sandbox's control core, as `/__oto/faults` is: a fault added either way is one
  // fault queue's, so the status bar shows what a test added over HTTP, and a test sees these.
  faults(): ActiveFault[] {
    return this.running?.control.faults.list() ?? [];
  }

  /** Adds faults to the running sandbox; false when none is running. */
  addFaults(faults: Fault[]): boolean {
    return this.running ? (this.running.control.faults.add(faults), true) : false;
  }

  removeFault(id: number): void {
    this.running?.control.faults.remove(id);
  }

  /** Clears the faults of the endpoints and of the webhook deliveries. */
  clearFaults(): void {
    this.running?.control.faults.clear();
    this.running?.webhooks.faults.clear();
  }

  /** Delivery faults still active (Inject Sandbox Fault… adds them too). */
  deliveryFaultCount(): number {
    return this.running?.webhooks.faults.list().length ?? 0;
  }

  /** The scenario file, parsed and checked. */
  async readScenario(): Promise<ScenarioReading> {
    let text: string | undefined;
    try {
      text = await this.deps.readScenario();
    } catch (error) {
      return { kind: 'broken', message: `${SCENARIO_FILE}: cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
    if (text === undefined) {
      return { kind: 'none' };
    }
    try {
      return { kind: 'ok', scenario: this.sandboxModule().parseScenario(text, SCENARIO_FILE) };
    } catch (error) {
      return { kind: 'broken', message: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Forgets the saved state and restarts the sandbox (`restart`: the session closing it, so its
   * next client starts a new one from the scenario). A broken scenario changes nothing: its
   * reading is returned, and the sandbox keeps the state it has.
   */
  async reset(restart: () => Promise<void>): Promise<ScenarioReading> {
    const reading = await this.readScenario();
    if (reading.kind === 'broken') {
      return reading;
    }
    this.discarding = true;
    try {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.saving;
      // The fresh sandbox continues after the IDs this one gave.
      const last = this.running?.exportState() ?? (await Promise.resolve(this.deps.storage.readState()).then(undefined, () => undefined));
      if (last) {
        await this.deps.storage.writeIds({ transactionId: last.nextTransactionId, otoId: last.nextOtoId });
      }
      await this.deps.storage.writeState(undefined);
      await restart();
    } finally {
      this.discarding = false;
    }
    return reading;
  }

  /**
   * The running sandbox's state as scenario JSON, keeping the settings of the current file (its
   * token, latency, faults) when it has any. Undefined when no sandbox is running.
   */
  async scenarioText(): Promise<string | undefined> {
    if (!this.running) {
      return undefined;
    }
    const reading = await this.readScenario();
    const base = reading.kind === 'ok' ? reading.scenario : {};
    return `${JSON.stringify(this.sandboxModule().scenarioFromState(this.running.exportState(), base), null, 2)}\n`;
  }

  /** Saves a pending change now (before a reload, or when the sandbox stops). */
  flush(): Promise<void> {
    if (this.saveTimer === undefined || !this.running) {
      return this.saving;
    }
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const snapshot = this.running.exportState();
    this.saving = this.saving.then(() => this.deps.storage.writeState(snapshot)).catch(() => undefined);
    return this.saving;
  }

  /** Saves a change still waiting (the window is closing or reloading), then stops listening. */
  override dispose(): void {
    void this.flush();
    super.dispose();
  }

  private sandboxModule(): SandboxModule {
    this.module ??= this.deps.load();
    return this.module;
  }

  /** Listens on the configured port, or on a free one when it is taken. */
  private async listen(sandboxModule: SandboxModule, options: SandboxOptions, report: Omit<SandboxStart, 'baseUrl'>): Promise<RunningSandbox> {
    try {
      return await sandboxModule.startSandbox(options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !options.port) {
        throw error;
      }
      report.busyPort = options.port;
      return sandboxModule.startSandbox({ ...options, port: 0 });
    }
  }

  private async workspaceToken(sandboxModule: SandboxModule): Promise<string> {
    const kept = await this.deps.storage.readToken();
    if (kept) {
      return kept;
    }
    const token = sandboxModule.randomToken('rt');
    await this.deps.storage.writeToken(token);
    return token;
  }

  private adopt(sandbox: RunningSandbox): void {
    this.running = sandbox;
    sandbox.onDidChangeState(() => {
      if (this.running === sandbox && !this.discarding) {
        clearTimeout(this.saveTimer);
        this.saveTimer = setTimeout(() => void this.flush(), this.deps.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS);
      }
    });
    sandbox.control.faults.onDidChange(() => this.faultsEmitter.fire());
    this.faultsEmitter.fire();
  }

  /** The same sandbox, whose close first saves what changed (unless a reset discards it). */
  private wrap(sandbox: RunningSandbox): RunningSandbox {
    const close = async (): Promise<void> => {
      if (this.running === sandbox) {
        if (this.discarding) {
          clearTimeout(this.saveTimer);
          this.saveTimer = undefined;
        } else {
          await this.flush();
        }
        this.running = undefined;
        this.faultsEmitter.fire();
      }
      await sandbox.close();
    };
    return Object.assign(Object.create(sandbox) as RunningSandbox, { close });
  }
}

function isSnapshotError(error: unknown): error is Error {
  return error instanceof Error && error.constructor.name === 'SnapshotError';
}
