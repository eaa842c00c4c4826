// "OTO: Inject Sandbox Fault…" (a few quick steps), "Show Sandbox Faults" (each removable) and
// "Clear Sandbox Faults": thin prompts over the host's faults.
import * as vscode from 'vscode';
import { deliveryFaultKinds, deliveryFaultOf, describeFault, faultKinds, faultOf, type DeliveryFaultChoices, type FaultChoices } from './faultPicks';
import { WEBHOOK_TYPES } from '../oto/webhooks';
import type { SandboxHost } from './host';
import { COMMANDS } from '../common/ids';
import { plural } from '../common/text/plural';

/** Five steps, six when the kind asks for its amount (a Retry-After, a latency): each counted. */
function step(n: number, total: number): string {
  return vscode.l10n.t('Inject Sandbox Fault ({0}/{1})', n, total);
}

async function askNumber(title: string, prompt: string, initial: number, max: number): Promise<number | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt,
    // A step of several: looking elsewhere (the Stock view, a terminal) must not cancel the lot.
    ignoreFocusOut: true,
    value: String(initial),
    validateInput: (text) => {
      const number = Number(text.trim());
      return /^\d+$/.test(text.trim()) && number >= 1 && number <= max ? undefined : vscode.l10n.t('A whole number from 1 to {0}.', max);
    },
  });
  return value === undefined ? undefined : Number(value.trim());
}

/** The webhooks the sandbox sends, rather than an endpoint it answers. */
const DELIVERIES = 'deliveries';

/** Asks what to do to webhook deliveries (after step 1): kind, its delay, which type, how many. */
async function askDeliveryFault(): Promise<DeliveryFaultChoices | undefined> {
  const kind = await vscode.window.showQuickPick(deliveryFaultKinds(), { title: step(2, 4), ignoreFocusOut: true, placeHolder: vscode.l10n.t('What happens to the deliveries?') });
  if (!kind) {
    return undefined;
  }
  const total = kind.amount ? 5 : 4;
  const at = (n: number): string => step(kind.amount && n > 2 ? n + 1 : n, total);
  const amount = kind.amount && (await askNumber(step(3, total), kind.amount.prompt, kind.amount.initial, kind.amount.max));
  if (kind.amount && amount === undefined) {
    return undefined;
  }
  const type = await vscode.window.showQuickPick(
    [{ label: vscode.l10n.t('Every type'), webhookType: undefined }, ...WEBHOOK_TYPES.map((name) => ({ label: name, webhookType: name }))],
    { title: at(3), ignoreFocusOut: true, placeHolder: vscode.l10n.t('Deliveries of which type?') },
  );
  if (!type) {
    return undefined;
  }
  const times = await askNumber(at(4), vscode.l10n.t('How many deliveries?'), 1, 1000);
  return times === undefined ? undefined : { kind: kind.type, amount, webhookType: type.webhookType, times };
}

/** Asks what to inject; undefined when cancelled at any step. */
async function askFault(endpoints: readonly string[]): Promise<FaultChoices | DeliveryFaultChoices | undefined> {
  const endpoint = await vscode.window.showQuickPick(
    [
      { label: '*', description: vscode.l10n.t('all endpoints') },
      { label: `$(radio-tower) ${vscode.l10n.t('Webhook deliveries')}`, description: vscode.l10n.t('what the sandbox sends your receiver'), target: DELIVERIES },
      ...endpoints.map((name) => ({ label: name })),
    ],
    { title: step(1, 5), ignoreFocusOut: true, placeHolder: vscode.l10n.t('Which endpoint fails?') },
  );
  if (!endpoint) {
    return undefined;
  }
  if ('target' in endpoint) {
    return askDeliveryFault();
  }
  const kinds = faultKinds();
  const kind = await vscode.window.showQuickPick(kinds, { title: step(2, 5), ignoreFocusOut: true, placeHolder: vscode.l10n.t('How does it fail?') });
  if (!kind) {
    return undefined;
  }
  const total = kind.amount ? 6 : 5;
  const at = (n: number): string => step(kind.amount && n > 2 ? n + 1 : n, total);
  const amount = kind.amount && (await askNumber(step(3, total), kind.amount.prompt, kind.amount.initial, kind.amount.max));
  if (kind.amount && amount === undefined) {
    return undefined;
  }
  const by = await vscode.window.showQuickPick(
    [
      { by: 'requests' as const, label: vscode.l10n.t('For the next N requests') },
      { by: 'seconds' as const, label: vscode.l10n.t('For N seconds') },
    ],
    { title: at(3), ignoreFocusOut: true, placeHolder: vscode.l10n.t('For how long?') },
  );
  if (!by) {
    return undefined;
  }
  const count = await askNumber(
    at(4),
    by.by === 'requests' ? vscode.l10n.t('How many requests?') : vscode.l10n.t('How many seconds?'),
    by.by === 'requests' ? 3 : 60,
    by.by === 'requests' ? 100_000 : 86_400,
  );
  if (count === undefined) {
    return undefined;
  }
  const clients = await vscode.window.showQuickPick(
    [
      { clients: 'others' as const, label: vscode.l10n.t('Other clients only'), detail: vscode.l10n.t('Your ERP, curl, CI; the Stock view keeps working') },
      { clients: 'all' as const, label: vscode.l10n.t('Every client'), detail: vscode.l10n.t('This extension included') },
    ],
    { title: at(5), ignoreFocusOut: true, placeHolder: vscode.l10n.t('Who gets the fault?') },
  );
  return clients && { endpoint: endpoint.label, kind: kind.type, amount, limit: { by: by.by, count }, clients: clients.clients };
}

export async function injectFault(host: SandboxHost, ensureRunning: () => Promise<boolean>): Promise<void> {
  if (!(await ensureRunning()) || !host.current) {
    return;
  }
  const choices = await askFault(host.current.endpoints);
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
