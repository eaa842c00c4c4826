// The SandboxHost on VS Code's storage: the state as files in the workspace's storage folder on
// the extension host (see stateFiles.ts), the refresh token in SecretStorage under a key of this
// workspace, the port from `oto.sandbox.port`, and the
// scenario from `.oto/sandbox.json` in the first workspace folder.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SandboxSnapshot } from '../sandbox';
import { sandboxFromBundle } from '../session/sandboxBundle';
import { SandboxHost, SCENARIO_FILE, type SandboxHostStorage } from './host';
import { sandboxFiles } from './stateFiles';
import { readSetting } from '../common/settings/read';

// Where an earlier version kept the state and the workspace's id (per browser under code-server).
const LEGACY_STATE_KEY = 'oto.sandbox.state';
const LEGACY_WORKSPACE_ID_KEY = 'oto.sandbox.workspaceId';

/** `.oto/sandbox.json` of the first workspace folder; undefined without a folder. */
export function scenarioUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && vscode.Uri.joinPath(folder.uri, SCENARIO_FILE);
}

export function sandboxPort(): number {
  return readSetting('sandbox.port');
}

/** Where the workspace's sandbox files live: its storage on the extension host's disk. */
function filesDir(context: vscode.ExtensionContext): string {
  return context.storageUri ? path.join(context.storageUri.fsPath, 'sandbox') : path.join(context.globalStorageUri.fsPath, 'sandbox-no-folder');
}

function storage(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): SandboxHostStorage {
  const files = sandboxFiles(filesDir(context));
  // SecretStorage is shared by all workspaces: the key carries an id of this one (the id an
  // earlier version kept in the workspace's Memento, while there is one, so its token stays).
  const tokenKey = async (): Promise<string> => `oto.sandbox.refreshToken.${await files.workspaceId(context.workspaceState.get<string>(LEGACY_WORKSPACE_ID_KEY))}`;
  return {
    // A state an earlier version kept in the workspace's Memento is used until one is saved here.
    readState: async () => (await files.readState()) ?? context.workspaceState.get<SandboxSnapshot>(LEGACY_STATE_KEY),
    writeState: async (snapshot) => {
      await files.writeState(snapshot);
      if (context.workspaceState.get(LEGACY_STATE_KEY) !== undefined) {
        await context.workspaceState.update(LEGACY_STATE_KEY, undefined);
      }
    },
    readIds: () => files.readIds(),
    writeIds: (ids) => files.writeIds(ids),
    readToken: async () => {
      try {
        return await context.secrets.get(await tokenKey());
      } catch (error) {
        log.warn(`Sandbox: could not read the workspace's sandbox token from the keyring (${String(error)}); a new one is used.`);
        return undefined;
      }
    },
    writeToken: async (token) => {
      try {
        await context.secrets.store(await tokenKey(), token);
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
    dialect: () => readSetting('sandbox.dialect'),
    readScenario,
  });
  context.subscriptions.push(host);
  return host;
}
