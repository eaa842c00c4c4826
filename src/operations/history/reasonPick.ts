// The optional reason step: a quick pick of reasons (or none), then a free note for a reason.
import * as vscode from 'vscode';
import type { ReasonNote } from '../../stockChange/reasonStep';
import { REASONS, reasonLabel, type Reason } from '../../stockChange/reasons';
import { MAX_NOTE_LENGTH } from '../bulk/validate';
import { readSetting } from '../../common/settings/read';

export async function askReason(): Promise<ReasonNote | undefined> {
  if (!readSetting('askReason')) {
    return {};
  }
  const none = { label: vscode.l10n.t('No reason'), detail: vscode.l10n.t('Go on without one'), reason: undefined as Reason | undefined };
  const items = [none, ...REASONS.map((reason) => ({ label: reasonLabel(reason), detail: undefined, reason }))];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Reason (optional, kept in the stock history)'),
    placeHolder: vscode.l10n.t('Why does the stock change? Escape cancels the change.'),
  });
  if (!picked) {
    return undefined;
  }
  if (picked.reason === undefined) {
    return {};
  }
  const note = await vscode.window.showInputBox({
    title: vscode.l10n.t('Note (optional)'),
    prompt: vscode.l10n.t('A few words for the stock history, e.g. a delivery note number. Enter to skip.'),
    validateInput: (text) => (text.length > MAX_NOTE_LENGTH ? vscode.l10n.t('At most {0} characters.', MAX_NOTE_LENGTH) : undefined),
  });
  if (note === undefined) {
    return undefined;
  }
  return { reason: picked.reason, note: note.trim() === '' ? undefined : note.trim() };
}
