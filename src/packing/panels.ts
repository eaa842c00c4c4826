// The VS Code side of the packing queues: one webview panel per warehouse (opening an open one
// reveals it), each wired to a PackingController. Panels are not kept alive while hidden; the
// page saves its state and asks again with `ready` when it comes back, and the serializer
// reopens them after a window reload.
import * as vscode from 'vscode';
import { refreshIntervalSeconds, WorkbenchRefreshScheduler } from '../common/refresh/workbenchRefresh';
import { PackingController, type PackingLog } from './controller';
import { pagePoster, pageShell } from '../common/webview/panel';
import { mementoKnownStates } from './knownStates';
import type { WarehouseInfo } from './protocol';
import { PackingQueue, type PackingApi } from './queue';
import { pageStrings } from './strings';
import { unreachableText } from '../common/text/unreachable';
import { COMMANDS, PACKING_PANEL } from '../common/ids';
import type { Reachability } from '../common/refresh/refreshScheduler';
import { accessibilitySupportOn } from '../common/settings/read';

export const PACKING_VIEW_TYPE = PACKING_PANEL;

export interface PanelDeps {
  getClient(): Promise<PackingApi>;
  log: PackingLog;
  /** Keeps known states of different environments apart (e.g. `sandbox`, `production`). */
  scope(): string;
  /** The session's generation: a queue read before a sign-in, sign-out or switch is not acted on. */
  generation(): number;
  reachability: Reachability;
}

interface OpenPanel {
  panel: vscode.WebviewPanel;
  controller: PackingController;
}

export class PackingPanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  private readonly media: vscode.Uri;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: PanelDeps,
  ) {
    this.media = vscode.Uri.joinPath(context.extensionUri, 'media');
  }

  /** Shows the warehouse's queue: reveals its panel if open, else opens one. */
  show(warehouse: WarehouseInfo): void {
    const existing = this.open.get(warehouse.code);
    if (existing) {
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PACKING_VIEW_TYPE, this.title(warehouse), vscode.ViewColumn.Active, this.options());
    this.attach(panel, warehouse);
  }

  /** Takes over a panel VS Code restored after a reload. */
  restore(panel: vscode.WebviewPanel, warehouse: WarehouseInfo): void {
    if (this.open.has(warehouse.code)) {
      panel.dispose();
      this.show(warehouse);
      return;
    }
    panel.webview.options = this.options();
    this.attach(panel, warehouse);
  }

  /** The session changed (environment, sign-in): every open queue forgets its orders and reads again. */
  resetAll(): void {
    for (const { controller } of this.open.values()) {
      void controller.reset();
    }
  }

  dispose(): void {
    for (const { panel } of [...this.open.values()]) {
      panel.dispose();
    }
  }

  private title(warehouse: WarehouseInfo): string {
    return vscode.l10n.t('Packing: {0}', warehouse.name || warehouse.code);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [this.media] };
  }

  private attach(panel: vscode.WebviewPanel, warehouse: WarehouseInfo): void {
    const { log } = this.deps;
    const queue = new PackingQueue({
      warehouseCode: warehouse.code,
      getApi: () => this.deps.getClient(),
      scope: () => this.deps.scope(),
      generation: () => this.deps.generation(),
      known: mementoKnownStates(this.context.globalState, () => this.deps.scope(), (error) => log.warn(`Packing: could not save packing states: ${String(error)}`)),
    });
    const controller = new PackingController({
      warehouse,
      queue,
      strings: pageStrings(),
      locale: vscode.env.language,
      screenReader: accessibilitySupportOn,
      post: pagePoster(panel.webview, (text) => log.warn(text), 'Packing'),
      log,
      showLog: () => void vscode.commands.executeCommand(COMMANDS.showLog),
      signIn: () => void vscode.commands.executeCommand(COMMANDS.signIn),
      staleAfterSeconds: refreshIntervalSeconds,
      onRefresh: () => scheduler.refreshed(),
      reachability: this.deps.reachability,
      unreachableMessage: () => unreachableText(this.deps.scope()),
      // The same command as the palette's and the Webhook Inbox's: the next status, orderStatus fired.
      advanceOrderStatus: {
        available: () => this.deps.scope() === 'sandbox',
        run: async (orderId) => void (await vscode.commands.executeCommand(COMMANDS.advanceOrderStatus, { orderId })),
      },
    });
    const scheduler = new WorkbenchRefreshScheduler(() => void controller.refresh(), panel.visible, this.deps.reachability);
    this.open.set(warehouse.code, { panel, controller });

    panel.title = this.title(warehouse);
    panel.webview.html = pageShell(panel.webview, this.media, 'packing', this.title(warehouse));
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => {
        void controller.receive(message);
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => scheduler.update({ visible: webviewPanel.visible })),
    ];
    panel.onDidDispose(() => {
      controller.dispose();
      scheduler.dispose();
      subscriptions.forEach((subscription) => {
        subscription.dispose();
      });
      this.open.delete(warehouse.code);
    });
  }
}
