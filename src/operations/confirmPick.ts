// The operator tools' one confirmation before writes: a quick pick of the action (with what it will
// do) and Cancel. Not a modal: a quick pick leaves a preview beside it readable, and VS Code
// refuses modals while extension tests run, so the flow could not be tested in the editor.
import * as vscode from 'vscode';

export interface ConfirmPick {
  title: string;
  placeHolder: string;
  /** The action's label, e.g. `$(check) Apply 20 stock changes`. */
  action: string;
  /** What the action will do, in one line. */
  detail: string;
  /** Beside the action's label, where a short fact stays readable (a long detail is cut at the pick's width). */
  description?: string;
}

/** True only when the action was picked: Cancel, Escape or clicking away send nothing. */
export async function confirmPick(confirm: ConfirmPick): Promise<boolean> {
  const go = { label: confirm.action, description: confirm.description, detail: confirm.detail, go: true };
  const cancel = { label: vscode.l10n.t('$(close) Cancel'), detail: vscode.l10n.t('Nothing is sent.'), go: false };
  const picked = await vscode.window.showQuickPick([go, cancel], { title: confirm.title, placeHolder: confirm.placeHolder, ignoreFocusOut: true });
  return picked?.go === true;
}
