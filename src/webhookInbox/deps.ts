// What the Webhook Inbox's bundle (dist/webhookInbox.js) gets from the extension and offers back,
// as types only, so the shell in dist/extension.js carries none of the body.
import type * as vscode from 'vscode';
import type { Subscribe } from '../devtools/deps';
import type { WebhookType } from '../oto/webhooks';
import type { ListedWebhook, WebhookClient } from '../webhooks/accountWebhooks';
import type { WebhookRegistrar } from '../webhooks/connect';
import type { InboxEvent } from '../webhooks/inbox';

/** The slice of the in-process sandbox (RunningSandbox) the inbox and Trigger use. */
export interface InboxSandbox {
  readonly webhooks: WebhookRegistrar & {
    preview(type: WebhookType, orderId: string): Record<string, unknown>;
    /** The same core as `POST /__oto/webhooks/trigger`; returns how many webhooks it went to. */
    trigger(request: { type: WebhookType; orderId: string; fields?: Record<string, unknown>; webhookId?: number }): number;
    /** The id of the latest event built; the next event (a `trigger`'s) gets the one after it. */
    readonly lastEventId: number;
    /** How each delivery went (Send Test Event waits for the final one of the event it built). */
    onDidDeliver(listener: (outcome: { eventId: number; final: boolean; status?: number; error?: string }) => void): { dispose(): void };
    /** The same core as `POST /__oto/orders/{orderId}/status`: fires orderStatus, the packing queue follows. */
    setOrderStatus(orderId: string, status: string): void;
  };
  exportState(): { readonly orders: ReadonlyArray<{ readonly orderId: string; readonly status: string; readonly warehouseCode: string }> };
  /** Its clock (epoch ms), ahead of this machine's by what `advanceClock` added: the timestamps it signs. */
  readonly control: { now(): number };
}

export interface InboxSession {
  readonly environment: string;
  /** The sandbox when running or starting, without starting it. */
  readonly runningSandbox: Promise<InboxSandbox> | undefined;
  readonly onDidChangeSandbox: Subscribe<InboxSandbox | undefined>;
  readonly isSignedIn: boolean;
  /** An environment switch, a sign-in or out, a sandbox restart: the Webhooks view reads its list again. */
  readonly onDidChange: Subscribe<unknown>;
  /** The current environment's client (in the sandbox environment, starting the sandbox with it). */
  getClient(): Promise<WebhookClient>;
}

export interface InboxDeps {
  readonly session: InboxSession;
}

export interface InboxWiring extends InboxDeps {
  readonly secrets: vscode.SecretStorage;
  readonly workspaceState: vscode.Memento;
  readonly storageUri: vscode.Uri;
  readonly treeView: vscode.TreeView<InboxEvent>;
  /** The Webhooks view: the current environment's webhooks, through OTO's management API. */
  readonly webhooksView: vscode.TreeView<ListedWebhook>;
  /** Tells the Webhooks view its rows changed. */
  repaintWebhooks(): void;
  /** Tells the view its rows changed. */
  repaint(): void;
  /** Tells VS Code an event's open document changed (its forwarded answer came). */
  documentChanged(uri: vscode.Uri): void;
}

export interface InboxCommands {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  forwardTo(): Promise<void>;
  open(argument: unknown): Promise<void>;
  clear(): void;
  verify(): Promise<void>;
  trigger(): Promise<void>;
  send(argument: unknown): Promise<void>;
  advance(argument: unknown): Promise<void>;
  refreshWebhooks(): void;
  addWebhook(): Promise<void>;
  removeWebhook(argument: unknown): Promise<void>;
  sendTestWebhookEvent(argument: unknown): Promise<void>;
  copyWebhookUrl(argument: unknown): Promise<void>;
}

export interface InboxRuntime {
  readonly rows: Pick<vscode.TreeDataProvider<InboxEvent>, 'getChildren' | 'getTreeItem'>;
  readonly webhookRows: Pick<vscode.TreeDataProvider<ListedWebhook>, 'getChildren' | 'getTreeItem'>;
  readonly documents: vscode.TextDocumentContentProvider;
  readonly codeLenses: vscode.CodeLensProvider;
  readonly commands: InboxCommands;
  /** A sandbox started: the inbox registers with it again if it was connected. */
  sandboxStarted(sandbox: InboxSandbox): Promise<void>;
}
