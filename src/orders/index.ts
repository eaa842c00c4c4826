// Wires the stock commands into VS Code: adjust, set, inventory order and recent changes.
import * as vscode from 'vscode';
import type { FlowContext, OrdersClient, ReasonNote, StockView } from './context';
import { createInventoryOrder } from './inventoryOrder';
import { MementoLike, RecentChange, RecentChanges } from './recentChanges';
import { showRecentChanges } from './recentView';
import { changeStock } from './stockChange';
import { targetOf } from './target';
import { VsCodePrompter } from './vscodePrompter';
import { COMMANDS } from '../common/ids';

export interface OrdersDeps {
  /** The shared client of the active environment; rejects (an `auth` OtoError) when not signed in. */
  getClient(): Promise<OrdersClient>;
  /** The stock store: locations, catalogue and cached figures for the picks; `invalidate` after a write. */
  store: StockView;
  /** The active environment's name, recorded with each change. */
  environment(): string;
  /** The session's generation (Session.generation). */
  generation(): number;
  /** Where recent changes are kept (the extension's workspace state). */
  workspaceState: MementoLike;
  /** Told of every change and order recorded (the stock ledger). */
  onRecorded?(record: RecentChange): void;
  /** The optional reason step of adjust and set. */
  askReason?(): Promise<ReasonNote | undefined>;
}

const DEFAULT_CONFIRM_ABOVE_UNITS = 1000;

function confirmAboveUnits(): number {
  const value = vscode.workspace.getConfiguration('oto').get<unknown>('confirmAboveUnits');
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_CONFIRM_ABOVE_UNITS;
}

export function registerOrders(context: vscode.ExtensionContext, deps: OrdersDeps): void {
  const recent = new RecentChanges(deps.workspaceState, undefined, deps.onRecorded);
  const run = async (flow: (ctx: FlowContext) => Promise<void>): Promise<void> => {
    const prompter = new VsCodePrompter();
    try {
      await flow({
        prompter,
        getClient: () => deps.getClient(),
        stock: deps.store,
        environment: () => deps.environment(),
        generation: () => deps.generation(),
        recent,
        confirmAboveUnits,
        copyToClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
        showLog: async () => {
          await vscode.commands.executeCommand(COMMANDS.showLog);
        },
        now: () => new Date(),
        askReason: deps.askReason,
      });
    } finally {
      prompter.dispose();
    }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.adjustStock, (argument: unknown) => run((ctx) => changeStock(ctx, 'adjust', targetOf(argument)))),
    vscode.commands.registerCommand(COMMANDS.setStock, (argument: unknown) => run((ctx) => changeStock(ctx, 'set', targetOf(argument)))),
    vscode.commands.registerCommand(COMMANDS.createInventoryOrder, (argument: unknown) => run((ctx) => createInventoryOrder(ctx, targetOf(argument)))),
    vscode.commands.registerCommand(COMMANDS.showRecentChanges, () => run(showRecentChanges)),
  );
}
