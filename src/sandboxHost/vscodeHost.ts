// The SandboxHost on VS Code's storage: the state in the workspace's storage, the refresh token
// in SecretStorage under a key of this workspace, the port from `oto.sandbox.port`, and the
// scenario from `.oto/sandbox.json` in the first workspace folder.

import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { SandboxSnapshot } from '../sandbox';
import { sandboxFromBundle } from '../session/sandboxBundle';
import { SandboxHost, SCENARIO_FILE, type SandboxHostStorage } from './host';

const STATE_KEY = 'oto.sandbox.state';
const WORKSPACE_ID_KEY = 'oto.sandbox.workspaceId';
export const DEFAULT_SANDBOX_PORT = 8787;

/** `.oto/sandbox.json` of the first workspace folder; undefined without a folder. */
export function scenarioUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && vscode.Uri.joinPath(folder.uri, SCENARIO_FILE);
}

export function sandboxPort(): number {
  const port = vscode.workspace.getConfiguration('oto').get<unknown>('sandbox.port');
  return typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : DEFAULT_SANDBOX_PORT;
}

function storage(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): SandboxHostStorage {
  // SecretStorage is shared by all workspaces: the key carries an id of this one.
  const tokenKey = (): string => {
    let id = context.workspaceState.get<string>(WORKSPACE_ID_KEY);
    if (!id) {
      id = randomUUID();
      void context.workspaceState.update(WORKSPACE_ID_KEY, id);
    }
    return `oto.sandbox.refreshToken.${id}`;
  };
  return {
    readState: () => context.workspaceState.get<SandboxSnapshot>(STATE_KEY),
    writeState: (snapshot) => context.workspaceState.update(STATE_KEY, snapshot),
    readToken: async () => {
      try {
        return await context.secrets.get(tokenKey());
      } catch (error) {
        log.warn(`Sandbox: could not read the workspace's sandbox token from the keyring (${String(error)}); a new one is used.`);
        return undefined;
      }
    },
    writeToken: async (token) => {
      try {
        await context.secrets.store(tokenKey(), token);
      } catch (error) {
        log.warn(`Sandbox: could not keep the sandbox token in the keyring (${String(error)}); it changes on the next start.`);
      }
    },
  };
}

async function readScenario(): Promise<string | undefined> {
  const uri = scenarioUri();
  if (!uri) {
    return undefined;
  }
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      return undefined;
    }
    // Unreadable is not absent: the host reports it like a broken file.
    throw error;
  }
}

export function createSandboxHost(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): SandboxHost {
  const host = new SandboxHost({
    load: sandboxFromBundle(context.asAbsolutePath('dist/sandbox.js')),
    storage: storage(context, log),
    port: sandboxPort,
    dialect: () => (vscode.workspace.getConfiguration('oto').get<unknown>('sandbox.dialect') === 'numeric-codes' ? 'numeric-codes' : 'oto-codes'),
    readScenario,
  });
  context.subscriptions.push(host);
  return host;
}
