// "OTO: Inject Sandbox Fault…" (its counted steps with Back are faultFlow.ts), "Show Sandbox
// Faults" (each removable) and "Clear Sandbox Faults": thin prompts over the host's faults.
import * as vscode from 'vscode';
import { deliveryFaultKinds, deliveryFaultOf, describeFault, faultOf } from './faultPicks';
import { askFault } from './faultFlow';
import { VsCodePrompter } from '../stockChange/prompts/vscodePrompter';
import type { SandboxHost } from './host';
import { COMMANDS } from '../common/ids';
import { plural } from '../common/text/plural';

export async function injectFault(host: SandboxHost, ensureRunning: () => Promise<boolean>): Promise<void> {
  if (!(await ensureRunning()) || !host.current) {
    return;
  }
  const prompter = new VsCodePrompter();
  const choices = await askFault(prompter, host.current.endpoints).finally(() => prompter.dispose());
  if (!choices) {
    return;
  }
  if (!('endpoint' in choices)) {
    const running = host.current;
    if (!running) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The sandbox stopped before the fault could be added.'));
      return;
    }
    running.webhooks.faults.add([deliveryFaultOf(choices)]);
    const kind = deliveryFaultKinds().find((item) => item.type === choices.kind)?.label ?? choices.kind;
    void vscode.window.showInformationMessage(
      plural(choices.times, 'Webhook delivery fault injected: {1} · {2} · the next delivery', 'Webhook delivery fault injected: {1} · {2} · the next {0} deliveries', kind, choices.webhookType ?? vscode.l10n.t('every type')),
    );
    return;
  }
  const fault = faultOf(choices);
  if (!host.addFaults([fault])) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The sandbox stopped before the fault could be added.'));
    return;
  }
  const [added] = host.faults().slice(-1);
  void vscode.window.showInformationMessage(vscode.l10n.t('Sandbox fault injected: {0}', describeFault(added)));
}

export function clearFaults(host: SandboxHost): void {
  const count = host.faults().length + host.deliveryFaultCount();
  host.clearFaults();
  void vscode.window.showInformationMessage(
    count === 0 ? vscode.l10n.t('No sandbox faults were active.') : plural(count, 'Cleared 1 sandbox fault.', 'Cleared {0} sandbox faults.'),
  );
}

type FaultItem = vscode.QuickPickItem & { id?: number; clearAll?: boolean };

/** The active faults, live; picking one (or its trash button) removes it. */
export async function showFaults(host: SandboxHost): Promise<void> {
  if (host.faults().length === 0) {
    const inject = vscode.l10n.t('Inject Fault…');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('No sandbox faults are active.'), inject);
    if (choice === inject) {
      await vscode.commands.executeCommand(COMMANDS.injectSandboxFault);
    }
    return;
  }
  const pick = vscode.window.createQuickPick<FaultItem>();
  pick.title = vscode.l10n.t('Active Sandbox Faults');
  pick.placeholder = vscode.l10n.t('Pick a fault to remove it');
  const remove: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Remove this fault') };
  const refresh = (): void => {
    const faults = host.faults();
    if (faults.length === 0) {
      pick.hide();
      return;
    }
    pick.items = [
      ...faults.map((active): FaultItem => ({ id: active.id, label: `$(zap) ${describeFault(active)}`, buttons: [remove] })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { clearAll: true, label: `$(clear-all) ${vscode.l10n.t('Clear all sandbox faults')}` },
    ];
  };
  const apply = (item: FaultItem | undefined): void => {
    if (item?.clearAll) {
      host.clearFaults();
    } else if (item?.id !== undefined) {
      host.removeFault(item.id);
    }
  };
  const subscriptions = [
    host.onDidChangeFaults(refresh),
    pick.onDidAccept(() => apply(pick.selectedItems[0])),
    pick.onDidTriggerItemButton((event) => apply(event.item)),
  ];
  // Time-limited faults count down while the list is open.
  const timer = setInterval(refresh, 1000);
  pick.onDidHide(() => {
    clearInterval(timer);
    subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
    pick.dispose();
  });
  refresh();
  pick.show();
}
