// Builds the Session from VS Code's configuration, SecretStorage and the bundled sandbox, and
// keeps the context keys of `when` clauses in step with it.

import * as vscode from 'vscode';
import type { Disposable } from '../common/emitter';
import type { Environment } from './environment';
import type { SandboxStarter, SessionSettings } from './ports';
import { Session } from './session';
import { CONTEXT_KEYS } from '../common/ids';
import { readSetting } from '../common/settings/read';

export async function createSession(context: vscode.ExtensionContext, startSandbox: SandboxStarter): Promise<Session> {
  const settings = configurationSettings();
  const session = await Session.create({
    settings,
    secrets: context.secrets,
    startSandbox,
    clientOptions: {
      userAgent: `oto-stock-vscode/${(context.extension.packageJSON as { version?: string }).version ?? 'dev'}`,
      get maxConnections() {
        return readSetting('maxConnections');
      },
    },
  });
  context.subscriptions.push(settings, session, trackContextKeys(session));
  return session;
}

function configurationSettings(): SessionSettings & Disposable {
  const onDidChange = new vscode.EventEmitter<void>();
  const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('oto.environment') || event.affectsConfiguration('oto.baseUrl')) {
      onDidChange.fire();
    }
  });
  return {
    read() {
      const baseUrl = readSetting('baseUrl').trim();
      return { environment: readSetting('environment'), baseUrl: baseUrl ? baseUrl : undefined };
    },
    async setEnvironment(environment: Environment) {
      const config = vscode.workspace.getConfiguration('oto');
      const inspected = config.inspect('environment');
      // Write where the effective value comes from, or a workspace value would keep overriding it.
      const target =
        inspected?.workspaceFolderValue !== undefined
          ? vscode.ConfigurationTarget.WorkspaceFolder
          : inspected?.workspaceValue !== undefined
            ? vscode.ConfigurationTarget.Workspace
            : vscode.ConfigurationTarget.Global;
      await config.update('environment', environment, target);
    },
    onDidChange: onDidChange.event,
    dispose() {
      subscription.dispose();
      onDidChange.dispose();
    },
  };
}

function trackContextKeys(session: Session): vscode.Disposable {
  const update = () => {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.environment, session.environment);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signedIn, session.isSignedIn);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sessionReady, true);
  };
  update();
  return session.onDidChange(update);
}
