// The Webhook Inbox in VS Code: the receiver's life (the port of `oto.webhooks.port`, another when
// it is taken), the keys kept in SecretStorage, the registration with the sandbox, Forward to…,
// the rows and the event documents. The checks and the receiver are src/webhooks' (no vscode).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS, focusViewCommand, VIEWS, WEBHOOK_SCHEME } from '../common/ids';
import { readSetting } from '../common/settings/read';
import { escapeMarkdown } from '../common/text/markdown';
import { connectInbox, disconnectInbox, INBOX_CONNECTED_KEY, type InboxCredentials } from '../webhooks/connect';
import { formatInboxDocument, formatVerificationDocument } from '../webhooks/document';
import { checkSavedForwardTarget, forwardEvent, parseForwardTarget, type ForwardTargetProblem, type RefusedSavedTarget } from '../webhooks/forward';
import { Inbox, type InboxEvent, type InboxKeys } from '../webhooks/inbox';
import { startReceiver, type ReceivedRequest, type RunningReceiver } from '../webhooks/receiver';
import { rowText, type RowIcon } from '../webhooks/rowText';
import type { InboxSandbox, InboxWiring } from './deps';

const SECRET_KEY = 'oto.webhooks.inbox.secretKey';
const AUTHORIZATION_KEY = 'oto.webhooks.inbox.authorizationKey';
const FORWARD_KEY = 'oto.webhooks.forwardTo';
/** Verify Webhook Signature… reports kept for their documents. */
const MAX_REPORTS = 20;
/** Forwards under way at once; an event past them is marked, not queued without end. */
const MAX_FORWARDS = 8;

const ICONS: Record<RowIcon, vscode.ThemeIcon> = {
  valid: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  invalid: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  unsigned: new vscode.ThemeIcon('circle-outline'),
  stale: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
};

/** `oto.webhooks.port` (checked by the settings reader): 0 picks a free port. */
function configuredPort(): number {
  return readSetting('webhooks.port');
}

function forwardProblem(problem: ForwardTargetProblem): string {
  switch (problem) {
    case 'notUrl':
      return vscode.l10n.t('Type a URL, such as http://localhost:3000/oto/webhook.');
    case 'notHttp':
      return vscode.l10n.t('The URL must start with http:// or https://.');
    case 'credentials':
      return vscode.l10n.t('Leave the user name and password out of the URL: the forwarding target is saved with the workspace, in clear. Your receiver gets each delivery\'s Authorization header as sent.');
    case 'notLoopback':
      return vscode.l10n.t('Only addresses on this machine (localhost, 127.0.0.1, ::1): the inbox never sends a delivery, with its signature and key, elsewhere.');
    case 'self':
      return vscode.l10n.t('That is the inbox\'s own port: forward to your receiver, not back to the inbox.');
  }
}

