// "OTO: Save Sandbox for CI…": the sandbox CLI the extension ships (dist/oto-sandbox.js, one file,
// plain Node, no node_modules) written where an ERP's repository can keep it. Without it, someone
// who installed the extension had no way to the file the README's "In CI" runs, short of cloning
// this repository and building it.
import * as vscode from 'vscode';
import { confirmModal } from '../common/ui/confirm';
import { SANDBOX_FILE_NAME, startCommandFor, type ShippedCli } from './sandboxFile';

/**
 * Where to save: `where` when the command was given a folder or file Uri (from a keybinding or
 * another extension), the save dialog otherwise.
 */
async function targetFor(where: unknown, folder: vscode.Uri | undefined, version: string): Promise<vscode.Uri | undefined> {
  if (!(where instanceof vscode.Uri)) {
    return vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save the OTO sandbox as one file for CI'),
      saveLabel: vscode.l10n.t('Save Sandbox'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, SANDBOX_FILE_NAME) : undefined,
      filters: { JavaScript: ['js'] },
    });
  }
  const kind = await vscode.workspace.fs.stat(where).then((stat) => stat.type, () => undefined);
  const isFolder = kind !== undefined && (kind & vscode.FileType.Directory) !== 0;
  const target = isFolder ? vscode.Uri.joinPath(where, SANDBOX_FILE_NAME) : where;
  const exists = isFolder ? await vscode.workspace.fs.stat(target).then(() => true, () => false) : kind !== undefined;
  if (exists && !(await confirmModal(vscode.l10n.t('Replace {0} with the sandbox {1} this extension ships?', vscode.workspace.asRelativePath(target), version), vscode.l10n.t('Replace')))) {
    return undefined;
  }
  return target;
}

/** Copies the shipped file where the user chose, and says how CI starts it; the saved file, or undefined. */
export async function saveSandboxForCi({ cliFile, version }: ShippedCli, where?: unknown): Promise<vscode.Uri | undefined> {
  const source = vscode.Uri.file(cliFile);
  try {
    await vscode.workspace.fs.stat(source);
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('This installation of the extension has no {0} (expected at {1}): reinstall the extension, or build it with npm run build.', SANDBOX_FILE_NAME, cliFile));
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await targetFor(where, folder, version);
  if (!target) {
    return undefined;
  }
  if (target.toString() === source.toString()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('That is the extension\'s own copy: choose a folder of your project.'));
    return undefined;
  }
  try {
    // Replacing a file already there has been agreed to, in the save dialog or above.
    await vscode.workspace.fs.copy(source, target, { overwrite: true });
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The sandbox was not saved to {0}: {1}', target.fsPath, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  const command = startCommandFor(target.fsPath, folder?.fsPath);
  const copy = vscode.l10n.t('Copy Start Command');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Saved the OTO sandbox {0} to {1}. It needs only Node 18 or later. In CI: {2}', version, vscode.workspace.asRelativePath(target), command), copy)
    .then(async (choice) => {
      if (choice === copy) {
        await vscode.env.clipboard.writeText(command);
      }
    });
  return target;
}
