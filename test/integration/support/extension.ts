// The extension under test, activated. When the launcher installed the .vsix it says where, so
// the suites can prove they exercise the installed copy.
import * as assert from 'node:assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'oto-stock.oto-stock';

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  await extension.activate();
  return extension;
}

export interface ContributedCommand {
  command: string;
  title: string;
}

export function contributedCommands(extension: vscode.Extension<unknown>): ContributedCommand[] {
  const manifest = extension.packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return manifest.contributes?.commands ?? [];
}