export class InboxController implements vscode.Disposable {
  readonly inbox: Inbox;
  private receiver: RunningReceiver | undefined;
  private starting: Promise<RunningReceiver> | undefined;
  private keys: InboxKeys = { secrets: [] };
  /** The sandbox the inbox is registered with: its deliveries are judged by its clock. */
  private sender: InboxSandbox | undefined;
  private readonly reports = new Map<number, string>();
  private nextReport = 1;
  private forwards = 0;
  private droppingSavedTarget = false;
  private readonly forwarding = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly wiring: InboxWiring) {
    this.inbox = new Inbox(() => this.keys, () => (this.sender ? this.sender.control.now() - Date.now() : 0));
    this.disposables.push(
      this.inbox.onDidChange((event) => {
        wiring.repaint();
        if (event) {
          wiring.documentChanged(this.uriOf(event));
        }
      }),
      vscode.workspace.onDidChangeConfiguration((change) => {
        if (change.affectsConfiguration('oto.webhooks.port') && this.receiver && this.receiver.port !== configuredPort()) {
          void this.restartReceiver();
        }
      }),
    );
    this.describe();
  }

  // Connecting

  async connect(): Promise<void> {
    const sandbox = await this.sandbox();
    if (!sandbox) {
      return;
    }
    if (await this.register(sandbox, true)) {
      await vscode.commands.executeCommand(focusViewCommand(VIEWS.webhookInbox));
    }
  }

  async disconnect(): Promise<void> {
    const sandbox = await this.wiring.session.runningSandbox?.catch(() => undefined);
    const receiver = this.receiver;
    if (sandbox && receiver) {
      disconnectInbox(sandbox.webhooks, receiver.origin);
    }
    await this.stopReceiver();
    this.sender = undefined;
    await this.wiring.workspaceState.update(INBOX_CONNECTED_KEY, false);
    await this.setConnected(false);
    void vscode.window.showInformationMessage(vscode.l10n.t('Webhook Inbox disconnected: the sandbox no longer sends to it.'));
  }

  /** A sandbox started while the inbox was connected: register with it again, quietly. */
  async sandboxStarted(sandbox: InboxSandbox): Promise<void> {
    await this.register(sandbox, false);
  }

  /** The running sandbox (started if the sandbox environment is in use), or undefined with a message. */
  async sandbox(): Promise<InboxSandbox | undefined> {
    const session = this.wiring.session;
    if (session.environment !== 'sandbox') {
      const use = vscode.l10n.t('Use Sandbox');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Webhooks come from the OTO sandbox: switch to the sandbox environment first.'), use);
      if (choice === use) {
        await vscode.commands.executeCommand(COMMANDS.useSandbox);
      }
      return undefined;
    }
    try {
      if (!session.runningSandbox) {
        await session.getClient();
      }
      return await session.runningSandbox;
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The sandbox could not start: {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  }

  private async register(sandbox: InboxSandbox, announce: boolean): Promise<boolean> {
    let receiver: RunningReceiver;
    try {
      const credentials = await this.credentials();
      receiver = await this.ensureReceiver();
      connectInbox(sandbox.webhooks, receiver.origin, credentials);
      this.sender = sandbox;
    } catch (error) {
      // OTO's refusal (OTO1120: ten webhooks already) or a port that cannot be had.
      void vscode.window.showErrorMessage(vscode.l10n.t('The Webhook Inbox could not be connected: {0}', error instanceof Error ? error.message : String(error)));
      return false;
    }
    await this.wiring.workspaceState.update(INBOX_CONNECTED_KEY, true);
    await this.setConnected(true);
    if (announce) {
      const busy = configuredPort() !== 0 && receiver.port !== configuredPort();
      const message = vscode.l10n.t('Webhook Inbox connected: the sandbox sends every webhook type to {0}.', receiver.origin);
      void vscode.window.showInformationMessage(busy ? `${message} ${vscode.l10n.t('Port {0} was taken (oto.webhooks.port).', configuredPort())}` : message);
    }
    return true;
  }

  /** The inbox's secretKey and authorizationKey, made once and kept in SecretStorage. */
  private async credentials(): Promise<InboxCredentials> {
    const kept = async (key: string): Promise<string> => {
      const value = await this.wiring.secrets.get(key);
      if (value) {
        return value;
      }
      const made = randomBytes(24).toString('base64url');
      await this.wiring.secrets.store(key, made);
      return made;
    };
    const credentials = { secretKey: await kept(SECRET_KEY), authorizationKey: await kept(AUTHORIZATION_KEY) };
    this.keys = { secrets: [{ name: vscode.l10n.t('the inbox\'s secret'), secret: credentials.secretKey }], authorizationKey: credentials.authorizationKey };
    return credentials;
  }

  private ensureReceiver(): Promise<RunningReceiver> {
    if (this.receiver) {
      return Promise.resolve(this.receiver);
    }
    this.starting ??= this.listen().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async listen(): Promise<RunningReceiver> {
    const onReceive = (request: ReceivedRequest): ReturnType<Inbox['receive']> => this.received(request);
    let receiver: RunningReceiver;
    try {
      receiver = await startReceiver({ port: configuredPort(), onReceive });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
        throw error;
      }
      receiver = await startReceiver({ port: 0, onReceive });
    }
    this.receiver = receiver;
    this.describe();
    return receiver;
  }

  private async stopReceiver(): Promise<void> {
    const receiver = this.receiver ?? (await this.starting?.catch(() => undefined));
    this.receiver = undefined;
    await receiver?.close();
    this.describe();
  }

  private async restartReceiver(): Promise<void> {
    await this.stopReceiver();
    const sandbox = await this.wiring.session.runningSandbox?.catch(() => undefined);
    if (sandbox && this.wiring.workspaceState.get(INBOX_CONNECTED_KEY) === true) {
      await this.register(sandbox, true);
    }
  }

  private async setConnected(connected: boolean): Promise<void> {
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.webhooksConnected, connected);
    this.describe();
  }

  // Receiving and forwarding

  private received(request: ReceivedRequest): ReturnType<Inbox['receive']> {
    const answer = this.inbox.receive(request);
    const target = this.forwardTarget();
    const [event] = this.inbox.list();
    if (target && event) {
      void this.forward(event, target);
    }
    return answer;
  }

  private forwardTarget(): URL | undefined {
    const text = this.wiring.workspaceState.get<string>(FORWARD_KEY);
    if (text === undefined) {
      return undefined;
    }
    const target = checkSavedForwardTarget(text);
    if (target instanceof URL) {
      return target;
    }
    void this.dropSavedTarget(target);
    return undefined;
  }

  /**
   * A saved target refused now (saved by an earlier version, with a password in its URL): it is
   * removed from the workspace's state, where it sat in clear, and the user is told why nothing
   * is forwarded any more, with the target offered again without what was refused.
   */
  private async dropSavedTarget(refused: RefusedSavedTarget): Promise<void> {
    if (this.droppingSavedTarget) {
      return;
    }
    this.droppingSavedTarget = true;
    try {
      await this.wiring.workspaceState.update(FORWARD_KEY, undefined);
      this.describe();
      const again = vscode.l10n.t('Forward Webhooks to…');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Webhooks are no longer forwarded to the saved target {0}, and it was removed. {1}', refused.shown, forwardProblem(refused.problem)), again);
      if (choice === again) {
        await this.forwardTo(refused.suggestion);
      }
    } finally {
      this.droppingSavedTarget = false;
    }
  }

  private async forward(event: InboxEvent, target: URL): Promise<void> {
    if (this.forwards >= MAX_FORWARDS) {
      this.inbox.setForward(event.id, { url: target.href, error: 'busy', body: '', truncated: false, durationMs: 0 });
      return;
    }
    this.forwards++;
    try {
      this.inbox.setForward(event.id, await forwardEvent(event, target, { signal: this.forwarding.signal }));
    } finally {
      this.forwards--;
    }
  }

  /** `initial`: the URL to offer (a refused saved target's, without its password); the saved target otherwise. */
  async forwardTo(initial?: string): Promise<void> {
    const current = initial ?? this.wiring.workspaceState.get<string>(FORWARD_KEY);
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Forward Webhooks to…'),
      prompt: vscode.l10n.t('Each event the inbox receives is sent on to this URL on this machine, its answer shown beside the event. Leave empty to stop forwarding.'),
      placeHolder: 'http://localhost:3000/oto/webhook',
      value: current ?? '',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const target = value.trim() === '' ? undefined : parseForwardTarget(value, this.receiver?.port);
        return target === undefined || target instanceof URL ? undefined : forwardProblem(target);
      },
    });
    if (text === undefined) {
      return;
    }
    const target = text.trim() === '' ? undefined : parseForwardTarget(text, this.receiver?.port);
    if (target !== undefined && !(target instanceof URL)) {
      return;
    }
    await this.wiring.workspaceState.update(FORWARD_KEY, target?.href);
    this.describe();
    void vscode.window.showInformationMessage(target ? vscode.l10n.t('Webhooks received from now on are forwarded to {0}.', target.href) : vscode.l10n.t('Webhooks are no longer forwarded.'));
  }

  /** The view's description: where the inbox listens, and where it forwards. */
  private describe(): void {
    const receiver = this.receiver;
    const target = this.forwardTarget();
    const listening = receiver ? receiver.origin.replace('http://', '') : vscode.l10n.t('not listening');
    this.wiring.treeView.description = target ? `${listening} → ${target.host}${target.pathname}` : listening;
  }

  // Rows and documents

  getChildren(element?: InboxEvent): InboxEvent[] {
    return element ? [] : this.inbox.list();
  }

  getTreeItem(event: InboxEvent): vscode.TreeItem {
    const text = rowText(event);
    const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.None);
    item.id = String(event.id);
    item.description = text.description;
    item.iconPath = ICONS[text.icon];
    item.tooltip = new vscode.MarkdownString(text.details.map(escapeMarkdown).join('\n\n'));
    item.contextValue = 'webhookEvent';
    item.command = { command: COMMANDS.openWebhookEvent, title: vscode.l10n.t('Open Webhook Event'), arguments: [event] };
    return item;
  }

  uriOf(event: InboxEvent): vscode.Uri {
    const name = `${event.type ?? 'event'}-${(event.orderId ?? '').replace(/[^\w-]+/g, '_').slice(0, 40)}`;
    return vscode.Uri.from({ scheme: WEBHOOK_SCHEME, path: `/${event.id}/${name}.json` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, first, second] = uri.path.split('/');
    if (first === 'verify') {
      return this.reports.get(Number(second)) ?? `${JSON.stringify({ message: vscode.l10n.t('This verification is no longer kept: run Verify Webhook Signature… again.') }, null, 2)}\n`;
    }
    const id = Number(first);
    const event = this.inbox.get(id);
    return event ? formatInboxDocument(event) : `${JSON.stringify({ message: vscode.l10n.t('This webhook event is no longer kept: the inbox keeps the latest ones only.') }, null, 2)}\n`;
  }

  async open(argument: unknown): Promise<void> {
    let event = typeof argument === 'object' && argument !== null && 'id' in argument ? this.inbox.get(Number(argument.id)) : undefined;
    if (!event) {
      const picked = await vscode.window.showQuickPick(
        this.inbox.list().map((candidate) => ({ label: rowText(candidate).label, description: rowText(candidate).description, event: candidate })),
        { title: vscode.l10n.t('Open Webhook Event'), placeHolder: vscode.l10n.t('No webhook received yet'), matchOnDescription: true },
      );
      event = picked?.event;
    }
    if (event) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(this.uriOf(event)), { preview: true });
    }
  }

  clear(): void {
    this.inbox.clear();
  }

  /** Verify Webhook Signature…: a payload (the selection, or pasted) against the inbox's secret and one typed. */
  async verify(): Promise<void> {
    const title = vscode.l10n.t('Verify Webhook Signature');
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
    const isPayload = (text: string): boolean => formatVerificationDocument(text, [], 0) !== undefined;
    const payload =
      selected !== undefined && isPayload(selected)
        ? selected
        : await vscode.window.showInputBox({
            title: `${title} (1/2)`,
            prompt: vscode.l10n.t('Paste the payload as it arrived (JSON with orderId, its status, timestamp and signature).'),
            ignoreFocusOut: true,
            validateInput: (text) => (isPayload(text) ? undefined : vscode.l10n.t('A JSON object, as OTO sends it.')),
          });
    if (payload === undefined) {
      return;
    }
    const kept = await this.wiring.secrets.get(SECRET_KEY);
    const typed = await vscode.window.showInputBox({
      title: `${title} (2/2)`,
      prompt: kept
        ? vscode.l10n.t('The webhook\'s secretKey to check with, besides the inbox\'s own; leave empty for the inbox\'s alone.')
        : vscode.l10n.t('The webhook\'s secretKey to check with.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text === '' && !kept ? vscode.l10n.t('A secret is needed: the inbox has none kept yet.') : undefined),
    });
    if (typed === undefined) {
      return;
    }
    const secrets = [
      ...(typed ? [{ name: vscode.l10n.t('the secret you entered'), secret: typed }] : []),
      ...(kept ? [{ name: vscode.l10n.t('the inbox\'s secret'), secret: kept }] : []),
    ];
    const report = formatVerificationDocument(payload, secrets, Date.now());
    if (report === undefined) {
      return;
    }
    const id = this.nextReport++;
    this.reports.set(id, report);
    this.reports.delete(id - MAX_REPORTS);
    const uri = vscode.Uri.from({ scheme: WEBHOOK_SCHEME, path: `/verify/${id}/signature.json` });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }

  dispose(): void {
    this.forwarding.abort();
    void this.stopReceiver();
    this.inbox.dispose();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
