// The in-process sandbox as a workbench: reset, scenario file, faults. Registers its commands,
// the faults' status bar item and the scenario watcher.
import * as vscode from 'vscode';
import type { Session } from '../session';
import { sandboxEndpoint } from '../session/commands';
import { clearFaults, injectFault, showFaults } from './faultCommands';
import { registerFaultsStatus } from './faultsStatus';
import type { SandboxHost } from './host';
import { announceStart, resetSandbox, saveStateAsScenario, watchScenario, type ScenarioCommandsDeps } from './scenarioCommands';
import { COMMANDS } from '../common/ids';

export interface SandboxHostDeps {
  host: SandboxHost;
  session: Session;
}

export function registerSandboxHost(context: vscode.ExtensionContext, { host, session }: SandboxHostDeps): void {
  const deps: ScenarioCommandsDeps = {
    host,
    restartSandbox: () => session.restartSandbox(),
    ensureRunning: async () => (await sandboxEndpoint(session)) !== undefined,
  };
  const register = (id: string, run: () => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  register(COMMANDS.resetSandbox, () => resetSandbox(deps));
  register(COMMANDS.saveSandboxStateAsScenario, () => saveStateAsScenario(deps));
  register(COMMANDS.injectSandboxFault, () => injectFault(host, deps.ensureRunning));
  register(COMMANDS.showSandboxFaults, () => showFaults(host));
  register(COMMANDS.clearSandboxFaults, () => clearFaults(host));
  registerFaultsStatus(context, host);
  context.subscriptions.push(host.onDidStart(announceStart), watchScenario(deps, () => session.environment === 'sandbox'));
}
