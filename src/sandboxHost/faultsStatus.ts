// The status bar item of active sandbox faults: shown only while there are some, so nobody forgets
// that the sandbox is failing on purpose. Clicking it lists them, each removable.
import * as vscode from 'vscode';
import { describeFault } from './faultPicks';
import type { SandboxHost } from './host';
import { COMMANDS, CONTEXT_KEYS } from '../common/ids';
import { plural } from '../common/text/plural';

/** What the Sandbox Traffic view's header shows of the active faults (`undefined` removes its part). */
export interface FaultsHeader {
  setDescription(key: string, text: string | undefined): void;
  setMessage(key: string, text: string | undefined): void;
}

function faultsCount(count: number): string {
  return plural(count, '1 sandbox fault', '{0} sandbox faults');
}

/** The active faults in the Sandbox Traffic view's header too: the traffic they shape is listed there. */
export function showFaultsInTrafficView(subscriptions: vscode.Disposable[], host: SandboxHost, header: FaultsHeader): void {
  const update = (): void => {
    const faults = host.faults();
    header.setDescription('faults', faults.length === 0 ? undefined : `⚡ ${faultsCount(faults.length)}`);
    header.setMessage('faults', faults.length === 0 ? undefined : faults.map((fault) => `⚡ ${describeFault(fault)}`).join('\n'));
  };
  update();
  subscriptions.push(host.onDidChangeFaults(update));
}

export function registerFaultsStatus(subscriptions: vscode.Disposable[], host: SandboxHost): void {
  const item = vscode.window.createStatusBarItem('oto.sandboxFaults', vscode.StatusBarAlignment.Left, 9);
  item.name = vscode.l10n.t('OTO Sandbox Faults');
  item.command = COMMANDS.showSandboxFaults;
  item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  let ticker: NodeJS.Timeout | undefined;
  const update = (): void => {
    const faults = host.faults();
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sandboxFaults, faults.length > 0);
    // Time-limited faults count down in the tooltip, and vanish when they end.
    const counting = faults.some((fault) => fault.expiresAt !== undefined);
    if (counting && !ticker) {
      ticker = setInterval(update, 1000);
    } else if (!counting && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
    if (faults.length === 0) {
      item.hide();
      return;
    }
    item.text = `$(zap) ${faultsCount(faults.length)}`;
    const lines = faults.map((fault) => describeFault(fault));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${vscode.l10n.t('Faults the sandbox injects:')}\n`);
    for (const line of lines) {
      tooltip.appendText(`\n• ${line}`);
    }
    tooltip.appendText(`\n\n${vscode.l10n.t('Click to list them; each can be removed.')}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: [item.text.replace('$(zap) ', ''), ...lines].join('. '), role: 'button' };
    item.show();
  };
  update();
  subscriptions.push(item, host.onDidChangeFaults(update), new vscode.Disposable(() => clearInterval(ticker)));
}
