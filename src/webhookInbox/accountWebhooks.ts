// The Webhooks view: the current environment's webhooks (sandbox, staging, production) through
// OTO's own management API and the session's client; Add Webhook…, Remove Webhook, Send Test Event
// (sandbox) and Copy Webhook URL. Keys go into the request only: rows and tooltips show their last
// 4 characters, as the inbox does. A change to production asks first, naming it and the webhook.
// The rows, checks and OTO's error meanings are src/webhooks/accountWebhooks.ts (no vscode).
import * as vscode from 'vscode';
import { isOtoError } from '../client/errors';
import { describeError } from '../common/text/errorText';
import { hideUrlCredentials } from '../client';
import { confirmModal } from '../common/ui/confirm';
import { isWebhookType, WEBHOOK_TYPES } from '../oto/webhooks';
import { environmentName } from '../session/describe';
import type { Environment } from '../session/environment';
import { confirmationOf, keyInputProblem, urlInputProblem, webhookErrorMeaning, webhookRowText, type ListedWebhook } from '../webhooks/accountWebhooks';
import type { InboxSandbox, InboxWiring } from './deps';
import { pickSandboxOrder, typeDetail } from './trigger';

/** How long Send Test Event waits for the receiver's answer: OTO's 10 s, and a little. */
const TEST_WAIT_MS = 12_000;

type ListState =
  | { readonly kind: 'unread' }
  | { readonly kind: 'reading'; readonly generation: number }
  | { readonly kind: 'read'; readonly hooks: readonly ListedWebhook[] }
  | { readonly kind: 'failed'; readonly message: string };

function isListed(value: unknown): value is ListedWebhook {
  return typeof value === 'object' && value !== null && typeof (value as ListedWebhook).id === 'string' && typeof (value as ListedWebhook).url === 'string';
}

/** An OTO error in words: a webhook code's meaning, or the usual description. */
function errorText(error: unknown): string {
  return (isOtoError(error) ? webhookErrorMeaning(error.code) : undefined) ?? describeError(error);
}

