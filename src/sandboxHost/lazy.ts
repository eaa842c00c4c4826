// The sandbox tools' bundle (dist/sandboxHost.js): the fault and scenario commands, the faults'
// status bar item and their lines in the Sandbox Traffic view. Loaded on the first command, start
// of the sandbox, fault or edit of the scenario file: until then there is nothing for them to do.
import type * as vscode from 'vscode';
import { configureLocalisation } from '../common/text/localisation';
import { clearFaults, injectFault, showFaults } from './faultCommands';
import { registerFaultsStatus, showFaultsInTrafficView } from './faultsStatus';
import type { SandboxToolsRuntime, SandboxToolsWiring } from './deps';
import { saveSandboxForCi } from './saveForCi';
import { announceStart, ScenarioCommands } from './scenarioCommands';

export type { SandboxToolsRuntime };

export function start(wiring: SandboxToolsWiring, subscriptions: vscode.Disposable[]): SandboxToolsRuntime {
  // This bundle has its own copy of `@vscode/l10n` and the display language.
  configureLocalisation();
  const { host } = wiring;
  registerFaultsStatus(subscriptions, host);
  showFaultsInTrafficView(subscriptions, host, wiring.trafficHeader);
  const scenario = new ScenarioCommands(wiring);
  return {
    resetSandbox: () => scenario.reset(),
    saveStateAsScenario: () => scenario.saveState(),
    saveForCi: (where) => saveSandboxForCi(wiring.cli, where),
    injectFault: () => injectFault(host, wiring.ensureRunning),
    showFaults: () => showFaults(host),
    clearFaults: () => clearFaults(host),
    announceStart,
    offerReset: () => scenario.offerReset(),
  };
}
