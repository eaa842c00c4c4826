// "Replay": the checks, the confirmation a write needs, and the run through the session's client.
import * as vscode from 'vscode';
import type { RequestLike } from './curl';
import type { DevtoolsSession, DevtoolsStock } from '../../deps';
import { redactText } from '../log/redaction';
import { planReplay } from './replay';
import { COMMANDS } from '../../../common/ids';
import { confirmModal } from '../../../common/ui/confirm';
import { describeError } from '../../../common/text/errorText';

// A replayed call's error may quote the request it was about; what is shown is redacted.
const describeReplayError = (error: unknown): string => redactText(describeError(error));

/**
 * Replays `request` through the session's client after the checks and the confirmation a write
 * needs; true once it ran. Shared by the Requests view and the Sandbox Traffic view.
 */
export async function replayRequest(exchange: RequestLike & { readonly environment?: string }, session: DevtoolsSession, stock: DevtoolsStock): Promise<boolean> {
  const plan = planReplay(exchange);
  if (plan.kind === 'unsupported') {
    void vscode.window.showWarningMessage(vscode.l10n.t('This request cannot be replayed: {0}.', plan.reason));
    return false;
  }
  if (exchange.environment !== undefined && exchange.environment !== session.environment) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('This request was made in the {0} environment; the active one is {1}. Switch back to replay it.', exchange.environment, session.environment),
    );
    return false;
  }
  if (plan.kind === 'write') {
    const confirmed = await confirmModal(
      vscode.l10n.t('Replay {0} on {1}?', exchange.endpoint, session.environment),
      vscode.l10n.t('Replay and Change Stock Again'),
      vscode.l10n.t('This request changes data on OTO. Replaying it sends the same change again: stock (or the order) changes a second time.'),
    );
    if (!confirmed) {
      return false;
    }
  }
  try {
    const client = await session.getClient();
    await plan.run(client);
    if (plan.kind === 'write' && plan.touches.length > 0) {
      void stock.invalidate(plan.touches);
    }
  } catch (error) {
    const showLog = vscode.l10n.t('Show log');
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Replay of {0} failed: {1}', exchange.endpoint, describeReplayError(error)), showLog);
    if (choice === showLog) {
      await vscode.commands.executeCommand(COMMANDS.showLog);
    }
    return false;
  }
  return true;
}
