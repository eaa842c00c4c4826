// The in-process sandbox as a workbench: reset, scenario file, faults. Registers its commands,
// the faults' status bar item and the scenario watcher.
import * as vscode from 'vscode';
import type { Session } from '../session';
import { sandboxEndpoint } from '../session/commands';
import { clearFaults, injectFault, showFaults } from './faultCommands';
import { registerFaultsStatus } from './faultsStatus';
import type { SandboxHost } from './host';
import { announceStart, resetSandbox, saveStateAsScenario, watchScenario, type ScenarioCommandsDeps } from './scenarioCommands';

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
  register('oto.resetSandbox', () => resetSandbox(deps));
  register('oto.saveSandboxStateAsScenario', () => saveStateAsScenario(deps));
  register('oto.injectSandboxFault', () => injectFault(host, deps.ensureRunning));
  register('oto.showSandboxFaults', () => showFaults(host));
  register('oto.clearSandboxFaults', () => clearFaults(host));
  registerFaultsStatus(context, host);
  context.subscriptions.push(host.onDidStart(announceStart), watchScenario(deps, () => session.environment === 'sandbox'));
}
