// One confirmation before writes as a quick pick of the action (with what it will do) and Cancel.
// Not a modal: a quick pick leaves a preview beside it readable, and VS Code refuses modals while
// extension tests run, so the flow could not be tested in the editor. A flow of several steps asks
// it as its last step (Transfer); a bulk apply asks it alone.
import * as l10n from '@vscode/l10n';
import type { PickItem, Prompter } from './prompter';

export interface ConfirmPick {
  title: string;
  placeholder: string;
  /** The action's label, e.g. `$(check) Apply 20 stock changes`. */
  action: string;
  /** What the action will do, in one line. */
  detail: string;
  /** Beside the action's label, where a short fact stays readable (a long detail is cut at the pick's width). */
  description?: string;
}

/** The pick's two items: the action (true) and Cancel (false). */
export function confirmItems(confirm: Pick<ConfirmPick, 'action' | 'description' | 'detail'>): Array<PickItem<boolean>> {
  return [
    { label: confirm.action, description: confirm.description, detail: confirm.detail, value: true },
    { label: l10n.t('$(close) Cancel'), detail: l10n.t('Nothing is sent.'), value: false },
  ];
}

/** True only when the action was picked: Cancel, Escape or clicking away send nothing. */
export async function confirmPick(prompter: Prompter, confirm: ConfirmPick): Promise<boolean> {
  const answer = await prompter.pick({ title: confirm.title, step: 1, totalSteps: 1, placeholder: confirm.placeholder, items: confirmItems(confirm), ignoreFocusOut: true, canGoBack: false });
  return answer === true;
}
