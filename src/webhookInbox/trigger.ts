// Trigger Webhook Event…: a type, then an order of the sandbox; the event the sandbox would send
// opens as an editable JSON file (schema: dist/webhook-trigger.schema.json), and its Send CodeLens
// delivers it to the sandbox's registered webhooks through the trigger core `/__oto/webhooks/trigger` runs.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/ids';
import { plural } from '../common/text/plural';
import { nextStatuses, WEBHOOK_TYPES, type WebhookType } from '../oto/webhooks';
import { readableStatus } from '../packing/statusWords';
import { parseTriggerDocument, TRIGGER_SUFFIX, triggerDocumentText, triggerFileName } from '../webhooks/triggerDocument';
import type { InboxSandbox, InboxWiring } from './deps';

export function typeDetail(type: WebhookType): string {
  switch (type) {
    case 'orderStatus':
      return vscode.l10n.t('An order\'s status changed (picked, packed, shipped, delivered, returned)');
    case 'newOrders':
      return vscode.l10n.t('A new order for an external warehouse system');
    case 'shipmentError':
      return vscode.l10n.t('The delivery company refused or failed a shipment');
    case 'walletTransaction':
      return vscode.l10n.t('A charge or refund on the OTO wallet');
  }
}

/** An order of the sandbox: the one of an inbox row it was invoked on, or one the user picks (newest first). */
export async function pickSandboxOrder(sandbox: InboxSandbox, title: string, argument: unknown): Promise<{ orderId: string; status: string } | undefined> {
  const orders = sandbox.exportState().orders;
  const given = typeof argument === 'object' && argument !== null && 'orderId' in argument ? (argument).orderId : undefined;
  const known = orders.find((candidate) => candidate.orderId === given);
  if (known) {
    return known;
  }
  const picked = await vscode.window.showQuickPick(
    [...orders].reverse().map((candidate) => ({ label: candidate.orderId, description: `${readableStatus(candidate.status)} · ${candidate.warehouseCode}`, order: candidate })),
    { title, placeHolder: vscode.l10n.t('For which order of the sandbox?'), matchOnDescription: true, ignoreFocusOut: true },
  );
  return picked?.order;
}

export class TriggerFlow implements vscode.CodeLensProvider {
  constructor(
    private readonly wiring: InboxWiring,
    private readonly sandbox: () => Promise<InboxSandbox | undefined>,
  ) {}

  async trigger(): Promise<void> {
    const sandbox = await this.sandbox();
    if (!sandbox) {
      return;
    }
    const title = vscode.l10n.t('Trigger Webhook Event');
    const type = await vscode.window.showQuickPick(
      WEBHOOK_TYPES.map((name) => ({ label: name, detail: typeDetail(name), type: name })),
      { title: `${title} (1/2)`, placeHolder: vscode.l10n.t('Which event?'), ignoreFocusOut: true },
    );
    if (!type) {
      return;
    }
    const order = await pickSandboxOrder(sandbox, `${title} (2/2)`, undefined);
    if (!order) {
      return;
    }
    const text = triggerDocumentText(type.type, order.orderId, sandbox.webhooks.preview(type.type, order.orderId));
    const folder = vscode.Uri.joinPath(this.wiring.storageUri, 'webhooks');
    await vscode.workspace.fs.createDirectory(folder);
    const file = vscode.Uri.joinPath(folder, triggerFileName(type.type, order.orderId));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  /** Advance Order Status…: the next statuses of an order, each firing orderStatus (the packing queue follows). */
  async advance(argument: unknown): Promise<void> {
    const sandbox = await this.sandbox();
    if (!sandbox) {
      return;
    }
    const title = vscode.l10n.t('Advance Order Status');
    const order = await pickSandboxOrder(sandbox, `${title} (1/2)`, argument);
    if (!order) {
      return;
    }
    const status = await vscode.window.showQuickPick(
      nextStatuses(order.status).map((name) => ({ label: name, description: readableStatus(name) })),
      { title: `${title} (2/2)`, placeHolder: vscode.l10n.t('Order {0} is {1}: which status next?', order.orderId, order.status), ignoreFocusOut: true },
    );
    if (!status) {
      return;
    }
    try {
      sandbox.webhooks.setOrderStatus(order.orderId, status.label);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The status was not changed: {0}', error instanceof Error ? error.message : String(error)));
      return;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Order {0} is now {1}: orderStatus sent to the webhooks registered for it.', order.orderId, status.label));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!document.uri.path.endsWith(TRIGGER_SUFFIX)) {
      return [];
    }
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: vscode.l10n.t('$(send) Send to the sandbox\'s webhooks'), command: COMMANDS.sendWebhookEvent, arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: vscode.l10n.t('$(inbox) Webhook Inbox'), command: COMMANDS.connectWebhookInbox }),
    ];
  }

  /** Sends the document's event (unsaved edits included); a problem is said and nothing is sent. */
  async send(argument: unknown): Promise<void> {
    const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
    const document = uri && vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    if (!document || !document.uri.path.endsWith(TRIGGER_SUFFIX)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Open a webhook event made by Trigger Webhook Event… to send it.'));
      return;
    }
    const event = parseTriggerDocument(document.getText());
    if ('problem' in event) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Not sent: {0}', event.problem));
      return;
    }
    const sandbox = await this.sandbox();
    if (!sandbox) {
      return;
    }
    let count: number;
    try {
      count = sandbox.webhooks.trigger(event);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Not sent: {0}', error instanceof Error ? error.message : String(error)));
      return;
    }
    if (count === 0) {
      const connect = vscode.l10n.t('Connect Webhook Inbox');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Not sent: no webhook is registered for {0} in the sandbox.', event.type), connect);
      if (choice === connect) {
        await vscode.commands.executeCommand(COMMANDS.connectWebhookInbox);
      }
      return;
    }
    void vscode.window.showInformationMessage(plural(count, 'Sent {1} for order {2} to {0} webhook.', 'Sent {1} for order {2} to {0} webhooks.', event.type, event.orderId));
  }
}
