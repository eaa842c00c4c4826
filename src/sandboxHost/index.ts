// The in-process sandbox as a workbench: reset, scenario file, faults. Registers their commands and
// watches the scenario file; the work (and the faults' status bar item) is in dist/sandboxHost.js,
// loaded on the first command, start of the sandbox, fault or edit of the scenario file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../common/ids';
import { lazyPart } from '../common/lazyBundle';
import type { Session } from '../session';
import { sandboxEndpoint } from '../session/commands';
import type { SandboxToolsRuntime, SandboxToolsWiring } from './deps';
import type { FaultsHeader } from './faultsStatus';
import { SCENARIO_FILE, type SandboxHost } from './host';
import { registerLazyCommands } from '../common/lazyCommands';

export interface SandboxHostDeps {
  host: SandboxHost;
  session: Session;
  trafficHeader: FaultsHeader;
}

/** Calls `changed` once per edit (editors save in bursts) of the first folder's scenario file. */
function watchScenario(changed: () => void): vscode.Disposable {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    return new vscode.Disposable(() => undefined);
  }
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, SCENARIO_FILE));
  let timer: NodeJS.Timeout | undefined;
  const edited = (): void => {
    clearTimeout(timer);
    timer = setTimeout(changed, 400);
  };
  return vscode.Disposable.from(watcher, watcher.onDidChange(edited), watcher.onDidCreate(edited), new vscode.Disposable(() => clearTimeout(timer)));
}

export function registerSandboxHost(context: vscode.ExtensionContext, { host, session, trafficHeader }: SandboxHostDeps): void {
  const part = lazyPart<SandboxToolsWiring, SandboxToolsRuntime>(context, 'sandboxHost', {
    host,
    restartSandbox: () => session.restartSandbox(),
    ensureRunning: async () => (await sandboxEndpoint(session)) !== undefined,
    trafficHeader,
    cli: { cliFile: path.join(context.extensionPath, 'dist', 'oto-sandbox.js'), version: (context.extension.packageJSON as { version: string }).version },
  });
  registerLazyCommands(context.subscriptions, part.load, {
    [COMMANDS.resetSandbox]: (tools) => tools.resetSandbox(),
    [COMMANDS.saveSandboxStateAsScenario]: (tools) => tools.saveStateAsScenario(),
    [COMMANDS.saveSandboxForCi]: (tools, where) => tools.saveForCi(where),
    [COMMANDS.injectSandboxFault]: (tools) => tools.injectFault(),
    [COMMANDS.showSandboxFaults]: (tools) => tools.showFaults(),
    [COMMANDS.clearSandboxFaults]: (tools) => tools.clearFaults(),
  });
  context.subscriptions.push(
    host.onDidStart((start) => part.load().announceStart(start)),
    // Faults from a scenario file come with the start; the status bar item must show them.
    host.onDidChangeFaults(() => host.faults().length > 0 && part.load()),
    watchScenario(() => session.environment === 'sandbox' && void part.load().offerReset()),
  );
}