export class AccountWebhooks implements vscode.Disposable {
  private state: ListState = { kind: 'unread' };
  /** Bumped on every session change: a list read for an earlier environment is dropped. */
  private generation = 0;
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly wiring: InboxWiring,
    private readonly sandbox: () => Promise<InboxSandbox | undefined>,
  ) {
    this.subscription = wiring.session.onDidChange(() => this.refresh());
  }

  private get environment(): Environment {
    return this.wiring.session.environment as Environment;
  }

  // Rows

  getChildren(element?: ListedWebhook): ListedWebhook[] {
    if (element) {
      return [];
    }
    if (this.state.kind === 'unread') {
      void this.read();
    }
    return this.state.kind === 'read' ? [...this.state.hooks] : [];
  }

  getTreeItem(hook: ListedWebhook): vscode.TreeItem {
    const text = webhookRowText(hook);
    const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.environment}/${hook.id}`;
    item.description = text.description;
    item.iconPath = new vscode.ThemeIcon(hook.secretKey ? 'lock' : 'unlock');
    // Plain text: the URL and fields are OTO's data, never Markdown.
    item.tooltip = text.details.join('\n');
    item.contextValue = 'accountWebhook';
    return item;
  }

  refresh(): void {
    this.generation++;
    this.state = { kind: 'unread' };
    this.wiring.repaintWebhooks();
  }

  private async read(): Promise<void> {
    const generation = this.generation;
    this.state = { kind: 'reading', generation };
    const view = this.wiring.webhooksView;
    view.description = environmentName(this.environment);
    view.message = undefined;
    let next: ListState;
    try {
      const client = await this.wiring.session.getClient();
      next = { kind: 'read', hooks: await client.listWebhooks() };
    } catch (error) {
      next = { kind: 'failed', message: vscode.l10n.t('The webhooks could not be read: {0}', errorText(error)) };
    }
    if (generation !== this.generation) {
      return;
    }
    this.state = next;
    view.message =
      next.kind === 'failed'
        ? next.message
        : next.kind === 'read' && next.hooks.length === 0
          ? vscode.l10n.t('No webhooks are registered for this account in {0}: OTO sends its events nowhere. Add one with +.', environmentName(this.environment))
          : undefined;
    this.wiring.repaintWebhooks();
  }

  private registeredUrls(): string[] {
    return this.state.kind === 'read' ? this.state.hooks.map((hook) => hook.url) : [];
  }

  // Commands

  async add(): Promise<void> {
    const environment = this.environment;
    const title = vscode.l10n.t('Add Webhook ({0})', environmentName(environment));
    const type = await vscode.window.showQuickPick(
      WEBHOOK_TYPES.map((name) => ({ label: name, detail: typeDetail(name), type: name })),
      { title: `${title} (1/5)`, placeHolder: vscode.l10n.t('Which events should OTO send?'), ignoreFocusOut: true },
    );
    if (!type) {
      return;
    }
    const urls = this.registeredUrls();
    const url = await vscode.window.showInputBox({
      title: `${title} (2/5)`,
      prompt: vscode.l10n.t('The URL OTO sends each {0} event to (your ERP\'s receiver).', type.type),
      placeHolder: 'https://erp.example.com/oto/webhook',
      ignoreFocusOut: true,
      validateInput: (text) => urlInputProblem(text, urls),
    });
    if (url === undefined || urlInputProblem(url, urls)) {
      return;
    }
    const method = await vscode.window.showQuickPick(
      [
        { label: 'POST', description: vscode.l10n.t('OTO\'s usual method'), method: 'post' as const },
        { label: 'PUT', method: 'put' as const },
      ],
      { title: `${title} (3/5)`, placeHolder: vscode.l10n.t('Which HTTP method should OTO send with?'), ignoreFocusOut: true },
    );
    if (!method) {
      return;
    }
    const secretKey = await this.key(`${title} (4/5)`, 'secretKey', vscode.l10n.t('secretKey: OTO signs each event with it (signature = Base64(HMAC-SHA256(secretKey, "orderId:status:timestamp")) in the body). Leave empty for unsigned events.'));
    if (secretKey === undefined) {
      return;
    }
    const authorizationKey = await this.key(`${title} (5/5)`, 'authorizationKey', vscode.l10n.t('authorizationKey: OTO sends it in the Authorization header of each event. Leave empty for none.'));
    if (authorizationKey === undefined) {
      return;
    }
    const target = url.trim();
    if (
      confirmationOf(environment, 'add') === 'modal' &&
      !(await confirmModal(
        vscode.l10n.t('Add a {0} webhook to {1} in OTO {2}?', type.type, target, environmentName(environment)),
        vscode.l10n.t('Add Webhook'),
        vscode.l10n.t('OTO will send this account\'s real {0} events there from now on.', type.type),
      ))
    ) {
      return;
    }
    try {
      const client = await this.wiring.session.getClient();
      const created = await client.createWebhook({
        method: method.method,
        url: target,
        webhookType: type.type,
        ...(secretKey ? { secretKey } : {}),
        ...(authorizationKey ? { authorizationKey } : {}),
      });
      void vscode.window.showInformationMessage(vscode.l10n.t('Webhook {0} added in {1}: OTO sends {2} to {3}.', created.id, environmentName(environment), type.type, target));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The webhook was not added: {0}', errorText(error)));
    }
    this.refresh();
  }

  /** A secretKey or authorizationKey, typed in a password box; '' for none, undefined when cancelled. */
  private key(title: string, field: 'secretKey' | 'authorizationKey', prompt: string): Thenable<string | undefined> {
    return vscode.window.showInputBox({ title, prompt, password: true, ignoreFocusOut: true, validateInput: (text) => keyInputProblem(field, text) }).then((text) =>
      text === undefined || keyInputProblem(field, text) ? undefined : text,
    );
  }

  async remove(argument: unknown): Promise<void> {
    const hook = await this.webhookOf(argument, vscode.l10n.t('Remove Webhook'));
    if (!hook) {
      return;
    }
    const environment = this.environment;
    const question = vscode.l10n.t('Remove webhook {0} ({1} → {2}) from OTO {3}?', hook.id, hook.webhookType ?? '?', hideUrlCredentials(hook.url), environmentName(environment));
    const remove = vscode.l10n.t('Remove Webhook');
    const confirmed =
      confirmationOf(environment, 'remove') === 'modal'
        ? await confirmModal(question, remove, vscode.l10n.t('OTO stops sending this account\'s real events there at once.'))
        : (await vscode.window.showQuickPick([{ label: remove, remove: true }, { label: vscode.l10n.t('Keep It'), remove: false }], { title: question, placeHolder: question }))?.remove === true;
    if (!confirmed) {
      return;
    }
    try {
      const client = await this.wiring.session.getClient();
      await client.deleteWebhook(hook.id);
      void vscode.window.showInformationMessage(vscode.l10n.t('Webhook {0} removed from {1}.', hook.id, environmentName(environment)));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The webhook was not removed: {0}', errorText(error)));
    }
    this.refresh();
  }

  /** Sandbox only: a real delivery of the webhook's type through the sandbox's trigger, to this webhook alone. */
  async sendTest(argument: unknown): Promise<void> {
    if (this.environment !== 'sandbox') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Send Test Event works in the sandbox only: OTO has no call that sends a test event.'));
      return;
    }
    const hook = await this.webhookOf(argument, vscode.l10n.t('Send Test Event'));
    const sandbox = hook && (await this.sandbox());
    if (!hook || !sandbox) {
      return;
    }
    const type = hook.webhookType;
    if (!isWebhookType(type)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Webhook {0} has no webhook type the sandbox knows: {1}', hook.id, type ?? '?'));
      return;
    }
    const order = await pickSandboxOrder(sandbox, vscode.l10n.t('Send Test Event: {0} to {1}', type, hideUrlCredentials(hook.url)), undefined);
    if (!order) {
      return;
    }
    const webhookId = Number(hook.id);
    let listener: { dispose(): void } | undefined;
    // The event this trigger builds: not another one to the same webhook (a packing change at the
    // same moment), and not an attempt a `retry` fault will follow with another.
    let eventId = -1;
    const answered = new Promise<{ status?: number; error?: string } | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), TEST_WAIT_MS);
      listener = sandbox.webhooks.onDidDeliver((outcome) => {
        if (outcome.eventId === eventId && outcome.final) {
          clearTimeout(timer);
          resolve(outcome);
        }
      });
    });
    try {
      // Known before the trigger: a delivery dropped or refused by a fault is told before it returns.
      eventId = sandbox.webhooks.lastEventId + 1;
      sandbox.webhooks.trigger({ type, orderId: order.orderId, webhookId });
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending {0} for order {1} to {2}…', type, order.orderId, hideUrlCredentials(hook.url)) },
        () => answered,
      );
      if (outcome === undefined) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Test {0} sent to {1}: no answer yet (a delivery fault may hold it). See Sandbox Traffic.', type, hideUrlCredentials(hook.url)));
      } else if (outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Test {0} for order {1} delivered to {2}: HTTP {3}.', type, order.orderId, hideUrlCredentials(hook.url), outcome.status));
      } else {
        const status = outcome.status === undefined ? undefined : `HTTP ${outcome.status}`;
        const answer = [status, outcome.error].filter((part) => part !== undefined).join(', ') || '?';
        void vscode.window.showWarningMessage(vscode.l10n.t('Test {0} for order {1} not acknowledged by {2}: {3}.', type, order.orderId, hideUrlCredentials(hook.url), answer));
      }
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The test event was not sent: {0}', error instanceof Error ? error.message : String(error)));
    } finally {
      listener?.dispose();
    }
  }

  async copyUrl(argument: unknown): Promise<void> {
    const hook = await this.webhookOf(argument, vscode.l10n.t('Copy Webhook URL'));
    if (hook) {
      await vscode.env.clipboard.writeText(hook.url);
    }
  }

  /** The row a command was invoked on, or one the user picks from the list (the palette). */
  private async webhookOf(argument: unknown, title: string): Promise<ListedWebhook | undefined> {
    if (isListed(argument)) {
      return argument;
    }
    if (this.state.kind !== 'read') {
      await this.read();
    }
    const hooks = this.state.kind === 'read' ? this.state.hooks : [];
    if (hooks.length === 0) {
      void vscode.window.showInformationMessage(this.state.kind === 'failed' ? this.state.message : vscode.l10n.t('No webhooks are registered for this account in {0}.', environmentName(this.environment)));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      hooks.map((hook) => {
        const text = webhookRowText(hook);
        return { label: text.label, description: text.description, hook };
      }),
      { title, placeHolder: vscode.l10n.t('Which webhook?'), matchOnDescription: true, ignoreFocusOut: true },
    );
    return picked?.hook;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
