// The Webhook Inbox's VS Code side: the view, its commands, the event documents' scheme and the
// Send CodeLens of triggered events. Here only what must exist from the start; the receiver, the
// checks and the flows are in dist/webhookInbox.js, loaded on a command, the view showing, or a
// sandbox starting while the inbox was connected.
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS, VIEWS, WEBHOOK_SCHEME } from '../common/ids';
import { lazyPart } from '../common/lazyBundle';
import { INBOX_CONNECTED_KEY } from '../webhooks/connect';
import type { ListedWebhook } from '../webhooks/accountWebhooks';
import type { InboxEvent } from '../webhooks/inbox';
import type { InboxCommands, InboxDeps, InboxRuntime, InboxSandbox, InboxWiring } from './deps';

export type { InboxDeps } from './deps';

const TRIGGER_FILES = { pattern: '**/*.oto-webhook.json' };

export function registerWebhookInbox(context: vscode.ExtensionContext, deps: InboxDeps): void {
  const repaint = new vscode.EventEmitter<undefined>();
  const documentChanged = new vscode.EventEmitter<vscode.Uri>();
  const load = (): InboxRuntime => part.load();
  const treeView = vscode.window.createTreeView<InboxEvent>(VIEWS.webhookInbox, {
    treeDataProvider: { onDidChangeTreeData: repaint.event, getChildren: (element) => load().rows.getChildren(element), getTreeItem: (element) => load().rows.getTreeItem(element) },
  });
  const repaintWebhooks = new vscode.EventEmitter<undefined>();
  // The account's webhooks (any environment, through OTO's API): their own view, collapsed, beside the sandbox-only inbox.
  const webhooksView = vscode.window.createTreeView<ListedWebhook>(VIEWS.webhooks, {
    treeDataProvider: { onDidChangeTreeData: repaintWebhooks.event, getChildren: (element) => load().webhookRows.getChildren(element), getTreeItem: (element) => load().webhookRows.getTreeItem(element) },
  });
  const part = lazyPart<InboxWiring, InboxRuntime>(context, 'webhookInbox', {
    ...deps,
    secrets: context.secrets,
    workspaceState: context.workspaceState,
    storageUri: context.storageUri ?? context.globalStorageUri,
    treeView,
    webhooksView,
    repaintWebhooks: () => repaintWebhooks.fire(undefined),
    repaint: () => repaint.fire(undefined),
    documentChanged: (uri) => documentChanged.fire(uri),
  });
  const follow = (sandbox: InboxSandbox): unknown => context.workspaceState.get(INBOX_CONNECTED_KEY) === true && load().sandboxStarted(sandbox);
  const register = (id: string, run: (commands: InboxCommands, argument: unknown) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, (argument: unknown) => run(load().commands, argument)));
  register(COMMANDS.connectWebhookInbox, (commands) => commands.connect());
  register(COMMANDS.disconnectWebhookInbox, (commands) => commands.disconnect());
  register(COMMANDS.forwardWebhooks, (commands) => commands.forwardTo());
  register(COMMANDS.openWebhookEvent, (commands, argument) => commands.open(argument));
  register(COMMANDS.clearWebhookInbox, (commands) => commands.clear());
  register(COMMANDS.verifyWebhookSignature, (commands) => commands.verify());
  register(COMMANDS.triggerWebhookEvent, (commands) => commands.trigger());
  register(COMMANDS.sendWebhookEvent, (commands, argument) => commands.send(argument));
  register(COMMANDS.advanceOrderStatus, (commands, argument) => commands.advance(argument));
  register(COMMANDS.refreshWebhooks, (commands) => commands.refreshWebhooks());
  register(COMMANDS.addWebhook, (commands) => commands.addWebhook());
  register(COMMANDS.removeWebhook, (commands, argument) => commands.removeWebhook(argument));
  register(COMMANDS.sendTestWebhookEvent, (commands, argument) => commands.sendTestWebhookEvent(argument));
  register(COMMANDS.copyWebhookUrl, (commands, argument) => commands.copyWebhookUrl(argument));
  context.subscriptions.push(
    repaint,
    repaintWebhooks,
    documentChanged,
    treeView,
    webhooksView,
    vscode.workspace.registerTextDocumentContentProvider(WEBHOOK_SCHEME, { onDidChange: documentChanged.event, provideTextDocumentContent: (uri, token) => load().documents.provideTextDocumentContent(uri, token) }),
    vscode.languages.registerCodeLensProvider(TRIGGER_FILES, { provideCodeLenses: (document, token) => load().codeLenses.provideCodeLenses(document, token) }),
    // A connected inbox follows the sandbox: a reset or a restart forgets its registrations.
    deps.session.onDidChangeSandbox((sandbox) => sandbox && follow(sandbox)),
  );
  void deps.session.runningSandbox?.then(follow, () => undefined);
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.webhooksConnected, false);
}
