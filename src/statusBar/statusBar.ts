// The status bar item: the active environment and how many SKUs are low on stock. Clicking it
// shows the Stock view, or signs in while not signed in (the environment is named either way).

import * as vscode from 'vscode';
import type { Event } from '../common/emitter';
import type { Environment } from '../session/environment';
import { sandboxLabel } from '../session/describe';
import { COMMANDS, focusViewCommand, VIEWS } from '../common/ids';
import { lowJudgedText, lowSkusText } from '../stock/tree/format';
import { environmentInText } from '../common/text/environmentName';

/** What the status bar needs from the stock store. */
export interface LowStockSource {
  onDidChange: Event<unknown>;
  /** How many SKUs have less on hand than their minInventory; undefined until stock was first read. */
  lowStockCount(): number | undefined;
}

/** What the status bar needs from the session. */
export interface StatusBarSession {
  readonly environment: Environment;
  readonly isSignedIn: boolean;
  onDidChange: Event<unknown>;
}

export interface StatusBarDeps {
  session: StatusBarSession;
  lowStock?: LowStockSource;
}

export function registerStatusBar(context: vscode.ExtensionContext, { session, lowStock }: StatusBarDeps): void {
  const item = vscode.window.createStatusBarItem('oto.status', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('OTO Stock');
  item.command = focusViewCommand(VIEWS.stock);
  const update = () => {
    if (!session.isSignedIn) {
      // Still shown, so the environment in use is always named, signed in or not.
      const label = vscode.l10n.t('OTO {0} · not signed in', environmentInText(session.environment));
      item.text = `$(account) ${label}`;
      item.tooltip = vscode.l10n.t('Not signed in to OTO {0}. Click to sign in.', environmentInText(session.environment));
      item.accessibilityInformation = { label: item.tooltip, role: 'button' };
      item.command = COMMANDS.signIn;
      item.show();
      return;
    }
    item.command = focusViewCommand(VIEWS.stock);
    const low = lowStock?.lowStockCount();
    const sandbox = session.environment === 'sandbox';
    const label =
      low === undefined
        ? vscode.l10n.t('OTO {0}', environmentInText(session.environment))
        : vscode.l10n.t('OTO {0} · {1} low', environmentInText(session.environment), low);
    // The beaker marks demo data at a glance, so sandbox figures are never read as a real account's.
    item.text = `${sandbox ? '$(beaker)' : '$(package)'} ${label}`;
    const lines = [
      sandbox ? sandboxLabel() : vscode.l10n.t('OTO {0}', environmentInText(session.environment)),
      low === undefined ? undefined : lowSkusText(low),
      low ? lowJudgedText() : undefined,
      vscode.l10n.t('Click to show the Stock view'),
    ].filter((line) => line !== undefined);
    item.tooltip = lines.join('\n');
    item.accessibilityInformation = { label: lines.join('. '), role: 'button' };
    item.show();
  };
  update();
  context.subscriptions.push(item, session.onDidChange(update));
  if (lowStock) {
    context.subscriptions.push(lowStock.onDidChange(update));
  }
}
