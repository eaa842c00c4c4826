// What the sandbox tools' bundle (dist/sandboxHost.js) gets from the extension, and what it offers.
import type { FaultsHeader } from './faultsStatus';
import type { SandboxHost, SandboxStart } from './host';
import type { ShippedCli } from './sandboxFile';
import type { ScenarioCommandsDeps } from './scenarioCommands';

export interface SandboxToolsWiring extends ScenarioCommandsDeps {
  /** The Sandbox Traffic view's header, where the active faults are listed too. */
  trafficHeader: FaultsHeader;
  /** The sandbox CLI the extension ships. */
  cli: ShippedCli;
}

/** The commands' work, and what a start or an edit of the scenario file has to say. */
export interface SandboxToolsRuntime {
  resetSandbox(): Promise<void>;
  saveStateAsScenario(): Promise<void>;
  /** `where`: the command's argument, if any (a folder or file Uri). */
  saveForCi(where?: unknown): Promise<unknown>;
  injectFault(): Promise<void>;
  showFaults(): Promise<void>;
  clearFaults(): void;
  announceStart(start: SandboxStart): void;
  offerReset(): Promise<void>;
}

export type { SandboxHost };
