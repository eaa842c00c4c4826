// What the Webhook Inbox's bundle (dist/webhookInbox.js) gets from the extension and offers back,
// as types only, so the shell in dist/extension.js carries none of the body.
import type * as vscode from 'vscode';
import type { Subscribe } from '../devtools/deps';
import type { WebhookType } from '../oto/webhooks';
import type { WebhookRegistrar } from '../webhooks/connect';
import type { InboxEvent } from '../webhooks/inbox';

/** The slice of the in-process sandbox (RunningSandbox) the inbox and Trigger use. */
export interface InboxSandbox {
  readonly webhooks: WebhookRegistrar & {
    preview(type: WebhookType, orderId: string): Record<string, unknown>;
    /** The same core as `POST /__oto/webhooks/trigger`; returns how many webhooks it went to. */
    trigger(request: { type: WebhookType; orderId: string; fields?: Record<string, unknown> }): number;
    /** The same core as `POST /__oto/orders/{orderId}/status`: fires orderStatus, the packing queue follows. */
    setOrderStatus(orderId: string, status: string): void;
  };
  exportState(): { readonly orders: ReadonlyArray<{ readonly orderId: string; readonly status: string; readonly warehouseCode: string }> };
}

export interface InboxSession {
  readonly environment: string;
  /** The sandbox when running or starting, without starting it. */
  readonly runningSandbox: Promise<InboxSandbox> | undefined;
  readonly onDidChangeSandbox: Subscribe<InboxSandbox | undefined>;
  /** Starts the sandbox in the sandbox environment (its client is made with it). */
  getClient(): Promise<unknown>;
}

export interface InboxDeps {
  readonly session: InboxSession;
}

export interface InboxWiring extends InboxDeps {
  readonly secrets: vscode.SecretStorage;
  readonly workspaceState: vscode.Memento;
  readonly storageUri: vscode.Uri;
  readonly treeView: vscode.TreeView<InboxEvent>;
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
}

export interface InboxRuntime {
  readonly rows: Pick<vscode.TreeDataProvider<InboxEvent>, 'getChildren' | 'getTreeItem'>;
  readonly documents: vscode.TextDocumentContentProvider;
  readonly codeLenses: vscode.CodeLensProvider;
  readonly commands: InboxCommands;
  /** A sandbox started: the inbox registers with it again if it was connected. */
  sandboxStarted(sandbox: InboxSandbox): Promise<void>;
}
